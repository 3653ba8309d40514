package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * The operation is not valid in the session's current state: not started yet, closed, stopped, failed. The message
 * says what to call instead.
 */
public class SessionStateException extends SessionException {
    private static final long serialVersionUID = 1L;

    private final SessionState state;

    /**
     * Creates an exception.
     *
     * @param message what was attempted, the state, and what to do
     * @param cause the underlying cause, or {@code null}
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param state the session's state
     */
    public SessionStateException(
            String message, @Nullable Throwable cause, @Nullable String sessionId, String backend, SessionState state) {
        super(message, cause, sessionId, backend, false);
        this.state = state;
    }

    /** The session's state when the operation was refused. */
    public SessionState state() {
        return state;
    }
}
