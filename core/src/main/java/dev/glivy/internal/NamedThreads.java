package dev.glivy.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory of Glivy's modules: threads named {@code <prefix><n>} (numbered from 1 by this factory's
 * own counter) or all given one fixed name, daemon by default so that Glivy's threads never keep a JVM alive. Core's
 * scheduler and callback pool, the shutdown hook, the Livy I/O pool and deadline timer, the Glue I/O pools and the
 * local transport's threads all come from here. Thread-safe.
 */
@InternalApi
public final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final boolean numbered;
    private final boolean daemon;
    private final AtomicInteger count = new AtomicInteger();

    private NamedThreads(String prefix, boolean numbered, boolean daemon) {
        this.prefix = prefix;
        this.numbered = numbered;
        this.daemon = daemon;
    }

    /** Daemon threads named {@code prefix + 1}, {@code prefix + 2}, ... */
    public static NamedThreads numbered(String prefix) {
        return new NamedThreads(prefix, true, true);
    }

    /** Daemon threads that all carry {@code name} (for an executor of one thread). */
    public static NamedThreads single(String name) {
        return new NamedThreads(name, false, true);
    }

    /**
     * A pool of at most {@code threads} daemon threads named {@code prefix + n}, created on demand and ended after
     * {@code idle} without work (an unbounded queue holds what waits), so a process with nothing to do holds none.
     * The caller owns it and shuts it down.
     */
    public static ThreadPoolExecutor pool(int threads, String prefix, Duration idle) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                idle.toMillis(),
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                numbered(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** This factory's naming, making daemon threads when {@code daemon}, else user threads. */
    public NamedThreads daemon(boolean daemon) {
        return new NamedThreads(prefix, numbered, daemon);
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, numbered ? prefix + count.incrementAndGet() : prefix);
        t.setDaemon(daemon);
        return t;
    }
}
