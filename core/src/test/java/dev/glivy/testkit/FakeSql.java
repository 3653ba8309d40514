package dev.glivy.testkit;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.internal.sql.SqlCodegen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few SQL queries {@link FakeSessionTransport} understands, and the outputs a real backend would give for them:
 * Livy's {@code application/json} table for {@code sql} statements, and what Glivy's generated Python/Scala wrapper
 * prints (the {@code #glivy-sql-v1} envelope) for wrapper code. Other modules' fake servers (Livy, Glue stubs) use it
 * to answer SQL the same way, so the SQL tests of glivy-test's {@code TransportContract} pass on them too.
 *
 * <ul>
 *   <li>{@code select id from range(N)}: one {@code long} column {@code id}, rows 0..N-1;
 *   <li>{@code select <literal> as <name>, ...} with integer literals and single-quoted string literals (backslash
 *       escapes as in Spark SQL): one row;
 *   <li>any other query with {@code from}: fails like a missing table ({@code AnalysisException});
 *   <li>anything else: one row {@code [1, "<query>"]} with columns {@code one} (int) and {@code query} (string).
 * </ul>
 */
public final class FakeSql {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Pattern RANGE =
            Pattern.compile("(?is)\\s*select\\s+id\\s+from\\s+range\\(\\s*(\\d+)\\s*\\)\\s*");
    private static final Pattern FROM = Pattern.compile("(?is).*\\bfrom\\b.*");
    private static final Pattern CHUNK = Pattern.compile("(?m)^\\s*\"([A-Za-z0-9+/=]*)\",?\\s*$");
    private static final Pattern TAKE = Pattern.compile("take\\((\\d+)\\)");
    private static final Pattern NONCE = Pattern.compile("#glivy-sql-v1 begin ([0-9a-f]+)");

    /** The marker that identifies Glivy's generated SQL wrappers. */
    public static final String WRAPPER_TAG = "glivy-sql-v1";

    /** A user error the query raises, with Spark-like message text (for example a missing table). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** A result table: Spark schema JSON fields and rows of Long, Integer or String values. */
    private record Table(List<String[]> fields, List<List<Object>> rows) {}

    private FakeSql() {}

    private static final Pattern CALL =
            Pattern.compile("^(glivy_sql_[0-9a-f]{8})\\(\\[(.*?)\\], (\\d+), \"([0-9a-f]+)\"\\)"
                    + "|^(glivySql_[0-9a-f]{8})\\(Array\\[String\\]\\((.*?)\\), (\\d+), \"([0-9a-f]+)\"\\)");
    private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z0-9+/=]*)\"");

    /**
     * Whether {@code code} is one of Glivy's generated SQL wrappers (Python or Scala): a self-contained wrapper, a
     * prelude that defines the wrapper function, or a one-line call of it.
     */
    public static boolean isWrapper(String code) {
        return (code.contains(WRAPPER_TAG)
                        && TAKE.matcher(code).find()
                        && NONCE.matcher(code).find())
                || definedFunction(code) != null
                || calledFunction(code) != null;
    }

    /** The function a prelude defines, or {@code null} when {@code code} is not a prelude. */
    public static String definedFunction(String code) {
        if (code.equals(SqlCodegen.PYTHON_PRELUDE.stripTrailing()) || code.equals(SqlCodegen.PYTHON_PRELUDE)) {
            return SqlCodegen.PYTHON_FUNCTION;
        }
        if (code.equals(SqlCodegen.SCALA_PRELUDE.stripTrailing()) || code.equals(SqlCodegen.SCALA_PRELUDE)) {
            return SqlCodegen.SCALA_FUNCTION;
        }
        return null;
    }

    /** The function a one-line wrapper call calls, or {@code null} when {@code code} is not such a call. */
    public static String calledFunction(String code) {
        Matcher m = CALL.matcher(code);
        return !m.find() ? null : m.group(1) != null ? m.group(1) : m.group(5);
    }

    /**
     * What a call answers in a session without its function: the Python guard's marker as {@code text/plain}
     * ({@code error} false), or Scala's compile error value ({@code error} true).
     */
    public static String undefinedOutput(String code) {
        Matcher m = CALL.matcher(code);
        if (!m.find()) {
            throw new IllegalArgumentException("not a wrapper call: " + code);
        }
        return m.group(1) != null
                ? SqlCodegen.undefinedMarker(m.group(1), m.group(4)) + "\n"
                : "<console>:24: error: not found: value " + m.group(5);
    }

    /** The {@code application/json} output of a {@code sql} statement, keeping at most {@code cap} rows. */
    public static String sqlOutput(String query, int cap) throws Failure {
        Table t = run(query);
        ObjectNode out = JSON.createObjectNode();
        out.set("schema", schema(t));
        ArrayNode data = out.putArray("data");
        for (List<Object> row : t.rows.subList(0, Math.min(cap, t.rows.size()))) {
            ArrayNode a = data.addArray();
            row.forEach(v -> a.addPOJO(v));
        }
        return write(out);
    }

    /**
     * What the generated wrapper {@code code} prints, with stray output around it as real REPLs have.
     *
     * @throws IllegalArgumentException when {@code code} is not a wrapper (see {@link #isWrapper})
     */
    public static String wrapperOutput(String code) throws Failure {
        String defines = definedFunction(code);
        if (defines != null) {
            return code.startsWith("//")
                    ? defines + ": (glivyChunks: Array[String], glivyLimit: Int, glivyNonce: " + "String)Unit\n"
                    : "";
        }
        StringBuilder b64 = new StringBuilder();
        String nonceText;
        int limit;
        Matcher call = CALL.matcher(code);
        if (call.find()) {
            boolean py = call.group(1) != null;
            Matcher q = QUOTED.matcher(py ? call.group(2) : call.group(6));
            while (q.find()) {
                b64.append(q.group(1));
            }
            limit = Integer.parseInt(py ? call.group(3) : call.group(7));
            nonceText = py ? call.group(4) : call.group(8);
        } else {
            Matcher c = CHUNK.matcher(code);
            while (c.find()) {
                b64.append(c.group(1));
            }
            Matcher take = TAKE.matcher(code);
            Matcher nonce = NONCE.matcher(code);
            if (!take.find() || !nonce.find()) {
                throw new IllegalArgumentException("not a Glivy SQL wrapper: " + code);
            }
            limit = Integer.parseInt(take.group(1)) - 1;
            nonceText = nonce.group(1);
        }
        String query = new String(Base64.getDecoder().decode(b64.toString()), StandardCharsets.UTF_8);
        int fetch = limit + 1;
        Table t = run(query);
        List<List<Object>> rows = t.rows.subList(0, Math.min(fetch, t.rows.size()));
        int n = Math.min(rows.size(), limit);
        StringBuilder out = new StringBuilder("fake REPL: stray output without a newline");
        out.append("\n#glivy-sql-v1 begin ").append(nonceText).append('\n');
        out.append(write(schema(t))).append('\n');
        for (List<Object> row : rows.subList(0, n)) {
            Map<String, Object> obj = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                obj.put(t.fields.get(i)[0], row.get(i));
            }
            out.append(write(obj)).append('\n');
        }
        out.append("#glivy-sql-v1 end ")
                .append(nonceText)
                .append(" rows=")
                .append(n)
                .append(" truncated=")
                .append(rows.size() > limit)
                .append('\n');
        return out.append("fake REPL: stray output after\n").toString();
    }

    private static Table run(String query) throws Failure {
        Matcher range = RANGE.matcher(query);
        if (range.matches()) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 0; i < Long.parseLong(range.group(1)); i++) {
                rows.add(List.of(i));
            }
            return new Table(List.<String[]>of(new String[] {"id", "long", "false"}), rows);
        }
        Table literals = literals(query);
        if (literals != null) {
            return literals;
        }
        if (FROM.matcher(query).matches()) {
            throw new Failure("Table or view not found in: " + query);
        }
        return new Table(
                List.of(new String[] {"one", "integer", "false"}, new String[] {"query", "string", "true"}),
                List.of(List.of(1, query)));
    }

    /** {@code select <literal> as <name>, ...}, or null when the query is not of that shape. */
    private static Table literals(String q) {
        int i = skip(q, 0);
        if (!q.regionMatches(true, i, "select", 0, 6)
                || i + 6 >= q.length()
                || !Character.isWhitespace(q.charAt(i + 6))) {
            return null;
        }
        i += 6;
        List<String[]> fields = new ArrayList<>();
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
            fields.add(new String[] {q.substring(start, i), value instanceof String ? "string" : "integer", "false"});
            row.add(value);
            i = skip(q, i);
            if (i == q.length()) {
                return new Table(fields, List.of(row));
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

    private static ObjectNode schema(Table t) {
        ObjectNode s = JSON.createObjectNode().put("type", "struct");
        ArrayNode fields = s.putArray("fields");
        for (String[] f : t.fields) {
            fields.addObject()
                    .put("name", f[0])
                    .put("type", f[1])
                    .put("nullable", Boolean.parseBoolean(f[2]))
                    .putObject("metadata");
        }
        return s;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
