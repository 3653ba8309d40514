package dev.glivy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * When the pool may start sessions for {@code minIdle} again after failed starts: 1 s after the first failure,
 * doubling up to a minute, and at once after a start succeeded. While it backs off, one timer wakes the pool when
 * refills are allowed again. Starts for waiting callers never back off. Guarded by the pool's lock; the timer's
 * callback runs outside it.
 */
final class RefillBackoff {
    /** The wait after the first failed start. */
    static final Duration FIRST = Duration.ofSeconds(1);

    private static final Duration MAX = Duration.ofMinutes(1);

    private final Object lock;
    private final ScheduledExecutorService scheduler;
    private int failedStarts;
    private Instant refillAfter = Instant.MIN;
    private @Nullable ScheduledFuture<?> timer;

    RefillBackoff(Object lock, ScheduledExecutorService scheduler) {
        this.lock = lock;
        this.scheduler = scheduler;
    }

    /** A session started: refills are allowed at once. */
    void succeeded() {
        failedStarts = 0;
        refillAfter = Instant.MIN;
    }

    /** A start failed at {@code now}: refills wait twice as long as after the previous failure. */
    void failed(Instant now) {
        failedStarts++;
        Duration backoff = FIRST.multipliedBy(1L << Math.min(failedStarts - 1, 16));
        refillAfter = now.plus(backoff.compareTo(MAX) > 0 ? MAX : backoff);
    }

    /**
     * Whether sessions for {@code minIdle} may be started now. When not and {@code wanted}, arms the timer that runs
     * {@code wake} once they may.
     */
    boolean allowed(Instant now, boolean wanted, Runnable wake) {
        boolean allowed = !now.isBefore(refillAfter);
        if (!allowed && wanted && timer == null) {
            timer = scheduler.schedule(
                    () -> {
                        synchronized (lock) {
                            timer = null;
                        }
                        wake.run();
                    },
                    Duration.between(now, refillAfter).toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        return allowed;
    }

    /** The pool closes: no more wake-ups. */
    void cancel() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
