package dev.glivy.config;

import dev.glivy.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How Glivy retries backend calls that failed with a retryable error (throttling, HTTP 5xx/429, connection
 * failures): exponential backoff with jitter, capped. Calls that are not idempotent (create session, submit
 * statement) are repeated only when the request certainly never reached the backend, or after reconciling with the
 * backend's own list.
 *
 * <p>Immutable. The defaults retry for about 20 seconds in total: 6 attempts, 200 ms, x2, capped at 5 s, ±50 %.
 */
public final class RetryPolicy {
    /** Attempts including the first: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    /** First backoff: 200 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Backoff multiplier: {@value}. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Backoff cap: 5 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Jitter as a fraction of each backoff, 0 to 1: {@value}. */
    public static final double DEFAULT_JITTER = 0.5;

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
    }

    /** The default policy. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A policy that never retries. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(initialBackoff)
                .multiplier(multiplier)
                .maxBackoff(maxBackoff)
                .jitter(jitter);
    }

    /** Attempts including the first. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The first backoff. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The backoff multiplier. */
    public double multiplier() {
        return multiplier;
    }

    /** The backoff cap. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The jitter fraction. */
    public double jitter() {
        return jitter;
    }

    /** The backoff before attempt {@code attempt + 1} without jitter ({@code attempt} starts at 1). */
    public Duration backoff(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p
                && p.maxAttempts == maxAttempts
                && p.initialBackoff.equals(initialBackoff)
                && p.multiplier == multiplier
                && p.maxBackoff.equals(maxBackoff)
                && p.jitter == jitter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + "}";
    }

    /** Builder for {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double jitter = DEFAULT_JITTER;

        private Builder() {}

        /** Attempts including the first; must be >= 1. Default {@value RetryPolicy#DEFAULT_MAX_ATTEMPTS}. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first backoff; must be > 0. Default 200 ms. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Durations.positive("initialBackoff", initialBackoff);
            return this;
        }

        /** The backoff multiplier; must be >= 1. Default {@value RetryPolicy#DEFAULT_MULTIPLIER}. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be >= 1 but was " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** The backoff cap; must be > 0. Default 5 s. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Durations.positive("maxBackoff", maxBackoff);
            return this;
        }

        /** Jitter fraction between 0 (none) and 1. Default {@value RetryPolicy#DEFAULT_JITTER}. */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1 but was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws IllegalStateException when maxBackoff is below initialBackoff
         */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException(
                        "maxBackoff (" + maxBackoff + ") must be >= initialBackoff (" + initialBackoff + ")");
            }
            return new RetryPolicy(this);
        }
    }
}
