package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * The backend answered that it does not know a statement of a session it does know: the statement was never created,
 * or the backend no longer keeps it (Livy keeps only its last {@code livy.rsc.retained-statements}, 100 by default,
 * and evicts older ones even while they wait or run). Not retryable.
 *
 * <p>Transports must report an unknown statement with this type (and an unknown session with
 * {@link SessionLostException}): Glivy's reconciliation reads it as "this submission never arrived".
 *
 * @since 0.2
 */
public class StatementNotFoundException extends SessionBackendException {
    private static final long serialVersionUID = 1L;

    private final String statementId;

    /**
     * Creates an exception.
     *
     * @param message what failed, with identifiers and a hint
     * @param cause the backend client's exception, or {@code null}
     * @param sessionId the session id
     * @param statementId the statement id the backend does not know
     * @param backend the backend name
     * @param statusCode the HTTP status (404 on Livy, 400 on Glue), or -1 when unknown
     * @param requestId the backend's request id, or {@code null}
     */
    public StatementNotFoundException(
            String message,
            @Nullable Throwable cause,
            String sessionId,
            String statementId,
            String backend,
            int statusCode,
            @Nullable String requestId) {
        super(message, cause, sessionId, backend, statusCode, "StatementNotFound", requestId, false, false);
        this.statementId = statementId;
    }

    /** The statement id the backend does not know. */
    public String statementId() {
        return statementId;
    }
}
