package dev.glivy.internal;

import dev.glivy.config.PollingPolicy;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Computes the delay before the next status poll. Pure and deterministic given its {@link Random}, so the engine,
 * its tests and the polling benchmark share exactly the same schedule.
 *
 * <p>Two clocks matter: {@code elapsed}, the time since polling began (the caller's wait), and {@code running}, the
 * time since the backend began running the statement ({@code null} while it is still waiting, for example queued
 * behind another statement of the session). A statement's run time, and so any prediction of its end, counts from
 * its own start, never from when polling began.
 *
 * <p><b>Normal cadence</b> (no usable progress, or still waiting): the interval starts at
 * {@link PollingPolicy#initialInterval()}, grows by {@link PollingPolicy#multiplier()}, and is capped by
 * {@link PollingPolicy#maxInterval()} and by {@link PollingPolicy#maxLagFraction()} of the time waited, so a
 * statement is seen within that fraction of the caller's wait (and within the cap). The wait counts from the start of
 * polling, or from the last {@link #restart}: the engine restarts a queued statement's schedule when the statement
 * before it finished, so one queued behind a long statement is seen within that fraction of its own run time.
 *
 * <p><b>With progress</b> {@code p} after running {@code r}, two predictions of the total run time are made: the
 * ratio {@code r / p}, and the rate since the first usable report, {@code r + (1 - p) * (r - r1) / (p - p1)}. The
 * ratio overestimates when progress starts late (driver code before the first Spark job); the rate does not. The
 * schedule keeps the most optimistic ratio seen and takes the smaller of it and the latest rate, and treats the
 * statement as possibly done {@link #EARLY_MARGIN} before that. Noise in either prediction therefore costs polls,
 * not lag. Until a rate exists (after the first usable report) a wait is at most the near-end interval longer than
 * the normal cadence's. While the earliest plausible end
 * is further away than the near-end interval, the next poll goes straight there, but a jump is at most
 * {@link #MAX_JUMP_RUNNING} times the time the statement has been running and {@link #MAX_JUMP_INTERVALS} times
 * {@code maxInterval}: a single wrong prediction costs at most that much lag. Near the predicted end the schedule
 * polls every {@link #NEAR_END_FRACTION} of {@code maxInterval} (never slower than the normal cadence). A statement
 * that outlives the prediction by {@link #LATE_MARGIN} has proven it wrong: the normal cadence applies until a newer
 * rate predicts a later end.
 *
 * <p>Not thread-safe: one instance per poll loop.
 */
public final class PollSchedule {
    /** Progress reports below this carry no usable prediction. */
    static final double MIN_PROGRESS = 0.001;
    /** The smallest progress step between two reports that gives a rate. */
    static final double MIN_STEP = 0.001;
    /** The earliest plausible end: the most optimistic predicted total, less this fraction of it. */
    static final double EARLY_MARGIN = 0.03;
    /** Near-end polling lasts until the most optimistic predicted total is outlived by this fraction of it. */
    static final double LATE_MARGIN = 0.3;
    /** The interval near the predicted end, as a fraction of {@link PollingPolicy#maxInterval()}. */
    static final double NEAR_END_FRACTION = 0.15;
    /** A progress-steered wait is at most this multiple of the time the statement has been running. */
    static final double MAX_JUMP_RUNNING = 2;
    /** A progress-steered wait is at most this multiple of {@link PollingPolicy#maxInterval()}. */
    static final double MAX_JUMP_INTERVALS = 15;

    private final PollingPolicy policy;
    private final Random random;
    private double previousMillis;
    /** The smallest ratio prediction of the total run time so far. */
    private double ratioTotalMillis = Double.POSITIVE_INFINITY;
    /** The smallest rate prediction of the total run time so far. */
    private double rateTotalMillis = Double.POSITIVE_INFINITY;
    /** The first usable report: progress and running time; NaN until there is one. */
    private double firstProgress = Double.NaN;

    private double firstRunningMillis = Double.NaN;
    /** Where the time waited counts from, for the cadence of something that has not started: 0 or a restart. */
    private double originMillis;

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
     * Starts the schedule afresh at {@code elapsed}: the next interval grows again from the initial one and the time
     * waited by something that has not started counts from here (the statement before it just finished).
     */
    public void restart(Duration elapsed) {
        previousMillis = millis(policy.initialInterval());
        originMillis = millis(elapsed);
    }

    /**
     * The delay before the next poll of something that cannot have started yet because an earlier statement of its
     * session still runs: {@link PollingPolicy#maxInterval()} (with jitter), as a safety net; the caller restarts the
     * schedule when the earlier statement ends.
     */
    public Duration blocked() {
        return jittered(millis(policy.maxInterval()));
    }

    /**
     * The delay before the next poll of something that started when polling began (a session, or a statement whose
     * start the backend does not tell): {@code next(elapsed, elapsed, progress)}.
     */
    public Duration next(Duration elapsed, OptionalDouble progress) {
        return next(elapsed, elapsed, progress);
    }

    /**
     * The delay before the next poll.
     *
     * @param elapsed time since the loop started (statement submitted / session created)
     * @param running time since the backend began running the statement, at most {@code elapsed} (larger values are
     *     taken as {@code elapsed}, negative ones as zero); {@code null} while it waits to start
     * @param progress the backend's last progress report (0 to 1), if any; ignored while the statement waits
     */
    public Duration next(Duration elapsed, @Nullable Duration running, OptionalDouble progress) {
        double init = millis(policy.initialInterval());
        double max = millis(policy.maxInterval());
        double waited = millis(elapsed);
        double sinceOrigin = Math.max(0, waited - originMillis);
        double ran = running == null ? sinceOrigin : Math.max(0, Math.min(waited, millis(running)));
        double cap = Math.min(max, Math.max(init, sinceOrigin * policy.maxLagFraction()));
        double normal = Math.min(Math.max(previousMillis, init) * policy.multiplier(), cap);
        if (running != null && policy.useProgress() && progress.isPresent()) {
            double p = progress.getAsDouble();
            if (p >= MIN_PROGRESS && p < 1.0) {
                Duration steered = steered(p, ran, normal, init, max);
                if (steered != null) {
                    return steered;
                }
            }
        }
        previousMillis = normal;
        return jittered(normal);
    }

    private @Nullable Duration steered(double p, double ran, double normal, double init, double max) {
        ratioTotalMillis = Math.min(ratioTotalMillis, ran / p);
        double total = ratioTotalMillis;
        boolean rated = false;
        if (Double.isNaN(firstProgress)) {
            firstProgress = p;
            firstRunningMillis = ran;
        } else if (p - firstProgress >= Math.max(MIN_STEP, firstProgress) && ran > firstRunningMillis) {
            double rate = ran + (1 - p) * (ran - firstRunningMillis) / (p - firstProgress);
            rateTotalMillis = Math.min(rateTotalMillis, rate);
        }
        if (rateTotalMillis < Double.POSITIVE_INFINITY) {
            total = Math.min(total, rateTotalMillis);
            rated = true;
        }
        double nearMax = Math.max(init, max * NEAR_END_FRACTION);
        double near = Math.min(normal, nearMax);
        double gap = total * (1 - EARLY_MARGIN) - ran;
        if (gap > near) {
            // Without a rate (one report so far) the ratio alone may be far too late: wait at most the near-end
            // interval longer than the normal cadence would.
            double limit = rated
                    ? Math.max(near, Math.min(max * MAX_JUMP_INTERVALS, ran * MAX_JUMP_RUNNING))
                    : Math.max(normal, Math.min(ran * MAX_JUMP_RUNNING, nearMax));
            previousMillis = near;
            return jitteredDown(Math.min(gap, limit));
        }
        if (ran < total * (1 + LATE_MARGIN)) {
            previousMillis = near;
            return jittered(near);
        }
        return null;
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
