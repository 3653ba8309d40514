package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One session of {@link FakeLivyServer}: Livy's state machine (starting until its start delay passed, then idle or
 * busy; dead when killed) and its statements, which run one at a time in submission order like Livy's REPL.
 *
 * <p>Like Livy 0.7.1's REPL, it keeps only the last {@code retainedStatements} statements (older ones, even waiting
 * or running ones, are forgotten but still run), and a new statement waits {@code statementStartLatency} before it
 * can start, during which the session still reads {@code idle}. Time is simulated from the clock: a statement starts
 * when the one before it finished (or its latency passed), not when someone polls, so the execution log's order and
 * times do not depend on polling. All methods are called under the server's lock.
 */
final class FakeLivySession {
    final String id;
    final String name;
    final ObjectNode createBody;
    final List<String> log = new ArrayList<>(List.of("stdout: ", "\nstderr: "));
    /** The code of every statement received, never evicted. */
    final List<String> received = new ArrayList<>();

    private final FakeLivyServer srv;
    private final List<Execution> executions;
    private final Deque<Statement> retained = new ArrayDeque<>();
    private final Deque<Statement> queue = new ArrayDeque<>();
    private final long readyAt;
    private final @Nullable List<String> deathOnStart;
    private int nextStatementId;
    private long runnerFreeAt;
    private @Nullable String finished;

    FakeLivySession(FakeLivyServer srv, String id, String name, ObjectNode createBody, List<Execution> executions) {
        this.srv = srv;
        this.id = id;
        this.name = name;
        this.createBody = createBody;
        this.executions = executions;
        this.readyAt = System.nanoTime() + srv.startDelay.toNanos();
        this.runnerFreeAt = readyAt;
        this.deathOnStart = srv.deathOnStart;
        log.add("INFO fake-livy: session " + id + " starting");
    }

    /** The session's kind as Livy reports it: the create body's, or {@code shared}. */
    String kind() {
        return createBody.path("kind").asText("shared");
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
        Statement head = queue.peek();
        return head == null || head.state.equals("waiting") ? "idle" : "busy";
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

    /** Adds a statement (code already normalised); evicts the oldest beyond the retained count. */
    Statement submit(String code, String kind) {
        Statement st = new Statement(
                nextStatementId++,
                code,
                kind,
                FakeLivyOutput.duration(code, kind, srv.statementDuration),
                System.nanoTime());
        received.add(code);
        retained.addLast(st);
        queue.addLast(st);
        while (retained.size() > Math.max(1, srv.retainedStatements)) {
            retained.removeFirst();
        }
        return st;
    }

    /** A retained statement, or {@code null} when Livy would answer "Statement not found". */
    @Nullable
    Statement statement(int statementId) {
        for (Statement st : retained) {
            if (st.id == statementId) {
                return st;
            }
        }
        return null;
    }

    /** The retained statements, oldest first. */
    List<Statement> retained() {
        return List.copyOf(retained);
    }

    /** Cancels like Livy's REPL: a waiting statement is cancelled at once, a running one goes through cancelling. */
    void cancel(Statement st) {
        if (st.state.equals("waiting")) {
            st.state = "cancelled";
            st.completed = System.currentTimeMillis();
        } else if (st.state.equals("running")) {
            st.state = "cancelling";
        }
    }

    /** Runs the statement queue up to now. */
    void advance() {
        long now = System.nanoTime();
        if (finished != null || now < readyAt) {
            return;
        }
        Duration latency = srv.statementStartLatency;
        while (!queue.isEmpty()) {
            Statement st = queue.peek();
            if (st.state.equals("cancelled")) {
                queue.poll();
                continue;
            }
            if (st.state.equals("cancelling")) {
                st.finish("cancelled", now, null);
                runnerFreeAt = now;
                queue.poll();
                continue;
            }
            if (st.state.equals("waiting")) {
                long start = Math.max(runnerFreeAt, st.submittedAt + latency.toNanos());
                if (now < start) {
                    return;
                }
                st.begin(start);
                executions.add(new Execution(id, st.id, st.code, st.kind));
                if (FakeLivyOutput.dies(st.code, st.kind)) {
                    finish(
                            "dead",
                            List.of(
                                    "ERROR fake-livy: the driver died running statement " + st.id,
                                    "java.lang.IllegalStateException: driver exited with code 1"));
                    return;
                }
            }
            long end = st.runStart + st.duration.toNanos();
            if (now < end) {
                return;
            }
            st.finish("available", end, FakeLivyOutput.of(srv.json, st.id, st.code, st.kind));
            runnerFreeAt = end;
            queue.poll();
        }
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        FakeLivyHandlers.putId(n, "id", id);
        n.put("name", name);
        n.putNull("appId");
        n.putNull("owner");
        n.set("proxyUser", createBody.has("proxyUser") ? createBody.get("proxyUser") : json.nullNode());
        n.put("state", state());
        n.put("kind", kind());
        ObjectNode app = n.putObject("appInfo");
        app.putNull("driverLogUrl");
        app.put("sparkUiUrl", "http://127.0.0.1:4040/fake/" + id);
        ArrayNode lines = n.putArray("log");
        log.subList(Math.max(0, log.size() - 5), log.size()).forEach(lines::add);
        return n;
    }

    private static long epochMillis(long nanos) {
        return System.currentTimeMillis() - (System.nanoTime() - nanos) / 1_000_000;
    }

    /** One statement. */
    static final class Statement {
        final int id;
        final String code;
        final String kind;
        final Duration duration;
        final long submittedAt;
        String state = "waiting";
        long runStart;
        long started;
        long completed;

        @Nullable
        ObjectNode output;

        Statement(int id, String code, String kind, Duration duration, long submittedAt) {
            this.id = id;
            this.code = code;
            this.kind = kind;
            this.duration = duration;
            this.submittedAt = submittedAt;
        }

        void begin(long nanos) {
            state = "running";
            runStart = nanos;
            started = epochMillis(nanos);
        }

        void finish(String to, long nanos, @Nullable ObjectNode out) {
            state = to;
            completed = epochMillis(nanos);
            output = out;
        }

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode n = json.createObjectNode();
            n.put("id", id);
            n.put("code", code);
            n.put("state", state);
            if (state.equals("available") && output != null) {
                n.set("output", output);
                n.put("progress", 1.0);
            } else {
                n.putNull("output");
                double p = state.equals("running")
                        ? Math.min(0.99, (System.nanoTime() - runStart) / (double) Math.max(1, duration.toNanos()))
                        : state.equals("waiting") ? 0.0 : 1.0;
                n.put("progress", p);
            }
            n.put("started", started);
            n.put("completed", completed);
            return n;
        }
    }
}
