package dev.glivy.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionLostException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementRequest;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.ManualScheduler;
import dev.glivy.test.ScriptedTransport;
import dev.glivy.test.contract.TransportFaults.Fault;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GlivyMetrics after scripted runs in virtual time: the meters' names, tags and values. */
class GlivyMetricsTest {
    private static final CostRate TEN_DPUS = CostRate.of(10, "DPU", 0.44);

    private final ManualScheduler time = new ManualScheduler();
    private final ScriptedTransport backend = ScriptedTransport.create(time.clock());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
    private final GlivyMetrics metrics =
            GlivyMetrics.builder().tags("app", "test").clock(time.clock()).build();

    private SessionBuilder session(SessionTransport transport) {
        return InteractiveSession.builder()
                .transport(transport)
                .runtime(time.runtime())
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .listener(metrics)
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(100)));
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        T value = time.await(f, Duration.ofHours(3));
        time.runPending(); // listener events queued behind the completion
        return value;
    }

    private Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            await(f);
        } catch (ExecutionException e) {
            time.runPending();
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private Timer timer(String name, String outcome) {
        return registry.get(name)
                .tags("backend", ScriptedTransport.BACKEND, "outcome", outcome)
                .timer();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void aScriptedRunRecordsStatementsStartsThrottlesSessionsAndCost() throws Exception {
        metrics.bindTo(registry);
        backend.startDelay(Duration.ofSeconds(20));
        backend.when("ok").after(Duration.ofSeconds(3)).thenText("fine");
        backend.when("boom").thenError("ValueError", "bad input", "line 1");
        backend.when("slow").after(Duration.ofMinutes(10)).thenText("late");
        backend.when("busy").throttled(2).thenText("eventually");
        InteractiveSession s = session(new PricedTransport(backend, TEN_DPUS)).build();

        await(s.startAsync());
        Instant ready = time.clock().instant();
        assertThat(gauge(GlivyMetrics.SESSIONS, "state", "idle")).isEqualTo(1.0);
        assertThat(gauge(GlivyMetrics.SESSIONS, "state", "starting")).isEqualTo(0.0);
        assertThat(gauge(GlivyMetrics.CAPACITY, "backend", "scripted", "unit", "DPU"))
                .isEqualTo(10.0);

        await(s.executeAsync("ok"));
        await(s.executeAsync(
                StatementRequest.builder().code("boom").failOnError(false).build()));
        assertThat(failure(s.executeAsync(StatementRequest.builder()
                        .code("slow")
                        .timeout(Duration.ofSeconds(30))
                        .build())))
                .isInstanceOf(SessionTimeoutException.class);
        await(s.executeAsync("busy"));

        Timer success = timer(GlivyMetrics.STATEMENT_DURATION, "success");
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.max(TimeUnit.SECONDS)).isBetween(3.0, 5.0);
        assertThat(timer(GlivyMetrics.STATEMENT_DURATION, "error").count()).isEqualTo(1);
        Timer timeout = timer(GlivyMetrics.STATEMENT_DURATION, "timeout");
        assertThat(timeout.count()).isEqualTo(1);
        assertThat(timeout.totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
        Timer start = timer(GlivyMetrics.SESSION_START_DURATION, "success");
        assertThat(start.count()).isEqualTo(1);
        assertThat(start.totalTime(TimeUnit.SECONDS)).isBetween(20.0, 21.0);
        assertThat(registry.get(GlivyMetrics.THROTTLES)
                        .tags("backend", "scripted", "operation", "submitStatement")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get(GlivyMetrics.RETRIES)
                        .tags("backend", "scripted", "operation", "submitStatement")
                        .counter()
                        .count())
                .isEqualTo(2.0);

        // one hour after it became ready: 10 DPU-hours, 4.40 USD, and still 10 DPUs held
        time.advance(Duration.between(time.clock().instant(), ready.plus(Duration.ofHours(1))));
        double used = registry.get(GlivyMetrics.CAPACITY_USED)
                .tags("unit", "DPU")
                .functionCounter()
                .count();
        assertThat(used).isCloseTo(10.0, within(1e-6));
        assertThat(registry.get(GlivyMetrics.COST).functionCounter().count()).isCloseTo(4.4, within(1e-6));

        await(s.closeAsync());
        time.advance(Duration.ofHours(1)); // a closed session costs nothing more
        assertThat(registry.get(GlivyMetrics.CAPACITY_USED).functionCounter().count())
                .isCloseTo(10.0, within(1e-6));
        assertThat(gauge(GlivyMetrics.CAPACITY, "unit", "DPU")).isEqualTo(0.0);
        assertThat(registry.get(GlivyMetrics.SESSIONS).gauges())
                .allSatisfy(g -> assertThat(g.value()).isZero());
        assertThat(registry.find(GlivyMetrics.SESSIONS_LOST).counter()).isNull();
        assertThat(registry.find(GlivyMetrics.RECONCILIATIONS).counter()).isNull();
    }

    @Test
    void namesAreLowerCaseAndDottedInTheGlivyNamespaceAndTagsNeverCarryIds() throws Exception {
        metrics.bindTo(registry);
        backend.when("ok").thenText("fine");
        InteractiveSession s = session(new PricedTransport(backend, TEN_DPUS)).build();
        await(s.startAsync());
        String id = s.id().orElseThrow();
        await(s.executeAsync("ok"));
        await(s.closeAsync());
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> {
            Meter.Id mid = m.getId();
            assertThat(mid.getName()).matches("glivy(\\.[a-z]+)+");
            assertThat(mid.getTags()).contains(Tag.of("app", "test"));
            assertThat(mid.getTags())
                    .extracting(Tag::getKey)
                    .isSubsetOf("app", "backend", "outcome", "state", "operation", "unit");
            assertThat(mid.getTags()).extracting(Tag::getValue).doesNotContain(id);
            assertThat(mid.getDescription()).isNotBlank();
        });
        assertThat(registry.get(GlivyMetrics.COST).functionCounter().getId().getBaseUnit())
                .isEqualTo("usd");
        assertThat(registry.get(GlivyMetrics.CAPACITY_USED)
                        .functionCounter()
                        .getId()
                        .getBaseUnit())
                .isEqualTo("dpu.hours");
        assertThat(registry.get(GlivyMetrics.SESSIONS).gauges())
                .extracting(g -> g.getId().getTag("state"))
                .containsExactlyInAnyOrder(
                        "starting", "idle", "busy", "stopping", "failed", "expired", "lost", "unknown");
    }

    @Test
    void sessionsAreGaugedByBackendAndState() throws Exception {
        metrics.bindTo(registry);
        backend.when("ok").thenText("fine");
        InteractiveSession scripted = session(backend).build();
        InteractiveSession glue =
                session(new PricedTransport(backend, TEN_DPUS, "glue")).build();
        await(scripted.startAsync());
        await(glue.startAsync());
        backend.when("slow-one").after(Duration.ofMinutes(1)).thenText("late");
        CompletableFuture<?> running = glue.executeAsync("slow-one");
        time.advance(Duration.ofSeconds(2));
        time.runPending();

        assertThat(gauge(GlivyMetrics.SESSIONS, "backend", "scripted", "state", "idle"))
                .isEqualTo(1.0);
        assertThat(gauge(GlivyMetrics.SESSIONS, "backend", "glue", "state", "idle"))
                .isEqualTo(0.0);
        assertThat(gauge(GlivyMetrics.SESSIONS, "backend", "glue", "state", "busy"))
                .isEqualTo(1.0);
        assertThat(registry.get(GlivyMetrics.SESSIONS).gauges())
                .allSatisfy(g -> assertThat(g.getId().getTag("backend")).isIn("scripted", "glue"));
        await(running);
        await(scripted.closeAsync());
        assertThat(gauge(GlivyMetrics.SESSIONS, "backend", "scripted", "state", "idle"))
                .isEqualTo(0.0);
        assertThat(gauge(GlivyMetrics.SESSIONS, "backend", "glue", "state", "idle"))
                .isEqualTo(1.0);

        SimpleMeterRegistry late = new SimpleMeterRegistry();
        metrics.bindTo(late); // bound after both backends were seen: gets both, with the current counts
        assertThat(late.get(GlivyMetrics.SESSIONS)
                        .tags("backend", "glue", "state", "idle")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(late.get(GlivyMetrics.SESSIONS)
                        .tags("backend", "scripted", "state", "idle")
                        .gauge()
                        .value())
                .isEqualTo(0.0);
        await(glue.closeAsync());
    }

    @Test
    void aLostSessionCountsAsLostAndItsStatementAsLostToo() throws Exception {
        metrics.bindTo(registry);
        backend.when("ok").thenText("fine");
        InteractiveSession s = session(new PricedTransport(backend, TEN_DPUS)).build();
        await(s.startAsync());
        backend.loseSession(s.id().orElseThrow());
        assertThat(failure(s.executeAsync("ok"))).isInstanceOf(SessionLostException.class);

        assertThat(registry.get(GlivyMetrics.SESSIONS_LOST)
                        .tags("backend", "scripted", "state", "lost")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(timer(GlivyMetrics.STATEMENT_DURATION, "lost").count()).isEqualTo(1);
        assertThat(gauge(GlivyMetrics.SESSIONS, "state", "lost")).isEqualTo(1.0);
        assertThat(gauge(GlivyMetrics.CAPACITY, "unit", "DPU")).isEqualTo(0.0);
        await(s.closeAsync());
        assertThat(gauge(GlivyMetrics.SESSIONS, "state", "lost")).isEqualTo(0.0);
    }

    @Test
    void aStartPastItsDeadlineIsTimedAsATimeoutAndABackendWithoutPriceHasNoCostMeters() throws Exception {
        metrics.bindTo(registry);
        backend.startDelay(Duration.ofMinutes(10));
        InteractiveSession s =
                session(backend).startTimeout(Duration.ofMinutes(1)).build();
        assertThat(failure(s.startAsync())).isInstanceOf(SessionTimeoutException.class);
        await(s.closeAsync());
        Timer start = timer(GlivyMetrics.SESSION_START_DURATION, "timeout");
        assertThat(start.count()).isEqualTo(1);
        assertThat(start.totalTime(TimeUnit.SECONDS)).isBetween(60.0, 61.0);
        assertThat(registry.find(GlivyMetrics.CAPACITY).gauge()).isNull();
        assertThat(registry.find(GlivyMetrics.COST).functionCounter()).isNull();
        assertThat(registry.get(GlivyMetrics.SESSIONS).gauges())
                .allSatisfy(g -> assertThat(g.value()).isZero());
    }

    @Test
    void anAmbiguousSubmissionIsCountedAsAReconciliationThatFoundIt() throws Exception {
        metrics.bindTo(registry);
        backend.when("ok").thenText("fine");
        InteractiveSession s = session(backend).build();
        await(s.startAsync());
        backend.failNext("submitStatement", Fault.RESPONSE_LOST);
        await(s.executeAsync("ok"));
        assertThat(registry.get(GlivyMetrics.RECONCILIATIONS)
                        .tags("backend", "scripted", "operation", "submitStatement", "outcome", "found")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(backend.submitted()).containsExactly("ok");
        await(s.closeAsync());
    }

    @Test
    void costMetersOfSessionsStartedBeforeBindingAppearWhenBound() throws Exception {
        backend.when("ok").thenText("fine");
        InteractiveSession s = session(new PricedTransport(backend, TEN_DPUS)).build();
        await(s.startAsync());
        time.advance(Duration.ofMinutes(30));
        metrics.bindTo(registry);
        assertThat(registry.get(GlivyMetrics.CAPACITY_USED).functionCounter().count())
                .isCloseTo(5.0, within(1e-6));
        assertThat(gauge(GlivyMetrics.SESSIONS, "state", "idle")).isEqualTo(1.0);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(second);
        await(s.executeAsync("ok"));
        assertThat(second.get(GlivyMetrics.STATEMENT_DURATION).timer().count()).isEqualTo(1);
        assertThat(registry.get(GlivyMetrics.STATEMENT_DURATION).timer().count())
                .isEqualTo(1);
        await(s.closeAsync());
    }
}
