package dev.glivy.internal;

import dev.glivy.Language;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text of a setting (a magic argument, an environment variable, an AWS config value) or a
 * {@code %%configure} JSON value into its typed value. Shared by the magic parser and the layering resolver, so all
 * of them read values the same way. Every failure is an {@link IllegalArgumentException} whose message names the
 * magic, the value (quoted, clipped and with control characters escaped) and what is allowed.
 */
@InternalApi
public final class SettingParser {
    /** A plain decimal number: no hex floats, no {@code d}/{@code f} suffixes, no NaN or Infinity. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]++(?:\\.[0-9]*+)?|\\.[0-9]++)(?:[eE][+-]?[0-9]++)?");

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]++");
    /** What a redacted value is shown as ({@link Redaction#MASK}). */
    public static final String REDACTED = Redaction.MASK;
    /** Longest value shown in a message. */
    private static final int SHOWN = 100;

    private SettingParser() {}

    /** The magic a setting is written as, for messages: {@code %idle_timeout}, {@code %%tags}, ... */
    public static String label(Setting setting) {
        switch (setting) {
            case TAGS:
            case ASSUME_ROLE:
                return "%%" + setting.magic();
            case OPTIONS:
                return "%%configure";
            default:
                return "%" + setting.magic();
        }
    }

    /** Parses {@code raw} for {@code setting}; messages name the setting's magic. */
    public static Object parse(Setting setting, String raw) {
        return parse(setting, raw, label(setting));
    }

    /**
     * Parses {@code raw} for {@code setting}.
     *
     * @param label what messages call the value, for example {@code "%idle_timeout"}
     */
    public static Object parse(Setting setting, String raw, String label) {
        String v = raw.strip();
        switch (setting) {
            case WORKER_TYPE:
                return WorkerType.of(singleLine(label, v));
            case SESSION_TYPE:
                return SessionType.of(singleLine(label, v));
            case LANGUAGE:
                return language(label, v);
            case REGION:
                return singleLine(label, v).toLowerCase(Locale.ROOT);
            case TAGS:
                return tags(label, v);
            case OPTIONS:
                return Collections.unmodifiableMap(Json.parseObject(label, v));
            case ASSUME_ROLE:
                return roleArn(label, v);
            case MAX_LIFETIME:
                return Duration.ofMinutes(integer(label + " (maximum lifetime, minutes)", v));
            default:
                return byType(setting.valueType(), label, v);
        }
    }

    /** Reads a setting without syntax of its own by its {@link Setting#valueType()}. */
    private static Object byType(Class<?> type, String label, String v) {
        if (type == Integer.class) {
            return integer(label, v);
        }
        if (type == Double.class) {
            return decimal(label, v);
        }
        if (type == Duration.class) {
            return Duration.ofMinutes(integer(label + " (minutes)", v));
        }
        if (type == List.class) {
            return list(label, v);
        }
        if (type == String.class) {
            return singleLine(label, v);
        }
        throw new IllegalStateException("no parser for a setting of type " + type.getName());
    }

    /**
     * Reads the value of a recognised {@code %%configure} key: strings are read like magic arguments, numbers are
     * accepted where the setting is numeric (or a version), lists as JSON arrays of strings or comma strings, tags
     * as a JSON object.
     *
     * @param json the value as {@link Json#parse} returns it
     */
    public static Object fromJson(Setting setting, @Nullable Object json) {
        String label = "%%configure key '" + setting.magic() + "'";
        if (json == null) {
            throw new IllegalArgumentException(label + " must not be null; leave the key out to keep the default");
        }
        Class<?> type = setting.valueType();
        if (type == Map.class) {
            if (!(json instanceof Map)) {
                throw new IllegalArgumentException(label + " must be a JSON object but was a JSON " + Json.kind(json));
            }
            return parse(setting, Json.write(json), label);
        }
        boolean isList = type == List.class;
        if (json instanceof List && isList) {
            return list(label, Json.write(json));
        }
        if (json instanceof String s) {
            return parse(setting, s, label);
        }
        boolean numeric = type == Integer.class
                || type == Double.class
                || type == Duration.class
                || setting == Setting.GLUE_VERSION;
        if (numeric
                && (json instanceof BigDecimal
                        || json instanceof Long
                        || json instanceof BigInteger
                        || json instanceof Integer)) {
            String text = json instanceof BigDecimal d ? text(d) : json.toString();
            return parse(setting, text, label);
        }
        throw new IllegalArgumentException(
                label + " must be " + expected(setting, isList, numeric) + " but was a JSON " + Json.kind(json));
    }

    private static String expected(Setting setting, boolean isList, boolean numeric) {
        if (isList) {
            return "a JSON array of strings or a comma-separated string";
        }
        if (setting == Setting.GLUE_VERSION) {
            return "a string like \"4.0\"";
        }
        return numeric ? "a number" : "a string";
    }

