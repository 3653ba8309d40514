package dev.glivy.internal;

import dev.glivy.SessionRuntime;
import dev.glivy.config.PollingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
 * <p>Each poll's {@link Status} tells the {@link PollSchedule} whether the statement still waits to start and when
 * it started. The backend's start time is clamped to what the client itself saw (never before polling began, never
 * before the last poll that still found it waiting), so a backend clock that runs behind costs polls, not lag.
 *
 * <p>While the transport pushes changes ({@code pushed} is true), scheduled polls only make a safety net: the first
 * poll comes at once (it catches a change pushed before the loop existed), later ones every {@link #SAFETY_NET};
 * {@link #pollNow()} reads at once on every push. Polls run on the runtime's scheduler, never on the caller's (or
 * the transport's) thread; a push that arrives while a poll is in flight is folded into one more poll after it.
 *
 * @param <T> what a poll returns
 */
@InternalApi
public final class PollLoop<T> {
    private final SessionRuntime runtime;
    private final PollSchedule schedule;
    private final Duration timeout;
    private final Supplier<CompletableFuture<T>> poll;
    private final Predicate<T> done;
    private final Function<T, Status> status;
    private final BooleanSupplier pushed;
    private final Consumer<T> onEach;
    private final Supplier<? extends RuntimeException> onTimeout;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Instant start;
    private final Retrier retrier;
    private volatile int polls;
    private int errors;
    private int generation;
    private @Nullable Duration soon;
    private boolean inFlight;
    private boolean pokedInFlight;
    private volatile boolean restartPending;
    private @Nullable Instant lastWaitingAt;
    /** A value read outside the loop that the next tick takes instead of polling; see {@link #offer}. */
    private @Nullable T offered;
    /** The poll in flight, cancelled when the loop ends first (a deadline, a cancel), so its request is aborted. */
    private volatile @Nullable CompletableFuture<T> current;

    /**
     * What one poll says about where the polled thing stands.
     *
     * @param waiting it has not started yet (queued behind other statements)
     * @param blocked it waits behind an earlier statement of the same session that has not finished, so it cannot
     *     start before that one ends: it is polled only every {@link PollingPolicy#maxInterval()}, and
     *     {@link #restart()} when the earlier one finished
     * @param startedAt when the backend says it started, if it says
     * @param progress the backend's progress report, if any
     */
    public record Status(
            boolean waiting, boolean blocked, @Nullable Instant startedAt, OptionalDouble progress) {
        /** Nothing known: started when polling began, no progress (a session). */
        public static final Status NONE = new Status(false, false, null, OptionalDouble.empty());
    }

    /** The interval of the scheduled polls while the transport pushes changes: 5 s. */
    static final Duration SAFETY_NET = Duration.ofSeconds(5);

    /**
     * How a loop polls, as opposed to what it polls.
     *
     * @param runtime the scheduler the polls run on, the clock and the jitter's random
     * @param policy the poll intervals
     * @param timeout the deadline from the start of the loop
     * @param retrier gives the backoff after polls that failed with a retryable error
     * @param pushed whether the transport currently pushes changes (then scheduled polls are a safety net)
     */
    public record Settings(
            SessionRuntime runtime, PollingPolicy policy, Duration timeout, Retrier retrier, BooleanSupplier pushed) {
        /** Settings for a transport that does not push. */
        public Settings(SessionRuntime runtime, PollingPolicy policy, Duration timeout, Retrier retrier) {
            this(runtime, policy, timeout, retrier, () -> false);
        }
    }

    private PollLoop(
            Settings settings,
            Supplier<CompletableFuture<T>> poll,
            Predicate<T> done,
            Function<T, Status> status,
            Consumer<T> onEach,
            Supplier<? extends RuntimeException> onTimeout) {
        this.runtime = settings.runtime();
        this.retrier = settings.retrier();
        this.schedule = new PollSchedule(settings.policy(), runtime.random());
        this.timeout = settings.timeout();
        this.poll = poll;
        this.done = done;
        this.status = status;
        this.pushed = settings.pushed();
        this.onEach = onEach;
        this.onTimeout = onTimeout;
        this.start = runtime.clock().instant();
        result.whenComplete((v, e) -> {
            CompletableFuture<T> c = current;
            if (c != null && !c.isDone()) {
                c.cancel(true);
            }
        });
    }

    /**
     * Starts a loop.
     *
     * @param settings how it polls: scheduler, intervals, deadline, backoff, pushes
     * @param poll one (already retried) status call
     * @param done when to stop
     * @param status where a poll's value stands (waiting, start, progress), for the schedule
     * @param onEach called with every poll's value, before {@code done} is checked
     * @param onTimeout the failure when the settings' {@code timeout} passes first
     */
    public static <T> PollLoop<T> start(
            Settings settings,
            Supplier<CompletableFuture<T>> poll,
            Predicate<T> done,
            Function<T, Status> status,
            Consumer<T> onEach,
            Supplier<? extends RuntimeException> onTimeout) {
        PollLoop<T> loop = new PollLoop<>(settings, poll, done, status, onEach, onTimeout);
        Duration first = loop.schedule.first();
        loop.scheduleNext(settings.pushed().getAsBoolean() ? Duration.ZERO : first);
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

    /**
     * Polls once at once (on the scheduler); the schedule goes on as before. While a poll is in flight this only
     * asks for one more poll right after it, so a burst of pushes costs at most two reads. It never completes the
     * loop on the caller's thread (a transport's, for a push).
     */
    public void pollNow() {
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            if (inFlight) {
                pokedInFlight = true;
                return;
            }
        }
        if (elapsed().compareTo(timeout) >= 0) {
            return; // the tick already scheduled at the deadline ends the loop, on the scheduler
        }
        scheduleNext(Duration.ZERO);
    }

    /**
     * Takes {@code value}, read just now outside the loop (the reconciler's read of a statement whose submission
     * answer was lost), as a poll's value: it is handled at once on the scheduler like a poll (it counts as one), and
     * the schedule goes on from it. A value {@code done} accepts ends the loop without any poll of its own.
     */
    public void offer(T value) {
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            offered = value;
        }
        scheduleNext(Duration.ZERO);
    }

    /**
     * What was polled could start only now (the statement before it finished): the schedule starts afresh from its
     * first interval, counted from now, and a poll goes out at once.
     */
    public void restart() {
        restartPending = true;
        pollNow();
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
                return; // superseded by pollSoon() or pollNow()
            }
            inFlight = true;
            pokedInFlight = false;
        }
        polls++;
        CompletableFuture<T> f;
        T given;
        synchronized (this) {
            given = offered;
            offered = null;
        }
        try {
            f = given != null ? CompletableFuture.completedFuture(given) : poll.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        current = f;
        if (result.isDone()) {
            f.cancel(true);
        }
        f.whenComplete((value, error) -> {
            boolean poked;
            synchronized (this) {
                inFlight = false;
                poked = pokedInFlight;
                pokedInFlight = false;
            }
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
            Instant now = runtime.clock().instant();
            Duration elapsed = Duration.between(start, now);
            if (elapsed.compareTo(timeout) >= 0) {
                result.completeExceptionally(onTimeout.get());
                return;
            }
            Status st = status.apply(value);
            Duration running = running(st, now, elapsed);
            if (restartPending) {
                restartPending = false;
                schedule.restart(elapsed);
            }
            Duration planned =
                    st.waiting() && st.blocked() ? schedule.blocked() : schedule.next(elapsed, running, st.progress());
            if (poked) {
                scheduleNext(Duration.ZERO);
                return;
            }
            if (pushed.getAsBoolean()) {
                planned = SAFETY_NET;
            }
            Duration fast;
            synchronized (this) {
                fast = soon;
                if (fast != null) {
                    Duration grown = Duration.ofNanos((long) (fast.toNanos() * 1.5));
                    soon = grown.compareTo(SOON_MAX) > 0 ? SOON_MAX : grown;
                }
            }
            scheduleNext(fast != null ? fast : planned);
        });
    }

    /** How long the statement has been running as far as the client can tell, or null while it waits. */
    private @Nullable Duration running(Status st, Instant now, Duration elapsed) {
        if (st.waiting()) {
            lastWaitingAt = now;
            return null;
        }
        Duration r = elapsed;
        Instant waiting = lastWaitingAt;
        if (waiting != null) {
            r = min(r, Duration.between(waiting, now));
        }
        Instant began = st.startedAt();
        if (began != null) {
            Duration sinceStart = Duration.between(began, now);
            r = min(r, sinceStart.isNegative() ? Duration.ZERO : sinceStart);
        }
        return r;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
