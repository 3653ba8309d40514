package dev.glivy.livy.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport's I/O threads: at most {@code threads} daemon threads, created on demand and ended after 30 idle
 * seconds, so an idle session holds no thread. Blocking HTTP calls run here, never on Glivy's shared scheduler.
 */
final class IoThreads {
    private IoThreads() {}

    /** A pool whose threads are named {@code glivy-livy-<label>-io-<n>}. */
    static ThreadPoolExecutor pool(int threads, String label) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "glivy-livy-" + label + "-io-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
