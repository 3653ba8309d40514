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

/**
 * Polls until a condition holds or a deadline passes, on the runtime's shared scheduler (no thread of its own).
 * Used for session readiness and statement completion. Cancelling {@link #result()} stops the loop.
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
    private volatile int polls;

    private PollLoop(SessionRuntime runtime, PollingPolicy policy, Duration timeout,
            Supplier<CompletableFuture<T>> poll, Predicate<T> done, Function<T, OptionalDouble> progress,
            Consumer<T> onEach, Supplier<? extends RuntimeException> onTimeout) {
        this.runtime = runtime;
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
     */
    public static <T> PollLoop<T> start(SessionRuntime runtime, PollingPolicy policy, Duration timeout,
            Supplier<CompletableFuture<T>> poll, Predicate<T> done, Function<T, OptionalDouble> progress,
            Consumer<T> onEach, Supplier<? extends RuntimeException> onTimeout) {
        PollLoop<T> loop = new PollLoop<>(runtime, policy, timeout, poll, done, progress, onEach, onTimeout);
        loop.scheduleNext(loop.schedule.first());
        return loop;
    }

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
        try {
            runtime.scheduler().schedule(this::tick, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Glivy's scheduler was shut down", e));
        }
    }

    private void tick() {
        if (result.isDone()) {
            return;
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
                result.completeExceptionally(Futures.unwrap(error));
                return;
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
            scheduleNext(schedule.next(elapsed, progress.apply(value)));
        });
    }
}
