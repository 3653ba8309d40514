package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * Root of Glivy's unchecked exceptions. Carries the session id (when one exists), the backend and whether retrying
 * the same call is safe and may succeed.
 *
 * <p>Configuration mistakes are plain {@link IllegalArgumentException}/{@link IllegalStateException}, not this type.
 */
public class SessionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String sessionId;
    private final String backend;
    private final boolean retryable;

    /**
     * Creates an exception.
     *
     * @param message what failed, the identifiers, the cause and a hint
     * @param cause the underlying cause, or {@code null}
     * @param sessionId the session id, or {@code null} when none exists yet
     * @param backend the backend name, for example {@code "livy"}
     * @param retryable whether retrying the same call may succeed
     */
    public SessionException(
            String message, @Nullable Throwable cause, @Nullable String sessionId, String backend, boolean retryable) {
        super(message, cause);
        this.sessionId = sessionId;
        this.backend = backend;
        this.retryable = retryable;
    }

    /** The session id, or {@code null} when the failure happened before the backend assigned one. */
    public @Nullable String sessionId() {
        return sessionId;
    }

    /** The backend name, for example {@code "glue"}. */
    public String backend() {
        return backend;
    }

    /** {@code true} when retrying the same call is safe and may succeed (throttling, 5xx, connection errors). */
    public boolean retryable() {
        return retryable;
    }
}
