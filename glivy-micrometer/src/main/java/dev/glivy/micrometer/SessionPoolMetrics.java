package dev.glivy.micrometer;

import dev.glivy.SessionPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of one {@link SessionPool}, read from {@link SessionPool#stats()} when the registry publishes
 * (no listener, no thread):
 *
 * <pre>{@code
 * SessionPoolMetrics.of(pool, "reports").bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>SessionPoolMetrics meters, each tagged {@code pool} (the name given) and the extra tags</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #SESSIONS}</td><td>gauge</td><td>pool, state</td><td>the pool's sessions by state:
 *       {@code idle}, {@code leased} (a caller holds the lease), {@code returning} (the lease was returned and its
 *       cancelled statements are finishing) and {@code starting}</td></tr>
 *   <tr><td>{@value #WAITING}</td><td>gauge</td><td>pool</td><td>callers waiting for a lease</td></tr>
 *   <tr><td>{@value #COST}</td><td>gauge</td><td>pool</td><td>estimated USD per hour of the sessions held (0 on
 *       backends without a cost rate)</td></tr>
 *   <tr><td>{@value #LEASES}</td><td>function counter</td><td>pool</td><td>leases handed out</td></tr>
 *   <tr><td>{@value #STARTED}</td><td>function counter</td><td>pool</td><td>sessions the pool started</td></tr>
 *   <tr><td>{@value #STOPPED}</td><td>function counter</td><td>pool</td><td>sessions the pool stopped (evicted,
 *       replaced, discarded or closed)</td></tr>
 * </table>
 *
 * <p>Names follow Micrometer's conventions (dot-separated lower case, base units; Prometheus shows, for example,
 * {@code glivy_pool_sessions{pool="reports",state="leased"}} and {@code glivy_pool_leases_total}). The
 * {@code pool} tag tells pools apart: give each pool bound to one registry its own name, because a registry keeps the
 * first meter of a name and tag set and ignores a second pool registered under the same ones.
 *
 * <p>The meters hold the pool weakly, as Micrometer's gauges do by default: they do not keep a pool you dropped
 * alive (its gauges then read {@code NaN}). A closed pool reads zero; remove its meters from the registry if you
 * build pools repeatedly. Statement and session meters come from {@link GlivyMetrics} registered as a listener on
 * the pool's session builder; the two binders are independent.
 *
 * <p>Immutable and thread-safe; may be bound to several registries. Holds nothing to close.
 *
 * @since 0.3
 */
public final class SessionPoolMetrics implements MeterBinder {
    /** Gauge of the pool's sessions by state. */
    public static final String SESSIONS = "glivy.pool.sessions";
    /** Gauge of callers waiting for a lease. */
    public static final String WAITING = "glivy.pool.waiting";
    /** Gauge of the estimated USD per hour of the sessions held. */
    public static final String COST = "glivy.pool.cost";
    /** Function counter of leases handed out. */
    public static final String LEASES = "glivy.pool.leases";
    /** Function counter of sessions started by the pool. */
    public static final String STARTED = "glivy.pool.sessions.started";
    /** Function counter of sessions stopped by the pool. */
    public static final String STOPPED = "glivy.pool.sessions.stopped";

    private final SessionPool pool;
    private final Tags tags;

    private SessionPoolMetrics(SessionPool pool, Tags tags) {
        this.pool = pool;
        this.tags = tags;
    }

    /**
     * Meters of {@code pool}, tagged {@code pool=name} and the extra tags given as key-value pairs (for example
     * {@code "app", "reports"}).
     *
     * @throws IllegalArgumentException when {@code name} is blank or {@code keyValues} has an odd length
     */
    public static SessionPoolMetrics of(SessionPool pool, String name, String... keyValues) {
        Objects.requireNonNull(keyValues, "keyValues must not be null");
        return of(pool, name, Tags.of(keyValues));
    }

    /**
     * Meters of {@code pool}, tagged {@code pool=name} and {@code tags}.
     *
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public static SessionPoolMetrics of(SessionPool pool, String name, Iterable<Tag> tags) {
        Objects.requireNonNull(pool, "pool must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(tags, "tags must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new SessionPoolMetrics(pool, Tags.of(tags).and("pool", name));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        state(registry, "idle", s -> s.idle());
        state(registry, "leased", s -> s.leased());
        state(registry, "returning", s -> s.returning());
        state(registry, "starting", s -> s.starting());
        Gauge.builder(WAITING, pool, p -> p.stats().waiting())
                .tags(tags)
                .baseUnit("callers")
                .description("Callers waiting for a lease from a Glivy session pool")
                .register(registry);
        Gauge.builder(COST, pool, p -> p.stats().usdPerHour())
                .tags(tags)
                .baseUnit("usd.per.hour")
                .description("Estimated cost rate of a Glivy session pool's sessions")
                .register(registry);
        counter(registry, LEASES, "leases", "Leases handed out by a Glivy session pool", s -> s.leases());
        counter(registry, STARTED, "sessions", "Sessions started by a Glivy session pool", s -> s.started());
        counter(registry, STOPPED, "sessions", "Sessions stopped by a Glivy session pool", s -> s.stopped());
    }

    private void state(MeterRegistry registry, String state, ToDoubleFunction<SessionPool.Stats> value) {
        Gauge.builder(SESSIONS, pool, p -> value.applyAsDouble(p.stats()))
                .tags(tags)
                .tag("state", state)
                .baseUnit("sessions")
                .description("Sessions of a Glivy session pool in each state")
                .register(registry);
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String unit,
            String description,
            ToDoubleFunction<SessionPool.Stats> value) {
        FunctionCounter.builder(name, pool, p -> value.applyAsDouble(p.stats()))
                .tags(tags)
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    @Override
    public String toString() {
        return "SessionPoolMetrics{" + tags + "}";
    }
}
