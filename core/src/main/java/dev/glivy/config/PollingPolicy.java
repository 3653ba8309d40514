package dev.glivy.config;

import dev.glivy.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How Glivy polls the backend for session readiness and statement completion.
 *
 * <p>The first poll comes after {@link #initialInterval()}; each next interval grows by {@link #multiplier()} up to
 * {@link #maxInterval()}, and never exceeds {@link #maxLagFraction()} of the time already waited, each with
 * ±{@link #jitter()} so many sessions do not poll in step. Without progress reports this bounds the completion lag
 * (backend done to future completed) by both {@code maxLagFraction} of the run time and {@code maxInterval}: with
 * the defaults a statement is seen within 15% of its run time and within 4 s (give or take the jitter).
 *
 * <p>When {@link #useProgress()} is on and the backend reports progress (Livy and Glue do for Spark jobs), each
 * report predicts the total run time, counted from the statement's own start on the backend (not from when polling
 * began): both from the ratio of progress to running time and, once two reports exist, from the rate of progress
 * (which is right also when progress starts late, after driver code). Glivy waits until shortly before the most
 * optimistic prediction seen, then polls at intervals of at most 15% of {@code maxInterval} (0.6 s with the
 * defaults) until the statement finishes. A progress-steered wait is never longer than twice the time the statement
 * has run nor 15 times {@code maxInterval}, and once a statement outlives the prediction by 30% the normal schedule
 * applies again, so unreliable progress costs polls rather than lag. A statement that still waits to start (queued
 * behind others) polls on the normal schedule, only every {@code maxInterval} while an earlier statement of the same
 * session runs, and afresh from {@code initialInterval} once that one finished. Session readiness is polled at most
 * every 0.5 s. When the transport pushes changes ({@code SessionTransport.watch}), scheduled polls are only a safety
 * net every 5 s.
 *
 * <p>The defaults come from the polling benchmark in the {@code benchmarks} module (see the README): on a mix of
 * statements from 50 ms to 10 minutes they give a lower median lag and fewer polls on average than the fixed
 * schedules of the Glue kernel, sparkmagic and pylivy, and with progress reports also a lower 99th-percentile lag.
 * Without progress the 4 s cap trades a higher worst-case lag on long statements for fewer polls; lower
 * {@link #maxInterval()} if lag matters more to you than request volume (AWS Glue throttles {@code GetStatement}
 * under concurrency).
 *
 * <p>Immutable and thread-safe.
 */
public final class PollingPolicy {
    /** First poll after 100 ms. */
    public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofMillis(100);
    /** Interval multiplier: {@value}. */
    public static final double DEFAULT_MULTIPLIER = 1.5;
    /** Interval cap: 4 s. */
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(4);
    /** Largest interval as a fraction of the time already waited: {@value}. */
    public static final double DEFAULT_MAX_LAG_FRACTION = 0.15;
    /** Jitter fraction: {@value}. */
    public static final double DEFAULT_JITTER = 0.1;
    /** Whether reported progress steers the next poll: {@value}. */
    public static final boolean DEFAULT_USE_PROGRESS = true;
    /** Whether a slow statement poll is sent once more: {@value}. */
    public static final boolean DEFAULT_HEDGE_SLOW_POLLS = true;

    private static final PollingPolicy DEFAULTS = builder().build();

    private final Duration initialInterval;
    private final double multiplier;
    private final Duration maxInterval;
    private final double maxLagFraction;
    private final double jitter;
    private final boolean useProgress;
    private final boolean hedgeSlowPolls;

    private PollingPolicy(Builder b) {
        this.initialInterval = b.initialInterval;
        this.multiplier = b.multiplier;
        this.maxInterval = b.maxInterval;
        this.maxLagFraction = b.maxLagFraction;
        this.jitter = b.jitter;
        this.useProgress = b.useProgress;
        this.hedgeSlowPolls = b.hedgeSlowPolls;
    }

    /** The default policy. */
    public static PollingPolicy defaults() {
        return DEFAULTS;
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder()
                .initialInterval(initialInterval)
                .multiplier(multiplier)
                .maxInterval(maxInterval)
                .maxLagFraction(maxLagFraction)
                .jitter(jitter)
                .useProgress(useProgress)
                .hedgeSlowPolls(hedgeSlowPolls);
    }

    /** Delay before the first poll. */
    public Duration initialInterval() {
        return initialInterval;
    }

    /** Growth factor between polls. */
    public double multiplier() {
        return multiplier;
    }

    /** Longest interval between polls. */
    public Duration maxInterval() {
        return maxInterval;
    }

    /** Longest interval as a fraction of the time already waited. */
    public double maxLagFraction() {
        return maxLagFraction;
    }

    /** Jitter fraction. */
    public double jitter() {
        return jitter;
    }

    /** Whether backend progress reports steer the next poll. */
    public boolean useProgress() {
        return useProgress;
    }

    /** Whether a statement poll that answers slowly is sent once more (see {@link Builder#hedgeSlowPolls}). */
    public boolean hedgeSlowPolls() {
        return hedgeSlowPolls;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollingPolicy p
                && p.initialInterval.equals(initialInterval)
                && p.multiplier == multiplier
                && p.maxInterval.equals(maxInterval)
                && p.maxLagFraction == maxLagFraction
                && p.jitter == jitter
                && p.useProgress == useProgress
                && p.hedgeSlowPolls == hedgeSlowPolls;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                initialInterval, multiplier, maxInterval, maxLagFraction, jitter, useProgress, hedgeSlowPolls);
    }

    @Override
    public String toString() {
        return "PollingPolicy{initialInterval=" + initialInterval + ", multiplier=" + multiplier + ", maxInterval="
                + maxInterval + ", maxLagFraction=" + maxLagFraction + ", jitter=" + jitter + ", useProgress="
                + useProgress + ", hedgeSlowPolls=" + hedgeSlowPolls + "}";
    }

    /** Builder for {@link PollingPolicy}. Not thread-safe. */
    public static final class Builder {
        private Duration initialInterval = DEFAULT_INITIAL_INTERVAL;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxInterval = DEFAULT_MAX_INTERVAL;
        private double maxLagFraction = DEFAULT_MAX_LAG_FRACTION;
        private double jitter = DEFAULT_JITTER;
        private boolean useProgress = DEFAULT_USE_PROGRESS;
        private boolean hedgeSlowPolls = DEFAULT_HEDGE_SLOW_POLLS;

        private Builder() {}

        /** Delay before the first poll; must be > 0. Default 100 ms. */
        public Builder initialInterval(Duration v) {
            this.initialInterval = Durations.positive("initialInterval", v);
            return this;
        }

        /** Growth factor; must be >= 1. Default {@value PollingPolicy#DEFAULT_MULTIPLIER}. */
        public Builder multiplier(double v) {
            if (!(v >= 1.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("multiplier must be >= 1 but was " + v);
            }
            this.multiplier = v;
            return this;
        }

        /** Longest interval; must be > 0. Default 4 s. */
        public Builder maxInterval(Duration v) {
            this.maxInterval = Durations.positive("maxInterval", v);
            return this;
        }

        /** Longest interval as a fraction of time waited; must be > 0. Default 0.15. */
        public Builder maxLagFraction(double v) {
            if (!(v > 0.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("maxLagFraction must be > 0 but was " + v);
            }
            this.maxLagFraction = v;
            return this;
        }

        /** Jitter between 0 and 1. Default {@value PollingPolicy#DEFAULT_JITTER}. */
        public Builder jitter(double v) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1 but was " + v);
            }
            this.jitter = v;
            return this;
        }

        /** Whether progress steers polling. Default {@value PollingPolicy#DEFAULT_USE_PROGRESS}. */
        public Builder useProgress(boolean v) {
            this.useProgress = v;
            return this;
        }

        /**
         * Whether a statement poll that has not answered within four times the median of the session's last 32
         * answer times (at least 20 ms, at most 2 s; after 16 answered polls) is sent once more, the first answer
         * winning and the other request aborted. A poll only reads, so a repeat changes nothing on the backend; it
         * turns a slow answer (a GC pause, a busy proxy) into the hedge delay. A submission attempt slow by the same
         * rule (its own answer times) is never resent, but checked once with one read of the next statement id,
         * which settles it when the backend applied it and is slow to answer. At most one extra read in ten
         * requests, however slow the backend. Default {@value PollingPolicy#DEFAULT_HEDGE_SLOW_POLLS}.
         */
        public Builder hedgeSlowPolls(boolean v) {
            this.hedgeSlowPolls = v;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws IllegalStateException when maxInterval is below initialInterval
         */
        public PollingPolicy build() {
            if (maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalStateException(
                        "maxInterval (" + maxInterval + ") must be >= initialInterval (" + initialInterval + ")");
            }
            return new PollingPolicy(this);
        }
    }
}
