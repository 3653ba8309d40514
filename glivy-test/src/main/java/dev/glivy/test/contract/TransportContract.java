package dev.glivy.test.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SessionAdmin;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.SparkType;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementCancelledException;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every transport must show through {@link InteractiveSession}, as a JUnit 5 suite you extend to prove
 * that your own {@link SessionTransport} behaves like the built-in ones (local Spark, Livy, Glue): state mapping and
 * the statement lifecycle, errors, typed SQL (limits, truncation, adversarial query text), cancel (by id and by
 * cancelling the future), deadlines, idempotent close, and (where the backend can inject faults, see
 * {@link #faults}) 404 &rarr; {@link SessionLostException}, throttling &rarr; retried, and exactly-once create and
 * submit after lost answers.
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContract {
 *     protected SessionTransport newTransport() { return MyTransport.builder().url(server.url()).build(); }
 *     protected String okCode() { return "1 + 1"; }
 *     protected String failingCode() { return "throw new RuntimeException(\"boom\")"; }
 *     protected String slowCode() { return "Thread.sleep(600000)"; }
 * }
 * }</pre>
 *
 * <p>Subclasses supply a transport and three snippets of code in the transport's default language; the SQL tests
 * send {@code select 1 as one, 'x' as letter}, {@code select id from range(N)}, {@code select '<text>' as s} and a
 * query on the missing table {@code glivy_no_such_table_x}. The suite runs everything through the async API plus
 * {@link #await}, so a subclass on virtual time ({@link dev.glivy.test.ManualScheduler}) can drive time itself; the
 * default {@link #await} and {@link #eventually} use real time (up to {@link #patience()}, default 3 minutes).
 * Tests that need fault injection are skipped (with the reason "backend offers fault injection") unless
 * {@link #faults} returns one; tests that need real Spark SQL are skipped unless {@link #runsSparkSql()}.
 *
 * <p>Not thread-safe: JUnit makes one instance per test. <b>Ownership:</b> the suite closes every transport
 * {@link #newTransport()} returned and every session it started, after each test.
 *
 * @since 0.2
 */
public abstract class TransportContract {
    private final List<InteractiveSession> sessions = new ArrayList<>();
    private final List<SessionTransport> transports = new ArrayList<>();
    /** Events of the sessions built by {@link #newSession}. */
    protected final RecordingListener events = new RecordingListener();

    /** A new transport for one test; the suite closes it afterwards. */
    protected abstract SessionTransport newTransport();

    /** Code in the default language that succeeds and prints something. */
    protected abstract String okCode();

    /** Code in the default language whose user code raises an error. */
    protected abstract String failingCode();

    /** Code in the default language that runs for at least 30 seconds unless cancelled. */
    protected abstract String slowCode();

    /** The backend's fault injection, when it has one. */
    protected Optional<TransportFaults> faults(SessionTransport transport) {
        return Optional.empty();
    }

    /** The runtime sessions use; default: a real one per test. */
    protected SessionRuntime runtime() {
        return sharedRealRuntime();
    }

    /** How long a test may wait for one future. */
    protected Duration patience() {
        return Duration.ofMinutes(3);
    }

    /** Lets a subclass adjust every session builder (timeouts, polling, auth...). */
    protected SessionBuilder configure(SessionBuilder builder) {
        return builder;
    }

    /** Waits for a future (real time by default). */
    protected <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(patience().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Waits until {@code condition} holds (real time by default, checking every 20 ms). */
    protected void eventually(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + patience().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + patience());
            }
            Thread.sleep(20);
        }
    }

    private SessionRuntime real;

    private SessionRuntime sharedRealRuntime() {
        if (real == null) {
            real = SessionRuntime.create();
        }
        return real;
    }

    /** A fresh transport, closed after the test. */
    protected final SessionTransport transport() {
        SessionTransport t = newTransport();
        transports.add(t);
        return t;
    }

    /** A builder over {@code transport} with test defaults: no environment, no shutdown hook, fast retries. */
    protected final SessionBuilder newSession(SessionTransport transport) {
        return configure(InteractiveSession.builder()
                .transport(transport)
                .runtime(runtime())
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .listener(events)
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200))));
    }

    /** Builds and starts a session, closed after the test. */
    protected final InteractiveSession started(SessionBuilder builder) throws Exception {
        InteractiveSession s = builder.build();
        sessions.add(s);
        await(s.startAsync());
        return s;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (InteractiveSession s : sessions) {
            try {
                await(s.closeAsync());
            } catch (Exception e) {
                // already reported by the test
            }
        }
        transports.forEach(SessionTransport::close);
        if (real != null) {
            real.close();
            real = null;
        }
    }

    private <T> Throwable failure(CompletableFuture<T> f) {
        try {
            await(f);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the future to fail");
    }

    @Test
    @DisplayName("build() makes no remote call; statements before start() fail saying to call start()")
    void notStartedUntilStart() throws Exception {
        InteractiveSession s = newSession(transport()).build();
        sessions.add(s);
        assertThat(s.state()).isEqualTo(SessionState.NOT_STARTED);
        assertThat(s.id()).isEmpty();
        assertThat(failure(s.executeAsync(okCode())))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("start()");
    }

    @Test
    @DisplayName("start() reaches a ready state and info() describes the same session")
    void startReachesReady() throws Exception {
        SessionTransport t = transport();
        InteractiveSession s = started(newSession(t));
        assertThat(s.state().isReady()).isTrue();
        assertThat(s.id()).isPresent();
        SessionInfo info = await(s.infoAsync());
        assertThat(info.id()).isEqualTo(s.id().get());
        assertThat(info.backend()).isEqualTo(t.backend());
        assertThat(info.state().isReady()).isTrue();
        assertThat(events.states).contains("NOT_STARTED->STARTING");
    }

    @Test
    @DisplayName("a statement runs to AVAILABLE with text output, timings and a history entry")
    void statementLifecycle() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        StatementResult r = await(s.executeAsync(okCode()));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(r.outputs()).isNotEmpty();
        assertThat(r.sessionId()).isEqualTo(s.id().orElseThrow());
        assertThat(r.completedAt()).isPresent();
        assertThat(r.polls()).isPositive();
        assertThat(r.progress()).isEqualTo(1.0);
        assertThat(s.history()).extracting(StatementResult::statementId).containsExactly(r.statementId());
        eventually(() -> events.completed.size() == 1);
    }

    @Test
    @DisplayName("a user-code error raises StatementFailedException, or is returned with failOnError(false)")
    void userError() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        Throwable t = failure(s.executeAsync(failingCode()));
        assertThat(t).isInstanceOf(StatementFailedException.class);
        StatementFailedException f = (StatementFailedException) t;
        assertThat(f.error().name()).isNotBlank();
        assertThat(f.getMessage()).contains(f.result().statementId()).contains(s.id().orElseThrow());
        StatementResult r = await(s.executeAsync(StatementRequest.builder()
                .code(failingCode())
                .failOnError(false)
                .build()));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.error()).isPresent();
        assertThat(await(s.executeAsync(okCode())).succeeded()).isTrue();
    }

    /**
     * Whether the backend runs real Spark SQL, which enables the tests that need Spark itself (every Spark type,
     * both SQL paths agreeing). Default {@code false}; the fake understands only a few query shapes.
     */
    protected boolean runsSparkSql() {
        return false;
    }

    /** {@code s} as a Spark SQL string literal: backslashes and single quotes escaped, everything else as is. */
    protected static String sqlLiteral(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    @DisplayName("sql() returns a typed table: names, Spark types, typed values, and the raw statement")
    void sqlTypedTable() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        SqlResult r = await(s.sqlAsync("select 1 as one, 'x' as letter"));
        assertThat(r.schema().names()).containsExactly("one", "letter");
        assertThat(r.schema().column("one").type()).isEqualTo(SparkType.INTEGER);
        assertThat(r.schema().column("letter").type()).isEqualTo(SparkType.STRING);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.row(0).getInt("one")).isEqualTo(1);
        assertThat(r.row(0).getString("letter")).isEqualTo("x");
        assertThat(r.truncated()).isFalse();
        assertThat(r.limit()).isEqualTo(SqlRequest.DEFAULT_LIMIT);
        assertThat(r.query()).isEqualTo("select 1 as one, 'x' as letter");
        assertThat(r.statement().succeeded()).isTrue();
        assertThat(s.history())
                .extracting(StatementResult::statementId)
                .contains(r.statement().statementId());
    }

    @Test
    @DisplayName("sql() keeps at most the limit and says when rows were left out, below and above Livy's SQL cap")
    void sqlLimitAndTruncation() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        SqlResult three = await(s.sqlAsync(SqlRequest.of("select id from range(5)", 3)));
        assertThat(three.rows()).extracting(r -> r.getLong("id")).containsExactly(0L, 1L, 2L);
        assertThat(three.truncated()).isTrue();
        assertThat(three.limit()).isEqualTo(3);
        SqlResult five = await(s.sqlAsync(SqlRequest.of("select id from range(5)", 5)));
        assertThat(five.size()).isEqualTo(5);
        assertThat(five.truncated()).isFalse();
        SqlResult ten = await(s.sqlAsync(SqlRequest.of("select id from range(5)", 10)));
        assertThat(ten.size()).isEqualTo(5);
        assertThat(ten.truncated()).isFalse();
        SqlResult exact = await(s.sqlAsync("select id from range(1000)"));
        assertThat(exact.size()).isEqualTo(1000);
        assertThat(exact.truncated()).isFalse();
        SqlResult over = await(s.sqlAsync("select id from range(1001)"));
        assertThat(over.size()).isEqualTo(1000);
        assertThat(over.truncated()).isTrue();
        assertThat(over.row(999).getLong("id")).isEqualTo(999L);
    }

    /** Query texts that break naive embedding in Python or Scala source. */
    protected static final List<String> NASTY_TEXTS = List.of(
            "it's",
            "\"\"\"triple\"\"\" and '''",
            "back\\slash \\\\ \\n \\u0041 \\'",
            "line1\nline2\r\nline3\ttab",
            "${sys.exit(1)} s\"${x}\" f\"{x}\" {{}} %s %d",
            "-- not a comment /* nor this */ ; drop table x",
            "emoji \uD83D\uDE00 \u00e9 \u4e2d\u6587");

    @Test
    @DisplayName("any query text reaches Spark unchanged: quotes, triple quotes, backslashes, newlines, unicode")
    void sqlAdversarialText() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        for (int limit : new int[] {SqlRequest.DEFAULT_LIMIT, 10}) {
            for (String text : NASTY_TEXTS) {
                String q = "select " + sqlLiteral(text) + " as s";
                SqlResult r = await(s.sqlAsync(SqlRequest.of(q, limit)));
                assertThat(r.row(0).getString("s"))
                        .as("limit %d, text %s", limit, text)
                        .isEqualTo(text);
            }
        }
    }

    @Test
    @DisplayName("a failing query raises StatementFailedException with the backend's error; the session goes on")
    void sqlFailure() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        for (int limit : new int[] {SqlRequest.DEFAULT_LIMIT, 10}) {
            Throwable t = failure(s.sqlAsync(SqlRequest.of("select * from glivy_no_such_table_x", limit)));
            assertThat(t).isInstanceOf(StatementFailedException.class);
            StatementFailedException f = (StatementFailedException) t;
            assertThat(f.error().value() + String.join("", f.error().traceback()))
                    .contains("glivy_no_such_table_x");
        }
        assertThat(await(s.sqlAsync("select 1 as one")).row(0).getInt(0)).isEqualTo(1);
    }

    /** The query of {@link #sqlTypeCoverage()}: one column per Spark type, nested ones included. */
    protected static final String TYPES_QUERY = "select cast(1 as tinyint) as b, cast(2 as smallint) as sh, 3 as i, "
            + "cast(4 as bigint) as l, cast(1.5 as float) as f, cast(2.25 as double) as d, "
            + "cast('12.50' as decimal(10,2)) as dec, 'text' as str, true as bool, "
            + "cast('2024-01-02' as date) as day, cast('2024-01-02T03:04:05.123Z' as timestamp) as ts, "
            + "cast('abc' as binary) as bin, array(1, 2, cast(null as int)) as arr, map('k', 1) as m, "
            + "named_struct('x', 1, 'y', 'z') as st, cast(null as string) as nothing, "
            + "array(named_struct('a', cast(7 as bigint))) as nested";

    @Test
    @DisplayName("every Spark type comes back as its Java type, nested ones included (real Spark only)")
    void sqlTypeCoverage() throws Exception {
        assumeThat(runsSparkSql()).as("backend runs real Spark SQL").isTrue();
        InteractiveSession s = started(newSession(transport()));
        SqlResult r = await(s.sqlAsync(TYPES_QUERY));
        Schema sc = r.schema();
        assertThat(sc.names())
                .containsExactly(
                        "b", "sh", "i", "l", "f", "d", "dec", "str", "bool", "day", "ts", "bin", "arr", "m", "st",
                        "nothing", "nested");
        assertThat(sc.columns())
                .extracting(c -> c.type().simpleString())
                .containsExactly(
                        "tinyint",
                        "smallint",
                        "int",
                        "bigint",
                        "float",
                        "double",
                        "decimal(10,2)",
                        "string",
                        "boolean",
                        "date",
                        "timestamp",
                        "binary",
                        "array<int>",
                        "map<string,int>",
                        "struct<x:int,y:string>",
                        "string",
                        "array<struct<a:bigint>>");
        Row row = r.row(0);
        assertThat(row.get("b")).isEqualTo((byte) 1);
        assertThat(row.get("sh")).isEqualTo((short) 2);
        assertThat(row.get("i")).isEqualTo(3);
        assertThat(row.get("l")).isEqualTo(4L);
        assertThat(row.get("f")).isEqualTo(1.5f);
        assertThat(row.get("d")).isEqualTo(2.25d);
        assertThat(row.getBigDecimal("dec")).isEqualTo(new BigDecimal("12.50"));
        assertThat(row.getString("str")).isEqualTo("text");
        assertThat(row.getBoolean("bool")).isTrue();
        assertThat(row.getDate("day")).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(row.getTimestamp("ts")).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
        assertThat(row.getBytes("bin")).containsExactly('a', 'b', 'c');
        assertThat(row.getList("arr")).containsExactly(1, 2, null);
        assertThat(row.getMap("m")).containsExactly(Map.entry("k", 1));
        assertThat(row.getStruct("st").getInt("x")).isEqualTo(1);
        assertThat(row.getStruct("st").getString("y")).isEqualTo("z");
        assertThat(row.isNull("nothing")).isTrue();
        assertThat(((Row) row.getList("nested").get(0)).getLong("a")).isEqualTo(7L);
        assertThat(r.truncated()).isFalse();
    }

    @Test
    @DisplayName("a small limit and a large one return the same table, whichever way each runs (real Spark only)")
    void sqlPathsAgree() throws Exception {
        assumeThat(runsSparkSql()).as("backend runs real Spark SQL").isTrue();
        InteractiveSession s = started(newSession(transport()));
        String q = "select id, cast(id * 2 as int) as twice, concat('n', cast(id as string)) as name, "
                + "cast(id as decimal(10,2)) as dec, id % 2 = 0 as even, cast('2024-01-02' as date) as day, "
                + "array(id, id + 1) as arr, named_struct('x', id) as st from range(3)";
        SqlResult small = await(s.sqlAsync(SqlRequest.of(q, 10)));
        SqlResult big = await(s.sqlAsync(SqlRequest.of(q, 5000)));
        assertThat(small.schema()).isEqualTo(big.schema());
        assertThat(small.rows()).isEqualTo(big.rows());
        assertThat(small.truncated()).isFalse();
        assertThat(big.truncated()).isFalse();
    }

    @Test
    @DisplayName("a language the backend does not run is refused before anything is sent")
    void unsupportedLanguage() throws Exception {
        SessionTransport t = transport();
        Optional<Language> missing = List.of(Language.values()).stream()
                .filter(l -> !t.languages().contains(l))
                .findFirst();
        assumeThat(missing).isPresent();
        InteractiveSession s = started(newSession(t));
        assertThat(failure(s.executeAsync(okCode(), missing.get())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported")
                .hasMessageContaining(missing.get().label());
    }

    @Test
    @DisplayName("cancel(id) stops a running statement on the backend and the session stays usable")
    void cancelStatement() throws Exception {
        InteractiveSession s = started(newSession(transport()));
        CompletableFuture<StatementResult> slow = s.executeAsync(slowCode());
        eventually(() -> !s.history().isEmpty());
        String id = s.history().get(0).statementId();
        await(s.cancelAsync(id));
        assertThat(failure(slow)).isInstanceOf(StatementCancelledException.class);
        assertThat(await(s.executeAsync(okCode())).succeeded()).isTrue();
    }

    @Test
    @DisplayName("cancelling the returned future cancels the statement on the backend")
    void futureCancelCancelsRemote() throws Exception {
        SessionTransport t = transport();
        InteractiveSession s = started(newSession(t));
        CompletableFuture<StatementResult> slow = s.executeAsync(slowCode());
        eventually(() -> !s.history().isEmpty());
        String id = s.history().get(0).statementId();
        slow.cancel(true);
        assertThatThrownBy(() -> await(slow)).isInstanceOf(CancellationException.class);
        String sid = s.id().orElseThrow();
        eventually(() -> remoteState(t, sid, id).isTerminal());
        assertThat(remoteState(t, sid, id)).isEqualTo(StatementState.CANCELLED);
    }

    @Test
    @DisplayName("a statement past its deadline fails with SessionTimeoutException and is cancelled remotely")
    void statementDeadline() throws Exception {
        SessionTransport t = transport();
        InteractiveSession s = started(newSession(t));
        CompletableFuture<StatementResult> slow = s.executeAsync(StatementRequest.builder()
                .code(slowCode())
                .timeout(Duration.ofSeconds(2))
                .build());
        Throwable e = failure(slow);
        assertThat(e).isInstanceOf(SessionTimeoutException.class).hasMessageContaining("2 seconds");
        String sid = s.id().orElseThrow();
        String id = s.history().get(0).statementId();
        eventually(() -> remoteState(t, sid, id).isTerminal());
        assertThat(remoteState(t, sid, id)).isEqualTo(StatementState.CANCELLED);
    }

    private StatementState remoteState(SessionTransport t, String sid, String id) {
        try {
            return await(t.getStatement(sid, id)).state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("close() stops the remote session, is idempotent, and later calls fail clearly")
    void closeIsIdempotent() throws Exception {
        SessionTransport t = transport();
        InteractiveSession s = started(newSession(t));
        String id = s.id().orElseThrow();
        CompletableFuture<Void> first = s.closeAsync();
        CompletableFuture<Void> second = s.closeAsync();
        second.cancel(true); // each caller gets its own view: cancelling one does not cancel the shared close
        await(first);
        await(s.closeAsync());
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        assertThat(failure(s.executeAsync(okCode())))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("closed");
        eventually(() -> gone(t, id));
    }

    private boolean gone(SessionTransport t, String id) {
        try {
            SessionInfo info = await(t.getSession(id));
            return info.state().isTerminal() || info.state() == SessionState.STOPPING;
        } catch (SessionLostException e) {
            return true;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------ with fault injection

    private TransportFaults faultsOrSkip(SessionTransport t) {
        Optional<TransportFaults> f = faults(t);
        assumeThat(f).as("backend offers fault injection").isPresent();
        return f.get();
    }

    @Test
    @DisplayName("a session the backend forgot raises SessionLostException and the state becomes LOST")
    void lostSession() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        InteractiveSession s = started(newSession(t));
        f.loseSession(s.id().orElseThrow());
        Throwable e = failure(s.executeAsync(okCode()));
        assertThat(e).isInstanceOf(SessionLostException.class);
        assertThat(((SessionException) e).retryable()).isFalse();
        assertThat(s.state()).isEqualTo(SessionState.LOST);
    }

    @Test
    @DisplayName("with recreateLostSession(true) the next statement runs in a new session and says so")
    void recreateLostSession() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        InteractiveSession s = started(newSession(t).recreateLostSession(true));
        String first = s.id().orElseThrow();
        f.loseSession(first);
        StatementResult r = await(s.executeAsync(okCode()));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.sessionRecreated()).isTrue();
        assertThat(s.id()).isPresent().isNotEqualTo(Optional.of(first));
        eventually(() -> events.warnings.stream().anyMatch(w -> w.contains("gone")));
    }

    @Test
    @DisplayName("throttling and server errors are retried; the caller sees only the result")
    void retriesThrottling() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        InteractiveSession s = started(newSession(t));
        f.failNext("getStatement", Fault.THROTTLE);
        f.failNext("getStatement", Fault.SERVER_ERROR);
        assertThat(await(s.executeAsync(okCode())).succeeded()).isTrue();
        eventually(() -> events.retries.size() >= 2);
        assertThat(events.retries).contains("getStatement#1");
    }

    @Test
    @DisplayName("retries give up after maxAttempts with a retryable SessionBackendException")
    void retriesExhausted() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        InteractiveSession s = newSession(t).retryPolicy(r -> r.maxAttempts(2)).build();
        sessions.add(s);
        f.failNext("createSession", Fault.THROTTLE);
        f.failNext("createSession", Fault.THROTTLE);
        Throwable e = failure(s.startAsync());
        assertThat(e).isInstanceOf(SessionBackendException.class);
        assertThat(((SessionBackendException) e).retryable()).isTrue();
    }

    @Test
    @DisplayName("a statement whose submission response was lost runs exactly once")
    void ambiguousSubmitRunsOnce() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        InteractiveSession s = started(newSession(t));
        f.failNext("submitStatement", Fault.RESPONSE_LOST);
        StatementResult r = await(s.executeAsync(okCode()));
        assertThat(r.succeeded()).isTrue();
        List<RemoteStatement> all = await(t.listStatements(s.id().orElseThrow()));
        assertThat(all)
                .filteredOn(x -> x.code().map(okCode()::equals).orElse(true))
                .hasSize(1);
    }

    @Test
    @DisplayName("a submission refused before reaching the backend is sent again and runs once")
    void refusedSubmitResent() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        InteractiveSession s = started(newSession(t));
        f.failNext("submitStatement", Fault.CONNECTION_REFUSED);
        assertThat(await(s.executeAsync(okCode())).succeeded()).isTrue();
        assertThat(await(t.listStatements(s.id().orElseThrow()))).hasSize(1);
    }

    @Test
    @DisplayName("a session whose creation response was lost is found again, not created twice")
    void ambiguousCreateRunsOnce() throws Exception {
        SessionTransport t = transport();
        TransportFaults f = faultsOrSkip(t);
        int before = await(t.listSessions()).size();
        f.failNext("createSession", Fault.RESPONSE_LOST);
        InteractiveSession s = started(newSession(t));
        assertThat(s.state().isReady()).isTrue();
        assertThat(await(t.listSessions())).hasSize(before + 1);
    }

    @Test
    @DisplayName("SessionAdmin lists a started session without building one, retrying a throttled listing")
    void adminListsSessions() throws Exception {
        SessionTransport t = transport();
        InteractiveSession s = started(newSession(t));
        Optional<TransportFaults> f = faults(t);
        f.ifPresent(x -> x.failNext("listSessions", Fault.THROTTLE));
        try (SessionAdmin admin = SessionAdmin.builder()
                .transport(t)
                .runtime(runtime())
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200)))
                .build()) {
            assertThat(await(admin.listSessionsAsync()))
                    .extracting(SessionInfo::id)
                    .contains(s.id().orElseThrow());
        }
        assertThat(s.state().isReady()).isTrue(); // the admin's close leaves a shared transport alone
        assertThat(await(s.executeAsync(okCode())).succeeded()).isTrue();
    }
}
