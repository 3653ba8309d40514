package dev.glivy.config;

import dev.glivy.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * Glivy's own deadlines: how long to wait for a session to become ready, for a statement to finish (after which
 * it is cancelled on the backend), and for a session to stop.
 *
 * <p>Immutable.
 */
public final class Timeouts {
    /** Session start deadline: 10 minutes (Glue provisioning and busy YARN queues can be slow). */
    public static final Duration DEFAULT_START = Duration.ofMinutes(10);
    /** Statement deadline: 1 hour. */
    public static final Duration DEFAULT_STATEMENT = Duration.ofHours(1);
    /** Close (stop session) deadline: 1 minute. */
    public static final Duration DEFAULT_CLOSE = Duration.ofMinutes(1);

    private static final Timeouts DEFAULTS = builder().build();

    private final Duration start;
    private final Duration statement;
    private final Duration close;

    private Timeouts(Builder b) {
        this.start = b.start;
        this.statement = b.statement;
        this.close = b.close;
    }

    /** The defaults. */
    public static Timeouts defaults() {
        return DEFAULTS;
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder().start(start).statement(statement).close(close);
    }

    /** Session start deadline. */
    public Duration start() {
        return start;
    }

    /** Default statement deadline. */
    public Duration statement() {
        return statement;
    }

    /** Close deadline. */
    public Duration close() {
        return close;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeouts t
                && t.start.equals(start)
                && t.statement.equals(statement)
                && t.close.equals(close);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, statement, close);
    }

    @Override
    public String toString() {
        return "Timeouts{start=" + start + ", statement=" + statement + ", close=" + close + "}";
    }

    /** Builder for {@link Timeouts}. Not thread-safe. */
    public static final class Builder {
        private Duration start = DEFAULT_START;
        private Duration statement = DEFAULT_STATEMENT;
        private Duration close = DEFAULT_CLOSE;

        private Builder() {}

        /** Session start deadline; must be > 0. Default 10 minutes. */
        public Builder start(Duration v) {
            this.start = Durations.positive("start timeout", v);
            return this;
        }

        /** Statement deadline; must be > 0. Default 1 hour. */
        public Builder statement(Duration v) {
            this.statement = Durations.positive("statement timeout", v);
            return this;
        }

        /** Close deadline; must be > 0. Default 1 minute. */
        public Builder close(Duration v) {
            this.close = Durations.positive("close timeout", v);
            return this;
        }

        /** Builds the timeouts. */
        public Timeouts build() {
            return new Timeouts(this);
        }
    }
}
