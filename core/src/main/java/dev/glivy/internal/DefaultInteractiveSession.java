package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.config.PollingPolicy;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The one {@link InteractiveSession} implementation: the session state machine over any {@link SessionTransport}.
 * Starting creates the remote session exactly once (reconciling by client token), waits for readiness under the
 * start deadline and stops whatever was created if starting fails; closing stops the remote session and releases
 * owned resources; keep-alives and polls run on the shared scheduler.
 *
 * <p>When the transport can push changes ({@link SessionTransport#watch}), the session registers one watch per remote
 * session as soon as it has an id (a new one after a recreate) and closes it on close; a push only makes the
 * readiness poll or the named statement's poll read at once on the scheduler, and scheduled polls slow down to a
 * safety net ({@link PollLoop#SAFETY_NET}). Readiness is polled at most every {@link #READY_MAX_INTERVAL}.
 */
public final class DefaultInteractiveSession extends BlockingFacade {
    private static final Logger LOG = GlivyLoggers.session();
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final SessionSettings settings;
    private final Retrier retrier;
    private final Hedger hedger;
    private final Listeners listeners;
    private final Object lock = new Object();
    private final History history;
    private final SqlRun sqlRun;
    private final Set<StatementRun> running = ConcurrentHashMap.newKeySet();
    /** Futures handed to callers and not complete yet; closing fails whatever is left, so every future completes. */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final SubmissionQueue queue;
    private final Reconciler reconciler;
    private volatile SessionState state = SessionState.NOT_STARTED;
    private volatile @Nullable String sessionId;
    private @Nullable CompletableFuture<InteractiveSession> started;
    private @Nullable CompletableFuture<SessionInfo> creating;
    /** The create request of the latest launch, to find its session by name when the create never answered. */
    private @Nullable CreateSessionRequest createRequest;
    /** Stops asked for, by remote id (and {@code ""} for the search of a create that never answered): each once. */
    private final java.util.Map<String, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();
    private @Nullable CompletableFuture<Void> closed;
    private @Nullable KeepAlive keepAlive;
    private @Nullable ShutdownHook shutdownHook;
    private final SessionPush push;
    private volatile @Nullable PollLoop<SessionInfo> readiness;
    /** The remote session reported started and not yet ended to the listeners (guarded by {@code lock}). */
    private @Nullable String startedId;

    /**
     * The longest interval between readiness polls: 0.5 s. A session is polled for readiness once per start, so
     * noticing it soon (pylivy polls every 1 s after its first steps, sparkmagic every 2 s) costs few requests.
     */
    static final Duration READY_MAX_INTERVAL = Duration.ofMillis(500);

    /** Creates a session; no remote call is made. */
    public DefaultInteractiveSession(SessionSettings settings) {
        this.settings = settings;
        this.listeners = new Listeners(settings.listeners(), settings.runtime().executor());
        this.hedger = new Hedger(settings.runtime().scheduler(), settings.runtime().clock(),
                settings.polling().hedgeSlowPolls());
        this.retrier = new Retrier(settings.retry(), settings.runtime().scheduler(), settings.runtime().random(),
                new Retrier.Listener() {
                    @Override
                    public void onRetry(String op, int attempt, Duration delay, Throwable cause) {
                        listeners.retry(sessionId, op, attempt, delay, cause);
                    }

                    @Override
                    public boolean observesFailures() {
                        return listeners.wantsThrottles();
                    }

                    @Override
                    public void onFailedAttempt(String op, Throwable cause) {
                        listeners.failedAttempt(sessionId, backend(), op, cause);
                    }

                    @Override
                    public void onReconciled(String op, boolean tookEffect) {
                        listeners.reconciled(sessionId, backend(), op, tookEffect);
                    }
                }, settings.runtime().clock());
        this.queue = new SubmissionQueue(settings.maxInFlight(), this::dispatch);
        this.reconciler = new Reconciler(settings.transport(), retrier);
        this.push = new SessionPush(settings.transport(), this);
        this.history = new History(settings.historySize());
        this.sqlRun = new SqlRun(this::executeAsync, () -> sessionId, settings.runtime().executor());
    }

    SubmissionQueue queue() {
        return queue;
    }

    Reconciler reconciler() {
        return reconciler;
    }

    SessionSettings settings() {
        return settings;
    }

    SessionRuntime runtime() {
        return settings.runtime();
    }

    @Override
    SessionTransport transport() {
        return settings.transport();
    }

    /** Hedges this session's statement polls. */
    Hedger hedger() {
        return hedger;
    }

    Retrier retrier() {
        return retrier;
    }

    Listeners listeners() {
        return listeners;
    }

    boolean recreateEnabled() {
        return settings.recreateLost();
    }

    @Override
    Language language() {
        return settings.language();
    }

    String describeBackend() {
        return transport().backend() + ", " + transport().endpoint();
    }

    @Override
    public Optional<String> id() {
        return Optional.ofNullable(sessionId);
    }

    @Override
    public String backend() {
        return transport().backend();
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public SessionConfig config() {
        return settings.config();
    }

    private void setState(SessionState to) {
        SessionState from;
        String ended = null;
        synchronized (lock) {
            from = state;
            if (from == to || (from == SessionState.STOPPED && to != SessionState.STOPPED)) {
                return;
            }
            state = to;
            if (to.isTerminal() && startedId != null) {
                ended = startedId;
                startedId = null;
            }
        }
        listeners.stateChange(sessionId, backend(), from, to);
        if (ended != null) {
            listeners.sessionEnded(ended, backend(), to);
        }
    }

    // ---------------------------------------------------------------- start

    @Override
    public CompletableFuture<InteractiveSession> startAsync() {
        synchronized (lock) {
            if (closed != null) {
                return Futures.failed(closedError("start"));
            }
            if (started == null) {
                started = new CompletableFuture<>();
                CompletableFuture<InteractiveSession> s = started;
                settings.warnings().forEach(w -> listeners.warning(null, w));
                launch().whenComplete((info, e) -> {
                    if (e != null) {
                        s.completeExceptionally(Futures.unwrap(e));
                    } else {
                        s.complete(this);
                    }
                });
            }
            return relayed(started);
        }
    }

    private <T> CompletableFuture<T> relayed(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        pending.add(out);
        out.whenComplete((v, e) -> pending.remove(out));
        Futures.relay(f, out, runtime().executor());
        return out;
    }

    /**
     * Creates (or attaches to) a remote session and waits for it; stops it again if that fails. The start deadline
     * bounds all of it, create included, plus a small grace ({@link #startGrace}) for the readiness poll's own
     * deadline to report first: when it passes, the call in flight is cancelled (the transport aborts its request)
     * and a create that never answered is looked up by its client token and stopped. The shutdown hook is registered
     * before the create is sent, so a JVM exiting while the create is unanswered stops that session too.
     */
    private CompletableFuture<SessionInfo> launch() {
        Instant began = runtime().clock().instant();
        setState(SessionState.STARTING);
        CompletableFuture<SessionInfo> create;
        String attach = settings.attachId();
        CreateSessionRequest req = null;
        if (attach != null) {
            create = retrier.idempotent("getSession", () -> transport().getSession(attach)).thenApply(info -> {
                if (info.state().isTerminal()) {
                    throw new SessionStateException("Cannot attach to session " + attach + " (" + describeBackend()
                            + "): it is " + info.backendState() + ". Attach to a live session, or build a new one.",
                            null, attach, backend(), info.state());
                }
                return info;
            });
        } else {
            CreateSessionRequest r = CreateSessionRequest.of(settings.config(), settings.language(), clientToken());
            req = r;
            synchronized (lock) {
                createRequest = r;
            }
            registerShutdownHook(r.clientToken());
            create = retrier.nonIdempotent("createSession", () -> transport().createSession(r),
                    () -> transport().findSession(r));
        }
        synchronized (lock) {
            creating = create;
        }
        CreateSessionRequest sent = req;
        Duration limit = settings.timeouts().start();
        CompletableFuture<SessionInfo> ready = create.thenCompose(info -> {
            sessionId = info.id();
            LOG.debug("{}: created on {} ({})", GlivyLoggers.name(info.id()), describeBackend(), info.backendState());
            registerShutdownHook(info.id());
            push.register(info.id(), () -> {
                synchronized (lock) {
                    return closed == null && info.id().equals(sessionId);
                }
            });
            synchronized (lock) {
                if (closed != null) {
                    throw closedError("start");
                }
            }
            return awaitReady(info);
        });
        return Deadlines.within(ready, limit.plus(startGrace(limit)), runtime().scheduler(),
                () -> new SessionTimeoutException("Session " + (sessionId == null ? "(not created yet)" : sessionId)
                        + " (" + describeBackend() + ") was not ready within " + Durations.human(limit) + " (the "
                        + "start deadline, create included); the call in flight was cancelled and the session "
                        + "stopped. Raise SessionBuilder.startTimeout(...) if the backend is slow.", sessionId,
                        backend(), limit))
                .whenComplete((info, e) -> {
            Duration took = Duration.between(began, runtime().clock().instant());
            if (e == null) {
                synchronized (lock) {
                    startedId = info.id();
                }
                listeners.sessionStarted(info.id(), backend(), took, costRate());
                setState(info.state());
                startKeepAlive();
                return;
            }
            if (!create.isDone()) {
                create.cancel(true); // the transport aborts the create (or the lookup) in flight
            }
            PollLoop<SessionInfo> r = readiness;
            if (r != null && !r.result().isDone()) {
                r.result().cancel(true); // and the readiness poll in flight
            }
            Throwable cause = Futures.unwrap(e);
            listeners.sessionStartFailed(sessionId, backend(), took, cause);
            setState(cause instanceof SessionStateException se && se.state().isTerminal() ? se.state()
                    : SessionState.FAILED);
            String id = sessionId;
            if (id != null && state != SessionState.LOST) {
                stopRemote(id); // also a session that died while starting: backends keep dead ones listed
            } else if (id == null && sent != null && create.isCancelled()) {
                stopUnanswered(sent);
            }
        });
    }

    /** The grace after the start deadline for the readiness poll to report it first: a tenth of it, at most 1 s. */
    static Duration startGrace(Duration start) {
        Duration tenth = start.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? tenth : Duration.ofSeconds(1);
    }

    /** What the session costs per hour, when the transport knows; a transport that throws is taken as not knowing. */
    private Optional<CostRate> costRate() {
        try {
            return transport().costRate(settings.config());
        } catch (RuntimeException e) {
            LOG.debug("{}: the {} transport's cost rate failed: {}", GlivyLoggers.name(sessionId), backend(),
                    e.toString());
            return Optional.empty();
        }
    }

    private String clientToken() {
        SessionConfig c = settings.config();
        if (c.sessionId().isPresent()) {
            return c.sessionIdPrefix().map(p -> p + "-").orElse("") + c.sessionId().get();
        }
        return c.sessionIdPrefix().orElse("glivy") + "-" + UUID.randomUUID();
    }

    private CompletableFuture<SessionInfo> awaitReady(SessionInfo created) {
        if (created.state().isReady()) {
            return CompletableFuture.completedFuture(created);
        }
        String id = created.id();
        PollingPolicy policy = settings.polling();
        if (policy.maxInterval().compareTo(READY_MAX_INTERVAL) > 0) {
            policy = policy.toBuilder().maxInterval(READY_MAX_INTERVAL).build();
        }
        PollLoop<SessionInfo> loop = PollLoop.start(new PollLoop.Settings(runtime(), policy,
                settings.timeouts().start(), retrier, this::pushed),
                () -> retrier.idempotent("getSession", () -> transport().getSession(id)),
                i -> i.state().isReady() || i.state().isTerminal(),
                i -> PollLoop.Status.NONE,
                i -> setState(i.state() == SessionState.UNKNOWN ? SessionState.STARTING : i.state()),
                () -> new SessionTimeoutException("Session " + id + " (" + describeBackend() + ") was not ready "
                        + "within " + Durations.human(settings.timeouts().start()) + "; it has been stopped. Raise "
                        + "SessionBuilder.startTimeout(...) if the backend is slow to provision.", id, backend(),
                        settings.timeouts().start()));
        readiness = loop;
        return loop.result().thenCompose(info -> info.state().isReady() ? CompletableFuture.completedFuture(info)
                : diedWhileStarting(info));
    }

    private CompletableFuture<SessionInfo> diedWhileStarting(SessionInfo info) {
        return transport().sessionLog(info.id(), -1, LOG_LINES_ON_FAILURE)
                .exceptionally(e -> List.of())
                .thenApply(log -> {
                    StringBuilder msg = new StringBuilder("Session " + info.id() + " (" + describeBackend()
                            + ") failed while starting: it is " + info.backendState());
                    info.errorMessage().ifPresent(m -> msg.append(": ").append(m));
                    if (!log.isEmpty()) {
                        msg.append("\nLast ").append(log.size()).append(" log lines:");
                        log.forEach(line -> msg.append("\n  ").append(line));
                    }
                    throw new SessionLostException(msg.toString(), null, info.id(), backend(), info.state());
                });
    }

    private void startKeepAlive() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        synchronized (lock) {
            if (closed == null && keepAlive == null) {
                keepAlive = KeepAlive.start(runtime().scheduler(), transport(), id, this::markLost);
            }
        }
    }

    /** Whether the transport currently pushes changes of this session. */
    boolean pushed() {
        return push.active();
    }

    /** The transport pushed a change of remote session {@code id}: read readiness and its statements at once. */
    void sessionPoked(String id) {
        if (!id.equals(sessionId)) {
            return;
        }
        PollLoop<SessionInfo> r = readiness;
        if (r != null && !r.result().isDone()) {
            r.pollNow();
        }
        for (StatementRun run : running) {
            run.sessionChanged();
        }
    }

    /** The transport pushed a change of statement {@code statementId} in remote session {@code id}. */
    void statementPoked(String id, String statementId) {
        if (!id.equals(sessionId)) {
            return;
        }
        for (StatementRun run : running) {
            run.changed(id, statementId);
        }
    }

    /** Registers the shutdown hook once, named after {@code label} (the client token before the id is known). */
    private void registerShutdownHook(String label) {
        if (!settings.stopOnShutdown()) {
            return;
        }
        synchronized (lock) {
            if (shutdownHook == null && closed == null) {
                shutdownHook = ShutdownHook.register(label, describeBackend(), this::closeAsync,
                        settings.timeouts().close());
            }
        }
    }

    // ---------------------------------------------------------------- statements

    @Override
    public CompletableFuture<StatementResult> executeAsync(StatementRequest request) {
        Language lang = request.language() != null ? request.language() : settings.language();
        if (!transport().languages().contains(lang)) {
            return Futures.failed(new IllegalArgumentException("Statement language " + lang.label()
                    + " is not supported by the " + backend() + " transport (supported: "
                    + labels(transport().languages()) + ")"));
        }
        CompletableFuture<InteractiveSession> s;
        synchronized (lock) {
            if (closed != null) {
                return Futures.failed(closedError("run a statement"));
            }
            if (started == null) {
                return Futures.failed(new SessionStateException("Session not started; call start() first (or build "
                        + "it with SessionBuilder.start()) before running statements.", null, null, backend(),
                        SessionState.NOT_STARTED));
            }
            s = started;
        }
        StatementRun run = new StatementRun(this, request, lang);
        history.add(run);
        running.add(run);
        queue.add(run);
        return run.future();
    }

    /** The queue's turn for {@code run}: once the session is started, submit it (or recreate a lost session). */
    private void dispatch(StatementRun run) {
        CompletableFuture<InteractiveSession> s;
        synchronized (lock) {
            s = started;
        }
        if (s == null) {
            run.fail(closedError("run a statement"));
            run.release();
            return;
        }
        s.whenComplete((ok, e) -> {
            if (e != null) {
                run.fail(Futures.unwrap(e));
                run.release();
                return;
            }
            SessionState now = state;
            String id = sessionId;
            if (now.isTerminal() || id == null) {
                if (settings.recreateLost() && now != SessionState.STOPPED) {
                    recreateThenSubmit(run, new SessionLostException("Session " + id + " is " + now, null, id,
                            backend(), now));
                } else {
                    run.fail(lostError(id, now));
                    run.release();
                }
                return;
            }
            setState(SessionState.BUSY);
            run.submit(id, false);
        });
    }

    private static String labels(Set<Language> langs) {
        List<String> l = new ArrayList<>();
        for (Language x : Language.values()) {
            if (langs.contains(x)) {
                l.add(x.label());
            }
        }
        return String.join(", ", l);
    }

    /** {@code run} finished: statements dispatched before it are most likely finished too, so look at them now. */
    void finishedInOrder(StatementRun run) {
        for (StatementRun earlier : queue.before(run)) {
            earlier.laterOneFinished();
        }
    }

    /** {@code run} gave up its place: the next statement may be sent. */
    void statementDone(StatementRun run) {
        history.finished(run);
        boolean was = running.remove(run);
        queue.release(run);
        for (StatementRun later : running) {
            if (later.sequence > run.sequence) {
                later.earlierFinished();
            }
        }
        if (was && running.isEmpty() && state == SessionState.BUSY) {
            setState(SessionState.IDLE);
        }
    }

    void markLost(SessionLostException e) {
        if (!state.isTerminal()) {
            setState(e.state().isTerminal() ? e.state() : SessionState.LOST);
        }
    }

    private SessionException lostError(@Nullable String id, SessionState now) {
        return new SessionLostException("Session " + id + " (" + describeBackend() + ") is " + now + ". "
                + ErrorText.LOST_SESSION_HINT, null, id, backend(), now);
    }

    /** Replaces a lost session with a new one, then submits {@code run} there. */
    void recreateThenSubmit(StatementRun run, SessionLostException lost) {
        markLost(lost);
        String old = sessionId;
        CompletableFuture<InteractiveSession> again;
        synchronized (lock) {
            if (closed != null) {
                run.fail(closedError("run a statement"));
                run.release();
                return;
            }
            if (started != null && started.isDone() && state.isTerminal()) {
                cancelKeepAlive();
                if (old != null && state != SessionState.LOST && state != SessionState.STOPPED) {
                    stopRemote(old); // it died but is still listed (and may still hold resources)
                }
                sessionId = null;
                started = new CompletableFuture<>();
                CompletableFuture<InteractiveSession> s = started;
                launch().whenComplete((info, e) -> {
                    if (e != null) {
                        s.completeExceptionally(Futures.unwrap(e));
                    } else {
                        listeners.warning(info.id(), "Session " + old + " was lost (" + lost.getMessage()
                                + "); created session " + info.id() + ". Variables, tables and cached data from "
                                + "earlier statements are gone.");
                        s.complete(this);
                    }
                });
            }
            again = started;
        }
        if (again == null) {
            run.fail(lost);
            run.release();
            return;
        }
        again.whenComplete((ok, e) -> {
            if (e != null) {
                run.fail(Futures.unwrap(e));
                run.release();
            } else {
                setState(SessionState.BUSY);
                run.submit(sessionId, true);
            }
        });
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String statementId) {
        if (isClosed()) {
            return Futures.failed(closedError("cancel statement " + statementId));
        }
        String id = sessionId;
        if (id == null) {
            return Futures.failed(new SessionStateException("Session not started; there is no statement "
                    + statementId + " to cancel.", null, null, backend(), state));
        }
        return relayed(retrier.idempotent("cancelStatement", () -> transport().cancelStatement(id, statementId))
                .thenRun(() -> {
                    for (StatementRun r : running) {
                        if (statementId.equals(r.statementId())) {
                            r.cancelAccepted();
                        }
                    }
                }));
    }

    @Override
    public List<StatementResult> history() {
        return history.snapshot();
    }

    @Override
    SqlRun sqlRun() {
        return sqlRun;
    }

    @Override
    void decoded(StatementResult raw, StatementResult kept) {
        history.replace(raw, kept);
    }

    // ---------------------------------------------------------------- info

    @Override
    public CompletableFuture<SessionInfo> infoAsync() {
        if (isClosed()) {
            return Futures.failed(closedError("get the session info"));
        }
        String id = sessionId;
        if (id == null) {
            return Futures.failed(new SessionStateException("Session not started; call start() first to get its "
                    + "info.", null, null, backend(), state));
        }
        return relayed(retrier.idempotent("getSession", () -> transport().getSession(id)).whenComplete((i, e) -> {
            if (e != null && Futures.unwrap(e) instanceof SessionLostException lost) {
                markLost(lost);
            } else if (i != null && i.state().isTerminal()) {
                setState(i.state());
            }
        }));
    }

    @Override
    public List<String> log(int from, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be > 0 but was " + size);
        }
        if (isClosed()) {
            throw closedError("read the session log");
        }
        String id = sessionId;
        if (id == null) {
            throw new SessionStateException("Session not started; call start() first to read its log.", null, null,
                    backend(), state);
        }
        return Futures.await(relayed(retrier.idempotent("sessionLog", () -> transport().sessionLog(id, from, size))),
                id, backend(), "the session log");
    }

    @Override
    public List<SessionInfo> listSessions() {
        if (isClosed()) {
            throw closedError("list sessions");
        }
        return Futures.await(relayed(retrier.idempotent("listSessions", () -> transport().listSessions())),
                sessionId, backend(), "the session list");
    }

    // ---------------------------------------------------------------- close

    @Override
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> result;
        CompletableFuture<SessionInfo> pendingCreate;
        CreateSessionRequest req;
        synchronized (lock) {
            if (closed != null) {
                return closed.copy(); // a copy: a caller cancelling its future must not cancel everyone's close
            }
            closed = new CompletableFuture<>();
            result = closed;
            pendingCreate = creating;
            req = createRequest;
            cancelKeepAlive();
        }
        removeShutdownHook();
        SessionState before = state;
        setState(SessionState.STOPPING);
        CompletableFuture<Void> stop;
        if (sessionId == null && pendingCreate != null && !pendingCreate.isDone() && req != null) {
            // the create has not answered: abort it, then find its session by the client token and stop it
            pendingCreate.cancel(true);
            CreateSessionRequest sent = req;
            stop = pendingCreate.handle((info, e) -> info == null ? null : info.id())
                    .thenCompose(id -> id != null ? stopRemote(id) : stopUnanswered(sent));
        } else {
            CompletableFuture<@Nullable String> idKnown = sessionId != null || pendingCreate == null
                    ? CompletableFuture.completedFuture(sessionId)
                    : pendingCreate.handle((info, e) -> info == null ? null : info.id());
            // a session that died after start is still listed: stop it too, unless it is gone or stopped
            stop = idKnown.thenCompose(id -> id == null || before == SessionState.LOST
                    || before == SessionState.STOPPED ? CompletableFuture.<Void>completedFuture(null)
                    : stopRemote(id));
        }
        Deadlines.within(stop, settings.timeouts().close(), runtime().scheduler(),
                () -> new SessionTimeoutException("Session " + sessionId + " (" + describeBackend() + ") did not "
                        + "stop within " + Durations.human(settings.timeouts().close()) + "; it will stop itself at "
                        + "its idle timeout.", sessionId, backend(), settings.timeouts().close()))
                .whenComplete((v, e) -> {
                    for (StatementRun r : queue.drain()) {
                        r.fail(new SessionStateException("Session " + sessionId + " was closed before the statement "
                                + "was sent; it never reached the backend.", null, sessionId, backend(),
                                SessionState.STOPPED));
                    }
                    for (StatementRun r : running) {
                        r.fail(new SessionStateException("Session " + sessionId + " was closed while the statement "
                                + "was running.", null, sessionId, backend(), SessionState.STOPPED));
                    }
                    for (StatementRun r : running) {
                        r.release();
                    }
                    setState(SessionState.STOPPED);
                    push.close();
                    failPending();
                    Futures.completeOn(runtime().executor(), result, null, e);
                    release();
                });
        return result.copy(); // a copy: an interrupted close() cancels its own future, not the shared one
    }

    /** Fails a start still waiting and every call still in flight: the runtime may stop right after this. */
    private void failPending() {
        CompletableFuture<InteractiveSession> s;
        synchronized (lock) {
            s = started;
        }
        if (s != null && !s.isDone()) {
            s.completeExceptionally(closedError("start"));
        }
        for (CompletableFuture<?> f : List.copyOf(pending)) {
            Futures.completeOn(runtime().executor(), f, null, closedError("finish the call"));
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed != null;
        }
    }

    /** Stops remote session {@code id}, once: a second call (start failure, then close) gets the first's future. */
    private CompletableFuture<Void> stopRemote(String id) {
        return once(id, () -> {
            LOG.debug("{}: stopping on {}", GlivyLoggers.name(id), describeBackend());
            return retrier.idempotent("stopSession", () -> transport().stopSession(id)).exceptionally(e -> {
                Throwable c = Futures.unwrap(e);
                if (c instanceof SessionLostException) {
                    return null;
                }
                throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
            });
        });
    }

    /**
     * Runs {@code stop} for {@code key} once; later calls get the first call's future. Not
     * {@code ConcurrentHashMap.computeIfAbsent}: a stop whose lookup answers at once starts the next stop from inside
     * the first, and a nested update of the map throws "Recursive update" when both keys share a bin ({@code ""}
     * and Livy's {@code "0"} do).
     */
    private CompletableFuture<Void> once(String key, java.util.function.Supplier<CompletableFuture<Void>> stop) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = stops.putIfAbsent(key, mine);
        if (first != null) {
            return first;
        }
        CompletableFuture<Void> f;
        try {
            f = stop.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                mine.completeExceptionally(Futures.unwrap(e));
            } else {
                mine.complete(null);
            }
        });
        return mine;
    }

    /**
     * Stops the session a create that never answered (aborted by a deadline, a close or the JVM exiting) may have
     * made: it is looked up by its client token ({@link SessionTransport#findSession}) and stopped when found. Once.
     */
    private CompletableFuture<Void> stopUnanswered(CreateSessionRequest req) {
        return once("", () -> {
            LOG.debug("{}: looking for the session of an unanswered create ({})", GlivyLoggers.name(null),
                    req.clientToken());
            return retrier.idempotent("findSession", () -> transport().findSession(req))
                    .thenCompose(found -> found.isPresent() ? stopRemote(found.get().id())
                            : CompletableFuture.<Void>completedFuture(null));
        });
    }

    private void cancelKeepAlive() {
        KeepAlive k = keepAlive;
        keepAlive = null;
        if (k != null) {
            k.stop();
        }
    }

    private void removeShutdownHook() {
        ShutdownHook hook;
        synchronized (lock) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook != null) {
            hook.remove();
        }
    }

    private void release() {
        if (settings.ownsTransport()) {
            try {
                transport().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the {} transport failed", backend(), e);
            }
        }
        if (settings.sharedRuntime()) {
            // on the executor: release() may run on the scheduler thread, which closing the runtime interrupts
            Runnable last = () -> SharedRuntime.release(runtime());
            try {
                runtime().executor().execute(last);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                last.run();
            }
        }
    }

    private SessionStateException closedError(String what) {
        return new SessionStateException("Cannot " + what + ": session " + (sessionId == null ? "" : sessionId + " ")
                + "(" + describeBackend() + ") is closed. Build a new session.", null, sessionId, backend(),
                SessionState.STOPPED);
    }

    @Override
    public String toString() {
        return "InteractiveSession{id=" + sessionId + ", backend=" + describeBackend() + ", state=" + state + "}";
    }
}
