package dev.glivy.livy.internal;

import dev.glivy.internal.SettingParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges a sparkmagic-style {@code %%configure} body (the session options) into the create-session fields, with
 * Livy's types: strings stay strings (numbers are written out), counts must be whole numbers, file lists accept a
 * JSON array or a comma-separated string, {@code conf} values become strings. A value that cannot be coerced is not
 * sent and gets a sentence; so does a key Livy does not document, which is sent as is.
 */
final class ConfigureOptions {
    private static final Set<String> STRINGS =
            Set.of("kind", "proxyUser", "driverMemory", "executorMemory", "queue", "name", "ttl", "idleTimeout");
    private static final Set<String> INTEGERS =
            Set.of("driverCores", "executorCores", "numExecutors", "heartbeatTimeoutInSecond");
    private static final Set<String> LISTS = Set.of("jars", "pyFiles", "files", "archives");
    private static final Set<String> KINDS = Set.of("spark", "pyspark", "sparkr", "sql", "shared");

    private final Map<String, Object> fields;
    private final List<String> notes;
    private final @Nullable LivyVersion version;

    ConfigureOptions(Map<String, Object> fields, List<String> notes, @Nullable LivyVersion version) {
        this.fields = fields;
        this.notes = notes;
        this.version = version;
    }

    void apply(Map<String, @Nullable Object> options) {
        for (Map.Entry<String, @Nullable Object> e : options.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null) {
                notes.add(where(key) + " is null; it is not sent to Livy");
            } else if (key.equals("conf")) {
                conf(value);
            } else if (STRINGS.contains(key)) {
                string(key, value);
            } else if (INTEGERS.contains(key)) {
                integer(key, value);
            } else if (LISTS.contains(key)) {
                list(key, value);
            } else {
                fields.put(key, value);
                notes.add(where(key) + " is not a Livy create-session field (known: "
                        + String.join(", ", LivyProtocol.BASE_CREATE_FIELDS) + ", ttl, idleTimeout); it is sent as "
                        + "is, and Livy rejects fields it does not know");
            }
        }
    }

    private static String where(String key) {
        return "%%configure " + SettingParser.quote(key).replace('\'', '"');
    }

    private void string(String key, Object value) {
        String s;
        if (value instanceof String str) {
            s = str;
        } else if (value instanceof Number n) {
            s = plain(n);
        } else {
            notes.add(where(key) + " must be a string but was " + describe(value) + "; it is not sent to Livy");
            return;
        }
        if (key.equals("kind") && !KINDS.contains(s)) {
            notes.add(where(key) + " must be one of spark, pyspark, sparkr, sql, shared but was "
                    + SettingParser.quote(s) + "; it is not sent to Livy");
            return;
        }
        if (LivyProtocol.NEWER_CREATE_FIELDS.contains(key) && !versionAllows(key)) {
            return;
        }
        fields.put(key, s);
    }

    private boolean versionAllows(String key) {
        if (version == null || !version.known()) {
            return true;
        }
        boolean ok = key.equals("ttl") ? version.atLeast(0, 8) : version.hasIdleTimeoutField();
        if (!ok) {
            notes.add(where(key) + " needs Livy " + (key.equals("ttl") ? "0.8" : "0.9") + " or later but the server is "
                    + version + "; it is not sent");
        }
        return ok;
    }

    private void integer(String key, Object value) {
        Integer n = wholeNumber(value);
        if (n == null || n < 0) {
            notes.add(where(key) + " must be a whole number >= 0 but was " + describe(value)
                    + "; it is not sent to Livy");
            return;
        }
        fields.put(key, n);
    }

    private static @Nullable Integer wholeNumber(Object value) {
        try {
            BigDecimal d;
            if (value instanceof BigDecimal b) {
                d = b;
            } else if (value instanceof Number num) {
                d = new BigDecimal(num.toString());
            } else if (value instanceof String s) {
                d = new BigDecimal(s.strip());
            } else {
                return null;
            }
            return d.intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private void list(String key, Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        } else if (value instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s && !s.isBlank()) {
                    items.add(s.strip());
                } else {
                    notes.add(where(key) + " item " + describe(o) + " is not a path string; it is not sent to Livy");
                }
            }
        } else {
            notes.add(
                    where(key) + " must be a list of strings but was " + describe(value) + "; it is not sent to Livy");
            return;
        }
        CreatePlan.appendList(fields, key, items);
    }

    private void conf(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            notes.add(where("conf") + " must be a JSON object of Spark properties but was " + describe(value)
                    + "; it is not sent to Livy");
            return;
        }
        Map<String, String> conf = new LinkedHashMap<>();
        if (fields.get("conf") instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> conf.put(String.valueOf(k), String.valueOf(v)));
        }
        m.forEach((k, v) -> {
            if (v instanceof String || v instanceof Boolean) {
                conf.put(String.valueOf(k), String.valueOf(v));
            } else if (v instanceof Number n) {
                conf.put(String.valueOf(k), plain(n));
            } else {
                notes.add(where("conf") + " property " + SettingParser.quote(String.valueOf(k))
                        + " must be a string, number or boolean but was " + describe(v) + "; it is not sent to Livy");
            }
        });
        fields.put("conf", conf);
    }

    private static String plain(Number n) {
        return SettingParser.number(n);
    }

    private static String describe(@Nullable Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Map) {
            return "a JSON object";
        }
        if (o instanceof List) {
            return "a JSON array";
        }
        return o instanceof String s
                ? SettingParser.quote(s)
                : o instanceof Number n ? SettingParser.clip(SettingParser.number(n), 100) : o.toString();
    }
}
