package dev.glivy.internal;

import dev.glivy.config.PollingPolicy;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Computes the delay before the next status poll. Pure and deterministic given its {@link Random}, so the engine,
 * its tests and the polling benchmark share exactly the same schedule.
 *
 * <p>Without progress: the interval starts at {@link PollingPolicy#initialInterval()}, grows by
 * {@link PollingPolicy#multiplier()}, and is capped both by {@link PollingPolicy#maxInterval()} and by
 * {@link PollingPolicy#maxLagFraction()} of the time already waited. With a progress report {@code p} after
 * {@code t} elapsed, the remaining time is predicted as {@code t(1-p)/p} and the next poll is aimed a fraction of the
 * way there ({@link #PROGRESS_APPROACH}), never earlier than the initial interval; near the predicted end this
 * falls back to the normal cadence.
 */
public final class PollSchedule {
    /** Fraction of the predicted remaining time to wait when progress is reported. */
    public static final double PROGRESS_APPROACH = 0.5;
    /** Progress reports below this are too early to predict from. */
    static final double MIN_PROGRESS = 0.01;
    /** Longest progress-steered wait, as a multiple of the normal cap. */
    static final double PROGRESS_CAP_FACTOR = 30.0;

    private final PollingPolicy policy;
    private final Random random;
    private double previousMillis;

    /** A schedule for one poll loop. Not thread-safe: one instance per loop. */
    public PollSchedule(PollingPolicy policy, Random random) {
        this.policy = policy;
        this.random = random;
    }

    /** The delay before the first poll. */
    public Duration first() {
        previousMillis = policy.initialInterval().toNanos() / 1e6;
        return jittered(previousMillis);
    }

    /**
     * The delay before the next poll.
     *
     * @param elapsed time since the loop started (statement submitted / session created)
     * @param progress the backend's last progress report, if any
     */
    public Duration next(Duration elapsed, OptionalDouble progress) {
        double init = policy.initialInterval().toNanos() / 1e6;
        double elapsedMillis = elapsed.toNanos() / 1e6;
        double cap = Math.min(policy.maxInterval().toNanos() / 1e6,
                Math.max(init, elapsedMillis * policy.maxLagFraction()));
        double base = Math.min(Math.max(previousMillis, init) * policy.multiplier(), cap);
        double next = base;
        if (policy.useProgress() && progress.isPresent()) {
            double p = progress.getAsDouble();
            if (p >= MIN_PROGRESS && p < 1.0) {
                double remaining = elapsedMillis * (1 - p) / p;
                double aimed = remaining * PROGRESS_APPROACH;
                next = Math.max(init, Math.min(aimed, Math.max(base, cap * PROGRESS_CAP_FACTOR)));
                if (aimed < base) {
                    next = Math.max(init, Math.min(base, aimed));
                }
            }
        }
        previousMillis = Math.min(next, Math.max(base, cap));
        return jittered(next);
    }

    private Duration jittered(double millis) {
        double j = policy.jitter();
        double factor = j == 0 ? 1.0 : 1.0 + j * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.max(1_000_000L, (long) (millis * factor * 1e6)));
    }
}
