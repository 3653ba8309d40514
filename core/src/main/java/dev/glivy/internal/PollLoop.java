package dev.glivy.internal;

import dev.glivy.SessionRuntime;
import dev.glivy.config.PollingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Polls until a condition holds or a deadline passes, on the runtime's shared scheduler (no thread of its own).
 * Used for session readiness and statement completion. Cancelling {@link #result()} stops the loop.
 *
 * <p>A poll that fails with a retryable error (after the retrier's own attempts) does not end the loop: it backs off
 * (up to the retry policy's maximum) and polls again until the deadline, because a read that fails says nothing
 * about the statement. {@link #pollSoon()} switches to a short schedule, for example once a cancel was accepted.
 *
 * @param <T> what a poll returns
 */
public final class PollLoop<T> {
    private final SessionRuntime runtime;
    private final PollSchedule schedule;
    private final Duration timeout;
    private final Supplier<CompletableFuture<T>> poll;
    private final Predicate<T> done;
    private final Function<T, OptionalDouble> progress;
    private final Consumer<T> onEach;
    private final Supplier<? extends RuntimeException> onTimeout;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Instant start;
    private final Retrier retrier;
    private volatile int polls;
    private int errors;
    private int generation;
    private @Nullable Duration soon;

    private PollLoop(SessionRuntime runtime, PollingPolicy policy, Duration timeout,
            Supplier<CompletableFuture<T>> poll, Predicate<T> done, Function<T, OptionalDouble> progress,
            Consumer<T> onEach, Supplier<? extends RuntimeException> onTimeout, Retrier retrier) {
        this.runtime = runtime;
        this.retrier = retrier;
        this.schedule = new PollSchedule(policy, runtime.random());
        this.timeout = timeout;
        this.poll = poll;
        this.done = done;
        this.progress = progress;
        this.onEach = onEach;
        this.onTimeout = onTimeout;
        this.start = runtime.clock().instant();
    }

    /**
     * Starts a loop.
     *
     * @param poll one (already retried) status call
     * @param done when to stop
     * @param progress the progress a poll reports, for the schedule
     * @param onEach called with every poll's value, before {@code done} is checked
     * @param onTimeout the failure when {@code timeout} passes first
     * @param retrier gives the backoff after polls that failed with a retryable error
     */
    public static <T> PollLoop<T> start(SessionRuntime runtime, PollingPolicy policy, Duration timeout,
            Supplier<CompletableFuture<T>> poll, Predicate<T> done, Function<T, OptionalDouble> progress,
            Consumer<T> onEach, Supplier<? extends RuntimeException> onTimeout, Retrier retrier) {
        PollLoop<T> loop = new PollLoop<>(runtime, policy, timeout, poll, done, progress, onEach, onTimeout,
                retrier);
        loop.scheduleNext(loop.schedule.first());
        return loop;
    }

    /**
     * Polls again at once and from then on every {@link #SOON} growing to at most {@link #SOON_MAX}, ignoring the
     * progress-aimed schedule: used after the backend accepted a cancel, so the final state shows promptly.
     */
    public void pollSoon() {
        synchronized (this) {
            soon = SOON;
        }
        scheduleNext(Duration.ZERO);
    }

    /** Polls once at once; the schedule goes on as before. */
    public void pollNow() {
        scheduleNext(Duration.ZERO);
    }

    /** The first interval of the short schedule {@link #pollSoon()} starts: 100 ms. */
    static final Duration SOON = Duration.ofMillis(100);
    /** The longest interval of that schedule: 1 s. */
    static final Duration SOON_MAX = Duration.ofSeconds(1);

    /** The loop's outcome: the first value {@code done} accepts, or the failure. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Polls made so far. */
    public int polls() {
        return polls;
    }

    private Duration elapsed() {
        return Duration.between(start, runtime.clock().instant());
    }

    private void scheduleNext(Duration delay) {
        Duration left = timeout.minus(elapsed());
        if (left.isNegative() || left.isZero()) {
            result.completeExceptionally(onTimeout.get());
            return;
        }
        Duration wait = delay.compareTo(left) < 0 ? delay : left;
        int gen;
        synchronized (this) {
            gen = ++generation;
        }
        try {
            runtime.scheduler().schedule(() -> tick(gen), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Glivy's scheduler was shut down", e));
        }
    }

    private void tick(int gen) {
        synchronized (this) {
            if (result.isDone() || gen != generation) {
                return; // superseded by pollSoon()
            }
        }
        polls++;
        CompletableFuture<T> f;
        try {
            f = poll.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((value, error) -> {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                if (!Futures.retryable(cause)) {
                    result.completeExceptionally(cause);
                    return;
                }
                int n;
                synchronized (this) {
                    n = ++errors;
                }
                scheduleNext(retrier.delay(Math.min(n, 30)));
                return;
            }
            synchronized (this) {
                errors = 0;
            }
            try {
                onEach.accept(value);
                if (done.test(value)) {
                    result.complete(value);
                    return;
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            Duration elapsed = elapsed();
            if (elapsed.compareTo(timeout) >= 0) {
                result.completeExceptionally(onTimeout.get());
                return;
            }
            Duration fast;
            synchronized (this) {
                fast = soon;
                if (fast != null) {
                    Duration grown = Duration.ofNanos((long) (fast.toNanos() * 1.5));
                    soon = grown.compareTo(SOON_MAX) > 0 ? SOON_MAX : grown;
                }
            }
            scheduleNext(fast != null ? fast : schedule.next(elapsed, progress.apply(value)));
        });
    }
}
