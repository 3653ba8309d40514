package dev.glivy.internal;

import dev.glivy.config.PollingPolicy;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Computes the delay before the next status poll. Pure and deterministic given its {@link Random}, so the engine,
 * its tests and the polling benchmark share exactly the same schedule.
 *
 * <p><b>Normal cadence</b> (no usable progress): the interval starts at {@link PollingPolicy#initialInterval()},
 * grows by {@link PollingPolicy#multiplier()}, and is capped both by {@link PollingPolicy#maxInterval()} and by
 * {@link PollingPolicy#maxLagFraction()} of the time already waited, so a statement is seen within that fraction of
 * its run time (and within the cap).
 *
 * <p><b>With progress</b> {@code p} after {@code t} waited, each report predicts a total run time {@code t / p}.
 * Reports are noisy, and jumping on the newest one would pick up its errors, so the schedule keeps the most
 * optimistic (smallest) prediction seen and treats the statement as possibly done {@link #EARLY_MARGIN} before it.
 * While that earliest plausible end is further away than the near-end interval, the next poll goes straight there;
 * such a jump is capped at {@link #MAX_JUMP_ELAPSED} times the time already waited and {@link #MAX_JUMP_INTERVALS}
 * times {@code maxInterval}, which bounds the lag a wrong prediction can cause. Near the predicted end the schedule
 * polls every {@link #NEAR_END_FRACTION} of {@code maxInterval} (never slower than the normal cadence). A statement
 * that outlives the optimistic prediction by {@link #LATE_MARGIN} has proven the predictions wrong: from then on
 * the normal cadence applies. Noisier progress therefore costs polls, not lag.
 *
 * <p>Not thread-safe: one instance per poll loop.
 */
public final class PollSchedule {
    /** Progress reports below this carry no usable prediction. */
    static final double MIN_PROGRESS = 0.001;
    /** The earliest plausible end: the most optimistic predicted total, less this fraction of it. */
    static final double EARLY_MARGIN = 0.03;
    /** Near-end polling lasts until the most optimistic predicted total is outlived by this fraction of it. */
    static final double LATE_MARGIN = 0.3;
    /** The interval near the predicted end, as a fraction of {@link PollingPolicy#maxInterval()}. */
    static final double NEAR_END_FRACTION = 0.15;
    /** A progress-steered wait is at most this multiple of the time already waited. */
    static final double MAX_JUMP_ELAPSED = 16;
    /** A progress-steered wait is at most this multiple of {@link PollingPolicy#maxInterval()}. */
    static final double MAX_JUMP_INTERVALS = 15;

    private final PollingPolicy policy;
    private final Random random;
    private double previousMillis;
    private double optimisticTotalMillis = Double.POSITIVE_INFINITY;

    /** A schedule for one poll loop, drawing jitter from {@code random}. */
    public PollSchedule(PollingPolicy policy, Random random) {
        this.policy = policy;
        this.random = random;
    }

    /** The delay before the first poll. */
    public Duration first() {
        previousMillis = millis(policy.initialInterval());
        return jittered(previousMillis);
    }

    /**
     * The delay before the next poll.
     *
     * @param elapsed time since the loop started (statement submitted / session created)
     * @param progress the backend's last progress report (0 to 1), if any
     */
    public Duration next(Duration elapsed, OptionalDouble progress) {
        double init = millis(policy.initialInterval());
        double max = millis(policy.maxInterval());
        double waited = millis(elapsed);
        double cap = Math.min(max, Math.max(init, waited * policy.maxLagFraction()));
        double normal = Math.min(Math.max(previousMillis, init) * policy.multiplier(), cap);
        if (policy.useProgress() && progress.isPresent()) {
            double p = progress.getAsDouble();
            if (p >= MIN_PROGRESS && p < 1.0) {
                optimisticTotalMillis = Math.min(optimisticTotalMillis, waited / p);
                double near = Math.min(normal, Math.max(init, max * NEAR_END_FRACTION));
                double gap = optimisticTotalMillis * (1 - EARLY_MARGIN) - waited;
                if (gap > near) {
                    double limit = Math.min(max * MAX_JUMP_INTERVALS, Math.max(near, waited * MAX_JUMP_ELAPSED));
                    previousMillis = near;
                    return jitteredDown(Math.min(gap, limit));
                }
                if (waited < optimisticTotalMillis * (1 + LATE_MARGIN)) {
                    previousMillis = near;
                    return jittered(near);
                }
            }
        }
        previousMillis = normal;
        return jittered(normal);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** {@code millis} ± the policy's jitter. */
    private Duration jittered(double millis) {
        double j = policy.jitter();
        return ofMillis(j == 0 ? millis : millis * (1.0 + j * (2 * random.nextDouble() - 1)));
    }

    /** {@code millis} less up to the policy's jitter: a jump towards a predicted end never lands later. */
    private Duration jitteredDown(double millis) {
        double j = policy.jitter();
        return ofMillis(j == 0 ? millis : millis * (1.0 - j * random.nextDouble()));
    }

    private static Duration ofMillis(double millis) {
        return Duration.ofNanos(Math.max(1_000_000L, (long) (millis * 1e6)));
    }
}
