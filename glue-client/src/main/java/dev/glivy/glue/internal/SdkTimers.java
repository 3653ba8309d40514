package dev.glivy.glue.internal;

import dev.glivy.SessionRuntime;
import dev.glivy.internal.SharedRuntime;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler the AWS clients Glivy builds time their calls on ({@code apiCallTimeout}): the process-wide
 * {@link SharedRuntime}'s one scheduler thread, taken on first use and returned by {@link #close()}. Without it
 * every SDK client starts its own pool of up to five {@code sdk-ScheduledExecutor} threads, which the SDK fills as
 * calls schedule their timeouts (one client set at scale: five threads beside Glivy's seven). The SDK never shuts a
 * scheduler it was given down; its timeout tasks are cancelled when the call ends, and this scheduler removes
 * cancelled tasks at once. Thread-safe.
 */
final class SdkTimers implements AutoCloseable {
    private @Nullable SessionRuntime runtime;
    private boolean closed;

    /** The shared scheduler, acquiring the shared runtime on the first call. */
    synchronized ScheduledExecutorService scheduler() {
        if (closed) {
            throw new IllegalStateException("The Glue clients are closed");
        }
        if (runtime == null) {
            runtime = SharedRuntime.acquire();
        }
        return runtime.scheduler();
    }

    /** Returns the shared runtime if it was taken (the last user ends its threads). Idempotent. */
    @Override
    public void close() {
        SessionRuntime r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = runtime;
            runtime = null;
        }
        if (r != null) {
            SharedRuntime.release(r);
        }
    }
}
