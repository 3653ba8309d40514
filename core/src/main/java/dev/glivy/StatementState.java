package dev.glivy;

/**
 * Normalized state of a statement. Livy and Glue use the same six states; {@link #UNKNOWN} covers future ones.
 *
 * <p>Immutable.
 */
public enum StatementState {
    /** Queued behind another statement. */
    WAITING(false),
    /** Running. */
    RUNNING(false),
    /** Finished; the result (which may still describe a user-code error) is available. */
    AVAILABLE(true),
    /** The backend failed to run the statement. */
    ERROR(true),
    /** Cancellation requested, not yet done. */
    CANCELLING(false),
    /** Cancelled. */
    CANCELLED(true),
    /** A backend state this version of Glivy does not know; polling continues. */
    UNKNOWN(false);

    private final boolean terminal;

    StatementState(boolean terminal) {
        this.terminal = terminal;
    }

    /** {@code true} when the statement will not change any more. */
    public boolean isTerminal() {
        return terminal;
    }
}
