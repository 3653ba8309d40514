package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * The backend could not be reached or its answer could not be understood (I/O, TLS, DNS, timeouts of single
 * requests, malformed bodies). Retryable.
 *
 * <p>{@link #mayHaveReachedBackend()} tells whether the request may have been received: Glivy repeats a call that is
 * not idempotent (create session, submit statement) only when it certainly was not, or after reconciling with the
 * backend's own list.
 */
public class SessionTransportException extends SessionException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveReachedBackend;

    /**
     * Creates an exception.
     *
     * @param message what failed, with identifiers and a hint
     * @param cause the I/O or parse failure
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param mayHaveReachedBackend {@code false} only when the request certainly was not received (for example the
     *     connection was refused)
     */
    public SessionTransportException(
            String message,
            @Nullable Throwable cause,
            @Nullable String sessionId,
            String backend,
            boolean mayHaveReachedBackend) {
        super(message, cause, sessionId, backend, true);
        this.mayHaveReachedBackend = mayHaveReachedBackend;
    }

    /** {@code false} only when the request certainly never reached the backend. */
    public boolean mayHaveReachedBackend() {
        return mayHaveReachedBackend;
    }
}
