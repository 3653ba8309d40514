package dev.glivy.test.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the few Java values a scripted table holds as JSON text. Hand-written so glivy-test needs no JSON library
 * of its own (it depends only on core, JUnit's API and AssertJ).
 */
public final class JsonText {
    private JsonText() {}

    /** Appends {@code value} as JSON. */
    public static void append(StringBuilder b, @Nullable Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            b.append(value);
        } else if (value instanceof BigDecimal d) {
            b.append(d.toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                string(b, String.valueOf(d));
            } else {
                b.append(value);
            }
        } else if (value instanceof Number n) {
            b.append(new BigDecimal(n.toString()).toPlainString());
        } else if (value instanceof LocalDate || value instanceof Instant) {
            string(b, value.toString());
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                append(b, list.get(i));
            }
            b.append(']');
        } else if (value instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                append(b, e.getValue());
            }
            b.append('}');
        } else if (value instanceof CharSequence || value instanceof Character) {
            string(b, value.toString());
        } else {
            throw new IllegalArgumentException(
                    "a scripted table cannot hold a " + value.getClass().getName()
                            + "; use null, Boolean, Number, String, LocalDate, Instant, List or Map");
        }
    }

    /** Appends {@code s} as a JSON string. */
    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
