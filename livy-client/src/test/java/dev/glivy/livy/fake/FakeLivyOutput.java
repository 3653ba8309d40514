package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.testkit.FakeSql;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a statement of {@link FakeLivyServer} outputs, shaped like Livy 0.7.1's own REPL: Scala {@code text/plain}
 * ends in {@code "\n"}, a comment-only statement is {@code ok} with empty text, {@code sql} rows go through
 * {@link FakeLivySql}'s json4s-like conversion and SQL errors are named {@code "Error"}.
 *
 * <p>The tiny statement language (read after dropping the statement's comment-only lines, so a marker comment
 * appended to the code changes nothing): {@code sleep:<ms>} runs that long; {@code fail:<message>} raises a user
 * error; {@code compile-error} answers a Scala type mismatch as Livy's REPL does; {@code die} kills the session; {@code png} outputs an image; {@code json:<value>} outputs JSON; anything else
 * prints itself. Pure functions; thread-safe.
 */
final class FakeLivyOutput {
    /** Rows a {@code sql} statement returns at most, like Livy's {@code livy.rsc.sql.num-rows}. */
    static final int SQL_ROW_CAP = 1000;
    /** A tiny valid PNG (1x1), base64, as Livy's {@code image/png} output carries it. */
    static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/" + "iZk9HQAAAABJRU5ErkJggg==";

    private FakeLivyOutput() {}

    /** Livy's own line-ending normalisation of submitted code: {@code \r\n} and a lone {@code \r} become {@code \n}. */
    static String normalise(String code) {
        return code.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The code without its comment-only lines (in the kind's comment syntax). */
    static String effective(String code, String kind) {
        String prefix = comment(kind);
        List<String> kept = new ArrayList<>();
        for (String line : code.split("\n", -1)) {
            if (!line.strip().startsWith(prefix)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    private static String comment(String kind) {
        switch (kind) {
            case "pyspark":
            case "sparkr":
                return "#";
            case "sql":
                return "--";
            default:
                return "//";
        }
    }

    static Duration duration(String code, String kind, Duration normal) {
        String c = effective(code, kind).strip();
        if (c.startsWith("sleep:")) {
            return Duration.ofMillis(
                    Long.parseLong(c.substring("sleep:".length()).strip()));
        }
        return normal;
    }

    static boolean dies(String code, String kind) {
        return effective(code, kind).strip().equals("die");
    }

    /** The {@code output} object of a finished statement. */
    static ObjectNode of(ObjectMapper json, int id, String code, String kind) {
        String c = effective(code, kind).strip();
        if (c.startsWith("fail:")) {
            return error(
                    json,
                    id,
                    "Error",
                    c.substring("fail:".length()).strip(),
                    List.of("\tat <console>:1\n", "\tat fake.livy.Repl.run\n"));
        }
        if (c.equals("compile-error")) { // what Livy 0.7's Scala REPL answers for val x: Int = "a"
            return error(
                    json,
                    id,
                    "Error",
                    "<console>:24: error: type mismatch;",
                    List.of(
                            " found   : String(\"a\")\n",
                            " required: Int\n",
                            "       val x: Int = \"a\"\n",
                            "                    ^\n"));
        }
        ObjectNode out = json.createObjectNode();
        out.put("status", "ok");
        out.put("execution_count", id);
        ObjectNode data = out.putObject("data");
        if (kind.equals("sql")) {
            return sql(json, id, code, out, data);
        }
        String text;
        if (code.contains(FakeSql.WRAPPER_TAG)) {
            try {
                text = FakeSql.wrapperOutput(code);
            } catch (FakeSql.Failure e) {
                return error(
                        json,
                        id,
                        "org.apache.spark.sql.AnalysisException",
                        e.getMessage(),
                        List.of("\tat org.apache.spark.sql.Dataset.ofRows\n"));
            }
        } else if (c.isEmpty()) {
            data.put("text/plain", "");
            return out;
        } else if (c.equals("png")) {
            data.put("image/png", PNG);
            text = "<Figure>";
        } else if (c.startsWith("json:")) {
            try {
                data.set("application/json", json.readTree(c.substring("json:".length())));
                return out;
            } catch (IOException e) {
                text = "bad json: " + e.getMessage();
            }
        } else if (c.startsWith("sleep:")) {
            text = "slept " + duration(code, kind, Duration.ZERO).toMillis();
        } else {
            text = effective(code, kind);
        }
        if (kind.equals("spark") && !text.endsWith("\n")) {
            text = text + "\n";
        }
        data.put("text/plain", text);
        return out;
    }

    private static ObjectNode sql(ObjectMapper json, int id, String code, ObjectNode out, ObjectNode data) {
        String query = effective(code, "sql").strip();
        if (query.isEmpty()) {
            data.put("text/plain", "");
            return out;
        }
        if (FakeLivySql.hasStruct(query)) {
            return error(
                    json,
                    id,
                    "Internal Error: java.lang.NoClassDefFoundError",
                    "scala/tools/scalap/scalax/rules/scalasig/ScalaSigParser$",
                    List.of());
        }
        try {
            JsonNode table = FakeLivySql.table(json, query);
            data.set("application/json", table != null ? table : json.readTree(FakeSql.sqlOutput(query, SQL_ROW_CAP)));
            return out;
        } catch (FakeSql.Failure e) {
            return error(
                    json,
                    id,
                    "Error",
                    e.getMessage(),
                    List.of(
                            "org.apache.spark.sql.catalyst.analysis.package$AnalysisErrorAt.failAnalysis(package.scala:42)",
                            "org.apache.spark.sql.SparkSession.sql(SparkSession.scala:642)"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode error(
            ObjectMapper json, int id, String ename, @Nullable String evalue, List<String> traceback) {
        ObjectNode out = json.createObjectNode();
        out.put("status", "error");
        out.put("execution_count", id);
        out.put("ename", ename);
        out.put("evalue", evalue == null ? "" : evalue);
        traceback.forEach(out.putArray("traceback")::add);
        return out;
    }
}
