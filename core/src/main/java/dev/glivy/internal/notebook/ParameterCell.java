package dev.glivy.internal.notebook;

import dev.glivy.Language;
import dev.glivy.internal.InternalApi;
import dev.glivy.internal.sql.SqlCodegen;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The code of a papermill-style injected parameters cell: one assignment per parameter, in the session's language,
 * each value rendered as a literal that cannot break out of itself. Python strings use escapes for everything but
 * printable ASCII; Scala strings with anything but plain printable ASCII are decoded from Base64 at run time (Scala
 * 2.12 would otherwise turn a {@code \\u0022} inside a literal into a quote before parsing). Values may be
 * {@code null}, booleans, integral and decimal numbers, strings and characters, and lists and string-keyed maps of
 * those. Pure functions; thread-safe.
 */
@InternalApi
public final class ParameterCell {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Set<String> PYTHON_KEYWORDS = Set.of(
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield");
    private static final Set<String> SCALA_KEYWORDS = Set.of(
            "abstract",
            "case",
            "catch",
            "class",
            "def",
            "do",
            "else",
            "extends",
            "false",
            "final",
            "finally",
            "for",
            "forSome",
            "if",
            "implicit",
            "import",
            "lazy",
            "macro",
            "match",
            "new",
            "null",
            "object",
            "override",
            "package",
            "private",
            "protected",
            "return",
            "sealed",
            "super",
            "this",
            "throw",
            "trait",
            "try",
            "true",
            "type",
            "val",
            "var",
            "while",
            "with",
            "yield",
            "_");
    /** The longest plain Scala string literal written (ASCII): well below a class file's 65,535 bytes. */
    private static final int PLAIN_MAX = 16_000;

    private static final Pattern SCALA_PLAIN = Pattern.compile("[A-Za-z0-9 _.,:;/+*=!?@#%&()\\[\\]{}<>|~^'`-]*");

    private ParameterCell() {}

    /**
     * The cell's code.
     *
     * @throws IllegalArgumentException naming the parameter when a name is not an identifier of {@code language} (or
     *     is one of its keywords), a value has a type that cannot be rendered, or the language is not Python or Scala
     */
    public static String code(Map<String, ? extends @Nullable Object> parameters, Language language) {
        if (language != Language.PYTHON && language != Language.SCALA) {
            throw new IllegalArgumentException(
                    "parameters can be injected into Python or Scala notebooks, not " + language + " ones");
        }
        StringBuilder sb = new StringBuilder(language == Language.PYTHON ? "# Parameters\n" : "// Parameters\n");
        for (Map.Entry<String, ? extends @Nullable Object> e : parameters.entrySet()) {
            String name = String.valueOf(e.getKey());
            boolean keyword =
                    language == Language.PYTHON ? PYTHON_KEYWORDS.contains(name) : SCALA_KEYWORDS.contains(name);
            if (e.getKey() == null || !NAME.matcher(name).matches() || keyword) {
                throw new IllegalArgumentException("parameter name '" + shorten(name) + "' is not "
                        + "usable in " + language.name().toLowerCase(java.util.Locale.ROOT) + ": a name is a letter or "
                        + "_ followed by up to 99 letters, digits or _, and not a keyword");
            }
            if (language == Language.PYTHON) {
                sb.append(name).append(" = ").append(python(name, e.getValue())).append('\n');
            } else {
                sb.append("val ")
                        .append(name)
                        .append(" = ")
                        .append(scala(name, e.getValue()))
                        .append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String python(String name, @Nullable Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Byte
                || v instanceof Short
                || v instanceof Integer
                || v instanceof Long
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "float(\"nan\")";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "float(\"inf\")" : "float(\"-inf\")";
            }
            return v instanceof Float ? Float.toString((Float) v) : Double.toString(d);
        }
        if (v instanceof BigDecimal d) {
            return "__import__(\"decimal\").Decimal(\"" + d.toString() + "\")";
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return pythonString(v.toString());
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                sb.append(python(name, it.next())).append(it.hasNext() ? ", " : "");
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(pythonString(key(name, e.getKey())))
                        .append(": ")
                        .append(python(name, e.getValue()))
                        .append(it.hasNext() ? ", " : "");
            }
            return sb.append('}').toString();
        }
        throw unsupported(name, v);
    }

    private static String scala(String name, @Nullable Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Byte || v instanceof Short) {
            return v + ".to" + (v instanceof Byte ? "Byte" : "Short");
        }
        if (v instanceof Long) {
            return v + "L";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            String suffix = v instanceof Float ? "f" : "";
            String type = v instanceof Float ? "Float" : "Double";
            if (Double.isNaN(d)) {
                return type + ".NaN";
            }
            if (Double.isInfinite(d)) {
                return type + (d > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
            }
            return (v instanceof Float ? Float.toString((Float) v) : Double.toString(d)) + suffix;
        }
        if (v instanceof BigInteger b) {
            return "BigInt(\"" + b + "\")";
        }
        if (v instanceof BigDecimal d) {
            return "BigDecimal(\"" + d + "\")";
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return scalaString(v.toString());
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("Seq(");
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                sb.append(scala(name, it.next())).append(it.hasNext() ? ", " : "");
            }
            return sb.append(')').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("Map(");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(scalaString(key(name, e.getKey())))
                        .append(" -> ")
                        .append(scala(name, e.getValue()))
                        .append(it.hasNext() ? ", " : "");
            }
            return sb.append(')').toString();
        }
        throw unsupported(name, v);
    }

    private static String key(String name, @Nullable Object k) {
        if (k instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("parameter " + name + " is a map with a key of type "
                + (k == null ? "null" : k.getClass().getName()) + ": map keys must be strings");
    }

    private static IllegalArgumentException unsupported(String name, Object v) {
        return new IllegalArgumentException(
                "parameter " + name + " has a value of type " + v.getClass().getName()
                        + ", which cannot be injected: use null, Boolean, Integer, Long, Double, Float, BigInteger, "
                        + "BigDecimal, String, a List or a Map with String keys");
    }

    /** A Python 3 string literal: printable ASCII as is, everything else escaped. */
    static String pythonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        sb.append((char) cp);
                    } else if (cp <= 0xff) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (cp <= 0xffff) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** A Scala string expression: a plain literal for harmless ASCII, else decoded from Base64 (UTF-8). */
    static String scalaString(String s) {
        if (s.length() <= PLAIN_MAX && SCALA_PLAIN.matcher(s).matches()) {
            return "\"" + s + "\"";
        }
        // a class file holds at most 65,535 bytes per string constant, and scalac folds "a" + "b" into one
        String b64 = SqlCodegen.chunks(s).size() == 1
                ? SqlCodegen.quotedChunks(s, "")
                : "Seq(" + SqlCodegen.quotedChunks(s, ", ") + ").mkString";
        return "new String(java.util.Base64.getDecoder.decode(" + b64 + "), java.nio.charset.StandardCharsets.UTF_8)";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
