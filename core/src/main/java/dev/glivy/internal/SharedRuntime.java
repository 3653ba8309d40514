package dev.glivy.internal;

import dev.glivy.SessionRuntime;
import org.jspecify.annotations.Nullable;

/**
 * The process-wide default {@link SessionRuntime}, reference counted: created when the first session that did not
 * get a runtime of its own is built, closed (its threads end) when the last such session closes. This is Glivy's
 * only static mutable state; it exists so that, by default, all sessions share one scheduler thread.
 */
public final class SharedRuntime {
    private static final Object LOCK = new Object();
    private static @Nullable SessionRuntime runtime;
    private static int users;

    private SharedRuntime() {}

    /** Takes a reference to the shared runtime; pair with {@link #release(SessionRuntime)}. */
    public static SessionRuntime acquire() {
        synchronized (LOCK) {
            if (runtime == null) {
                runtime = SessionRuntime.create();
            }
            users++;
            return runtime;
        }
    }

    /** Returns a reference; closes the runtime when it was the last. */
    public static void release(SessionRuntime r) {
        synchronized (LOCK) {
            if (r != runtime) {
                return;
            }
            users--;
            if (users == 0) {
                runtime = null;
                r.close();
            }
        }
    }
}
