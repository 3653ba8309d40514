package dev.glivy.livy.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the Glue kernel's {@code %spark_conf} text, {@code "spark.a=1 --conf spark.b=2"} (a leading
 * {@code --conf} is allowed), into the key/value map Livy's {@code conf} field takes.
 */
public final class SparkConfText {
    private static final Pattern SEPARATOR = Pattern.compile("(?:^|\\s+)--conf\\s+");

    private SparkConfText() {}

    /**
     * Parses {@code text}; each part without {@code key=value} adds a sentence to {@code problems} and is skipped.
     */
    public static Map<String, String> parse(String text, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : SEPARATOR.split(text.strip())) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                problems.add("%spark_conf part '" + p + "' is not key=value (for example "
                        + "spark.sql.shuffle.partitions=8); it is not sent to Livy");
                continue;
            }
            out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return out;
    }
}