    /** A comma-separated list, items trimmed, empty items dropped; a JSON array of strings is accepted too. */
    public static List<String> list(String magic, String v) {
        List<String> out = new ArrayList<>();
        if (v.startsWith("[")) {
            Object parsed = Json.parse(magic, v);
            if (!(parsed instanceof List<?> l)) {
                throw new IllegalArgumentException(magic + " must be a JSON array of strings or a comma-separated "
                        + "list but was a JSON " + (parsed == null ? "null" : Json.kind(parsed)));
            }
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException(magic + " must be a list of strings but contains "
                            + (o == null ? "null" : "a JSON " + Json.kind(o)));
                }
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        } else {
            for (String part : v.split(",", -1)) {
                if (!part.isBlank()) {
                    out.add(singleLine(magic, part.strip()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(magic + " must be a comma-separated list (or JSON array) with at least "
                    + "one item but was " + quote(v));
        }
        return List.copyOf(out);
    }

    /** Tags from a JSON object of strings (numbers and booleans are turned into text). */
    public static Map<String, String> tags(String magic, String v) {
        Map<String, @Nullable Object> m = Json.parseObject(magic, v);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, @Nullable Object> e : m.entrySet()) {
            Object value = e.getValue();
            if (value == null || value instanceof Map || value instanceof List) {
                throw new IllegalArgumentException(magic + " value of " + quote(e.getKey()) + " must be a string but "
                        + "was " + (value == null ? "null" : "a JSON " + Json.kind(value)));
            }
            out.put(e.getKey(), value instanceof BigDecimal d ? text(d) : String.valueOf(value));
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code d} as plain digits ({@code 4.0}, {@code 1000}), or in E notation when that would be absurdly long. */
    private static String text(BigDecimal d) {
        return number(d);
    }

    /**
     * A JSON number as text at bounded cost: plain digits ({@code 4.0}, {@code 1000}) when that is at most about 64
     * digits, else E notation ({@code 1E+999999999}), so a hostile exponent never allocates (or overflows) a huge
     * string.
     */
    public static String number(Number n) {
        if (!(n instanceof BigDecimal d)) {
            return n.toString();
        }
        long scale = d.scale();
        long digits = d.precision();
        return scale < -64 || scale > 64 || digits - scale > 64 ? d.toString() : d.toPlainString();
    }

    /**
     * {@code value} in single quotes for a message: secrets masked ({@link Redaction#text(String)}: secret-looking
     * {@code key=value} pairs, URL user-info, presigned-URL parameters), clipped to 100 characters (with the full
     * length said) and with control characters escaped, so a hostile value cannot flood or garble a log line or leak
     * a credential.
     */
    public static String quote(String value) {
        if (value.length() > 64 * 1024) {
            return "'" + escape(clip(Redaction.text(value.substring(0, 4 * SHOWN)), SHOWN)) + "...(" + value.length()
                    + " characters)'";
        }
        return "'" + escape(clip(Redaction.text(value), SHOWN)) + "'";
    }

    /** {@code s}, or its first {@code max} characters followed by its length when it is longer. */
    public static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " characters)";
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A role to assume: one line of text. The Glue kernel's dictionary of temporary credentials is refused, and no
     * message repeats the value, since it may hold secrets.
     */
    public static String roleArn(String label, String v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException(label + " needs a role ARN like arn:aws:iam::123456789012:role/Name");
        }
        if (v.startsWith("{")) {
            throw new IllegalArgumentException(label + " takes a role ARN like arn:aws:iam::123456789012:role/Name; "
                    + "the Glue kernel's dictionary of temporary credentials is not supported (value not shown: it "
                    + "holds secrets). Give credentials to the transport instead, for example "
                    + "GlueClientConfig.Builder.credentialsProvider(...)");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i)) && v.charAt(i) != '\t') {
                throw new IllegalArgumentException(label + " takes one role ARN like "
                        + "arn:aws:iam::123456789012:role/Name on one line (value not shown: it may be a credential)");
            }
        }
        return v;
    }

    private static Language language(String label, String v) {
        singleLine(label, v);
        try {
            return Language.of(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    label + " must be one of python, scala, sql, r (or the Livy kinds "
                            + "pyspark, spark, sparkr) but was " + quote(v),
                    e);
        }
    }

    /** Whether a configuration key looks like it holds a secret (password, token, secret, access key...). */
    public static boolean isSecretKey(String key) {
        return Redaction.isSecretKey(key);
    }

    /**
     * A copy of {@code options} for display: values of {@link #isSecretKey secret-looking} keys, at any depth of
     * nested objects, become {@value #REDACTED}.
     */
    public static Map<String, @Nullable Object> redacted(Map<String, ? extends @Nullable Object> options) {
        return Redaction.map(options);
    }

    /** {@code conf} ({@code k=v} pairs) for display, with the values of secret-looking keys replaced. */
    public static String redactedConf(String conf) {
        return Redaction.conf(conf);
    }

    static int integer(String magic, String v) {
        if (!WHOLE.matcher(v).matches()) {
            throw new IllegalArgumentException(magic + " must be a whole number but was " + quote(v));
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    magic + " must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                            + " but was " + quote(v),
                    e);
        }
    }

    static double decimal(String magic, String v) {
        double d = DECIMAL.matcher(v).matches() ? Double.parseDouble(v) : Double.NaN;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(
                    magic + " must be a decimal number like 2 or 0.0625 but was " + quote(v));
        }
        return d;
    }

    /** {@code v} when it is non-empty, one line and free of control characters other than tab. */
    public static String singleLine(String magic, String v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException(magic + " needs a value");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new IllegalArgumentException(
                        magic + " must be one line of text without control characters " + "but was " + quote(v));
            }
        }
        return v;
    }
}
