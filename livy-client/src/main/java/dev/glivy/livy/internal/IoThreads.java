package dev.glivy.livy.internal;

import dev.glivy.internal.NamedThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
        return NamedThreads.pool(threads, "glivy-livy-io-", IDLE_TIMEOUT);
    }

    /**
     * The deadline timer: one daemon thread named {@code glivy-livy-deadline}, ended after {@link #IDLE_TIMEOUT}
     * without a pending deadline; cancelled deadlines are removed at once, so finished calls hold no memory.
     */
    static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, NamedThreads.single("glivy-livy-deadline"));
        timer.setKeepAliveTime(IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
