package dev.glivy.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Hedged reads: when a read (a statement poll) has not answered within a few times the usual answer time, the same
 * read is sent once more and the first answer wins; the other is cancelled (so a transport aborts its request). A
 * backend's slow answers (a GC pause, a busy proxy) then cost the hedge delay instead of their whole time.
 *
 * <p>The hedge delay is {@value #FACTOR} times the median of this session's last {@value #WINDOW} answered reads,
 * within {@link #MIN_DELAY} and {@link #MAX_DELAY}, and only once {@value #MIN_SAMPLES} reads answered. A median, not
 * a mean: the slow answers hedging is for must not raise the delay after them (with 5 % of reads at 150 ms, a moving
 * average put the delay near 60 ms instead of the floor). At most one read in
 * {@value #READS_PER_HEDGE} is hedged over time (a token budget), so a backend that is slow on every read gets at
 * most 10 % more reads, not twice as many. Only reads go through it: a repeated read changes nothing on the backend.
 *
 * <p>A submission is never sent twice, but one attempt that has not answered within the same multiple of the usual
 * submission answer time (its own window, the same bounds and budget) may be checked once with a read
 * ({@link #watchSubmission}): a backend that applied it and is slow to say so is then found by that read.
 *
 * <p>Thread-safe; one per session.
 */
final class Hedger {
    static final int MIN_SAMPLES = 16;
    static final double FACTOR = 4.0;
    static final Duration MIN_DELAY = Duration.ofMillis(20);
    static final Duration MAX_DELAY = Duration.ofSeconds(2);
    static final int READS_PER_HEDGE = 10;
    static final int WINDOW = 32;
    private static final double MAX_TOKENS = 5.0;

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final boolean enabled;
    /** Answer times of reads, and of submission attempts (each its own window). */
    private final AnswerTimes reads = new AnswerTimes();

    private final AnswerTimes submits = new AnswerTimes();
    private double tokens;
    private int hedges;

    Hedger(ScheduledExecutorService scheduler, Clock clock, boolean enabled) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Hedged reads sent so far. */
    synchronized int hedges() {
        return hedges;
    }

    /**
     * Runs {@code read}, and once more if the first has not answered by the hedge delay; the result is the first
     * answer (or, when both fail, the failure of the one that failed last). Cancelling it cancels both.
     */
    <T> CompletableFuture<T> read(Supplier<CompletableFuture<T>> read) {
        long began = clock.millis();
        CompletableFuture<T> out = new CompletableFuture<>();
        CompletableFuture<T> first = read.get();
        AtomicReference<@Nullable CompletableFuture<T>> second = new AtomicReference<>();
        out.whenComplete((v, e) -> {
            first.cancel(true);
            CompletableFuture<T> s = second.get();
            if (s != null) {
                s.cancel(true);
            }
        });
        first.whenComplete((v, e) -> settle(out, v, e, began, second.get()));
        Duration delay = delay(reads);
        if (delay != null && !first.isDone()) {
            afterDelay(delay, out, () -> {
                if (out.isDone() || first.isDone() || !spend()) {
                    return;
                }
                CompletableFuture<T> s = read.get();
                second.set(s);
                s.whenComplete((v, e) -> settle(out, v, e, began, first));
            });
        }
        return out;
    }

    /**
     * Watches one submission attempt: when it has not answered by the hedge delay of submissions, {@code check}
     * runs once (if the budget allows), typically a read of the statement the attempt would have created. Returns
     * {@code attempt}; its answer time is recorded when it succeeds.
     */
    <T> CompletableFuture<T> watchSubmission(CompletableFuture<T> attempt, Runnable check) {
        long began = clock.millis();
        attempt.whenComplete((v, e) -> {
            if (e == null) {
                record(submits, clock.millis() - began);
            }
        });
        Duration delay = delay(submits);
        if (delay != null && !attempt.isDone()) {
            afterDelay(delay, attempt, () -> {
                if (!attempt.isDone() && spend()) {
                    check.run();
                }
            });
        }
        return attempt;
    }

    /** Runs {@code task} after {@code delay} on the scheduler, unless {@code until} completes first. */
    private void afterDelay(Duration delay, CompletableFuture<?> until, Runnable task) {
        try {
            ScheduledFuture<?> timer = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            until.whenComplete((v, e) -> timer.cancel(false)); // an answered call leaves no timer behind
        } catch (RejectedExecutionException e) {
            // no hedge or check: the call in flight still answers
        }
    }

    private <T> void settle(
            CompletableFuture<T> out,
            @Nullable T value,
            @Nullable Throwable error,
            long began,
            @Nullable CompletableFuture<T> other) {
        if (error == null) {
            record(reads, clock.millis() - began);
            out.complete(value);
        } else if (other == null || other.isDone()) {
            out.completeExceptionally(error);
        }
        // else the other read may still answer
    }

    private synchronized void record(AnswerTimes times, long millis) {
        times.add(millis);
        tokens = Math.min(MAX_TOKENS, tokens + 1.0 / READS_PER_HEDGE);
    }

    private synchronized @Nullable Duration delay(AnswerTimes times) {
        return enabled ? times.delay() : null;
    }

    private synchronized boolean spend() {
        if (tokens < 1.0) {
            return false;
        }
        tokens -= 1.0;
        hedges++;
        return true;
    }

    /** The last {@value Hedger#WINDOW} answer times of one kind of call, a ring; guarded by the hedger's monitor. */
    private static final class AnswerTimes {
        private final long[] millis = new long[WINDOW];
        private int answered;

        void add(long took) {
            millis[answered % WINDOW] = Math.max(0, took);
            answered++;
        }

        /** {@value Hedger#FACTOR} x the median, within the bounds; null before {@value Hedger#MIN_SAMPLES} answers. */
        @Nullable
        Duration delay() {
            if (answered < MIN_SAMPLES) {
                return null;
            }
            long[] sorted = Arrays.copyOf(millis, Math.min(answered, WINDOW));
            Arrays.sort(sorted);
            long nanos = (long) (sorted[sorted.length / 2] * 1e6 * FACTOR);
            return Duration.ofNanos(Math.min(MAX_DELAY.toNanos(), Math.max(MIN_DELAY.toNanos(), nanos)));
        }
    }
}
