package dev.glivy.micrometer;

import dev.glivy.SessionException;
import dev.glivy.SessionListener;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.CostRate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Glivy's metrics for Micrometer: a {@link MeterBinder} that is also the {@link SessionListener} feeding it. Bind it
 * to your registry and register it on every session you want measured:
 *
 * <pre>{@code
 * GlivyMetrics metrics = GlivyMetrics.create();
 * metrics.bindTo(registry);
 * InteractiveSession session = InteractiveSession.builder().transport(transport).listener(metrics).start();
 * }</pre>
 *
 * <p><b>Meters</b> (names follow Micrometer's conventions: dot-separated lower case, base units; your registry's
 * naming convention renders them, for example {@code glivy_statement_duration_seconds} in Prometheus):
 * <table>
 *   <caption>GlivyMetrics meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #STATEMENT_DURATION}</td><td>timer</td><td>backend, outcome</td><td>from {@code executeAsync}
 *       to the end; outcome {@code success}, {@code error} (user code raised), {@code cancelled}, {@code timeout},
 *       {@code lost} (the session was lost) or {@code failure} (anything else: the backend could not be reached, the
 *       session was closed)</td></tr>
 *   <tr><td>{@value #SESSION_START_DURATION}</td><td>timer</td><td>backend, outcome</td><td>from the start request
 *       to readiness; outcome {@code success}, {@code timeout}, {@code lost} (died while starting) or
 *       {@code failure}</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>backend, operation</td><td>backend calls retried after a
 *       retryable failure</td></tr>
 *   <tr><td>{@value #THROTTLES}</td><td>counter</td><td>backend, operation</td><td>answers that refused a call as
 *       throttled (HTTP 429, AWS {@code ThrottlingException})</td></tr>
 *   <tr><td>{@value #RECONCILIATIONS}</td><td>counter</td><td>backend, operation, outcome</td><td>ambiguous
 *       failures of session creations and statement submissions that Glivy checked with the backend; outcome
 *       {@code found} (it had taken effect) or {@code missing}</td></tr>
 *   <tr><td>{@value #SESSIONS_LOST}</td><td>counter</td><td>backend, state</td><td>started sessions that ended
 *       other than by {@code close()}: {@code lost}, {@code failed}, {@code expired}</td></tr>
 *   <tr><td>{@value #SESSIONS}</td><td>gauge</td><td>backend, state</td><td>sessions in each state, from
 *       {@code starting} to {@code stopping} and the lost ones not closed yet ({@code not_started} and
 *       {@code stopped} are not counted); a backend's gauges appear with its first session's first state
 *       change</td></tr>
 *   <tr><td>{@value #CAPACITY}</td><td>gauge</td><td>backend, unit</td><td>capacity the open sessions hold now, for
 *       example DPUs on AWS Glue (from {@link dev.glivy.spi.SessionTransport#costRate}; backends without a cost
 *       rate have none)</td></tr>
 *   <tr><td>{@value #CAPACITY_USED}</td><td>function counter</td><td>backend, unit</td><td>estimated capacity-hours
 *       used since this binder was created, for example DPU-hours (base unit {@code dpu.hours}); counted from
 *       each session's readiness to its end</td></tr>
 *   <tr><td>{@value #COST}</td><td>function counter</td><td>backend</td><td>estimated cost of that use in USD
 *       (base unit {@code usd}): capacity-hours times the transport's price</td></tr>
 * </table>
 * The cumulative estimates are function counters rather than gauges because they only grow (Micrometer's rule:
 * never gauge what you can count); {@value #CAPACITY} is the gauge of the current rate. Estimates ignore minimum
 * billing periods, provisioning time and discounts, like {@link CostRate}. Tag sets are small and bounded: backend
 * names, Glivy's operation names and enum values, never session ids. Add common tags with
 * {@link Builder#tags(Iterable)}; percentiles and histograms for the timers are yours to enable with a
 * {@code MeterFilter}.
 *
 * <p><b>When.</b> Counters and timers record into the registries bound at the time of the event: bind before your
 * sessions start. Session states and the cost estimates are tracked from the first event on, whether bound or not.
 * Listener events arrive on Glivy's completion executor, so meters lag the backend by at most one poll.
 *
 * <p>Thread-safe: one instance may listen to any number of sessions and be bound to several registries. It holds no
 * threads or resources and needs no closing; the gauges hold it strongly, so it lives as long as the registry.
 *
 * @since 0.3
 */
public final class GlivyMetrics implements MeterBinder, SessionListener {
    /** Timer of statements, from {@code executeAsync} to the end. */
    public static final String STATEMENT_DURATION = "glivy.statement.duration";
    /** Timer of session starts, from the start request to readiness. */
    public static final String SESSION_START_DURATION = "glivy.session.start.duration";
    /** Counter of retried backend calls. */
    public static final String RETRIES = "glivy.retries";
    /** Counter of throttled answers. */
    public static final String THROTTLES = "glivy.throttles";
    /** Counter of reconciliations of ambiguous non-idempotent calls. */
    public static final String RECONCILIATIONS = "glivy.reconciliations";
    /** Counter of started sessions lost (not closed). */
    public static final String SESSIONS_LOST = "glivy.sessions.lost";
    /** Gauge of sessions by state. */
    public static final String SESSIONS = "glivy.sessions";
    /** Gauge of the capacity open sessions hold. */
    public static final String CAPACITY = "glivy.session.capacity";
    /** Function counter of estimated capacity-hours used. */
    public static final String CAPACITY_USED = "glivy.session.capacity.used";
    /** Function counter of estimated cost in USD. */
    public static final String COST = "glivy.session.cost";

    private final Tags common;
    private final CostLedger ledger;
    /** Sessions by backend and state; a backend's entry and gauges are added under {@code lock}. */
    private final Map<String, Map<SessionState, AtomicInteger>> states = new ConcurrentHashMap<>();

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private GlivyMetrics(Builder b) {
        this.common = b.tags;
        this.ledger = new CostLedger(b.clock, this::registerCost);
    }

    /** Metrics with no extra tags and the system clock for the cost estimates. */
    public static GlivyMetrics create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    private static boolean counted(SessionState s) {
        return s != SessionState.NOT_STARTED && s != SessionState.STOPPED;
    }

    /** Registers the gauges and cost meters in {@code registry}; counters and timers follow as events come. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        synchronized (lock) {
            states.forEach((backend, counts) -> registerStates(registry, backend, counts));
            registries.add(registry);
        }
        for (CostLedger.Key key : ledger.keys()) {
            registerCost(registry, key);
        }
    }

    /** The state counts of {@code backend}, registering its gauges in every bound registry the first time. */
    private Map<SessionState, AtomicInteger> states(String backend) {
        Map<SessionState, AtomicInteger> counts = states.get(backend);
        if (counts != null) {
            return counts;
        }
        synchronized (lock) {
            counts = states.get(backend);
            if (counts == null) {
                counts = new EnumMap<>(SessionState.class);
                for (SessionState s : SessionState.values()) {
                    if (counted(s)) {
                        counts.put(s, new AtomicInteger());
                    }
                }
                for (MeterRegistry r : registries) {
                    registerStates(r, backend, counts);
                }
                states.put(backend, counts);
            }
            return counts;
        }
    }

    private void registerStates(MeterRegistry registry, String backend, Map<SessionState, AtomicInteger> counts) {
        counts.forEach((state, count) -> Gauge.builder(SESSIONS, count, AtomicInteger::get)
                .tags(common)
                .tag("backend", backend)
                .tag("state", lower(state))
                .description("Glivy sessions in each state")
                .baseUnit("sessions")
                .strongReference(true)
                .register(registry));
    }

    private void registerCost(CostLedger.Key key) {
        for (MeterRegistry r : registries) {
            registerCost(r, key);
        }
    }

    private void registerCost(MeterRegistry r, CostLedger.Key key) {
        Tags t = common.and("backend", key.backend());
        Gauge.builder(CAPACITY, () -> ledger.capacity(key))
                .tags(t)
                .tag("unit", key.unit())
                .description("Capacity held by open Glivy sessions")
                .baseUnit(lower(key.unit()))
                .strongReference(true)
                .register(r);
        FunctionCounter.builder(CAPACITY_USED, ledger, l -> l.unitHours(key))
                .tags(t)
                .tag("unit", key.unit())
                .description("Estimated capacity-hours used by Glivy sessions")
                .baseUnit(lower(key.unit()) + ".hours")
                .register(r);
        FunctionCounter.builder(COST, ledger, l -> l.usd(key.backend()))
                .tags(t)
                .description("Estimated cost of Glivy sessions")
                .baseUnit("usd")
                .register(r);
    }

    // ---------------------------------------------------------------- events

    @Override
    public void onStateChange(@Nullable String sessionId, String backend, SessionState from, SessionState to) {
        Map<SessionState, AtomicInteger> counts = states(backend);
        AtomicInteger was = counts.get(from);
        if (was != null) {
            was.decrementAndGet();
        }
        AtomicInteger now = counts.get(to);
        if (now != null) {
            now.incrementAndGet();
        }
    }

    @Override
    public void onRetry(@Nullable String sessionId, String operation, int attempt, Duration delay, Throwable cause) {
        count(RETRIES, "Backend calls Glivy retried", Tags.of("backend", backendOf(cause), "operation", operation));
    }

    @Override
    public void onThrottled(@Nullable String sessionId, String backend, String operation, Throwable cause) {
        count(THROTTLES, "Backend answers that throttled a call", Tags.of("backend", backend, "operation", operation));
    }

    @Override
    public void onReconciled(@Nullable String sessionId, String backend, String operation, boolean tookEffect) {
        count(
                RECONCILIATIONS,
                "Ambiguous calls Glivy checked with the backend",
                Tags.of("backend", backend, "operation", operation, "outcome", tookEffect ? "found" : "missing"));
    }

    @Override
    public void onStatementCompleted(StatementResult result) {
        Optional<Duration> d = result.duration();
        if (d.isEmpty()) {
            return;
        }
        String outcome = result.state() == StatementState.CANCELLED
                ? "cancelled"
                : result.error().isPresent() ? "error" : "success";
        time(STATEMENT_DURATION, "Glivy statements, from the request to the end", result.backend(), outcome, d.get());
    }

    @Override
    public void onStatementFailed(
            @Nullable String sessionId,
            @Nullable String statementId,
            String backend,
            Duration elapsed,
            Throwable cause) {
        time(STATEMENT_DURATION, "Glivy statements, from the request to the end", backend, outcome(cause), elapsed);
    }

    @Override
    public void onSessionStarted(String sessionId, String backend, Duration elapsed, Optional<CostRate> costRate) {
        time(
                SESSION_START_DURATION,
                "Glivy session starts, from the request to readiness",
                backend,
                "success",
                elapsed);
        costRate.ifPresent(rate -> ledger.open(backend, sessionId, rate));
    }

    @Override
    public void onSessionStartFailed(@Nullable String sessionId, String backend, Duration elapsed, Throwable cause) {
        time(
                SESSION_START_DURATION,
                "Glivy session starts, from the request to readiness",
                backend,
                outcome(cause),
                elapsed);
    }

    @Override
    public void onSessionEnded(String sessionId, String backend, SessionState state) {
        ledger.close(backend, sessionId);
        if (state != SessionState.STOPPED) {
            count(
                    SESSIONS_LOST,
                    "Started Glivy sessions that ended other than by close()",
                    Tags.of("backend", backend, "state", lower(state)));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void count(String name, String description, Tags tags) {
        for (MeterRegistry r : registries) {
            Counter.builder(name)
                    .tags(common)
                    .tags(tags)
                    .description(description)
                    .register(r)
                    .increment();
        }
    }

    private void time(String name, String description, String backend, String outcome, Duration d) {
        Duration nonNegative = d.isNegative() ? Duration.ZERO : d;
        for (MeterRegistry r : registries) {
            Timer.builder(name)
                    .tags(common)
                    .tag("backend", backend)
                    .tag("outcome", outcome)
                    .description(description)
                    .register(r)
                    .record(nonNegative);
        }
    }

    private static String outcome(Throwable cause) {
        if (cause instanceof SessionTimeoutException) {
            return "timeout";
        }
        if (cause instanceof SessionLostException) {
            return "lost";
        }
        return "failure";
    }

    private static String backendOf(Throwable cause) {
        return cause instanceof SessionException se ? se.backend() : "unknown";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "GlivyMetrics{tags=" + common + ", registries=" + registries.size() + "}";
    }

    /** Builder for {@link GlivyMetrics}. Not thread-safe. */
    public static final class Builder {
        private Tags tags = Tags.empty();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Tags added to every meter, for example an application name. Default: none. */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(Objects.requireNonNull(tags, "tags must not be null"));
            return this;
        }

        /** Tags added to every meter, as key-value pairs. */
        public Builder tags(String... keyValues) {
            this.tags = this.tags.and(keyValues);
            return this;
        }

        /**
         * The clock the cost estimates measure session time with; default {@link Clock#systemUTC()}. Pass the
         * sessions' runtime clock in tests with virtual time.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Builds the metrics. */
        public GlivyMetrics build() {
            return new GlivyMetrics(this);
        }
    }
}
