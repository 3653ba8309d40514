package dev.glivy.livy.internal;

import dev.glivy.SessionState;
import dev.glivy.StatementState;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Livy's session states ({@code org.apache.livy.sessions.SessionState}: not_started, starting, recovering, idle,
 * running, busy, shutting_down, error, dead, killed, success) and statement states (waiting, running, available,
 * error, cancelling, cancelled) onto Glivy's. A state this version does not know maps to {@code UNKNOWN}, which core
 * treats as "not ready, not terminal, keep polling", so a newer server never crashes the client.
 */
public final class LivyStates {
    private LivyStates() {}

    /** Maps a session state; {@code null} or unknown text is {@link SessionState#UNKNOWN}. */
    public static SessionState session(@Nullable String state) {
        if (state == null) {
            return SessionState.UNKNOWN;
        }
        switch (state.strip().toLowerCase(Locale.ROOT)) {
            case "not_started":
            case "starting":
            case "recovering":
                return SessionState.STARTING;
            case "idle":
                return SessionState.IDLE;
            case "running":
            case "busy":
                return SessionState.BUSY;
            case "shutting_down":
                return SessionState.STOPPING;
            case "error":
            case "dead":
            case "killed":
                return SessionState.FAILED;
            case "success":
                return SessionState.STOPPED;
            default:
                return SessionState.UNKNOWN;
        }
    }

    /** Maps a statement state; {@code null} or unknown text is {@link StatementState#UNKNOWN}. */
    public static StatementState statement(@Nullable String state) {
        if (state == null) {
            return StatementState.UNKNOWN;
        }
        switch (state.strip().toLowerCase(Locale.ROOT)) {
            case "waiting":
                return StatementState.WAITING;
            case "running":
                return StatementState.RUNNING;
            case "available":
                return StatementState.AVAILABLE;
            case "error":
                return StatementState.ERROR;
            case "cancelling":
                return StatementState.CANCELLING;
            case "cancelled":
            case "canceled":
                return StatementState.CANCELLED;
            default:
                return StatementState.UNKNOWN;
        }
    }

    /**
     * The state a {@link dev.glivy.SessionLostException} carries for a session in {@code state}: {@code FAILED} for
     * error/dead/killed, {@code LOST} otherwise (gone, finished or shutting down).
     */
    public static SessionState lostState(SessionState state) {
        return state == SessionState.FAILED ? SessionState.FAILED : SessionState.LOST;
    }

    /** Whether a session in this Livy state can never run statements again (or is being shut down). */
    public static boolean gone(SessionState state) {
        return state.isTerminal() || state == SessionState.STOPPING;
    }
}
