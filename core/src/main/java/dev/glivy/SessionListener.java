package dev.glivy;

import dev.glivy.spi.CostRate;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Receives a session's events: state changes, retries, statement completions and warnings. Register one with
 * {@link SessionBuilder#listener(SessionListener)}.
 *
 * <p>All methods have empty defaults. They are called on Glivy's completion executor, never on an I/O thread; they
 * must be quick and thread-safe, and an exception thrown by a listener is logged and ignored. Events of one session
 * may arrive out of order when the executor has more than one thread, except progress events of one statement,
 * which arrive in order. A listener that does not override {@link #onProgress} costs the statements nothing: Glivy
 * makes progress events only when some listener wants them.
 *
 * <p>A listener may be registered on many sessions at once ({@code glivy-micrometer}'s {@code GlivyMetrics} is):
 * every event names its session, and the newer ones its backend.
 */
public interface SessionListener {
    /**
     * The session's state changed.
     *
     * @param sessionId the session id, or {@code null} before the backend assigned one
     * @param from the previous state
     * @param to the new state
     */
    default void onStateChange(@Nullable String sessionId, SessionState from, SessionState to) {}

    /**
     * The session's state changed, with the session's backend: what Glivy calls. The default calls
     * {@link #onStateChange(String, SessionState, SessionState)}; override one or the other.
     *
     * @param sessionId the session id, or {@code null} before the backend assigned one
     * @param backend the session's backend, for example {@code "livy"}
     * @param from the previous state
     * @param to the new state
     * @since 0.3
     */
    default void onStateChange(@Nullable String sessionId, String backend, SessionState from, SessionState to) {
        onStateChange(sessionId, from, to);
    }

    /**
     * A backend call failed with a retryable error and will be tried again after {@code delay}.
     *
     * @param sessionId the session id, or {@code null}
     * @param operation the backend call, for example {@code "getStatement"}
     * @param attempt the attempt that failed, starting at 1
     * @param delay the wait before the next attempt
     * @param cause the failure
     */
    default void onRetry(@Nullable String sessionId, String operation, int attempt, Duration delay, Throwable cause) {}

    /**
     * A statement reached a final state (succeeded, user-code error or cancelled).
     *
     * @param result the final result
     */
    default void onStatementCompleted(StatementResult result) {}

    /**
     * Something was degraded but recovered or ignored: a setting the backend cannot honour, a recreated session.
     *
     * @param sessionId the session id, or {@code null}
     * @param message a complete sentence
     */
    default void onWarning(@Nullable String sessionId, String message) {}

    /**
     * A running statement's progress (see {@link StatementProgress} for when these come: on every state change, and
     * otherwise at most once per {@link StatementProgress#MIN_INTERVAL} per statement).
     *
     * @param progress where the statement stands
     * @since 0.3
     */
    default void onProgress(StatementProgress progress) {}

    /**
     * A statement ended without a final state: its deadline passed, its session was lost or closed, the backend
     * could not be reached, or it never left Glivy's queue. Statements that reached a final state (succeeded, failed
     * in user code, cancelled) go to {@link #onStatementCompleted} instead; each statement gets at most one of the
     * two.
     *
     * @param sessionId the session id, or {@code null} when the session had none yet
     * @param statementId the statement id, or {@code null} when it was never submitted
     * @param backend the backend name
     * @param elapsed time from {@code executeAsync} to the failure, by the runtime's clock
     * @param cause what the caller's future fails with, for example a {@link SessionTimeoutException}
     * @since 0.3
     */
    default void onStatementFailed(
            @Nullable String sessionId,
            @Nullable String statementId,
            String backend,
            Duration elapsed,
            Throwable cause) {}

    /**
     * A session became ready (created or attached, then polled until ready); a recreated session reports again.
     *
     * @param sessionId the session id
     * @param backend the backend name
     * @param elapsed time from the start request to readiness, by the runtime's clock
     * @param costRate what the session costs per hour, when the transport knows
     *     ({@link dev.glivy.spi.SessionTransport#costRate}; AWS Glue does)
     * @since 0.3
     */
    default void onSessionStarted(String sessionId, String backend, Duration elapsed, Optional<CostRate> costRate) {}

    /**
     * Starting a session failed (the start deadline passed, the backend refused, or the session died while
     * starting); Glivy stopped whatever it had created.
     *
     * @param sessionId the session id, or {@code null} when none was assigned
     * @param backend the backend name
     * @param elapsed time from the start request to the failure
     * @param cause the failure the start future completes with
     * @since 0.3
     */
    default void onSessionStartFailed(@Nullable String sessionId, String backend, Duration elapsed, Throwable cause) {}

    /**
     * A session that {@link #onSessionStarted started} reached a final state: {@link SessionState#STOPPED} after
     * {@code close()}, otherwise it was lost ({@link SessionState#LOST}, {@link SessionState#FAILED},
     * {@link SessionState#EXPIRED}). Exactly once per started remote session.
     *
     * @param sessionId the session id
     * @param backend the backend name
     * @param state the final state
     * @since 0.3
     */
    default void onSessionEnded(String sessionId, String backend, SessionState state) {}

    /**
     * The backend refused a call as throttled (HTTP 429 or a throttling error code such as AWS's
     * {@code ThrottlingException}). Called for every throttled answer; {@link #onRetry} follows when attempts
     * remain.
     *
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param operation the backend call, for example {@code "submitStatement"}
     * @param cause the failure
     * @since 0.3
     */
    default void onThrottled(@Nullable String sessionId, String backend, String operation, Throwable cause) {}

    /**
     * A call that must not take effect twice (creating a session, submitting a statement) failed ambiguously, and
     * Glivy asked the backend whether it had taken effect.
     *
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param operation the call, for example {@code "submitStatement"}
     * @param tookEffect whether the backend had acted on it (then it is not sent again)
     * @since 0.3
     */
    default void onReconciled(@Nullable String sessionId, String backend, String operation, boolean tookEffect) {}
}
