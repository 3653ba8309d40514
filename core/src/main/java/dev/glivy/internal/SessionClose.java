package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.SessionTimeoutException;
import dev.glivy.spi.CreateSessionRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Closing an engine session, once: aborts a create still unanswered (then finds its session by client token and
 * stops it) or stops the remote session, bounded by the close timeout; then fails the statements left and every
 * call still waiting, closes the push watch and gives back what the session holds. The session calls
 * {@link #begin} holding its lock and {@link #run} after releasing it.
 */
final class SessionClose {
    private final DefaultInteractiveSession session;
    private final SessionSettings settings;
    private final SessionStops stops;
    private final SessionHolds holds;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private @Nullable CompletableFuture<SessionInfo> pendingCreate;
    private @Nullable CreateSessionRequest request;

    SessionClose(DefaultInteractiveSession session, SessionStops stops, SessionHolds holds) {
        this.session = session;
        this.settings = session.settings();
        this.stops = stops;
        this.holds = holds;
    }

    /** The shared outcome of the close. */
    CompletableFuture<Void> result() {
        return result;
    }

    /** Takes what a start in flight left for the close and stops the keep-alive. Call holding the session's lock. */
    void begin(SessionLaunch launch) {
        pendingCreate = launch.creating();
        request = launch.createRequest();
        holds.cancelKeepAlive();
    }

    /** Stops the remote session and releases everything; {@link #result()} completes when done. */
    void run() {
        holds.removeShutdownHook();
        SessionState before = session.state();
        session.setState(SessionState.STOPPING);
        CompletableFuture<SessionInfo> create = pendingCreate;
        CreateSessionRequest req = request;
        String sessionId = session.sessionId();
        CompletableFuture<Void> stop;
        if (sessionId == null && create != null && !create.isDone() && req != null) {
            // the create has not answered: abort it, then find its session by the client token and stop it
            create.cancel(true);
            stop = create.handle((info, e) -> info == null ? null : info.id())
                    .thenCompose(id -> id != null ? stops.stopRemote(id) : stops.stopUnanswered(req));
        } else {
            CompletableFuture<@Nullable String> idKnown = sessionId != null || create == null
                    ? CompletableFuture.completedFuture(sessionId)
                    : create.handle((info, e) -> info == null ? null : info.id());
            // a session that died after start is still listed: stop it too, unless it is gone or stopped
            stop = idKnown.thenCompose(id -> id == null || before == SessionState.LOST || before == SessionState.STOPPED
                    ? CompletableFuture.<Void>completedFuture(null)
                    : stops.stopRemote(id));
        }
        Deadlines.within(
                        stop,
                        settings.timeouts().close(),
                        settings.runtime().scheduler(),
                        () -> new SessionTimeoutException(
                                "Session " + session.sessionId() + " (" + session.describeBackend()
                                        + ") did not stop within "
                                        + Durations.human(settings.timeouts().close()) + "; it will stop "
                                        + "itself at its idle timeout.",
                                session.sessionId(),
                                session.backend(),
                                settings.timeouts().close()))
                .whenComplete((v, e) -> {
                    session.statements().failAll(session.sessionId());
                    session.setState(SessionState.STOPPED);
                    session.push().close();
                    failPending();
                    Futures.completeOn(settings.runtime().executor(), result, null, e);
                    holds.release();
                });
    }

    /** Fails a start still waiting and every call still in flight: the runtime may stop right after this. */
    private void failPending() {
        CompletableFuture<InteractiveSession> s;
        synchronized (session.lock()) {
            s = session.launch().started();
        }
        if (s != null && !s.isDone()) {
            s.completeExceptionally(session.closedError("start"));
        }
        session.failCallsInFlight();
    }
}
