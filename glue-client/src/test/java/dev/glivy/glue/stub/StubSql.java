package dev.glivy.glue.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark SQL the Glue stub can answer, and the two ways a Glue session shows a result: Spark's {@code show()}
 * text table (the kernel's {@code %%sql}) and the JSON-lines envelope Glivy's generated {@code glivy-sql-v1}
 * wrapper prints. Queries: {@code select id from range(N)}; {@code select <literal> as <name>, ...} with integer
 * and single-quoted string literals (Spark's backslash escapes); any other query reading {@code from} a table fails
 * as a missing table ({@code AnalysisException}).
 */
final class StubSql {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Pattern RANGE =
            Pattern.compile("(?is)\\s*select\\s+id\\s+from\\s+range\\(\\s*(\\d+)\\s*\\)\\s*");
    private static final Pattern CHUNK = Pattern.compile("(?m)^\\s*\"([A-Za-z0-9+/=]*)\",?\\s*$");
    private static final Pattern TAKE = Pattern.compile("take\\((\\d+)\\)");
    private static final Pattern NONCE = Pattern.compile("#glivy-sql-v1 begin ([0-9a-f]+)");
    private static final Pattern TABLE = Pattern.compile("(?is).*\\bfrom\\s+([\\w.`-]+).*");

    /** A query failure, as Spark reports it. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** A result: column names and Spark types, and rows. */
    record Table(List<String> names, List<String> types, List<List<Object>> rows) {}

    private StubSql() {}

    static boolean isWrapper(String code) {
        return code.contains("glivy-sql-v1")
                && NONCE.matcher(code).find()
                && TAKE.matcher(code).find();
    }

    /** What Glivy's generated wrapper prints for its query. */
    static String wrapperOutput(String code) throws Failure {
        StringBuilder b64 = new StringBuilder();
        Matcher c = CHUNK.matcher(code);
        while (c.find()) {
            b64.append(c.group(1));
        }
        Matcher take = TAKE.matcher(code);
        Matcher nonce = NONCE.matcher(code);
        take.find();
        nonce.find();
        String query = new String(Base64.getDecoder().decode(b64.toString()), StandardCharsets.UTF_8);
        int limit = Integer.parseInt(take.group(1)) - 1;
        Table t = run(query);
        int n = Math.min(limit, t.rows().size());
        StringBuilder out = new StringBuilder("\n#glivy-sql-v1 begin ")
                .append(nonce.group(1))
                .append('\n');
        ObjectNode schema = JSON.createObjectNode().put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        for (int i = 0; i < t.names().size(); i++) {
            fields.addObject()
                    .put("name", t.names().get(i))
                    .put("type", t.types().get(i))
                    .put("nullable", false)
                    .putObject("metadata");
        }
        out.append(write(schema)).append('\n');
        for (List<Object> row : t.rows().subList(0, n)) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < row.size(); i++) {
                o.putPOJO(t.names().get(i), row.get(i));
            }
            out.append(write(o)).append('\n');
        }
        return out.append("#glivy-sql-v1 end ")
                .append(nonce.group(1))
                .append(" rows=")
                .append(n)
                .append(" truncated=")
                .append(t.rows().size() > limit)
                .append('\n')
                .toString();
    }

    /** Spark's {@code show()}: at most 20 rows, values cut to 20 characters. */
    static String show(String query) throws Failure {
        Table t = run(query);
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : t.rows().subList(0, Math.min(20, t.rows().size()))) {
            List<String> r = new ArrayList<>();
            row.forEach(v -> {
                String s = String.valueOf(v);
                r.add(s.length() > 20 ? s.substring(0, 17) + "..." : s);
            });
            cells.add(r);
        }
        String table = StubCode.table(t.names(), cells);
        return t.rows().size() > 20 ? table + "only showing top 20 rows\n" : table;
    }

    static Table run(String query) throws Failure {
        Matcher range = RANGE.matcher(query);
        if (range.matches()) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 0; i < Long.parseLong(range.group(1)); i++) {
                rows.add(List.of(i));
            }
            return new Table(List.of("id"), List.of("long"), rows);
        }
        Table literals = literals(query);
        if (literals != null) {
            return literals;
        }
        Matcher table = TABLE.matcher(query);
        if (table.matches()) {
            throw new Failure("[TABLE_OR_VIEW_NOT_FOUND] The table or view " + table.group(1) + " cannot be found.");
        }
        throw new Failure("[PARSE_SYNTAX_ERROR] the Glue stub cannot run: " + query);
    }

    /** {@code select <literal> as <name>, ...}, or null when the query has another shape. */
    private static Table literals(String q) {
        int i = skip(q, 0);
        if (!q.regionMatches(true, i, "select", 0, 6)
                || i + 6 >= q.length()
                || !Character.isWhitespace(q.charAt(i + 6))) {
            return null;
        }
        i += 6;
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        while (true) {
            i = skip(q, i);
            Object value;
            if (i < q.length() && q.charAt(i) == '\'') {
                StringBuilder s = new StringBuilder();
                i++;
                while (i < q.length() && q.charAt(i) != '\'') {
                    char c = q.charAt(i);
                    if (c == '\\' && i + 1 < q.length()) {
                        char e = q.charAt(++i);
                        s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e);
                    } else {
                        s.append(c);
                    }
                    i++;
                }
                if (i >= q.length()) {
                    return null;
                }
                i++;
                value = s.toString();
            } else {
                int start = i;
                while (i < q.length() && (Character.isDigit(q.charAt(i)) || (i == start && q.charAt(i) == '-'))) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                value = Integer.parseInt(q.substring(start, i));
            }
            i = skip(q, i);
            if (!q.regionMatches(true, i, "as", 0, 2)) {
                return null;
            }
            i = skip(q, i + 2);
            int start = i;
            while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_')) {
                i++;
            }
            if (i == start) {
                return null;
            }
            names.add(q.substring(start, i));
            types.add(value instanceof String ? "string" : "integer");
            row.add(value);
            i = skip(q, i);
            if (i == q.length()) {
                return new Table(names, types, List.of(row));
            }
            if (q.charAt(i) != ',') {
                return null;
            }
            i++;
        }
    }

    private static int skip(String q, int i) {
        while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
