package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.config.PollingPolicy;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Starting an engine session: creates the remote session exactly once (reconciling by client token) or attaches to
 * one, waits for readiness under the start deadline, and stops whatever was created if starting fails; after a loss,
 * the same for the replacement. Holds the start future and what {@code close()} needs of a start in flight (the
 * create and its request). The fields are guarded by the session's lock, except {@link #readiness}.
 */
final class SessionLaunch {
    private static final Logger LOG = GlivyLoggers.session();
    private static final int LOG_LINES_ON_FAILURE = 20;

    /**
     * The longest interval between readiness polls: 0.5 s. A session is polled for readiness once per start, so
     * noticing it soon (pylivy polls every 1 s after its first steps, sparkmagic every 2 s) costs few requests.
     */
    static final Duration READY_MAX_INTERVAL = Duration.ofMillis(500);

    private final DefaultInteractiveSession session;
    private final SessionSettings settings;
    private final Retrier retrier;
    private final SessionStops stops;
    private final SessionHolds holds;
    private @Nullable CompletableFuture<InteractiveSession> started;
    private @Nullable CompletableFuture<SessionInfo> creating;
    /** The create request of the latest launch, to find its session by name when the create never answered. */
    private @Nullable CreateSessionRequest createRequest;

    private volatile @Nullable PollLoop<SessionInfo> readiness;

    SessionLaunch(DefaultInteractiveSession session, Retrier retrier, SessionStops stops, SessionHolds holds) {
        this.session = session;
        this.settings = session.settings();
        this.retrier = retrier;
        this.stops = stops;
        this.holds = holds;
    }

    private SessionTransport transport() {
        return settings.transport();
    }

    /** The start, or {@code null} before {@code start()}. Call holding the session's lock. */
    @Nullable
    CompletableFuture<InteractiveSession> started() {
        return started;
    }

    /** The create of the latest launch, or {@code null}. Call holding the session's lock. */
    @Nullable
    CompletableFuture<SessionInfo> creating() {
        return creating;
    }

    /** The create request of the latest launch, or {@code null} when it attached. Call holding the session's lock. */
    @Nullable
    CreateSessionRequest createRequest() {
        return createRequest;
    }

    /** The start, begun by the first call. Call holding the session's lock, the session open. */
    CompletableFuture<InteractiveSession> startOnce() {
        if (started == null) {
            started = new CompletableFuture<>();
            CompletableFuture<InteractiveSession> s = started;
            settings.warnings().forEach(w -> session.listeners().warning(null, w));
            launch().whenComplete((info, e) -> {
                if (e != null) {
                    s.completeExceptionally(Futures.unwrap(e));
                } else {
                    s.complete(session);
                }
            });
        }
        return started;
    }

    /**
     * The start of a replacement for remote session {@code old}, lost with {@code lost}: begun now when the last
     * start finished and the session is ended (its keep-alive stopped, {@code old} stopped unless it is lost or
     * stopped already), else the start already under way; {@code null} when never started. Call holding the
     * session's lock, the session open.
     */
    @Nullable
    CompletableFuture<InteractiveSession> restartAfter(@Nullable String old, SessionLostException lost) {
        SessionState state = session.state();
        if (started != null && started.isDone() && state.isTerminal()) {
            holds.cancelKeepAlive();
            if (old != null && state != SessionState.LOST && state != SessionState.STOPPED) {
                stops.stopRemote(old); // it died but is still listed (and may still hold resources)
            }
            session.sessionId(null);
            started = new CompletableFuture<>();
            CompletableFuture<InteractiveSession> s = started;
            launch().whenComplete((info, e) -> {
                if (e != null) {
                    s.completeExceptionally(Futures.unwrap(e));
                } else {
                    session.listeners()
                            .warning(
                                    info.id(),
                                    "Session " + old + " was lost (" + lost.getMessage()
                                            + "); created session " + info.id()
                                            + ". Variables, tables and cached data from "
                                            + "earlier statements are gone.");
                    s.complete(session);
                }
            });
        }
        return started;
    }

    /** The transport pushed a change of the session: read readiness at once if a start waits for it. */
    void pollReadinessNow() {
        PollLoop<SessionInfo> r = readiness;
        if (r != null && !r.result().isDone()) {
            r.pollNow();
        }
    }

