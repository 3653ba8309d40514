package dev.glivy.glue.internal;

import dev.glivy.internal.NamedThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The executor blocking SDK calls run on: the one the user passed (never shut down here), else a small pool of
 * daemon threads, ending when idle, that this object owns and {@link #close()} shuts down. One class so the
 * transport, the admin entry point, the catalog and the jobs object make their threads the same way.
 */
public final class IoExecutor implements AutoCloseable {
    private final Executor executor;
    private final @Nullable ExecutorService owned;

    /** {@code given}, else a new pool of {@code threads} daemon threads named {@code glivy-<name>-<n>}. */
    public IoExecutor(@Nullable Executor given, int threads, String name) {
        if (given != null) {
            this.executor = given;
            this.owned = null;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    threads,
                    threads,
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    NamedThreads.numbered("glivy-" + name + "-"));
            pool.allowCoreThreadTimeOut(true);
            this.executor = pool;
            this.owned = pool;
        }
    }

    /** The executor to run blocking calls on. */
    public Executor executor() {
        return executor;
    }

    /** Shuts down the pool this object created; an executor passed in is left alone. Idempotent. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
        }
    }
}
