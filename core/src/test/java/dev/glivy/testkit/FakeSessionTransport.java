package dev.glivy.testkit;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementError;
import dev.glivy.StatementNotFoundException;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.spi.Watch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory {@link SessionTransport} for tests: sessions and statements live in maps and advance with a
 * {@link Clock} (use {@link ManualScheduler#clock()} for virtual time). Calls complete immediately on the caller's
 * thread (or late, for {@link Fault#SLOW} with {@link #slowAnswers}).
 *
 * <p>It behaves like the real backends where that matters for exactly-once: a session runs its statements one at a
 * time in submission order (a later one waits, {@code WAITING}, until the earlier ones finished); it keeps only the
 * last {@link #retainedStatements(int)} (100, like Livy) and forgets older ones even while they wait or run; it
 * stores code with {@code \r\n} and {@code \r} turned into {@code \n} like Livy ({@link #echo}); listings come in
 * pages ({@link #pageSize(int)}); cancel can take time ({@link #cancelDelay}); and {@link #faults()} injects periodic
 * and seeded random faults into any operation. {@link #executed(String)} is the execution log. With
 * {@link #pushes(ScheduledExecutorService)} it also offers {@link #watch}: it tells a registered
 * {@link ChangeListener} when a session becomes ready and when a statement starts and finishes, at those instants of
 * its clock, on the given scheduler (the transport's own thread, for the core).
 *
 * <p>What a statement does is read from its code:
 * <ul>
 *   <li>{@code fail:<message>} raises a user error ({@code ename} {@code "Error"}, {@code evalue} the message);
 *   <li>{@code sleep:<millis>} runs that long, reporting linear progress, then prints {@code slept <millis>};
 *   <li>{@code die} makes the session die while the statement runs;
 *   <li>a {@link Language#SQL} statement runs the query as {@link FakeSql} describes ({@code select id from
 *       range(N)}, {@code select <literal> as <name>, ...}; other queries with {@code from} fail as a missing table;
 *       anything else gives one row {@code [1, "<query>"]}) and returns Livy's {@code application/json}
 *       {@code {"schema":..., "data":[...]}}, at most {@link #sqlRowCap(int)} rows;
 *   <li>Glivy's generated SQL wrapper (Python or Scala code tagged {@code glivy-sql-v1}) runs its base64-encoded
 *       query the same way and prints what the real wrapper prints (the {@code #glivy-sql-v1} envelope, with stray
 *       output before and after it); a one-line call of the wrapper function does so only after a statement of the
 *       same session defined it (its prelude) and {@link #forgetDefinitions} did not drop it, and otherwise answers
 *       as the real REPL would (Python: the guard's marker; Scala: {@code not found: value ...});
 *   <li>anything else prints the code back as {@code text/plain} after {@link #statementDuration}.
 * </ul>
 * Thread-safe.
 */
public final class FakeSessionTransport implements SessionTransport, TransportFaults {
    private final Clock clock;
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private final FaultPlan faults = new FaultPlan(1);
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Duration startDelay = Duration.ofMillis(300);
    private volatile Duration statementDuration = Duration.ofMillis(100);
    private volatile Set<Setting> unsupported = EnumSet.noneOf(Setting.class);
    private volatile int sqlRowCap = 1000;
    private volatile int pageSize = 1000;
    private volatile boolean fromStartOnly;
    private volatile int retained = 100;
    private volatile Duration cancelDelay = Duration.ZERO;
    private volatile UnaryOperator<String> echo = FakeSessionTransport::livyLineEndings;
    private volatile @Nullable ScheduledExecutorService slowScheduler;
    private volatile Duration slowDelay = Duration.ZERO;
    private volatile boolean closed;
    private volatile @Nullable ScheduledExecutorService pushScheduler;
    private final Map<String, List<ChangeListener>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger pushes = new AtomicInteger();

    /** A fake on {@code clock}. */
    public FakeSessionTransport(Clock clock) {
        this.clock = clock;
    }

    /** How long new sessions stay {@code STARTING}. Default 300 ms. */
    public FakeSessionTransport startDelay(Duration d) {
        this.startDelay = d;
        return this;
    }

    /** How long ordinary statements run. Default 100 ms. */
    public FakeSessionTransport statementDuration(Duration d) {
        this.statementDuration = d;
        return this;
    }

    /** The most rows a {@link Language#SQL} statement returns, silently, like Livy. Default 1000. */
    public FakeSessionTransport sqlRowCap(int rows) {
        this.sqlRowCap = rows;
        return this;
    }

    /**
     * Listings can only start at the first page, like Glue's {@code ListStatements} (by default a listing can start
     * after a given statement, like Livy's).
     */
    public FakeSessionTransport listFromStartOnly() {
        this.fromStartOnly = true;
        return this;
    }

    /** How many statements one {@code listStatements} page holds. Default 1000. */
    public FakeSessionTransport pageSize(int statements) {
        this.pageSize = statements;
        return this;
    }

    /** Settings this fake reports as unsupported. */
    public FakeSessionTransport unsupported(Setting... settings) {
        this.unsupported = settings.length == 0 ? EnumSet.noneOf(Setting.class) : EnumSet.of(settings[0], settings);
        return this;
    }

    /**
     * How many statements a session keeps, like Livy's {@code livy.rsc.retained-statements}: older ones, even
     * waiting or running ones, are forgotten ({@code getStatement} fails with {@link StatementNotFoundException},
     * listings leave them out). Default 100.
     */
    public FakeSessionTransport retainedStatements(int n) {
        this.retained = n;
        return this;
    }

    /** How long a cancelled statement stays {@code CANCELLING} before it is {@code CANCELLED}. Default 0. */
    public FakeSessionTransport cancelDelay(Duration d) {
        this.cancelDelay = d;
        return this;
    }

    /**
     * How the backend stores (and echoes) submitted code. Default: like Livy, {@code \r\n} and a lone {@code \r}
     * become {@code \n}; {@code UnaryOperator.identity()} echoes it as sent, like Glue.
     */
    public FakeSessionTransport echo(UnaryOperator<String> storedCode) {
        this.echo = storedCode;
        return this;
    }

    /** Makes {@link Fault#SLOW} answers arrive {@code delay} late on {@code scheduler} (default: not late). */
    public FakeSessionTransport slowAnswers(ScheduledExecutorService scheduler, Duration delay) {
        this.slowScheduler = scheduler;
        this.slowDelay = delay;
        return this;
    }

    /**
     * Offers push ({@link #watch}): listeners hear of every session start and statement start and end, at the
     * instant it happens on this fake's clock, from a task on {@code scheduler}. Default: no push (watch is empty).
     */
    public FakeSessionTransport pushes(ScheduledExecutorService scheduler) {
        this.pushScheduler = scheduler;
        return this;
    }

    /** How many change notifications were delivered to listeners. */
    public int pushesDelivered() {
        return pushes.get();
    }

    /** How many watches are registered and not closed, over all sessions. */
    public int activeWatches() {
        return watchers.values().stream().mapToInt(List::size).sum();
    }

    /** Tells the session's listeners now, on the caller's thread, that statement {@code statementId} changed. */
    public void pushStatementChanged(String sessionId, String statementId) {
        for (ChangeListener l : watchers.getOrDefault(sessionId, List.of())) {
            pushes.incrementAndGet();
            l.statementChanged(statementId);
        }
    }

    /** Tells the session's listeners now, on the caller's thread, that the session changed. */
    public void pushSessionChanged(String sessionId) {
        for (ChangeListener l : watchers.getOrDefault(sessionId, List.of())) {
            pushes.incrementAndGet();
            l.sessionChanged();
        }
    }

    @Override
    public Optional<Watch> watch(String sessionId, ChangeListener listener) {
        if (pushScheduler == null) {
            return Optional.empty();
        }
        List<ChangeListener> list = watchers.computeIfAbsent(sessionId, k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return Optional.of(() -> list.remove(listener));
    }

    private void pushAt(Instant at, Runnable push) {
        ScheduledExecutorService s = pushScheduler;
        if (s != null) {
            long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
            s.schedule(push, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Periodic and random faults; {@link #failNext} queues one-off ones. */
    public FaultPlan faults() {
        return faults;
    }

    /** How often an operation was called (faulted calls included). */
    public int calls(String operation) {
        return faults.calls(operation);
    }

    /** The code of every statement the session ran (or is running or will run), in run order, none forgotten. */
    public List<String> executed(String sessionId) {
        FakeSession s = sessions.get(sessionId);
        if (s == null) {
            return List.of();
        }
        synchronized (s) {
            List<String> out = new ArrayList<>();
            s.all.forEach(st -> out.add(st.code));
            return out;
        }
    }

    /**
     * The session's interpreter forgets every function defined so far (as after an interpreter restart): a later
     * call of Glivy's SQL wrapper function answers as a real REPL would without it.
     */
    public void forgetDefinitions(String sessionId) {
        FakeSession s = sessions.get(sessionId);
        if (s != null) {
            synchronized (s) {
                s.forgottenBefore = s.all.size();
            }
        }
    }

    static String livyLineEndings(String code) {
        return code.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The number of sessions ever created. */
    public int sessionsCreated() {
        return ids.get();
    }

    /** Makes a session die (state FAILED) with an error message. */
    public void killSession(String sessionId, String message) {
        FakeSession s = sessions.get(sessionId);
        if (s != null) {
            s.failed = message;
        }
    }

    @Override
    public void failNext(String operation, Fault fault) {
        faults.failNext(operation, fault);
    }

    @Override
    public void loseSession(String sessionId) {
        sessions.remove(sessionId);
    }

    @Override
    public String backend() {
        return "fake";
    }

    @Override
    public String endpoint() {
        return "memory";
    }

    @Override
    public Set<Language> languages() {
        return EnumSet.of(Language.SCALA, Language.SQL, Language.PYTHON);
    }

    @Override
    public Language defaultLanguage() {
        return Language.SCALA;
    }

    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        List<String> out = new ArrayList<>();
        for (Setting s : config.settings()) {
            if (unsupported.contains(s)) {
                out.add("%" + s.magic() + " has no meaning on the fake backend and is ignored");
            }
        }
        return out;
    }

    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return call("createSession", null, () -> {
            String id = "s" + ids.incrementAndGet() + "-" + request.clientToken();
            FakeSession s = new FakeSession(id, request.clientToken(), clock.instant());
            sessions.put(id, s);
            pushAt(s.created.plus(startDelay), () -> pushSessionChanged(id));
            return s.info();
        });
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return call("findSession", null, () -> sessions.values().stream()
                .filter(s -> s.token.equals(request.clientToken()))
                .findFirst()
                .map(FakeSession::info));
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return call("getSession", sessionId, () -> session(sessionId).info());
    }

    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return call("listSessions", null, () -> {
            List<SessionInfo> out = new ArrayList<>();
            sessions.values().forEach(s -> out.add(s.info()));
            return out;
        });
    }

    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return call("stopSession", sessionId, () -> {
            FakeSession s = sessions.get(sessionId);
            if (s != null) {
                s.stopped = true;
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return call("submitStatement", sessionId, () -> {
            FakeSession s = session(sessionId);
            if (!s.info().state().isReady()) {
                throw new SessionBackendException(
                        "Session " + sessionId + " is " + s.info().backendState() + ", not ready",
                        null,
                        sessionId,
                        backend(),
                        400,
                        "InvalidInput",
                        null,
                        false);
            }
            synchronized (s) {
                String id = String.valueOf(s.all.size());
                Instant now = clock.instant();
                Instant start = s.all.isEmpty()
                        ? now
                        : max(now, s.all.get(s.all.size() - 1).end());
                FakeStatement st = new FakeStatement(id, echo.apply(request.code()), request.language(), now, start);
                s.all.add(st);
                pushAt(start, () -> pushStatementChanged(sessionId, id));
                pushAt(st.end(), () -> pushStatementChanged(sessionId, id));
                return id;
            }
        });
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return call("getStatement", sessionId, () -> statement(sessionId, statementId)
                .remote());
    }

    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        return call("listStatements", sessionId, () -> {
            // a token is the smallest id the page starts at, so pages stay right when old statements are forgotten
            long from = pageToken == null ? 0 : Long.parseLong(pageToken);
            List<RemoteStatement> page = new ArrayList<>();
            boolean more = false;
            for (FakeStatement st : session(sessionId).retained()) {
                RemoteStatement r = st.remote();
                if (Long.parseLong(r.id()) < from) {
                    continue;
                }
                if (page.size() == pageSize) {
                    more = true;
                    break;
                }
                page.add(r);
            }
            String next = more
                    ? String.valueOf(Long.parseLong(page.get(page.size() - 1).id()) + 1)
                    : null;
            return StatementPage.of(page, next);
        });
    }

    /** A listing can start after any id, like Livy's (unless {@link #listFromStartOnly()} was called). */
    @Override
    public Optional<String> pageTokenAfter(String sessionId, String statementId) {
        return fromStartOnly ? Optional.empty() : Optional.of(String.valueOf(Long.parseLong(statementId) + 1));
    }

    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return Optional.of(String.valueOf(Integer.parseInt(previousId) + 1));
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return call("cancelStatement", sessionId, () -> {
            FakeStatement st = statement(sessionId, statementId);
            if (!st.remote().state().isTerminal() && st.cancelledAt == null) {
                st.cancelledAt = clock.instant().plus(cancelDelay);
                pushAt(st.cancelledAt, () -> pushStatementChanged(sessionId, statementId));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        return call("sessionLog", sessionId, () -> {
            FakeSession s = session(sessionId);
            List<String> log = List.of("created " + s.id, s.failed == null ? "running" : "ERROR " + s.failed);
            int start = from < 0 ? Math.max(0, log.size() - size) : Math.min(from, log.size());
            return log.subList(start, Math.min(log.size(), start + size));
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    private FakeSession session(String id) {
        FakeSession s = sessions.get(id);
        if (s == null) {
            throw new SessionLostException(
                    "Session " + id + " not found on the fake backend", null, id, backend(), SessionState.LOST);
        }
        return s;
    }

    private FakeStatement statement(String sessionId, String statementId) {
        FakeSession s = session(sessionId);
        for (FakeStatement st : s.retained()) {
            if (st.id.equals(statementId)) {
                return st;
            }
        }
        throw new StatementNotFoundException(
                "Statement " + statementId + " not found in session " + sessionId,
                null,
                sessionId,
                statementId,
                backend(),
                404,
                null);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private <T> CompletableFuture<T> call(String op, String sessionId, Supplier<T> body) {
        Fault fault = faults.next(op);
        try {
            if (fault == Fault.THROTTLE) {
                throw new SessionBackendException(
                        "Rate exceeded (" + op + ")",
                        null,
                        sessionId,
                        backend(),
                        400,
                        "ThrottlingException",
                        "req-1",
                        true);
            } else if (fault == Fault.SERVER_ERROR) {
                throw new SessionBackendException(
                        "Internal error (" + op + ")",
                        null,
                        sessionId,
                        backend(),
                        500,
                        "InternalServiceException",
                        "req-2",
                        true);
            } else if (fault == Fault.UNAVAILABLE) {
                throw new SessionBackendException(
                        "503 Service Unavailable from the proxy (" + op + ")",
                        null,
                        sessionId,
                        backend(),
                        503,
                        "ServiceUnavailable",
                        null,
                        true);
            } else if (fault == Fault.CONNECTION_REFUSED) {
                throw new SessionTransportException(
                        "Connection refused (" + op + ")", null, sessionId, backend(), false);
            }
            T value = body.get();
            if (fault == Fault.RESPONSE_LOST) {
                throw new SessionTransportException(
                        "Connection reset after the request (" + op + ")", null, sessionId, backend(), true);
            }
            ScheduledExecutorService slow = slowScheduler;
            if (fault == Fault.SLOW && slow != null) {
                CompletableFuture<T> late = new CompletableFuture<>();
                slow.schedule(() -> late.complete(value), slowDelay.toNanos(), TimeUnit.NANOSECONDS);
                return late;
            }
            return CompletableFuture.completedFuture(value);
        } catch (SessionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private final class FakeSession {
        final String id;
        final String token;
        final Instant created;
        final List<FakeStatement> all = new ArrayList<>();
        volatile boolean stopped;
        volatile String failed;
        volatile int forgottenBefore;

        FakeSession(String id, String token, Instant created) {
            this.id = id;
            this.token = token;
            this.created = created;
        }

        synchronized List<FakeStatement> retained() {
            return new ArrayList<>(all.subList(Math.max(0, all.size() - retained), all.size()));
        }

        SessionInfo info() {
            SessionState st;
            if (stopped) {
                st = SessionState.STOPPED;
            } else if (failed != null) {
                st = SessionState.FAILED;
            } else if (clock.instant().isBefore(created.plus(startDelay))) {
                st = SessionState.STARTING;
            } else {
                st = SessionState.IDLE;
            }
            return SessionInfo.builder()
                    .id(id)
                    .backend(backend())
                    .state(st)
                    .backendState(st.name().toLowerCase())
                    .errorMessage(failed)
                    .createdAt(created)
                    .attribute("token", token)
                    .build();
        }
    }

    private final class FakeStatement {
        final String id;
        final String code;
        final Language language;
        final Instant submitted;
        final Instant start;
        volatile Instant cancelledAt;

        FakeStatement(String id, String code, Language language, Instant submitted, Instant start) {
            this.id = id;
            this.code = code;
            this.language = language;
            this.submitted = submitted;
            this.start = start;
        }

        /** When it stops occupying the session: its end, or when its cancel takes effect if that is earlier. */
        Instant end() {
            Instant end = start.plus(duration());
            Instant c = cancelledAt;
            return c != null && c.isBefore(end) ? max(c, start) : end;
        }

        Duration duration() {
            if (code.startsWith("sleep:")) {
                return Duration.ofMillis(
                        Long.parseLong(code.substring("sleep:".length()).strip()));
            }
            return statementDuration;
        }

        /** Whether a statement before this one in its session defined {@code function} (and was not forgotten). */
        boolean defined(String function) {
            for (FakeSession s : sessions.values()) {
                List<FakeStatement> all;
                synchronized (s) {
                    all = new ArrayList<>(s.all);
                }
                int me = all.indexOf(this);
                if (me < 0) {
                    continue;
                }
                for (int i = s.forgottenBefore; i < me; i++) {
                    if (function.equals(FakeSql.definedFunction(all.get(i).code))) {
                        return true;
                    }
                }
                return false;
            }
            return false;
        }

        RemoteStatement remote() {
            Instant now = clock.instant();
            Instant end = start.plus(duration());
            RemoteStatement.Builder b = RemoteStatement.builder().id(id).code(code);
            if (now.isBefore(start)) {
                return b.state(StatementState.WAITING).backendState("waiting").build();
            }
            b.startedAt(start);
            Instant c = cancelledAt;
            if (c != null && c.isBefore(end)) {
                if (now.isBefore(c)) {
                    return b.state(StatementState.CANCELLING)
                            .backendState("cancelling")
                            .build();
                }
                return b.state(StatementState.CANCELLED)
                        .backendState("cancelled")
                        .completedAt(c)
                        .build();
            }
            if (code.equals("die") && !now.isBefore(end)) {
                sessions.values().stream().filter(s -> s.all.contains(this)).forEach(s -> s.failed = "the driver died");
            }
            if (now.isBefore(end)) {
                double total = Math.max(1, duration().toMillis());
                double p = Duration.between(start, now).toMillis() / total;
                return b.state(StatementState.RUNNING)
                        .backendState("running")
                        .progress(Math.min(0.99, p))
                        .build();
            }
            b.state(StatementState.AVAILABLE)
                    .backendState("available")
                    .completedAt(end)
                    .executionCount(Integer.parseInt(id));
            if (code.startsWith("fail:")) {
                return b.error(StatementError.of(
                                "Error", code.substring("fail:".length()).strip(), List.of("at line 1", "at fake")))
                        .build();
            }
            String calls = FakeSql.calledFunction(code);
            if (calls != null && !defined(calls)) {
                String why = FakeSql.undefinedOutput(code);
                return language == Language.PYTHON
                        ? b.output(StatementResult.TEXT_PLAIN, why).build()
                        : b.error(StatementError.of("Error", why, List.of())).build();
            }
            if (language == Language.SQL || FakeSql.isWrapper(code)) {
                try {
                    return language == Language.SQL
                            ? b.output(StatementResult.APPLICATION_JSON, FakeSql.sqlOutput(code, sqlRowCap))
                                    .build()
                            : b.output(StatementResult.TEXT_PLAIN, FakeSql.wrapperOutput(code))
                                    .build();
                } catch (FakeSql.Failure f) {
                    return b.error(StatementError.of(
                                    "AnalysisException", f.getMessage(), List.of("at fake SQL", "at line 1")))
                            .build();
                }
            }
            String text = code.startsWith("sleep:") ? "slept " + duration().toMillis() : code;
            return b.output(StatementResult.TEXT_PLAIN, text).build();
        }
    }
}
