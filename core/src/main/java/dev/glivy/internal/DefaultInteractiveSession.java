package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.SessionTransport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link InteractiveSession} implementation: the session state machine over any {@link SessionTransport}.
 * This class holds the state its parts share (the lifecycle state, the remote id, the lock) and the public
 * operations; the parts are {@link SessionLaunch} (creating or attaching, readiness, recreating a lost session),
 * {@link SessionClose}, {@link SessionStops} (each remote stop once), {@link SessionHolds} (keep-alive, shutdown
 * hook, what is released on close) and {@link StatementDispatch} (checking, queueing and sending statements; each
 * statement's own lifecycle is a {@link StatementRun}). Keep-alives and polls run on the shared scheduler.
 *
 * <p>When the transport can push changes ({@link SessionTransport#watch}), the session registers one watch per remote
 * session as soon as it has an id (a new one after a recreate) and closes it on close; a push only makes the
 * readiness poll or the named statement's poll read at once on the scheduler, and scheduled polls slow down to a
 * safety net ({@link PollLoop#SAFETY_NET}). Readiness is polled at most every
 * {@link SessionLaunch#READY_MAX_INTERVAL}.
 */
public final class DefaultInteractiveSession extends BlockingFacade {
    private final SessionSettings settings;
    private final Retrier retrier;
    private final Hedger hedger;
    private final Listeners listeners;
    private final Object lock = new Object();
    private final SqlRun sqlRun;
    /** Futures handed to callers and not complete yet; closing fails whatever is left, so every future completes. */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

    private final Reconciler reconciler;
    private final SessionPush push;
    private final SessionStops stops;
    private final SessionHolds holds;
    private final SessionLaunch launch;
    private final StatementDispatch statements;
    private volatile SessionState state = SessionState.NOT_STARTED;
    private volatile @Nullable String sessionId;
    /** The close, once asked for (guarded by {@code lock}). */
    private @Nullable SessionClose closing;
    /** The remote session reported started and not yet ended to the listeners (guarded by {@code lock}). */
    private @Nullable String startedId;

    /** Creates a session; no remote call is made. */
    public DefaultInteractiveSession(SessionSettings settings) {
        this.settings = settings;
        this.listeners = new Listeners(settings.listeners(), settings.runtime().executor());
        this.hedger = new Hedger(
                settings.runtime().scheduler(),
                settings.runtime().clock(),
                settings.polling().hedgeSlowPolls());
        this.retrier = new Retrier(
                settings.retry(),
                settings.runtime().scheduler(),
                settings.runtime().random(),
                new RetryEvents(listeners, () -> sessionId, settings.transport().backend()),
                settings.runtime().clock());
        this.statements = new StatementDispatch(this);
        this.reconciler = new Reconciler(settings.transport(), retrier);
        this.push = new SessionPush(settings.transport(), this);
        this.stops = new SessionStops(settings.transport(), retrier, describeBackend());
        this.holds = new SessionHolds(settings, lock, describeBackend(), () -> closing != null);
        this.launch = new SessionLaunch(this, retrier, stops, holds);
        this.sqlRun = new SqlRun(
                this::executeAsync, () -> sessionId, settings.runtime().executor());
    }

    SubmissionQueue queue() {
        return statements.queue();
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

    SessionPush push() {
        return push;
    }

    SessionLaunch launch() {
        return launch;
    }

    StatementDispatch statements() {
        return statements;
    }

    /** The session's lock: guards the start, the close and what they share. */
    Object lock() {
        return lock;
    }

    /** Whether the session is closed (or closing). Call holding {@link #lock()}. */
    boolean closedLocked() {
        return closing != null;
    }

    /** The remote session id, or {@code null} before the backend assigned one (and while a lost one is replaced). */
    @Nullable
    String sessionId() {
        return sessionId;
    }

    void sessionId(@Nullable String id) {
        this.sessionId = id;
    }

    /** Remote session {@code id} started: the listeners will hear when it ends. */
    void started(String id) {
        synchronized (lock) {
            startedId = id;
        }
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

    void setState(SessionState to) {
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
            if (closing != null) {
                return Futures.failed(closedError("start"));
            }
            return relayed(launch.startOnce());
        }
    }

    private <T> CompletableFuture<T> relayed(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        pending.add(out);
        out.whenComplete((v, e) -> pending.remove(out));
        Futures.relay(f, out, runtime().executor());
        return out;
    }

    /** Fails every call still in flight (closing: the runtime may stop right after this). */
    void failCallsInFlight() {
        for (CompletableFuture<?> f : List.copyOf(pending)) {
            Futures.completeOn(runtime().executor(), f, null, closedError("finish the call"));
        }
    }

    void startKeepAlive() {
        String id = sessionId;
        if (id != null) {
            holds.startKeepAlive(id, this::markLost);
        }
    }

    /** Registers the shutdown hook once, named after {@code label} (the client token before the id is known). */
    void registerShutdownHook(String label) {
        holds.registerShutdownHook(label, this::closeAsync);
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
        launch.pollReadinessNow();
        statements.sessionChanged();
    }

    /** The transport pushed a change of statement {@code statementId} in remote session {@code id}. */
    void statementPoked(String id, String statementId) {
        if (!id.equals(sessionId)) {
            return;
        }
        statements.statementChanged(id, statementId);
    }

    // ---------------------------------------------------------------- statements

    @Override
    public CompletableFuture<StatementResult> executeAsync(StatementRequest request) {
        return statements.submit(request);
    }

    /** {@code run} finished: statements dispatched before it are most likely finished too, so look at them now. */
    void finishedInOrder(StatementRun run) {
        statements.finishedInOrder(run);
    }

    /** {@code run} gave up its place: the next statement may be sent. */
    void statementDone(StatementRun run) {
        statements.statementDone(run);
    }

    void markLost(SessionLostException e) {
        if (!state.isTerminal()) {
            setState(e.state().isTerminal() ? e.state() : SessionState.LOST);
        }
    }

    /** Replaces a lost session with a new one, then submits {@code run} there. */
    void recreateThenSubmit(StatementRun run, SessionLostException lost) {
        statements.recreateThenSubmit(run, lost);
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String statementId) {
        if (isClosed()) {
            return Futures.failed(closedError("cancel statement " + statementId));
        }
        String id = sessionId;
        if (id == null) {
            return Futures.failed(new SessionStateException(
                    "Session not started; there is no statement " + statementId + " to cancel.",
                    null,
                    null,
                    backend(),
                    state));
        }
        return relayed(retrier.idempotent("cancelStatement", () -> transport().cancelStatement(id, statementId))
                .thenRun(() -> statements.cancelAccepted(statementId)));
    }

    @Override
    public List<StatementResult> history() {
        return statements.history().snapshot();
    }

    @Override
    SqlRun sqlRun() {
        return sqlRun;
    }

    @Override
    void decoded(StatementResult raw, StatementResult kept) {
        statements.history().replace(raw, kept);
    }

    // ---------------------------------------------------------------- info

    @Override
    public CompletableFuture<SessionInfo> infoAsync() {
        if (isClosed()) {
            return Futures.failed(closedError("get the session info"));
        }
        String id = sessionId;
        if (id == null) {
            return Futures.failed(new SessionStateException(
                    "Session not started; call start() first to get its " + "info.", null, null, backend(), state));
        }
        return relayed(retrier.idempotent("getSession", () -> transport().getSession(id))
                .whenComplete((i, e) -> {
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
            throw new SessionStateException(
                    "Session not started; call start() first to read its log.", null, null, backend(), state);
        }
        return Futures.await(
                relayed(retrier.idempotent("sessionLog", () -> transport().sessionLog(id, from, size))),
                id,
                backend(),
                "the session log");
    }

    // ---------------------------------------------------------------- close

    @Override
    public CompletableFuture<Void> closeAsync() {
        SessionClose c;
        synchronized (lock) {
            if (closing != null) {
                return closing.result().copy(); // a copy: a caller cancelling its future must not cancel everyone's
            }
            c = new SessionClose(this, stops, holds);
            closing = c;
            c.begin(launch);
        }
        c.run();
        return c.result().copy(); // a copy: an interrupted close() cancels its own future, not the shared one
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closing != null;
        }
    }

    SessionStateException closedError(String what) {
        return new SessionStateException(
                "Cannot " + what + ": session " + (sessionId == null ? "" : sessionId + " ") + "(" + describeBackend()
                        + ") is closed. Build a new session.",
                null,
                sessionId,
                backend(),
                SessionState.STOPPED);
    }

    @Override
    public String toString() {
        return "InteractiveSession{id=" + sessionId + ", backend=" + describeBackend() + ", state=" + state + "}";
    }
}
