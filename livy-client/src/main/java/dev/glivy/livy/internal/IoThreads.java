package dev.glivy.livy.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Livy transports' I/O threads: at most {@code threads} daemon threads, created on demand and ended after
 * {@link #IDLE_TIMEOUT} without work, so a process with no open session holds none. Blocking HTTP calls run here,
 * never on Glivy's shared scheduler. The idle timeout is longer than any default keep-alive interval (30 s, a
 * quarter of the 2-minute heartbeat), so an idle session's keep-alive reuses a waiting thread instead of creating
 * one and letting it die before the next keep-alive.
 */
final class IoThreads {
    /** How long an I/O thread waits for work before it ends: 5 minutes. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private IoThreads() {}

    /** A pool whose threads are named {@code glivy-livy-io-<n>}. */
    static ThreadPoolExecutor pool(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "glivy-livy-io-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The deadline timer: one daemon thread named {@code glivy-livy-deadline}, ended after {@link #IDLE_TIMEOUT}
     * without a pending deadline; cancelled deadlines are removed at once, so finished calls hold no memory.
     */
    static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "glivy-livy-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
