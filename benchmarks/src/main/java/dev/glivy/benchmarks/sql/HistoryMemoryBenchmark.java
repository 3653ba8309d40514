package dev.glivy.benchmarks.sql;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionRuntime;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SqlPlan;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.FakeSql;
import dev.glivy.testkit.ManualScheduler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Heap a session keeps, side by side in one run.
 *
 * <p><b>History.</b> One session (the real engine on virtual time over the in-memory fake backend) runs N statements
 * whose {@code text/plain} output is 100 KB each (a fresh string per statement, as decoded from a response). Heap
 * after full GC, minus the heap before the session, divided by N, with history unbounded
 * ({@code historySize(1,000,000)}, what every session did before the bound) and with the default
 * ({@value SessionBuilder#DEFAULT_HISTORY_SIZE}).
 *
 * <p><b>SQL result.</b> A generated-wrapper SQL output of R rows (the fake REPL's envelope for
 * {@code select id from range(R)}) decoded with {@link SqlResult#of}: heap held by the result alone (its statement
 * no longer keeps the table text) against the result plus the raw statement it was decoded from (what a SqlResult
 * held before).
 *
 * <p>Usage: {@code HistoryMemoryBenchmark [--statements N] [--rows R] [--out FILE]}; defaults 2,000 and 1,000,000.
 * Needs about {@code N * 100 KB + 400 MB} of heap ({@code -Xmx1g} for the defaults).
 */
public final class HistoryMemoryBenchmark {
    private static final int OUTPUT_CHARS = 100_000;

    private HistoryMemoryBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int statements = 2_000;
        int rows = 1_000_000;
        @Nullable Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--statements" -> statements = Integer.parseInt(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StringBuilder md = new StringBuilder("# History and SQL result memory\n\n");
        md.append(String.format(
                Locale.ROOT,
                "JVM %s, %d processors, max heap %d MB.%n%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20));
        md.append(String.format(
                Locale.ROOT,
                "## History: %,d statements with %,d-character outputs, one session%n%n",
                statements,
                OUTPUT_CHARS));
        md.append("| history | entries kept | heap kept after GC | per statement |\n|---|---:|---:|---:|\n");
        history(SessionBuilder.MAX_HISTORY_SIZE, statements); // warm-up, unmeasured
        for (int size : new int[] {SessionBuilder.MAX_HISTORY_SIZE, SessionBuilder.DEFAULT_HISTORY_SIZE}) {
            long[] r = history(size, statements);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.1f MB | %s |%n",
                    size == SessionBuilder.MAX_HISTORY_SIZE
                            ? "unbounded (1,000,000; as before)"
                            : "default (" + size + ")",
                    r[1],
                    r[0] / 1e6,
                    bytes(r[0] / (double) statements)));
        }
        md.append(String.format(Locale.ROOT, "%n## SQL result: %,d rows through the generated wrapper%n%n", rows));
        long[] sql = sqlResult(rows);
        md.append("| held | heap after GC |\n|---|---:|\n");
        md.append(String.format(
                Locale.ROOT, "| output text (payload) | %.1f MB (%,d characters) |%n", sql[2] / 1e6, sql[3]));
        md.append(String.format(Locale.ROOT, "| SqlResult + raw statement (as before) | %.1f MB |%n", sql[0] / 1e6));
        md.append(String.format(Locale.ROOT, "| SqlResult alone (now) | %.1f MB |%n", sql[1] / 1e6));
        md.append(String.format(Locale.ROOT, "%nThe SqlResult keeps %.2fx less heap.%n", sql[0] / (double) sql[1]));
        System.out.print(md);
        if (out != null) {
            Files.writeString(out, md);
        }
    }

    private static String bytes(double b) {
        return b >= 10_000 ? String.format(Locale.ROOT, "%.1f KB", b / 1e3) : String.format(Locale.ROOT, "%.0f B", b);
    }

    /** Heap kept by an open session after {@code n} statements, and the entries its history holds. */
    static long[] history(int historySize, int n) throws Exception {
        ManualScheduler time = new ManualScheduler();
        FakeSessionTransport fake = new FakeSessionTransport(time.clock())
                .startDelay(Duration.ZERO)
                .statementDuration(Duration.ofMillis(10));
        DelegatingTransport big = new DelegatingTransport(fake) {
            @Override
            public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
                return super.getStatement(sessionId, statementId).thenApply(HistoryMemoryBenchmark::bigOutput);
            }
        };
        long before = usedAfterFullGc();
        SessionRuntime runtime = SessionRuntime.builder()
                .scheduler(time)
                .executor(time)
                .clock(time.clock())
                .build();
        InteractiveSession s = InteractiveSession.builder()
                .transport(big)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .historySize(historySize)
                .config(c -> c.language(Language.SCALA))
                .build();
        await(time, s.startAsync());
        for (int i = 0; i < n; i++) {
            StatementResult r = await(time, s.executeAsync("print(" + i + ")"));
            if (r.text().length() < OUTPUT_CHARS) {
                throw new IllegalStateException("statement " + i + " has no big output");
            }
        }
        long used = usedAfterFullGc() - before;
        int kept = s.history().size();
        await(time, s.closeAsync());
        return new long[] {used, kept};
    }

    private static RemoteStatement bigOutput(RemoteStatement s) {
        if (s.state() != StatementState.AVAILABLE) {
            return s;
        }
        StringBuilder text = new StringBuilder(OUTPUT_CHARS + 16);
        text.append(s.id()).append(':');
        while (text.length() < OUTPUT_CHARS) {
            text.append("0123456789abcdef");
        }
        RemoteStatement.Builder b = RemoteStatement.builder()
                .id(s.id())
                .state(s.state())
                .backendState(s.backendState())
                .code(s.code().orElse(null))
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text.toString()))
                .executionCount(s.executionCount().orElse(null))
                .startedAt(s.startedAt().orElse(null))
                .completedAt(s.completedAt().orElse(null));
        s.progress().ifPresent(b::progress);
        return b.build();
    }

    /** {heap of result + raw, heap of result alone, heap of the text, its characters}. */
    static long[] sqlResult(int rows) throws Exception {
        SqlPlan plan = SqlPlan.wrapper("select id from range(" + rows + ")", rows, Language.SCALA);
        long base = usedAfterFullGc();
        StatementResult raw = StatementResult.builder()
                .sessionId("s")
                .statementId("1")
                .backend("livy")
                .state(StatementState.AVAILABLE)
                .language(Language.SCALA)
                .code(plan.code())
                .outputs(Map.of(StatementResult.TEXT_PLAIN, FakeSql.wrapperOutput(plan.code())))
                .build();
        long text = usedAfterFullGc() - base;
        int chars = raw.text().length();
        List<Object> held = new ArrayList<>();
        held.add(raw);
        held.add(SqlResults.of(raw, plan));
        long both = usedAfterFullGc() - base;
        SqlResult alone = (SqlResult) held.get(1);
        held.clear();
        raw = null;
        long one = usedAfterFullGc() - base;
        if (alone.size() != rows) {
            throw new IllegalStateException("decoded " + alone.size() + " rows");
        }
        return new long[] {both, one, text, chars};
    }

    private static <T> T await(ManualScheduler time, CompletableFuture<T> f) throws Exception {
        try {
            return time.await(f, Duration.ofHours(1));
        } catch (ExecutionException | CompletionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedAfterFullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
