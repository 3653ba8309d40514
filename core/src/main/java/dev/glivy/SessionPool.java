package dev.glivy;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Timeouts;
import dev.glivy.internal.DefaultSessionPool;
import dev.glivy.internal.Durations;
import dev.glivy.internal.Futures;
import dev.glivy.internal.PoolSettings;
import dev.glivy.internal.PoolSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A pool of started sessions of one configuration, leased to one caller at a time: a service that needs an answer in
 * seconds leases a warm session instead of starting one per request (a Glue session takes tens of seconds to start,
 * Livy 6–15 s).
 *
 * <pre>{@code
 * try (SessionPool pool = SessionPool.builder()
 *         .sessions(InteractiveSession.builder().transport(transport)
 *                 .config(c -> c.idleTimeout(Duration.ofMinutes(30))))
 *         .minIdle(1).maxSessions(5)
 *         .build()) {
 *     try (SessionPool.Lease lease = pool.lease(Duration.ofSeconds(30))) {
 *         long n = lease.session().sql("select count(*) as n from sales").row(0).getLong("n");
 *     }
 * }
 * }</pre>
 *
 * <p><b>Sizing.</b> The pool holds at most {@link Builder#maxSessions(int)} sessions (starting, idle and leased
 * together) and, with {@link Builder#maxCostPerHour(double)}, at most that estimated cost
 * ({@code SessionTransport.costRate}: DPUs times price on Glue; Livy and local Spark cost nothing). It starts
 * {@link Builder#minIdle(int)} sessions when built and keeps that many started, replacing those it stops. It starts
 * more only for callers waiting for a lease.
 *
 * <p><b>Leasing.</b> {@link #lease(Duration)} waits, in call order (first come, first served), until a session is
 * free or can be started, at most the given time, then fails with {@link SessionTimeoutException}. While you hold a
 * lease, nobody else uses its session: statements of two leases never interleave. A session is checked before it is
 * handed out: one that is not ready (lost, failed, stopped) is stopped and replaced, never handed out, and one idle
 * longer than {@link Builder#healthCheckAfter(Duration)} is first described on the backend (one remote call).
 *
 * <p><b>Returning.</b> {@link Lease#close()} gives the session back at once (it never blocks): from then on the
 * lease no longer counts in {@link Stats#leased()}. Statements of the lease still running then are
 * <b>cancelled</b>, and the session is reused only once they have finished on the backend (at most
 * {@link Builder#returnTimeout(Duration)}, else it is stopped). A session the lease saw lost or failing is stopped
 * and replaced; one whose lease saw a timeout or a transport error is described on the backend before reuse. After
 * the lease is returned, its {@link Lease#session()} refuses every call with {@link SessionStateException}. What the
 * lease defined in the session (variables, temporary views, cached data) stays for the next lease; call
 * {@link Lease#discard()} instead of {@code close()} to have the session stopped instead of reused.
 *
 * <p><b>Idle sessions</b> are stopped after {@link Builder#maxIdleTime(Duration)} while the pool holds more than
 * {@code minIdle}, and always before the backend would end them: before the session's idle timeout
 * ({@link SessionConfig#idleTimeout()}, counted from its last statement) and before its lifetime
 * ({@link SessionConfig#maxLifetime()}), each less {@link Builder#idleTimeoutMargin(Duration)}.
 *
 * <p><b>Closing.</b> {@link #close()} fails the callers still waiting with {@link SessionStateException}, stops idle
 * and starting sessions at once, and waits up to {@link Builder#closeGrace(Duration)} for outstanding leases to be
 * returned; sessions still leased then are stopped anyway (their running statements fail with
 * {@link SessionStateException} and their lease's session refuses further calls). It returns when every session it
 * held is stopped.
 *
 * <p><b>Threads.</b> The pool has no thread of its own: its deadlines and eviction timers run on the
 * {@link SessionRuntime}'s scheduler (by default the runtime shared by all sessions) and leases are handed out on its
 * executor.
 *
 * <p><b>Metrics.</b> {@link #stats()} is a snapshot without a remote call; {@code glivy-micrometer}'s
 * {@code SessionPoolMetrics} publishes it as Micrometer gauges.
 *
 * <p>Thread-safe. <b>Ownership:</b> you close the pool; it closes every session it built (and with them the
 * transports they own). A transport or runtime you passed in is never closed by the pool.
 *
 * @since 0.3
 */
public final class SessionPool implements AutoCloseable {
    /** The most sessions by default: {@value}. */
    public static final int DEFAULT_MAX_SESSIONS = 4;
    /** Sessions kept started when nobody leases them, by default: {@value}. */
    public static final int DEFAULT_MIN_IDLE = 0;
    /** How long a session may stay idle while the pool holds more than {@code minIdle}: 10 minutes. */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofMinutes(10);
    /** How long before the backend's idle timeout or lifetime an idle session is stopped: 1 minute. */
    public static final Duration DEFAULT_IDLE_TIMEOUT_MARGIN = Duration.ofMinutes(1);
    /** How long {@link #lease()} waits: {@link Timeouts#DEFAULT_START} (10 minutes), the time a start may take. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Timeouts.DEFAULT_START;
    /** A session idle longer than this is described on the backend before it is handed out: 30 seconds. */
    public static final Duration DEFAULT_HEALTH_CHECK_AFTER = Duration.ofSeconds(30);
    /** How long a returned session may take to finish its lease's cancelled statements: 2 minutes. */
    public static final Duration DEFAULT_RETURN_TIMEOUT = Duration.ofMinutes(2);
    /** How long {@link #close()} waits for outstanding leases before stopping their sessions: 30 seconds. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(30);

    private final DefaultSessionPool pool;

    private SessionPool(DefaultSessionPool pool) {
        this.pool = pool;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Leases a session, waiting at most {@link Builder#leaseTimeout(Duration)}.
     *
     * @throws SessionTimeoutException when no session was free or could be started in time (the message says what
     *     the pool held and what limited it)
     * @throws SessionStateException when the pool is closed
     * @throws SessionException when starting the session this caller waited for failed
     * @throws IllegalStateException when a single session costs more than {@link Builder#maxCostPerHour(double)}
     */
    public Lease lease() {
        return lease(pool.settings().leaseTimeout());
    }

    /**
     * Leases a session, waiting at most {@code timeout}; see {@link #lease()}. Interrupting the waiting thread gives
     * up the wait (and restores the interrupt flag).
     */
    public Lease lease(Duration timeout) {
        return Futures.await(leaseAsync(timeout), null, pool.backend(), "a session from the pool");
    }

    /** Async form of {@link #lease()}. */
    public CompletableFuture<Lease> leaseAsync() {
        return leaseAsync(pool.settings().leaseTimeout());
    }

    /**
     * Async form of {@link #lease(Duration)}. The future completes on the runtime's executor. Cancelling it gives up
     * the wait; a session handed out at the same instant goes back to the pool.
     *
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public CompletableFuture<Lease> leaseAsync(Duration timeout) {
        return pool.lease(Durations.positive("timeout", timeout));
    }

    /** What the pool holds now (no remote call). */
    public Stats stats() {
        return new Stats(pool.snapshot());
    }

    /**
     * Stops every session of the pool, as described in the class comment, and waits for it.
     *
     * @throws SessionException when a session could not be stopped (others are still stopped; it will stop itself at
     *     its idle timeout)
     */
    @Override
    public void close() {
        Futures.await(closeAsync(), null, pool.backend(), "the pool to close");
    }

    /** Async form of {@link #close()}; idempotent. */
    public CompletableFuture<Void> closeAsync() {
        return pool.close();
    }

    @Override
    public String toString() {
        return "SessionPool{" + stats() + "}";
    }

    /**
     * A session leased from a pool. Close it (try-with-resources) to give the session back; see {@link SessionPool}
     * for what happens to statements still running. Thread-safe; closing twice returns the session once.
     */
    public interface Lease extends AutoCloseable {
        /**
         * The leased session. It is the pool's session seen through this lease: {@code close()} on it returns the
         * lease (it does not stop the session), {@link InteractiveSession#history()} lists only this lease's
         * statements, and after the lease is returned every call that reaches the backend fails with
         * {@link SessionStateException}.
         */
        InteractiveSession session();

        /**
         * Gives the session back to the pool. Never blocks and never throws; closing twice returns the session once.
         * When it returns, the lease is over: its session refuses further calls, and {@link Stats#leased()} no longer
         * counts it. The session is idle for the next caller at once when nothing of the lease was running; else it
         * counts as {@link Stats#returning()} until the cancelled statements have finished on the backend. Use
         * {@link #closeAsync()} to wait for that.
         */
        @Override
        void close();

        /**
         * Gives the session back like {@link #close()} and returns a future that completes when the pool has taken
         * it back: idle for the next caller, or stopped. It never completes exceptionally; it may take up to
         * {@link Builder#returnTimeout(Duration)} (plus one describe call) when statements were left running.
         *
         * @since 0.3
         */
        CompletableFuture<Void> closeAsync();

        /**
         * Gives the session back to be stopped instead of reused (for example after changing its state). Like
         * {@link #close()}, the lease is no longer counted as leased when this returns.
         */
        void discard();
    }

    /**
     * A snapshot of a pool: its sessions by state, its waiting callers and its estimated cost. Immutable.
     */
    public static final class Stats {
        private final PoolSnapshot s;

        private Stats(PoolSnapshot s) {
            this.s = s;
        }

        /** Sessions ready and not leased. */
        public int idle() {
            return s.idle();
        }

        /**
         * Sessions leased to a caller whose lease is not returned yet, and sessions being checked before they are
         * handed to a waiting caller. A lease stops counting here the moment its {@link Lease#close()} (or
         * {@code discard()}) returns.
         */
        public int leased() {
            return s.leased();
        }

        /**
         * Sessions whose lease was returned and that are not idle again yet: the lease's cancelled statements are
         * finishing on the backend (at most {@link Builder#returnTimeout(Duration)}) or the session is being
         * described before reuse. A session returned with nothing running and nothing wrong is idle at once and
         * never counts here. {@link Lease#closeAsync()} completes when its session has left this state.
         *
         * @since 0.3
         */
        public int returning() {
            return s.returning();
        }

        /** Sessions being built or started. */
        public int starting() {
            return s.starting();
        }

        /** Every session the pool holds: starting, idle, leased and returning. */
        public int total() {
            return s.idle() + s.leased() + s.returning() + s.starting();
        }

        /** Callers waiting for a lease. */
        public int waiting() {
            return s.waiting();
        }

        /** Sessions started by the pool so far. */
        public long started() {
            return s.started();
        }

        /** Sessions the pool stopped so far (evicted, replaced, discarded or closed). */
        public long stopped() {
            return s.stopped();
        }

        /** Leases handed out so far. */
        public long leases() {
            return s.leases();
        }

        /** Estimated USD per hour of every session the pool holds; {@code 0} on backends without a cost rate. */
        public double usdPerHour() {
            return s.usdPerHour();
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "idle=%d, leased=%d, returning=%d, starting=%d, waiting=%d, " + "usdPerHour=%.2f",
                    idle(),
                    leased(),
                    returning(),
                    starting(),
                    waiting(),
                    usdPerHour());
        }
    }

    /** Builder for {@link SessionPool}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Supplier<SessionBuilder> sessions;
        private int maxSessions = DEFAULT_MAX_SESSIONS;
        private int minIdle = DEFAULT_MIN_IDLE;
        private Duration maxIdleTime = DEFAULT_MAX_IDLE_TIME;
        private Duration idleTimeoutMargin = DEFAULT_IDLE_TIMEOUT_MARGIN;
        private Duration leaseTimeout = DEFAULT_LEASE_TIMEOUT;
        private Duration healthCheckAfter = DEFAULT_HEALTH_CHECK_AFTER;
        private Duration returnTimeout = DEFAULT_RETURN_TIMEOUT;
        private Duration closeGrace = DEFAULT_CLOSE_GRACE;
        private double maxCostPerHour = Double.POSITIVE_INFINITY;
        private @Nullable SessionRuntime runtime;

        private Builder() {}

        /**
         * The configuration of the pool's sessions: the pool calls {@link SessionBuilder#build()} for every session it
         * starts. <b>Do not change the builder afterwards.</b> Required (or {@link #sessions(Supplier)}).
         */
        public Builder sessions(SessionBuilder builder) {
            Objects.requireNonNull(builder, "sessions must not be null");
            this.sessions = () -> builder;
            return this;
        }

        /**
         * Where each new session's builder comes from: called (never concurrently) for every session the pool
         * starts, for example to give each session its own id prefix. Its builders should describe one configuration.
         */
        public Builder sessions(Supplier<SessionBuilder> builders) {
            this.sessions = Objects.requireNonNull(builders, "sessions must not be null");
            return this;
        }

        /** The most sessions the pool holds, starting ones included. Default {@value #DEFAULT_MAX_SESSIONS}. */
        public Builder maxSessions(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSessions must be > 0 but was " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * How many sessions the pool keeps started even when nobody leases them (leased ones count): it starts them
         * when built and replaces those it stops. Default {@value #DEFAULT_MIN_IDLE}: nothing runs until the first
         * lease.
         */
        public Builder minIdle(int min) {
            if (min < 0) {
                throw new IllegalArgumentException("minIdle must be >= 0 but was " + min);
            }
            this.minIdle = min;
            return this;
        }

        /**
         * How long a session may stay idle while the pool holds more than {@code minIdle}. Default
         * {@link #DEFAULT_MAX_IDLE_TIME}.
         */
        public Builder maxIdleTime(Duration time) {
            this.maxIdleTime = Durations.positive("maxIdleTime", time);
            return this;
        }

        /**
         * How long before the session's idle timeout or lifetime ends an idle session is stopped (at most a quarter
         * of the idle timeout). Default {@link #DEFAULT_IDLE_TIMEOUT_MARGIN}.
         */
        public Builder idleTimeoutMargin(Duration margin) {
            this.idleTimeoutMargin = Durations.positive("idleTimeoutMargin", margin);
            return this;
        }

        /** How long {@link SessionPool#lease()} waits. Default {@link #DEFAULT_LEASE_TIMEOUT}. */
        public Builder leaseTimeout(Duration timeout) {
            this.leaseTimeout = Durations.positive("leaseTimeout", timeout);
            return this;
        }

        /**
         * A session idle at least this long is described on the backend (one remote call) before it is handed out;
         * sooner, its last known state is trusted. {@code Duration.ZERO} checks before every lease. Default
         * {@link #DEFAULT_HEALTH_CHECK_AFTER}.
         */
        public Builder healthCheckAfter(Duration idle) {
            Objects.requireNonNull(idle, "healthCheckAfter must not be null");
            if (idle.isNegative()) {
                throw new IllegalArgumentException("healthCheckAfter must be >= 0 but was " + idle);
            }
            this.healthCheckAfter = idle;
            return this;
        }

        /**
         * How long a returned session may take to finish the statements its lease left running (the pool cancels
         * them) before it is stopped instead of reused. Default {@link #DEFAULT_RETURN_TIMEOUT}.
         */
        public Builder returnTimeout(Duration timeout) {
            this.returnTimeout = Durations.positive("returnTimeout", timeout);
            return this;
        }

        /**
         * How long {@link SessionPool#close()} waits for outstanding leases before stopping their sessions;
         * {@code Duration.ZERO} stops them at once. Default {@link #DEFAULT_CLOSE_GRACE}.
         */
        public Builder closeGrace(Duration grace) {
            Objects.requireNonNull(grace, "closeGrace must not be null");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("closeGrace must be >= 0 but was " + grace);
            }
            this.closeGrace = grace;
            return this;
        }

        /**
         * The most estimated cost, in USD per hour, of all sessions the pool holds together (each session's
         * {@code SessionTransport.costRate}; backends without one count as free). The pool starts no session that
         * would exceed it; callers wait for a free one instead. Default: no cap.
         */
        public Builder maxCostPerHour(double usd) {
            if (!(usd > 0) || Double.isNaN(usd)) {
                throw new IllegalArgumentException("maxCostPerHour must be > 0 but was " + usd);
            }
            this.maxCostPerHour = usd;
            return this;
        }

        /**
         * The runtime whose scheduler runs the pool's timers and whose executor hands out leases. <b>Not closed by
         * the pool.</b> Default: the runtime shared by all sessions (sessions use the runtime of their own builder).
         */
        public Builder runtime(SessionRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
            return this;
        }

        /**
         * Builds the pool and starts its {@code minIdle} sessions in the background.
         *
         * @throws IllegalStateException listing every problem: no {@code sessions}, {@code minIdle} above
         *     {@code maxSessions}
         */
        public SessionPool build() {
            List<String> problems = new ArrayList<>();
            if (sessions == null) {
                problems.add("sessions must be set: pass a SessionBuilder or a supplier of them");
            }
            if (minIdle > maxSessions) {
                problems.add("minIdle (" + minIdle + ") must not be above maxSessions (" + maxSessions + ")");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid SessionPool: " + String.join("; ", problems));
            }
            return new SessionPool(DefaultSessionPool.create(new PoolSettings(
                    Objects.requireNonNull(sessions),
                    maxSessions,
                    minIdle,
                    maxIdleTime,
                    idleTimeoutMargin,
                    leaseTimeout,
                    healthCheckAfter,
                    returnTimeout,
                    closeGrace,
                    maxCostPerHour,
                    runtime)));
        }
    }
}
