package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.testkit.FakeSql;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One session of {@link FakeLivyServer}: Livy's state machine (starting until its start delay passed, then idle or
 * busy; dead when killed) and its statements, which run one at a time in submission order like Livy's REPL. All
 * methods are called under the server's lock.
 */
final class FakeLivySession {
    /** Rows a {@code sql} statement returns at most, like Livy's {@code livy.rsc.sql.num-rows}. */
    static final int SQL_ROW_CAP = 1000;
    /** A tiny valid PNG (1x1), base64, as Livy's {@code image/png} output carries it. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/"
            + "iZk9HQAAAABJRU5ErkJggg==";

    final String id;
    final String name;
    final ObjectNode createBody;
    final List<String> log = new ArrayList<>(List.of("stdout: ", "\nstderr: "));
    final List<Statement> statements = new ArrayList<>();
    private final long readyAt;
    private final Duration statementDuration;
    private final @Nullable List<String> deathOnStart;
    private @Nullable String finished;

    FakeLivySession(String id, String name, ObjectNode createBody, Duration startDelay, Duration statementDuration,
            @Nullable List<String> deathOnStart) {
        this.id = id;
        this.name = name;
        this.createBody = createBody;
        this.readyAt = System.nanoTime() + startDelay.toNanos();
        this.statementDuration = statementDuration;
        this.deathOnStart = deathOnStart;
        log.add("INFO fake-livy: session " + id + " starting");
    }

    /** The Livy state now. */
    String state() {
        if (finished != null) {
            return finished;
        }
        if (System.nanoTime() < readyAt) {
            return "starting";
        }
        if (deathOnStart != null) {
            finish("dead", deathOnStart);
            return "dead";
        }
        advance();
        if (finished != null) {
            return finished;
        }
        for (Statement st : statements) {
            if (st.state.equals("running") || st.state.equals("waiting") || st.state.equals("cancelling")) {
                return "busy";
            }
        }
        return "idle";
    }

    boolean active() {
        String s = state();
        return !(s.equals("dead") || s.equals("error") || s.equals("killed") || s.equals("success"));
    }

    /** Makes the session finish in {@code state} (dead, error, killed), appending {@code lines} to its log. */
    void finish(String state, List<String> lines) {
        finished = state;
        log.addAll(lines);
    }

    Statement submit(String code, String kind) {
        Statement st = new Statement(statements.size(), code, kind, duration(code));
        statements.add(st);
        advance();
        return st;
    }

    private Duration duration(String code) {
        if (code.startsWith("sleep:")) {
            return Duration.ofMillis(Long.parseLong(code.substring("sleep:".length()).strip()));
        }
        return statementDuration;
    }

    /** Runs the statement queue up to now. */
    void advance() {
        if (finished != null || System.nanoTime() < readyAt) {
            return;
        }
        boolean busy = false;
        for (Statement st : statements) {
            long now = System.nanoTime();
            if (st.state.equals("cancelling")) {
                st.state = "cancelled";
                st.completed = System.currentTimeMillis();
                continue;
            }
            if (st.state.equals("waiting") && !busy) {
                st.state = "running";
                st.runStart = now;
                st.started = System.currentTimeMillis();
                if (st.code.strip().equals("die")) {
                    finish("dead", List.of("ERROR fake-livy: the driver died running statement " + st.id,
                            "java.lang.IllegalStateException: driver exited with code 1"));
                    return;
                }
            }
            if (st.state.equals("running")) {
                if (now - st.runStart >= st.duration.toNanos()) {
                    st.state = "available";
                    st.completed = System.currentTimeMillis();
                } else {
                    busy = true;
                }
            }
        }
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        FakeLivyServer.putId(n, "id", id);
        n.put("name", name);
        n.putNull("appId");
        n.putNull("owner");
        n.set("proxyUser", createBody.has("proxyUser") ? createBody.get("proxyUser") : json.nullNode());
        n.put("state", state());
        n.put("kind", createBody.path("kind").asText("shared"));
        ObjectNode app = n.putObject("appInfo");
        app.putNull("driverLogUrl");
        app.put("sparkUiUrl", "http://127.0.0.1:4040/fake/" + id);
        ArrayNode lines = n.putArray("log");
        log.subList(Math.max(0, log.size() - 5), log.size()).forEach(lines::add);
        return n;
    }

    /** One statement. */
    static final class Statement {
        final int id;
        final String code;
        final String kind;
        final Duration duration;
        String state = "waiting";
        long runStart;
        long started;
        long completed;

        Statement(int id, String code, String kind, Duration duration) {
            this.id = id;
            this.code = code;
            this.kind = kind;
            this.duration = duration;
        }

        void cancel() {
            if (state.equals("waiting") || state.equals("running")) {
                state = "cancelling";
            }
        }

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode n = json.createObjectNode();
            n.put("id", id);
            n.put("code", code);
            n.put("state", state);
            if (state.equals("available")) {
                n.set("output", output(json));
                n.put("progress", 1.0);
            } else {
                n.putNull("output");
                double p = state.equals("running")
                        ? Math.min(0.99, (System.nanoTime() - runStart) / (double) Math.max(1, duration.toNanos()))
                        : 0.0;
                n.put("progress", p);
            }
            n.put("started", started);
            n.put("completed", completed);
            return n;
        }

        private ObjectNode output(ObjectMapper json) {
            ObjectNode out = json.createObjectNode();
            String c = code.strip();
            if (c.startsWith("fail:")) {
                out.put("status", "error");
                out.put("execution_count", id);
                out.put("ename", "Error");
                out.put("evalue", c.substring("fail:".length()).strip());
                out.putArray("traceback").add("\tat <console>:1\n").add("\tat fake.livy.Repl.run\n");
                return out;
            }
            String sql;
            try {
                sql = kind.equals("sql") ? FakeSql.sqlOutput(code, SQL_ROW_CAP)
                        : code.contains(FakeSql.WRAPPER_TAG) ? FakeSql.wrapperOutput(code) : null;
            } catch (FakeSql.Failure e) {
                out.put("status", "error");
                out.put("execution_count", id);
                out.put("ename", "org.apache.spark.sql.AnalysisException");
                out.put("evalue", e.getMessage());
                out.putArray("traceback").add("\tat org.apache.spark.sql.Dataset.ofRows\n");
                return out;
            }
            out.put("status", "ok");
            out.put("execution_count", id);
            ObjectNode data = out.putObject("data");
            if (sql != null && kind.equals("sql")) {
                try {
                    data.set("application/json", json.readTree(sql));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            } else if (sql != null) {
                data.put("text/plain", sql);
            } else if (c.equals("png")) {
                data.put("image/png", PNG);
                data.put("text/plain", "<Figure>");
            } else if (c.startsWith("json:")) {
                try {
                    JsonNode parsed = json.readTree(c.substring("json:".length()));
                    data.set("application/json", parsed);
                } catch (IOException e) {
                    data.put("text/plain", "bad json: " + e.getMessage());
                }
            } else if (c.startsWith("sleep:")) {
                data.put("text/plain", "slept " + duration.toMillis());
            } else {
                data.put("text/plain", code);
            }
            return out;
        }
    }
}
