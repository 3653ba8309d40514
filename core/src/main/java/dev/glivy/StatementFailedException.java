package dev.glivy;

/**
 * The statement ran and the user code raised an error. The full result, including the error's name, value and
 * traceback, is in {@link #result()}.
 */
public class StatementFailedException extends SessionException {
    private static final long serialVersionUID = 1L;

    private final transient StatementResult result;

    /**
     * Creates an exception.
     *
     * @param message names the statement, the session and the error
     * @param result the failed statement's result
     */
    public StatementFailedException(String message, StatementResult result) {
        super(message, null, result.sessionId(), result.backend(), false);
        this.result = result;
    }

    /** The failed statement's result. */
    public StatementResult result() {
        return result;
    }

    /** The user-code error. */
    public StatementError error() {
        return result.error()
                .orElseGet(() -> StatementError.of(
                        result.state().name(), "statement ended in state " + result.state(), java.util.List.of()));
    }
}
