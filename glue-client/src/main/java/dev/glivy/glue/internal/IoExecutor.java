package dev.glivy.glue.internal;

import dev.glivy.internal.NamedThreads;
import dev.glivy.internal.SharedRuntime;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The executor blocking SDK calls run on: the one the user passed (never shut down here), else a small pool of
 * daemon threads, ending after 30 idle seconds. The pool is either this object's own ({@link #IoExecutor}: the
 * admin entry point, the catalog and the jobs object) or, for transports ({@link #shared}), one pool per thread
 * count leased from {@link SharedRuntime} and shut down when the last transport using it returns its lease. One
 * class so every entry point makes its threads the same way. Thread-safe.
 */
public final class IoExecutor implements AutoCloseable {
    /** Name of the shared transports' pool: its threads are {@code glivy-glue-<n>}. */
    public static final String SHARED_NAME = "glue";

    private final Executor executor;
    private final @Nullable AutoCloseable owned;

    /** {@code given}, else a new pool of {@code threads} daemon threads named {@code glivy-<name>-<n>}. */
    public IoExecutor(@Nullable Executor given, int threads, String name) {
        if (given != null) {
            this.executor = given;
            this.owned = null;
        } else {
            ExecutorService pool = pool(threads, name);
            this.executor = pool;
            this.owned = pool::shutdown;
        }
    }

    private IoExecutor(SharedRuntime.Lease<SharedPool> lease) {
        this.executor = lease.get().pool;
        this.owned = lease;
    }

    /**
     * {@code given} (never shut down here), else a lease on the process-wide pool of {@code threads} daemon threads
     * named {@code glivy-glue-<n>}, shared by every transport with that thread count; {@link #close()} returns the
     * lease and the last one shuts the pool down.
     */
    public static IoExecutor shared(@Nullable Executor given, int threads) {
        if (given != null) {
            return new IoExecutor(given, threads, SHARED_NAME);
        }
        return new IoExecutor(SharedRuntime.share(
                new PoolKey(threads), SharedPool.class, () -> new SharedPool(pool(threads, SHARED_NAME))));
    }

    private static ExecutorService pool(int threads, String name) {
        return NamedThreads.pool(threads, "glivy-" + name + "-", Duration.ofSeconds(30));
    }

    /** The executor to run blocking calls on. */
    public Executor executor() {
        return executor;
    }

    /**
     * Shuts down the pool this object created, or returns its lease on the shared pool (the last lease shuts it
     * down, letting queued calls finish); an executor passed in is left alone. Idempotent.
     */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // shutting down a pool does not throw; a lease's close suppresses its resource's exceptions
            }
        }
    }

    /** The shared registry's key for the transports' pool of {@code threads} threads. */
    private record PoolKey(int threads) {
        @Override
        public String toString() {
            return "glue-io(" + threads + " threads)";
        }
    }

    /** The shared pool, shut down (queued calls still run) with the last lease. */
    private static final class SharedPool implements AutoCloseable {
        final ExecutorService pool;

        SharedPool(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public void close() {
            pool.shutdown();
        }
    }
}
