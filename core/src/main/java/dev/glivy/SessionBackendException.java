package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * The backend answered with an error: an HTTP status from Livy, an AWS error code from Glue. Retryable for
 * throttling and server errors.
 */
public class SessionBackendException extends SessionException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final @Nullable String errorCode;
    private final @Nullable String requestId;
    private final boolean mayHaveTakenEffect;

    /**
     * Creates an exception.
     *
     * @param message what failed, with identifiers and a hint
     * @param cause the backend client's exception, or {@code null}
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param statusCode the HTTP status, or -1 when unknown
     * @param errorCode the backend's error code (for example {@code ThrottlingException}), or {@code null}
     * @param requestId the backend's request id, or {@code null}
     * @param retryable whether retrying may succeed
     */
    public SessionBackendException(
            String message,
            @Nullable Throwable cause,
            @Nullable String sessionId,
            String backend,
            int statusCode,
            @Nullable String errorCode,
            @Nullable String requestId,
            boolean retryable) {
        this(
                message,
                cause,
                sessionId,
                backend,
                statusCode,
                errorCode,
                requestId,
                retryable,
                statusCode == 500 || statusCode == 504);
    }

    /**
     * Creates an exception that says whether the failed request may still have taken effect.
     *
     * @param message what failed, with identifiers and a hint
     * @param cause the backend client's exception, or {@code null}
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     * @param statusCode the HTTP status, or -1 when unknown
     * @param errorCode the backend's error code (for example {@code ThrottlingException}), or {@code null}
     * @param requestId the backend's request id, or {@code null}
     * @param retryable whether retrying may succeed
     * @param mayHaveTakenEffect {@code true} when the answer does not prove the request had no effect (an internal
     *     error or a gateway timeout); {@code false} for throttling, client errors and "unavailable" answers
     * @since 0.2
     */
    public SessionBackendException(
            String message,
            @Nullable Throwable cause,
            @Nullable String sessionId,
            String backend,
            int statusCode,
            @Nullable String errorCode,
            @Nullable String requestId,
            boolean retryable,
            boolean mayHaveTakenEffect) {
        super(message, cause, sessionId, backend, retryable);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.mayHaveTakenEffect = mayHaveTakenEffect;
    }

    /**
     * Whether the failed request may still have taken effect on the backend. Glivy resends a statement or session
     * creation after backoff without asking the backend when this is {@code false} (throttling, 4xx, 502 and 503
     * prove the request was refused), and reconciles with the backend first when it is {@code true} (by default an
     * HTTP 500 or 504).
     *
     * @since 0.2
     */
    public boolean mayHaveTakenEffect() {
        return mayHaveTakenEffect;
    }

    /** The HTTP status code, or -1 when unknown. */
    public int statusCode() {
        return statusCode;
    }

    /** The backend's error code, or {@code null}. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** The backend's request id, for support cases, or {@code null}. */
    public @Nullable String requestId() {
        return requestId;
    }
}
