package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The lossy side of Livy 0.7.1's {@code sql} kind, which core's {@code FakeSql} cannot express (its tables hold only
 * integers, longs and strings). Livy's SQL interpreter turns rows into JSON with json4s's {@code Extraction}: a
 * decimal becomes a JSON double ({@code decimal(38,18)} {@code 12345678901234567890.5} reads
 * {@code 1.2345678901234567E19}), a timestamp or date becomes json4s's default date text in UTC, cut to whole
 * seconds ({@code 2024-01-02T03:04:05Z}), and a struct column (or an array or map of structs) throws
 * {@code NoClassDefFoundError scala/tools/scalap/...} on Spark 2.4.
 *
 * <p>Understood here: {@code select <item>, ...} where each item is {@code <literal> as <name>} and the literal is an
 * integer, a single-quoted string without escapes, {@code cast('<text>' as decimal(p,s))},
 * {@code cast('<text>' as timestamp)}, {@code timestamp '<text>'} or {@code cast('<text>' as date)}, with at least one
 * decimal, timestamp or date. Everything else is left to {@code FakeSql}. Timestamps without a zone are read as UTC.
 * Pure functions; thread-safe.
 */
final class FakeLivySql {
    private static final Pattern STRUCT = Pattern.compile("(?i)\\b(named_struct|struct)\\s*\\(");
    private static final Pattern SELECT = Pattern.compile("(?is)\\s*select\\s+(.+?)\\s*");
    private static final Pattern DECIMAL = Pattern.compile(
            "(?is)cast\\(\\s*'([^']*)'\\s+as\\s+decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)\\s*\\)\\s+as\\s+(\\w+)");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(?is)(?:cast\\(\\s*'([^']*)'\\s+as\\s+timestamp\\s*\\)|timestamp\\s*'([^']*)')\\s+as\\s+(\\w+)");
    private static final Pattern DATE =
            Pattern.compile("(?is)cast\\(\\s*'([^']*)'\\s+as\\s+date\\s*\\)\\s+as\\s+(\\w+)");
    private static final Pattern INT = Pattern.compile("(?is)(-?\\d+)\\s+as\\s+(\\w+)");
    private static final Pattern STRING = Pattern.compile("(?is)'([^'\\\\]*)'\\s+as\\s+(\\w+)");
    /** json4s {@code DefaultFormats.dateFormat}: {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC. */
    private static final DateTimeFormatter JSON4S_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FakeLivySql() {}

    /** Whether the query makes a struct column (directly or inside an array or map). */
    static boolean hasStruct(String query) {
        return STRUCT.matcher(query).find();
    }

    /** Livy's {@code application/json} output for the query, or {@code null} when {@code FakeSql} should answer. */
    static @Nullable JsonNode table(ObjectMapper json, String query) {
        Matcher m = SELECT.matcher(query);
        if (!m.matches()) {
            return null;
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode schema = out.putObject("schema").put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        ArrayNode row = json.createArrayNode();
        boolean lossy = false;
        for (String item : items(m.group(1))) {
            String name;
            String type;
            Matcher d = DECIMAL.matcher(item);
            Matcher t = TIMESTAMP.matcher(item);
            Matcher day = DATE.matcher(item);
            Matcher i = INT.matcher(item);
            Matcher s = STRING.matcher(item);
            if (d.matches()) {
                name = d.group(4);
                type = "decimal(" + d.group(2) + "," + d.group(3) + ")";
                row.add(new BigDecimal(d.group(1).strip())
                        .setScale(Integer.parseInt(d.group(3)), java.math.RoundingMode.HALF_UP)
                        .doubleValue());
                lossy = true;
            } else if (t.matches()) {
                name = t.group(3);
                type = "timestamp";
                row.add(JSON4S_DATE.format(instant(t.group(1) != null ? t.group(1) : t.group(2))));
                lossy = true;
            } else if (day.matches()) {
                name = day.group(2);
                type = "date";
                row.add(JSON4S_DATE.format(LocalDate.parse(day.group(1).strip()).atStartOfDay(ZoneOffset.UTC)));
                lossy = true;
            } else if (i.matches()) {
                name = i.group(2);
                type = "integer";
                row.add(Integer.parseInt(i.group(1)));
            } else if (s.matches()) {
                name = s.group(2);
                type = "string";
                row.add(s.group(1));
            } else {
                return null;
            }
            fields.addObject()
                    .put("name", name)
                    .put("type", type)
                    .put("nullable", false)
                    .putObject("metadata");
        }
        if (!lossy) {
            return null;
        }
        out.putArray("data").add(row);
        return out;
    }

    private static Instant instant(String text) {
        String t = text.strip().replace(' ', 'T');
        boolean zoned = t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$");
        return Instant.parse(zoned ? t : t + "Z");
    }

    /** The select list split at top-level commas (outside quotes and parentheses). */
    private static List<String> items(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(list.substring(start).strip());
        return out;
    }
}
