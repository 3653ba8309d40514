package dev.glivy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One of Glivy's own deadlines expired: session start, a statement, or close. When a statement times out, Glivy
 * has already asked the backend to cancel it. Not retryable as is.
 */
public class SessionTimeoutException extends SessionException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates an exception.
     *
     * @param message what timed out, with identifiers and a hint naming the setting to raise
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param timeout the deadline that expired
     */
    public SessionTimeoutException(String message, @Nullable String sessionId, String backend, Duration timeout) {
        super(message, null, sessionId, backend, false);
        this.timeout = timeout;
    }

    /** The deadline that expired. */
    public Duration timeout() {
        return timeout;
    }
}
