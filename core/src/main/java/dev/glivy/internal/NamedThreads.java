package dev.glivy.internal;

import java.util.concurrent.ThreadFactory;
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
