package dev.glivy.internal;

import dev.glivy.SessionPool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The callers waiting for a lease, in arrival order: the pool serves the head first, and a caller whose session
 * failed its check goes back to the head, so leasing is first come, first served. Each caller has a deadline timer
 * and leaves the queue when its future completes in any way (served, expired, cancelled by the caller). Guarded by
 * the pool's lock: every method but the callbacks is called under it.
 */
final class LeaseQueue {
    /** A caller waiting for a lease. */
    static final class Waiter {
        final CompletableFuture<SessionPool.Lease> future = new CompletableFuture<>();
        final Duration timeout;

        @Nullable
        ScheduledFuture<?> timer;

        Waiter(Duration timeout) {
            this.timeout = timeout;
        }
    }

    private final Object lock;
    private final ScheduledExecutorService scheduler;
    private final Deque<Waiter> waiters = new ArrayDeque<>();

    LeaseQueue(Object lock, ScheduledExecutorService scheduler) {
        this.lock = lock;
        this.scheduler = scheduler;
    }

    /**
     * Queues a caller at the tail. At its deadline {@code onDeadline} runs (outside the lock); when its future
     * completes while it is still queued (the caller cancelled it), it leaves the queue and {@code onLeft} runs.
     */
    Waiter add(Duration timeout, Consumer<Waiter> onDeadline, Runnable onLeft) {
        Waiter w = new Waiter(timeout);
        waiters.addLast(w);
        w.timer = scheduler.schedule(() -> onDeadline.accept(w), timeout.toNanos(), TimeUnit.NANOSECONDS);
        w.future.whenComplete((l, e) -> {
            ScheduledFuture<?> t = w.timer;
            if (t != null) {
                t.cancel(false);
            }
            boolean wasWaiting;
            synchronized (lock) {
                wasWaiting = waiters.remove(w);
            }
            if (wasWaiting) {
                onLeft.run();
            }
        });
        return w;
    }

    /** Takes {@code w} out of the queue; whether it was in it. */
    boolean remove(Waiter w) {
        return waiters.remove(w);
    }

    /** The caller waiting longest, taken out of the queue; {@code null} when none waits. */
    @Nullable
    Waiter next() {
        return waiters.pollFirst();
    }

    /** Puts a caller taken by {@link #next()} back at the head: it keeps its place. */
    void putBack(Waiter w) {
        waiters.addFirst(w);
    }

    /** Empties the queue, returning the callers in arrival order. */
    List<Waiter> takeAll() {
        List<Waiter> all = new ArrayList<>(waiters);
        waiters.clear();
        return all;
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    int size() {
        return waiters.size();
    }
}
