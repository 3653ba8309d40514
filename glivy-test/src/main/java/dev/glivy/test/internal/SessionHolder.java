package dev.glivy.test.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionException;
import dev.glivy.SessionState;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One scope's session: started on first use, replaced when a test left it broken (a terminal state: lost, failed,
 * expired or stopped, locally or on the backend), closed with the store that holds it. Thread-safe, so tests running in parallel share it.
 */
public final class SessionHolder implements ExtensionContext.Store.CloseableResource {
    private final Supplier<InteractiveSession> factory;
    private @Nullable InteractiveSession session;
    private int started;
    private boolean closed;

    /** A holder that starts sessions with {@code factory}. */
    public SessionHolder(Supplier<InteractiveSession> factory) {
        this.factory = factory;
    }

    /** The session, started now if there is none, or replaced if the last one is broken. */
    public synchronized InteractiveSession current() {
        if (closed) {
            throw new IllegalStateException("glivy-test: this scope's sessions are closed");
        }
        InteractiveSession s = session;
        if (s != null && broken(s)) {
            closeQuietly(s);
            s = null;
        }
        if (s == null) {
            s = factory.get();
            session = s;
            started++;
        }
        return s;
    }

    /** How many sessions this holder started (1 + replacements). */
    public synchronized int started() {
        return started;
    }

    /**
     * Whether {@code s} can no longer run statements: by its own state, else by the backend's answer (one describe
     * call; the session's own state only changes when it next talks to the backend).
     */
    static boolean broken(InteractiveSession s) {
        if (broken(s.state())) {
            return true;
        }
        try {
            return broken(s.info().state());
        } catch (SessionException e) {
            return true;
        }
    }

    static boolean broken(SessionState state) {
        return state.isTerminal() || state == SessionState.STOPPING;
    }

    @Override
    public synchronized void close() {
        closed = true;
        InteractiveSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    private static void closeQuietly(InteractiveSession s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            // the session is already broken; the replacement is what matters
        }
    }
}
