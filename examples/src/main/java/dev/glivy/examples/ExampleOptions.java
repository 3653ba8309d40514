package dev.glivy.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line flags shared by the examples: {@code --transport local|livy|glue} and the settings each backend
 * needs. Unknown flags and missing values are refused with a message listing what is allowed.
 */
final class ExampleOptions {
    static final List<String> FLAGS =
            List.of("transport", "livy-url", "region", "role", "data", "table-location", "database", "notebook", "out");

    private final Map<String, String> values;

    private ExampleOptions(Map<String, String> values) {
        this.values = values;
    }

    static ExampleOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !FLAGS.contains(a.substring(2))) {
                throw new IllegalArgumentException(
                        "unknown argument '" + a + "'; allowed: --" + String.join(" <value>, --", FLAGS) + " <value>");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            v.put(a.substring(2), args[++i]);
        }
        if (!v.containsKey("transport")) {
            v.put(
                    "transport",
                    env.containsKey("LIVY_URL") && !env.get("LIVY_URL").isBlank() ? "livy" : "local");
        }
        if (!v.containsKey("livy-url") && env.containsKey("LIVY_URL")) {
            v.put("livy-url", env.get("LIVY_URL"));
        }
        String t = v.get("transport");
        if (!List.of("local", "livy", "glue").contains(t)) {
            throw new IllegalArgumentException("--transport must be local, livy or glue but was '" + t + "'");
        }
        return new ExampleOptions(v);
    }

    String transport() {
        return values.get("transport");
    }

    Optional<String> get(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    String require(String flag, String why) {
        String v = values.get(flag);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + flag + " is required " + why);
        }
        return v;
    }
}
