package dev.glivy.test;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.StatementError;
import dev.glivy.StatementNotFoundException;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.test.contract.TransportFaults;
import dev.glivy.test.internal.FaultQueue;
import dev.glivy.test.internal.ScriptedSession;
import dev.glivy.test.internal.ScriptedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fake backend for unit tests without Spark: statements are answered from rules you give, sessions and statements
 * live in memory and advance with a {@link Clock} ({@link ManualScheduler#clock()} for virtual time, the system clock
 * by default). Give it to a session like any transport:
 *
 * <pre>{@code
 * ScriptedTransport backend = ScriptedTransport.create();
 * backend.when("spark.version").thenText("res0: String = 3.5.1");
 * backend.whenSql(Pattern.compile("(?i)select .* from people.*")).thenTable(SqlTable.builder()
 *         .column("name", SparkType.STRING).row("ann").row("bob").build());
 * backend.when(code -> code.contains("1 / 0")).thenError("ArithmeticException", "/ by zero", "at line 1");
 * try (InteractiveSession s = InteractiveSession.builder().transport(backend).start()) {
 *     assertThat(s.sql("select name from people")).containsExactlyRows(List.of("ann"), List.of("bob"));
 * }
 * assertThat(backend.submitted()).containsExactly("select name from people");
 * }</pre>
 *
 * <p><b>Rules.</b> Each statement's code is matched against the rules, the latest added first, so a test can
 * override a general rule with a specific one. {@link #when} rules match statements in any language;
 * {@link #whenSql} rules match SQL statements only, which is how {@code session.sql(...)} arrives: this transport
 * plans every query as a {@link Language#SQL} statement of the query text itself, returning every row (see
 * {@link #planSql}). A rule answers with text, a typed {@link SqlTable}, a user-code error, or a function of the
 * code; it can make the statement run for a while ({@link Stubbing#after}), make its submission be throttled a
 * number of times first ({@link Stubbing#throttled}), or make every submission fail as if the backend could not be
 * reached ({@link Stubbing#thenTransportFailure}); {@link #failNext} fails any single call. Code no rule matches
 * fails with the error name {@value #NO_RULE} and a message quoting the code.
 *
 * <p><b>Like a real backend</b> where tests depend on it: a session is {@code STARTING} for
 * {@link #startDelay(Duration)} (default 0) and then {@code IDLE}; it runs its statements one at a time in
 * submission order, like a REPL (a later one is {@code WAITING} until the earlier ones finished); cancelled
 * statements end {@code CANCELLED}; a session can be made to fail ({@link #killSession}) or be forgotten
 * ({@link #loseSession}, the next call fails with {@link SessionLostException}).
 *
 * <p><b>Faults</b> of any operation (named as the {@link SessionTransport} method: {@code createSession},
 * {@code getStatement}...; {@value #ANY_OPERATION} for all): one-off ones queued with {@link #failNext}, periodic
 * ones with {@link #failEvery} ("every 5th getStatement is throttled") and seeded random ones with
 * {@link #failAtRate}, in that order of precedence. Each {@link Fault} acts like the real thing: {@code THROTTLE},
 * {@code SERVER_ERROR} and {@code UNAVAILABLE} refuse the call (nothing happens, retryable);
 * {@code CONNECTION_REFUSED} is a transport failure before the call reached the backend; {@code RESPONSE_LOST}
 * applies the call, then loses its answer (a statement submitted that way still runs, once); {@code SLOW} applies
 * the call and delivers its answer late, after the delay of {@link #slowAnswers} (at once by default).
 * {@link #faultsInjected} counts what was injected.
 *
 * <p><b>Records</b> every call ({@link #calls()}) and every submitted statement ({@link #submitted()},
 * {@link #executed(String)}).
 *
 * <p>Thread-safe. Calls complete at once on the caller's thread, except {@code SLOW} answers with
 * {@link #slowAnswers}, which complete on that scheduler. {@link #close()} only marks it closed; sessions the test
 * left open stay readable. <b>Ownership:</b> the scheduler given to {@link #slowAnswers} stays yours.
 *
 * @since 0.2
 */
public final class ScriptedTransport implements SessionTransport, TransportFaults {
    /** The error name of a statement no rule matches: {@value}. */
    public static final String NO_RULE = "NoScriptedRule";
    /** The backend name in results and messages: {@value}. */
    public static final String BACKEND = "scripted";
    /** The operation name that matches every operation in {@link #failEvery} and {@link #failAtRate}: {@value}. */
    public static final String ANY_OPERATION = FaultQueue.ANY;

    private final Clock clock;
    private final List<ScriptedRule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, ScriptedSession> sessions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> submitted = new CopyOnWriteArrayList<>();
    private final FaultQueue faults = new FaultQueue();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Duration startDelay = Duration.ZERO;
    private volatile Set<Language> languages = EnumSet.of(Language.SCALA, Language.PYTHON, Language.SQL);
    private volatile Language defaultLanguage = Language.SCALA;
    private volatile @Nullable ScheduledExecutorService slowScheduler;
    private volatile Duration slowDelay = Duration.ZERO;
    private volatile boolean closed;

    /** One call this transport received: the operation ({@code submitStatement}, ...), the session and a detail. */
    public record Call(
            String operation,
            @Nullable String sessionId,
            @Nullable String detail) {}

    private ScriptedTransport(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** A transport on the system clock. */
    public static ScriptedTransport create() {
        return new ScriptedTransport(Clock.systemUTC());
    }

    /** A transport on {@code clock}, for example {@link ManualScheduler#clock()}. */
    public static ScriptedTransport create(Clock clock) {
        return new ScriptedTransport(clock);
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** A rule for statements whose code, stripped, equals {@code code} stripped. */
    public Stubbing when(String code) {
        String want = Objects.requireNonNull(code, "code must not be null").strip();
        return new Stubbing(this, "code = " + want, c -> c.strip().equals(want), false);
    }

    /** A rule for statements whose code contains a match of {@code code}. */
    public Stubbing when(Pattern code) {
        Objects.requireNonNull(code, "code must not be null");
        return new Stubbing(this, "code ~ " + code, c -> code.matcher(c).find(), false);
    }

    /** A rule for statements whose code {@code code} accepts. */
    public Stubbing when(Predicate<String> code) {
        Objects.requireNonNull(code, "code must not be null");
        return new Stubbing(this, "code matches a predicate", code, false);
    }

    /** A rule for SQL statements (and {@code session.sql(...)} queries) equal to {@code query}, stripped. */
    public Stubbing whenSql(String query) {
        String want = Objects.requireNonNull(query, "query must not be null").strip();
        return new Stubbing(this, "sql = " + want, c -> c.strip().equals(want), true);
    }

    /** A rule for SQL statements (and {@code session.sql(...)} queries) that {@code query} matches entirely. */
    public Stubbing whenSql(Pattern query) {
        Objects.requireNonNull(query, "query must not be null");
        return new Stubbing(
                this, "sql ~ " + query, c -> query.matcher(c.strip()).matches(), true);
    }

    /** Removes every rule. */
    public ScriptedTransport clearRules() {
        rules.clear();
        return this;
    }

    /** How long new sessions stay {@code STARTING}. Default 0. */
    public ScriptedTransport startDelay(Duration delay) {
        this.startDelay = requireNotNegative(delay, "startDelay");
        return this;
    }

    /**
     * The statement languages this backend runs, the first being its default. Default Scala, Python and SQL, Scala
     * by default.
     */
    public ScriptedTransport languages(Language first, Language... more) {
        Set<Language> all = EnumSet.of(first, more);
        this.languages = all;
        this.defaultLanguage = first;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ records

    /** Every call received, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many times {@code operation} was called (failed calls included). */
    public int calls(String operation) {
        return (int) calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /** The code of every submission that reached the backend, in order, over all sessions. */
    public List<String> submitted() {
        return List.copyOf(submitted);
    }

    /** The code of every statement session {@code sessionId} ran, runs or will run, in run order. */
    public List<String> executed(String sessionId) {
        ScriptedSession s = sessions.get(sessionId);
        if (s == null) {
            return List.of();
        }
        synchronized (s) {
            List<String> out = new ArrayList<>();
            s.statements.forEach(st -> out.add(st.code));
            return out;
        }
    }

    /** The number of sessions ever created. */
    public int sessionsCreated() {
        return ids.get();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------------------------------ faults

    /** Makes a session fail (state {@code FAILED}, with {@code message} as its error). */
    public void killSession(String sessionId, String message) {
        ScriptedSession s = sessions.get(sessionId);
        if (s != null) {
            s.fail(message);
        }
    }

    /** Makes the next call of {@code operation} fail with {@code fault}. Queued faults come first, in order. */
    @Override
    public void failNext(String operation, Fault fault) {
        faults.add(
                Objects.requireNonNull(operation, "operation must not be null"),
                Objects.requireNonNull(fault, "fault must not be null"));
    }

    /**
     * From now on, every {@code n}th call of {@code operation} fails with {@code fault}; for
     * {@value #ANY_OPERATION}, every {@code n}th call of any operation, counted together. Calls are counted from the
     * transport's creation, failed ones included (but not submissions a rule refused, see
     * {@link Stubbing#throttled} and {@link Stubbing#thenTransportFailure}).
     */
    public ScriptedTransport failEvery(String operation, int n, Fault fault) {
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(fault, "fault must not be null");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        faults.every(operation, n, fault);
        return this;
    }

    /**
     * From now on, each call of {@code operation} ({@value #ANY_OPERATION}: of any) fails with {@code fault} with
     * probability {@code rate}, drawn from a {@link java.util.Random} seeded with {@code seed}: the same seed and
     * call order fail the same calls.
     */
    public ScriptedTransport failAtRate(String operation, double rate, Fault fault, long seed) {
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(fault, "fault must not be null");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1 but was " + rate);
        }
        faults.rate(operation, rate, fault, seed);
        return this;
    }

    /** Removes every fault not yet injected: queued, periodic and random. Counts stay. */
    public ScriptedTransport clearFaults() {
        faults.clear();
        return this;
    }

    /** How many faults calls of {@code operation} got ({@value #ANY_OPERATION}: all operations together). */
    public int faultsInjected(String operation) {
        return faults.injected(Objects.requireNonNull(operation, "operation must not be null"));
    }

    /**
     * {@link Fault#SLOW} answers arrive {@code delay} late, scheduled on {@code scheduler} (a
     * {@link ManualScheduler} for virtual time). Default: they arrive at once. <b>The scheduler stays yours</b>: this
     * transport never shuts it down.
     */
    public ScriptedTransport slowAnswers(ScheduledExecutorService scheduler, Duration delay) {
        this.slowDelay = requireNotNegative(delay, "delay");
        this.slowScheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        return this;
    }

    @Override
    public void loseSession(String sessionId) {
        sessions.remove(sessionId);
    }

    // ------------------------------------------------------------------------------------------------ SPI

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String endpoint() {
        return "memory";
    }

    @Override
    public Set<Language> languages() {
        return languages;
    }

    @Override
    public Language defaultLanguage() {
        return defaultLanguage;
    }

    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return List.of();
    }

    /** Every query runs as a {@link Language#SQL} statement of the query text, and returns every row. */
    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        return SqlPlan.sqlStatement(query, limit, SqlPlan.ALL_ROWS);
    }

    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return call("createSession", null, request.clientToken(), () -> {
            String id = "scripted-" + ids.incrementAndGet();
            ScriptedSession s = new ScriptedSession(id, request.clientToken(), clock, BACKEND);
            sessions.put(id, s);
            return s.info(startDelay);
        });
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return call("findSession", null, request.clientToken(), () -> sessions.values().stream()
                .filter(s -> s.token.equals(request.clientToken()))
                .findFirst()
                .map(s -> s.info(startDelay)));
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return call("getSession", sessionId, null, () -> session(sessionId).info(startDelay));
    }

    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return call("listSessions", null, null, () -> {
            List<SessionInfo> out = new ArrayList<>();
            sessions.values().forEach(s -> out.add(s.info(startDelay)));
            return out;
        });
    }

    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return call("stopSession", sessionId, null, () -> {
            ScriptedSession s = sessions.get(sessionId);
            if (s != null) {
                s.stop();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        String code = request.code();
        ScriptedRule rule = match(code, request.language());
        Optional<SessionException> refusal = rule == null ? Optional.empty() : rule.refusal(sessionId);
        if (refusal.isPresent()) {
            calls.add(new Call("submitStatement", sessionId, code));
            return CompletableFuture.failedFuture(refusal.get());
        }
        return call("submitStatement", sessionId, code, () -> {
            ScriptedSession s = session(sessionId);
            SessionInfo info = s.info(startDelay);
            if (!info.state().isReady()) {
                throw new SessionBackendException(
                        "Session " + sessionId + " is " + info.backendState() + ", not ready",
                        null,
                        sessionId,
                        BACKEND,
                        400,
                        "InvalidInput",
                        null,
                        false);
            }
            submitted.add(code);
            synchronized (s) {
                String id = String.valueOf(s.statements.size());
                Answer a = rule == null ? noRule(code) : rule.answer.apply(code);
                Duration runFor = rule == null ? Duration.ZERO : rule.duration;
                s.statements.add(new ScriptedStatement(
                        id,
                        code,
                        clock,
                        s.nextStart(),
                        runFor,
                        a.text,
                        a.table == null ? null : a.table.toJson(Integer.MAX_VALUE),
                        a.error));
                return id;
            }
        });
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return call("getStatement", sessionId, statementId, () -> statement(sessionId, statementId)
                .remote());
    }

    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        return call("listStatements", sessionId, pageToken, () -> {
            int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
            List<RemoteStatement> page = new ArrayList<>();
            ScriptedSession s = session(sessionId);
            synchronized (s) {
                for (ScriptedStatement st :
                        s.statements.subList(Math.min(from, s.statements.size()), s.statements.size())) {
                    page.add(st.remote());
                }
            }
            return StatementPage.of(page, null);
        });
    }

    /** Statements are numbered 0, 1, 2... per session. */
    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return Optional.of(String.valueOf(Integer.parseInt(previousId) + 1));
    }

    @Override
    public Optional<String> pageTokenAfter(String sessionId, String statementId) {
        return Optional.of(String.valueOf(Integer.parseInt(statementId) + 1));
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return call("cancelStatement", sessionId, statementId, () -> {
            statement(sessionId, statementId).cancel();
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "ScriptedTransport{rules=" + rules.size() + ", sessions=" + sessions.size() + "}";
    }

    // ------------------------------------------------------------------------------------------------ internals

    private @Nullable ScriptedRule match(String code, Language language) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            ScriptedRule r = rules.get(i);
            if ((!r.sqlOnly || language == Language.SQL) && r.code.test(code)) {
                return r;
            }
        }
        return null;
    }

    static Answer noRule(String code) {
        String shown = code.length() > 200 ? code.substring(0, 200) + "..." : code;
        return Answer.error(
                NO_RULE,
                "No rule of the ScriptedTransport matches this code: " + shown,
                List.of("add one with when(...) or whenSql(...)"));
    }

    private ScriptedSession session(String id) {
        ScriptedSession s = sessions.get(id);
        if (s == null) {
            throw new SessionLostException(
                    "Session " + id + " not found on the scripted backend", null, id, BACKEND, SessionState.LOST);
        }
        return s;
    }

    private ScriptedStatement statement(String sessionId, String statementId) {
        ScriptedSession s = session(sessionId);
        synchronized (s) {
            for (ScriptedStatement st : s.statements) {
                if (st.id.equals(statementId)) {
                    return st;
                }
            }
        }
        throw new StatementNotFoundException(
                "Statement " + statementId + " not found in session " + sessionId,
                null,
                sessionId,
                statementId,
                BACKEND,
                404,
                null);
    }

    private <T> CompletableFuture<T> call(
            String op, @Nullable String sessionId, @Nullable String detail, Supplier<T> body) {
        calls.add(new Call(op, sessionId, detail));
        Fault fault = faults.next(op);
        try {
            if (fault != null && fault != Fault.RESPONSE_LOST && fault != Fault.SLOW) {
                throw FaultQueue.exception(fault, op, sessionId, BACKEND);
            }
            T value = body.get();
            if (fault == Fault.RESPONSE_LOST) {
                throw FaultQueue.exception(fault, op, sessionId, BACKEND);
            }
            ScheduledExecutorService late = slowScheduler;
            if (fault == Fault.SLOW && late != null) {
                CompletableFuture<T> answer = new CompletableFuture<>();
                late.schedule(() -> answer.complete(value), slowDelay.toNanos(), TimeUnit.NANOSECONDS);
                return answer;
            }
            return CompletableFuture.completedFuture(value);
        } catch (SessionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static Duration requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + d);
        }
        return d;
    }

    void add(ScriptedRule rule) {
        rules.add(rule);
    }

    /**
     * What a statement produces once it finished: text, a table, or a user-code error. Immutable.
     */
    public static final class Answer {
        private final @Nullable String text;
        private final @Nullable SqlTable table;
        private final @Nullable StatementError error;

        private Answer(@Nullable String text, @Nullable SqlTable table, @Nullable StatementError error) {
            this.text = text;
            this.table = table;
            this.error = error;
        }

        /** {@code text/plain} output. */
        public static Answer text(String text) {
            return new Answer(Objects.requireNonNull(text, "text must not be null"), null, null);
        }

        /** An {@code application/json} table, as Livy's {@code sql} statements answer. */
        public static Answer table(SqlTable table) {
            return new Answer(null, Objects.requireNonNull(table, "table must not be null"), null);
        }

        /** A user-code error. */
        public static Answer error(String ename, String evalue, List<String> traceback) {
            return new Answer(null, null, StatementError.of(ename, evalue, List.copyOf(traceback)));
        }

        @Override
        public String toString() {
            return error != null ? "error " + error.name() : table != null ? "table " + table : "text";
        }
    }
}