    /**
     * Creates (or attaches to) a remote session and waits for it; stops it again if that fails. The start deadline
     * bounds all of it, create included, plus a small grace ({@link #startGrace}) for the readiness poll's own
     * deadline to report first: when it passes, the call in flight is cancelled (the transport aborts its request)
     * and a create that never answered is looked up by its client token and stopped. The shutdown hook is registered
     * before the create is sent, so a JVM exiting while the create is unanswered stops that session too.
     */
    private CompletableFuture<SessionInfo> launch() {
        Instant began = settings.runtime().clock().instant();
        session.setState(SessionState.STARTING);
        CompletableFuture<SessionInfo> create;
        String attach = settings.attachId();
        CreateSessionRequest req = null;
        if (attach != null) {
            create = retrier.idempotent("getSession", () -> transport().getSession(attach))
                    .thenApply(info -> {
                        if (info.state().isTerminal()) {
                            throw new SessionStateException(
                                    "Cannot attach to session " + attach + " ("
                                            + session.describeBackend() + "): it is " + info.backendState()
                                            + ". Attach to a live "
                                            + "session, or build a new one.",
                                    null,
                                    attach,
                                    session.backend(),
                                    info.state());
                        }
                        return info;
                    });
        } else {
            CreateSessionRequest r = CreateSessionRequest.of(settings.config(), settings.language(), clientToken());
            req = r;
            synchronized (session.lock()) {
                createRequest = r;
            }
            session.registerShutdownHook(r.clientToken());
            create = retrier.nonIdempotent("createSession", () -> transport().createSession(r), () -> transport()
                    .findSession(r));
        }
        synchronized (session.lock()) {
            creating = create;
        }
        CreateSessionRequest sent = req;
        Duration limit = settings.timeouts().start();
        CompletableFuture<SessionInfo> ready = create.thenCompose(info -> {
            session.sessionId(info.id());
            LOG.debug(
                    "{}: created on {} ({})",
                    GlivyLoggers.name(info.id()),
                    session.describeBackend(),
                    info.backendState());
            session.registerShutdownHook(info.id());
            session.push().register(info.id(), () -> {
                synchronized (session.lock()) {
                    return !session.closedLocked() && info.id().equals(session.sessionId());
                }
            });
            synchronized (session.lock()) {
                if (session.closedLocked()) {
                    throw session.closedError("start");
                }
            }
            return awaitReady(info);
        });
        return Deadlines.within(
                        ready,
                        limit.plus(startGrace(limit)),
                        settings.runtime().scheduler(),
                        () -> new SessionTimeoutException(
                                "Session " + (session.sessionId() == null ? "(not created yet)" : session.sessionId())
                                        + " (" + session.describeBackend() + ") was not ready within "
                                        + Durations.human(limit)
                                        + " (the start deadline, create included); the call in flight was "
                                        + "cancelled and the session stopped. Raise SessionBuilder.startTimeout(...) if the backend "
                                        + "is slow.",
                                session.sessionId(),
                                session.backend(),
                                limit))
                .whenComplete((info, e) -> {
                    Duration took =
                            Duration.between(began, settings.runtime().clock().instant());
                    if (e == null) {
                        session.started(info.id());
                        session.listeners().sessionStarted(info.id(), session.backend(), took, costRate());
                        session.setState(info.state());
                        session.startKeepAlive();
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
                    session.listeners().sessionStartFailed(session.sessionId(), session.backend(), took, cause);
                    session.setState(
                            cause instanceof SessionStateException se
                                            && se.state().isTerminal()
                                    ? se.state()
                                    : SessionState.FAILED);
                    String id = session.sessionId();
                    if (id != null && session.state() != SessionState.LOST) {
                        stops.stopRemote(id); // also a session that died while starting: backends keep dead ones listed
                    } else if (id == null && sent != null && create.isCancelled()) {
                        stops.stopUnanswered(sent);
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
            LOG.debug(
                    "{}: the {} transport's cost rate failed: {}",
                    GlivyLoggers.name(session.sessionId()),
                    session.backend(),
                    e.toString());
            return Optional.empty();
        }
    }

    private String clientToken() {
        SessionConfig c = settings.config();
        if (c.sessionId().isPresent()) {
            return c.sessionIdPrefix().map(p -> p + "-").orElse("")
                    + c.sessionId().get();
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
        PollLoop<SessionInfo> loop = PollLoop.start(
                new PollLoop.Settings(
                        settings.runtime(), policy, settings.timeouts().start(), retrier, session::pushed),
                () -> retrier.idempotent("getSession", () -> transport().getSession(id)),
                i -> i.state().isReady() || i.state().isTerminal(),
                i -> PollLoop.Status.NONE,
                i -> session.setState(i.state() == SessionState.UNKNOWN ? SessionState.STARTING : i.state()),
                () -> new SessionTimeoutException(
                        "Session " + id + " (" + session.describeBackend() + ") was not "
                                + "ready within "
                                + Durations.human(settings.timeouts().start()) + "; it has been stopped. "
                                + "Raise SessionBuilder.startTimeout(...) if the backend is slow to provision.",
                        id,
                        session.backend(),
                        settings.timeouts().start()));
        readiness = loop;
        return loop.result()
                .thenCompose(info ->
                        info.state().isReady() ? CompletableFuture.completedFuture(info) : diedWhileStarting(info));
    }

    private CompletableFuture<SessionInfo> diedWhileStarting(SessionInfo info) {
        return transport()
                .sessionLog(info.id(), -1, LOG_LINES_ON_FAILURE)
                .exceptionally(e -> List.of())
                .thenApply(log -> {
                    StringBuilder msg = new StringBuilder("Session " + info.id() + " (" + session.describeBackend()
                            + ") failed while starting: it is " + info.backendState());
                    info.errorMessage().ifPresent(m -> msg.append(": ").append(m));
                    if (!log.isEmpty()) {
                        msg.append("\nLast ").append(log.size()).append(" log lines:");
                        log.forEach(line -> msg.append("\n  ").append(line));
                    }
                    throw new SessionLostException(msg.toString(), null, info.id(), session.backend(), info.state());
                });
    }
}
