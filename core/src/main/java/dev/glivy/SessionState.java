package dev.glivy;

/**
 * Normalized state of an interactive session. Every transport maps its backend's states onto these.
 *
 * <p>Immutable.
 */
public enum SessionState {
    /** Built but {@code start()} has not been called; nothing exists remotely. */
    NOT_STARTED(false, false),
    /** The backend is provisioning the session (Glue {@code PROVISIONING}, Livy {@code not_started/starting}). */
    STARTING(false, false),
    /** Ready and not running a statement. */
    IDLE(true, false),
    /** Ready and running a statement. */
    BUSY(true, false),
    /** Being stopped. */
    STOPPING(false, false),
    /** Stopped or deleted; terminal. */
    STOPPED(false, true),
    /** Failed (Glue {@code FAILED}, Livy {@code error/dead/killed}); terminal. */
    FAILED(false, true),
    /** The backend's own time limit ended the session (Glue {@code TIMEOUT}); terminal. */
    EXPIRED(false, true),
    /** The backend no longer knows the session (HTTP 404, Glue EntityNotFound); terminal. */
    LOST(false, true),
    /** A backend state this version of Glivy does not know; treated as not ready and not terminal. */
    UNKNOWN(false, false);

    private final boolean ready;
    private final boolean terminal;

    SessionState(boolean ready, boolean terminal) {
        this.ready = ready;
        this.terminal = terminal;
    }

    /** {@code true} when statements can be submitted ({@link #IDLE} or {@link #BUSY}). */
    public boolean isReady() {
        return ready;
    }

    /** {@code true} when the session can never become ready again. */
    public boolean isTerminal() {
        return terminal;
    }
}
