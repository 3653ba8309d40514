package dev.glivy.glue;

import java.util.Locale;

/**
 * The state of a Glue job run ({@code GetJobRun}'s {@code JobRunState}). A state Glivy does not know yet is
 * {@link #UNKNOWN} (the backend's text stays in {@link GlueJobRun#backendState()}): it is never an error, and a run in
 * it counts as finished only once Glue reports a completion time.
 *
 * <p>Immutable.
 *
 * @since 0.2
 */
public enum GlueJobRunState {
    /** Starting. */
    STARTING(false),
    /** Running. */
    RUNNING(false),
    /** Being stopped. */
    STOPPING(false),
    /** Stopped on request. */
    STOPPED(true),
    /** Ended successfully. */
    SUCCEEDED(true),
    /** Ended with an error. */
    FAILED(true),
    /** Ran longer than the job's timeout. */
    TIMEOUT(true),
    /** Glue failed to run it. */
    ERROR(true),
    /** Waiting (for resources or a queue). */
    WAITING(false),
    /** Expired before it could run. */
    EXPIRED(true),
    /** A state this version of Glivy does not know. */
    UNKNOWN(false);

    private final boolean terminal;

    GlueJobRunState(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether the run has ended in this state. */
    public boolean terminal() {
        return terminal;
    }

    /** The state for Glue's text ({@code null} or anything new is {@link #UNKNOWN}). */
    public static GlueJobRunState of(@org.jspecify.annotations.Nullable String backendState) {
        if (backendState == null) {
            return UNKNOWN;
        }
        try {
            GlueJobRunState s = valueOf(backendState.trim().toUpperCase(Locale.ROOT));
            return s;
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
