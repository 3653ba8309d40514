package dev.glivy;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Where a running statement stands, delivered to {@link SessionListener#onProgress(StatementProgress)} and to a
 * statement's own {@link StatementRequest.Builder#onProgress progress listener} while it runs: the session and
 * statement ids, the backend, the normalized state, the backend's progress when it reports one, and the time since
 * {@code executeAsync} was called.
 *
 * <p><b>When.</b> Glivy makes one after a status poll of the statement (it does not poll more often for progress):
 * at once when the statement's state changed since the last one delivered (so at least once per state change, the
 * final state included), and otherwise at most once per {@link #MIN_INTERVAL} per statement. Events of one statement
 * are delivered in order, one at a time, on the session runtime's completion executor (never on an I/O thread).
 * Backends report no job or stage counts through the transport SPI, so none appear here.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.3
 */
public final class StatementProgress {
    /**
     * The shortest time between two progress events of one statement whose state did not change:
     * {@value #MIN_INTERVAL_MILLIS} ms. Polls of a long statement are usually further apart than this, so most polls deliver one.
     */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** {@link #MIN_INTERVAL} in milliseconds: {@value}. */
    public static final long MIN_INTERVAL_MILLIS = 1000;

    private final String sessionId;
    private final String statementId;
    private final String backend;
    private final StatementState state;
    private final @Nullable Double progress;
    private final Duration elapsed;

    private StatementProgress(Builder b) {
        this.sessionId = Objects.requireNonNull(b.sessionId, "sessionId must not be null");
        this.statementId = Objects.requireNonNull(b.statementId, "statementId must not be null");
        this.backend = Objects.requireNonNull(b.backend, "backend must not be null");
        this.state = Objects.requireNonNull(b.state, "state must not be null");
        this.progress = b.progress;
        this.elapsed = Objects.requireNonNull(b.elapsed, "elapsed must not be null");
    }

    /** A new builder (for transports' and listeners' tests; Glivy builds these itself). */
    public static Builder builder() {
        return new Builder();
    }

    /** The session id. */
    public String sessionId() {
        return sessionId;
    }

    /** The statement id the backend assigned. */
    public String statementId() {
        return statementId;
    }

    /** The backend name, for example {@code "livy"}. */
    public String backend() {
        return backend;
    }

    /** The statement's normalized state at the poll this event comes from. */
    public StatementState state() {
        return state;
    }

    /**
     * The backend's progress from 0.0 to 1.0, when it reports one (Livy does; AWS Glue reports it for some
     * statements); 1.0 once the state is final, like {@link StatementResult#progress()}.
     */
    public OptionalDouble progress() {
        return progress == null ? OptionalDouble.empty() : OptionalDouble.of(progress);
    }

    /** Time since {@code executeAsync} was called (queueing in Glivy included), by the session runtime's clock. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementProgress p
                && p.sessionId.equals(sessionId)
                && p.statementId.equals(statementId)
                && p.backend.equals(backend)
                && p.state == state
                && Objects.equals(p.progress, progress)
                && p.elapsed.equals(elapsed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, statementId, backend, state, progress, elapsed);
    }

    @Override
    public String toString() {
        return "StatementProgress{session=" + sessionId + ", statement=" + statementId + ", backend=" + backend
                + ", state=" + state + ", progress="
                + (progress == null ? "unknown" : String.format(Locale.ROOT, "%.3f", progress)) + ", elapsed=" + elapsed
                + "}";
    }

    /** Builder for {@link StatementProgress}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String sessionId;
        private @Nullable String statementId;
        private @Nullable String backend;
        private @Nullable StatementState state;
        private @Nullable Double progress;
        private Duration elapsed = Duration.ZERO;

        private Builder() {}

        /** The session id; required. */
        public Builder sessionId(String v) {
            this.sessionId = Objects.requireNonNull(v, "sessionId must not be null");
            return this;
        }

        /** The statement id; required. */
        public Builder statementId(String v) {
            this.statementId = Objects.requireNonNull(v, "statementId must not be null");
            return this;
        }

        /** The backend name; required. */
        public Builder backend(String v) {
            this.backend = Objects.requireNonNull(v, "backend must not be null");
            return this;
        }

        /** The normalized state; required. */
        public Builder state(StatementState v) {
            this.state = Objects.requireNonNull(v, "state must not be null");
            return this;
        }

        /** The backend's progress, 0.0 to 1.0, or {@code null} when unknown (the default). */
        public Builder progress(@Nullable Double v) {
            if (v != null && !(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("progress must be between 0.0 and 1.0 but was " + v);
            }
            this.progress = v;
            return this;
        }

        /** Time since the statement was requested; must not be negative. Default zero. */
        public Builder elapsed(Duration v) {
            Objects.requireNonNull(v, "elapsed must not be null");
            if (v.isNegative()) {
                throw new IllegalArgumentException("elapsed must be >= 0 but was " + v);
            }
            this.elapsed = v;
            return this;
        }

        /**
         * Builds the value.
         *
         * @throws IllegalStateException when a required property is missing (all of them are named)
         */
        public StatementProgress build() {
            StringBuilder missing = new StringBuilder();
            if (sessionId == null) {
                missing.append(" sessionId");
            }
            if (statementId == null) {
                missing.append(" statementId");
            }
            if (backend == null) {
                missing.append(" backend");
            }
            if (state == null) {
                missing.append(" state");
            }
            if (missing.length() > 0) {
                throw new IllegalStateException("StatementProgress is missing:" + missing);
            }
            return new StatementProgress(this);
        }
    }
}
