package dev.glivy.glue.stub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a statement does from its code text, the way a real session would for these few forms:
 * <ul>
 *   <li>Glivy's S3 side-channel code ({@code glivy-s3-v1}): writes the rows to S3 through the test's writer and
 *       prints the pointer ({@link StubS3Sql});
 *   <li>Glivy's typed-SQL wrapper ({@code glivy-sql-v1}): prints the JSON-lines envelope for its query
 *       ({@link StubSql});
 *   <li>kernel-style SQL ({@code spark.sql(<base64 query>).show()}): the decoded query's {@code show()} table, or a
 *       scripted answer;
 *   <li>a scripted answer whose fragment the code (or the decoded query) contains;
 *   <li>{@code raise Name("msg")} (Python) or {@code throw new Name("msg")} (Scala): a user error;
 *   <li>{@code time.sleep(seconds)} (Python) or {@code Thread.sleep(millis)} (Scala): runs that long;
 *   <li>{@code print("text")} / {@code println("text")}: prints the text.
 * </ul>
 */
final class StubCode {
    private static final Pattern SQL = Pattern.compile(
            "spark\\.sql\\((?:__import__\\(\"base64\"\\)\\.b64decode|new String\\(java\\.util\\.Base64\\.getDecoder"
                    + "\\.decode)\\(\"([A-Za-z0-9+/=]*)\"\\).*");
    private static final Pattern RAISE = Pattern.compile("raise (\\w+)\\((['\"])(.*?)\\2\\)");
    private static final Pattern THROW = Pattern.compile("throw new ([\\w.]+)\\(\"(.*?)\"\\)");
    private static final Pattern PY_SLEEP = Pattern.compile("time\\.sleep\\(([0-9.]+)\\)");
    private static final Pattern SCALA_SLEEP = Pattern.compile("Thread\\.sleep\\(([0-9]+)L?\\)");
    private static final Pattern PRINT = Pattern.compile("\\bprint(?:ln)?\\((['\"])(.*?)\\1\\)");

    /** A statement's outcome. */
    record Outcome(Duration duration, String text, String errorName, String errorValue, List<String> traceback) {
        boolean failed() {
            return errorName != null;
        }
    }

    private StubCode() {}

    static Outcome decide(String code, Map<String, String> scripted, Duration normal, StubS3Sql.Writer s3) {
        if (StubS3Sql.isS3Code(code)) {
            if (s3 == null) {
                return error(
                        normal,
                        "Py4JJavaError",
                        "No FileSystem for scheme \"s3\" (the stub has no S3 writer)",
                        "py4j.protocol.Py4JJavaError");
            }
            try {
                return ok(normal, StubS3Sql.run(code, s3));
            } catch (StubSql.Failure f) {
                return error(normal, "AnalysisException", f.getMessage(), "pyspark.sql.utils.AnalysisException");
            }
        }
        if (StubSql.isWrapper(code)) {
            try {
                return ok(normal, StubSql.wrapperOutput(code));
            } catch (StubSql.Failure f) {
                return error(normal, "AnalysisException", f.getMessage(), "pyspark.sql.utils.AnalysisException");
            }
        }
        String query = null;
        Matcher sql = SQL.matcher(code.strip());
        if (sql.matches()) {
            query = new String(Base64.getDecoder().decode(sql.group(1)), StandardCharsets.UTF_8);
        }
        String subject = query != null ? query : code;
        for (Map.Entry<String, String> e : scripted.entrySet()) {
            if (subject.contains(e.getKey())) {
                return ok(normal, e.getValue());
            }
        }
        if (query != null) {
            try {
                return ok(normal, StubSql.show(query));
            } catch (StubSql.Failure f) {
                return error(normal, "AnalysisException", f.getMessage(), "pyspark.sql.utils.AnalysisException");
            }
        }
        Matcher raise = RAISE.matcher(code);
        if (raise.find()) {
            return error(normal, raise.group(1), raise.group(3), "  File \"<stdin>\", line 1, in <module>");
        }
        Matcher thr = THROW.matcher(code);
        if (thr.find()) {
            return error(normal, thr.group(1), thr.group(2), "  at $line1.$read$$iw$$iw.<init>(<console>:1)");
        }
        Duration d = normal;
        Matcher sleep = PY_SLEEP.matcher(code);
        if (sleep.find()) {
            d = Duration.ofMillis((long) (Double.parseDouble(sleep.group(1)) * 1000));
        }
        Matcher ssleep = SCALA_SLEEP.matcher(code);
        if (ssleep.find()) {
            d = Duration.ofMillis(Long.parseLong(ssleep.group(1)));
        }
        List<String> lines = new ArrayList<>();
        Matcher p = PRINT.matcher(code);
        while (p.find()) {
            lines.add(p.group(2));
        }
        return ok(d, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    /** A table as Spark's {@code show()} prints it. */
    static String table(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.max(3, header.get(c).length());
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String sep = sep(w);
        sb.append(sep).append(row(w, header)).append(sep);
        rows.forEach(r -> sb.append(row(w, r)));
        return sb.append(sep).toString();
    }

    private static String sep(int[] w) {
        StringBuilder sb = new StringBuilder("+");
        for (int x : w) {
            sb.append("-".repeat(x)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static String row(int[] w, List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (int c = 0; c < w.length; c++) {
            sb.append(String.format(Locale.ROOT, "%" + w[c] + "s", cells.get(c)))
                    .append('|');
        }
        return sb.append('\n').toString();
    }

    private static Outcome ok(Duration d, String text) {
        return new Outcome(d, text, null, null, List.of());
    }

    private static Outcome error(Duration d, String name, String value, String frame) {
        return new Outcome(
                d,
                "",
                name,
                value,
                List.of("Traceback (most recent call last):\n", frame + "\n", name + ": " + value + "\n"));
    }
}
