package dev.glivy.internal;

import dev.glivy.Language;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text of a setting (a magic argument, an environment variable, an AWS config value) into its typed
 * value. Shared by the magic parser and the layering resolver, so all three read values the same way. Every failure
 * is an {@link IllegalArgumentException} whose message names the magic, the value and what is allowed.
 */
public final class SettingParser {
    private SettingParser() {}

    /** Parses {@code raw} for {@code setting}. */
    public static Object parse(Setting setting, String raw) {
        String v = raw.strip();
        String magic = "%" + setting.magic();
        switch (setting) {
            case NUMBER_OF_WORKERS:
                return integer(magic, v);
            case MAX_CAPACITY:
                return decimal(magic, v);
            case IDLE_TIMEOUT:
            case TIMEOUT:
                return Duration.ofMinutes(integer(magic + " (minutes)", v));
            case WORKER_TYPE:
                return WorkerType.of(nonEmpty(magic, v));
            case SESSION_TYPE:
                return SessionType.of(nonEmpty(magic, v));
            case LANGUAGE:
                return Language.of(nonEmpty(magic, v));
            case CONNECTIONS:
            case ADDITIONAL_PYTHON_MODULES:
            case EXTRA_PY_FILES:
            case EXTRA_JARS:
                return list(magic, v);
            case TAGS:
                return tags("%%tags", v);
            case OPTIONS:
                return Collections.unmodifiableMap(Json.parseObject("%%configure", v));
            default:
                return nonEmpty(magic, v);
        }
    }

    /** A comma-separated list, items trimmed, empty items dropped; a JSON array of strings is accepted too. */
    public static List<String> list(String magic, String v) {
        if (v.startsWith("[")) {
            Object parsed = Json.parse(magic, v);
            if (parsed instanceof List<?> l) {
                List<String> out = new ArrayList<>();
                for (Object o : l) {
                    if (!(o instanceof String s)) {
                        throw new IllegalArgumentException(magic + " must be a list of strings but contains "
                                + (o == null ? "null" : "a JSON " + Json.kind(o)));
                    }
                    if (!s.isBlank()) {
                        out.add(s.strip());
                    }
                }
                return List.copyOf(out);
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(magic + " must be a comma-separated list with at least one item but was '"
                    + v + "'");
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
                throw new IllegalArgumentException(magic + " value of '" + e.getKey() + "' must be a string but was "
                        + (value == null ? "null" : "a JSON " + Json.kind(value)));
            }
            out.put(e.getKey(), value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
        }
        return Collections.unmodifiableMap(out);
    }

    static int integer(String magic, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(magic + " must be a whole number but was '" + v + "'", e);
        }
    }

    static double decimal(String magic, String v) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException(v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(magic + " must be a number but was '" + v + "'", e);
        }
    }

    static String nonEmpty(String magic, String v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException(magic + " needs a value");
        }
        return v;
    }
}
