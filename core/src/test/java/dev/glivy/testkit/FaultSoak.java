package dev.glivy.testkit;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.StatementResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The exactly-once soak: many sessions run statements through a faulty backend, then every statement's outcome is
 * checked against what the backend's execution log says really ran. Half the sessions run one statement at a time,
 * half keep {@code inFlight} statements submitted. The code mixes unique statements, statements with CRLF line
 * endings and groups of identical statements, each printing a marker the check looks for.
 *
 * <p>Used by the Livy and Glue soak ITs (small) and the fault-soak benchmark (large). Not thread-safe: one run at a
 * time.
 */
public final class FaultSoak {
    /** What the soak needs from a backend under test. */
    public interface Backend {
        /** A builder for a new session on this backend (transport chosen, short backoff). */
        SessionBuilder session();

        /** The code of every statement the backend ran in {@code sessionId}, in run order (line endings as LF). */
        List<String> executed(String sessionId);

        /** Requests the backend has served so far, every operation. */
        int requests();
    }

    /** The shape of one run. */
    public record Workload(int sessions, int statementsPerSession, int inFlight, Duration statementTimeout) {}

    /** What one run found. Every count but {@code statements}, {@code requests} and {@code wall} should be 0. */
    public record Report(
            int statements,
            int unfinished,
            int wrongResults,
            int ranButReportedFailed,
            int failedAndNotRun,
            int duplicates,
            int reportedButNeverRan,
            int orderViolations,
            long requests,
            Duration wall,
            List<String> examples) {
        /** Requests per statement. */
        public double requestsPerStatement() {
            return statements == 0 ? 0 : (double) requests / statements;
        }

        /** Whether every statement had exactly one right outcome, in order. */
        public boolean clean() {
            return unfinished == 0
                    && wrongResults == 0
                    && ranButReportedFailed == 0
                    && failedAndNotRun == 0
                    && duplicates == 0
                    && reportedButNeverRan == 0
                    && orderViolations == 0;
        }

        @Override
        public String toString() {
            return String.format(
                    "%d statements: unfinished %d, wrong results %d, ran but reported failed %d, failed"
                            + " and not run %d, duplicates %d, reported but never ran %d, order violations %d; %.2f "
                            + "requests/statement; %d ms%s",
                    statements,
                    unfinished,
                    wrongResults,
                    ranButReportedFailed,
                    failedAndNotRun,
                    duplicates,
                    reportedButNeverRan,
                    orderViolations,
                    requestsPerStatement(),
                    wall.toMillis(),
                    examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    private record Outcome(String code, String marker, StatementResult result, Throwable error) {}

    private FaultSoak() {}

    /** The code of statement {@code i} of session {@code s}: unique, CRLF every 5th, identical every 7th. */
    public static String code(int s, int i) {
        if (i % 7 == 3) {
            return "println(\"soak same " + s + "\")";
        }
        String print = "println(\"soak " + s + " " + i + "\")";
        return i % 5 == 1 ? "// soak statement " + i + "\r\n" + print + "\r\n" : print;
    }

    private static String marker(String code) {
        int a = code.indexOf("soak ", code.indexOf("println"));
        return code.substring(a, code.indexOf('"', a));
    }

    /** Runs {@code w} on {@code backend} and checks every outcome. */
    public static Report run(Backend backend, Workload w) throws InterruptedException {
        long requestsBefore = backend.requests();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(w.sessions(), 20));
        List<Future<SessionRun>> runs = new ArrayList<>();
        for (int s = 0; s < w.sessions(); s++) {
            int sessionNo = s;
            runs.add(pool.submit(() -> runSession(backend, w, sessionNo)));
        }
        pool.shutdown();
        List<SessionRun> done = new ArrayList<>();
        int unfinished = 0;
        for (Future<SessionRun> f : runs) {
            try {
                done.add(f.get());
            } catch (ExecutionException e) {
                unfinished += w.statementsPerSession();
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        return check(backend, w, done, unfinished, backend.requests() - requestsBefore, wall);
    }

    private record SessionRun(String sessionId, List<String> submitted, List<Outcome> outcomes, int unfinished) {}

    private static SessionRun runSession(Backend backend, Workload w, int s) throws Exception {
        boolean sequential = s % 2 == 0;
        SessionBuilder b = backend.session()
                .statementTimeout(w.statementTimeout())
                .maxStatementsInFlight(sequential ? 1 : w.inFlight());
        try (InteractiveSession session = b.start()) {
            String sid = session.id().orElseThrow();
            List<String> submitted = new ArrayList<>();
            List<CompletableFuture<StatementResult>> futures = new ArrayList<>();
            List<Outcome> outcomes = new ArrayList<>();
            int unfinished = 0;
            for (int i = 0; i < w.statementsPerSession(); i++) {
                String code = code(s, i);
                submitted.add(code);
                futures.add(session.executeAsync(code));
                if (sequential || futures.size() - outcomes.size() >= w.inFlight()) {
                    unfinished += collect(futures.get(outcomes.size()), submitted.get(outcomes.size()), outcomes, w);
                }
            }
            while (outcomes.size() < futures.size()) {
                unfinished += collect(futures.get(outcomes.size()), submitted.get(outcomes.size()), outcomes, w);
            }
            return new SessionRun(sid, submitted, outcomes, unfinished);
        }
    }

    private static int collect(CompletableFuture<StatementResult> f, String code, List<Outcome> out, Workload w)
            throws InterruptedException {
        try {
            out.add(new Outcome(
                    code, marker(code), f.get(w.statementTimeout().toMillis() * 2, TimeUnit.MILLISECONDS), null));
            return 0;
        } catch (ExecutionException e) {
            out.add(new Outcome(code, marker(code), null, e.getCause()));
            return 0;
        } catch (TimeoutException e) {
            out.add(new Outcome(code, marker(code), null, e));
            return 1;
        }
    }

    private static String lf(String code) {
        return code.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Report check(
            Backend backend, Workload w, List<SessionRun> runs, int unfinished, long requests, Duration wall) {
        int statements = 0;
        int wrong = 0;
        int ranFailed = 0;
        int failedNotRun = 0;
        int dup = 0;
        int neverRan = 0;
        int order = 0;
        List<String> examples = new ArrayList<>();
        for (SessionRun r : runs) {
            statements += r.submitted.size();
            unfinished += r.unfinished;
            List<String> executed = backend.executed(r.sessionId);
            List<String> expected = new ArrayList<>();
            r.submitted.forEach(c -> expected.add(lf(c).stripTrailing()));
            List<String> ran = new ArrayList<>();
            executed.forEach(c -> ran.add(lf(c).stripTrailing()));
            Map<String, Integer> want = counts(expected);
            Map<String, Integer> got = counts(ran);
            Map<String, Integer> succeeded = new HashMap<>();
            Set<String> ids = new HashSet<>();
            for (Outcome o : r.outcomes) {
                String key = lf(o.code).stripTrailing();
                if (o.result != null) {
                    succeeded.merge(key, 1, Integer::sum);
                    if (!o.result.text().contains(o.marker) || !ids.add(o.result.statementId())) {
                        wrong++;
                        note(examples, "wrong result for " + o.marker + ": " + o.result);
                    }
                } else if (got.getOrDefault(key, 0) > 0) {
                    ranFailed++;
                    note(examples, o.marker + " ran but failed with " + o.error);
                } else {
                    failedNotRun++;
                    note(examples, o.marker + " failed and did not run: " + o.error);
                }
            }
            for (Map.Entry<String, Integer> e : want.entrySet()) {
                int g = got.getOrDefault(e.getKey(), 0);
                if (g > e.getValue()) {
                    dup += g - e.getValue();
                    note(examples, "ran " + g + " times, submitted " + e.getValue() + ": " + e.getKey());
                }
                int ok = succeeded.getOrDefault(e.getKey(), 0);
                if (ok > g) {
                    neverRan += ok - g;
                    note(examples, ok + " successes but ran " + g + " times: " + e.getKey());
                }
            }
            order += orderViolations(expected, ran);
        }
        return new Report(
                statements, unfinished, wrong, ranFailed, failedNotRun, dup, neverRan, order, requests, wall, examples);
    }

    /** Adjacent pairs of the run order whose submission order is reversed (matching repeats first-come). */
    private static int orderViolations(List<String> expected, List<String> ran) {
        Map<String, ArrayListIndex> positions = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            positions
                    .computeIfAbsent(expected.get(i), k -> new ArrayListIndex())
                    .add(i);
        }
        int last = -1;
        int violations = 0;
        for (String c : ran) {
            ArrayListIndex p = positions.get(c);
            int pos = p == null ? -1 : p.next();
            if (pos >= 0 && pos < last) {
                violations++;
            }
            last = Math.max(last, pos);
        }
        return violations;
    }

    private static final class ArrayListIndex {
        private final List<Integer> items = new ArrayList<>();
        private int next;

        void add(int i) {
            items.add(i);
        }

        int next() {
            return next < items.size() ? items.get(next++) : -1;
        }
    }

    private static Map<String, Integer> counts(List<String> codes) {
        Map<String, Integer> m = new HashMap<>();
        codes.forEach(c -> m.merge(c, 1, Integer::sum));
        return m;
    }

    private static void note(List<String> examples, String what) {
        if (examples.size() < 5) {
            examples.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
        }
    }
}
