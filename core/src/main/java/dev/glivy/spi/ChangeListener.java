package dev.glivy.spi;

/**
 * What a transport that can push changes tells Glivy's core (see {@link SessionTransport#watch}). Each call only says
 * that something changed; the core then reads the new state with one {@link SessionTransport#getSession} or
 * {@link SessionTransport#getStatement} at once instead of at its next scheduled poll, so state machines, deadlines
 * and retries stay in the core.
 *
 * <p>Implementations (Glivy's) are thread-safe, return at once and never throw; a transport may call them on any
 * thread, including its own engine thread, and may call them more often than needed.
 *
 * @since 0.2
 */
public interface ChangeListener {
    /** The session's state may have changed (for example it became ready, or it failed). */
    void sessionChanged();

    /**
     * A statement's state may have changed (it started, made progress, or finished).
     *
     * @param statementId the statement's id, as {@link SessionTransport#submitStatement} returned it
     */
    void statementChanged(String statementId);
}
