package dev.glivy;

/**
 * The statement was cancelled on the backend (by {@link InteractiveSession#cancel(String)}, by another client or by
 * the backend itself) before it finished.
 */
public class StatementCancelledException extends SessionException {
    private static final long serialVersionUID = 1L;

    private final transient StatementResult result;

    /**
     * Creates an exception.
     *
     * @param message names the statement and the session
     * @param result the cancelled statement's last result
     */
    public StatementCancelledException(String message, StatementResult result) {
        super(message, null, result.sessionId(), result.backend(), false);
        this.result = result;
    }

    /** The cancelled statement's last known result. */
    public StatementResult result() {
        return result;
    }
}
