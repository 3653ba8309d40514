package dev.glivy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Receives a session's events: state changes, retries, statement completions and warnings. Register one with
 * {@link SessionBuilder#listener(SessionListener)}.
 *
 * <p>All methods have empty defaults. They are called on Glivy's completion executor, never on an I/O thread; they
 * must be quick and thread-safe, and an exception thrown by a listener is logged and ignored.
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
     * A backend call failed with a retryable error and will be tried again after {@code delay}.
     *
     * @param sessionId the session id, or {@code null}
     * @param operation the backend call, for example {@code "getStatement"}
     * @param attempt the attempt that failed, starting at 1
     * @param delay the wait before the next attempt
     * @param cause the failure
     */
    default void onRetry(@Nullable String sessionId, String operation, int attempt, Duration delay,
            Throwable cause) {}

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
}
