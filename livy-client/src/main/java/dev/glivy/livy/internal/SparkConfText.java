package dev.glivy.livy.internal;

import dev.glivy.internal.SettingParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Glue kernel's {@code %spark_conf} text, {@code "spark.a=1 --conf spark.b=2"} (a leading
 * {@code --conf} is allowed), into the key/value map Livy's {@code conf} field takes.
 */
public final class SparkConfText {
    private SparkConfText() {}

    /**
     * Parses {@code text}; each part without {@code key=value} adds a sentence to {@code problems} and is skipped.
     */
    public static Map<String, String> parse(String text, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : split(text.strip())) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                problems.add("%spark_conf part " + SettingParser.quote(p) + " is not key=value (for example "
                        + "spark.sql.shuffle.partitions=8); it is not sent to Livy");
                continue;
            }
            out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return out;
    }

    /**
     * {@code text} split at each {@code --conf} that starts the text or follows white space and is followed by white
     * space; linear in the length (a regex with {@code \\s+} on both sides backtracks quadratically on long runs of
     * spaces).
     */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int from = 0;
        while (true) {
            int at = text.indexOf("--conf", from);
            if (at < 0) {
                break;
            }
            int end = at + 6;
            boolean before = at == 0 || Character.isWhitespace(text.charAt(at - 1));
            boolean after = end < text.length() && Character.isWhitespace(text.charAt(end));
            if (before && after) {
                parts.add(text.substring(start, at));
                while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                start = end;
            }
            from = Math.max(end, at + 1);
        }
        parts.add(text.substring(start));
        return parts;
    }
}
