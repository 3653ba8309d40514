package dev.glivy.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionPool;
import dev.glivy.spi.CostRate;
import dev.glivy.test.ManualScheduler;
import dev.glivy.test.ScriptedTransport;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** SessionPoolMetrics over a pool of scripted sessions in virtual time: names, tags and values as the pool moves. */
class SessionPoolMetricsTest {
    private final ManualScheduler time = new ManualScheduler();
    private final ScriptedTransport backend = ScriptedTransport.create(time.clock());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private SessionPool pool(int max) {
        return SessionPool.builder()
                .runtime(time.runtime())
                .maxSessions(max)
                .sessions(() -> InteractiveSession.builder()
                        .runtime(time.runtime())
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .transport(new PricedTransport(backend, CostRate.of(2, "DPU", 0.44))))
                .build();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags("pool", "reports").tags(tags).gauge().value();
    }

    private double counter(String name) {
        return registry.get(name).tags("pool", "reports").functionCounter().count();
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        return time.await(f, Duration.ofHours(1));
    }

    @Test
    void gaugesFollowLeasesWaitersReturnsAndClose() throws Exception {
        backend.startDelay(Duration.ofSeconds(10));
        backend.when("long").after(Duration.ofMinutes(10)).thenText("late");
        SessionPool pool = pool(1);
        SessionPoolMetrics.of(pool, "reports", List.of(Tag.of("app", "test"))).bindTo(registry);
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "idle")).isZero();

        CompletableFuture<SessionPool.Lease> first = pool.leaseAsync(Duration.ofMinutes(5));
        time.advance(Duration.ofSeconds(1));
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "starting")).isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.WAITING)).isEqualTo(1.0);
        SessionPool.Lease lease = await(first);
        CompletableFuture<SessionPool.Lease> second = pool.leaseAsync(Duration.ofMinutes(5));
        time.runPending();
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "leased")).isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "starting")).isZero();
        assertThat(gauge(SessionPoolMetrics.WAITING)).isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.COST)).isEqualTo(0.88);
        assertThat(counter(SessionPoolMetrics.LEASES)).isEqualTo(1.0);
        assertThat(counter(SessionPoolMetrics.STARTED)).isEqualTo(1.0);

        CompletableFuture<?> running = lease.session().executeAsync("long");
        time.advance(Duration.ofSeconds(1));
        // returned with a statement running: it is cancelled, and until it has ended the session is returning
        CompletableFuture<Void> back = lease.closeAsync();
        assertThat(running).isCancelled();
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "leased")).isZero();
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "returning")).isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.WAITING)).isEqualTo(1.0);
        await(back);
        SessionPool.Lease next = await(second);
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "leased")).isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "returning")).isZero();
        assertThat(gauge(SessionPoolMetrics.WAITING)).isZero();
        assertThat(counter(SessionPoolMetrics.LEASES)).isEqualTo(2.0);
        assertThat(counter(SessionPoolMetrics.STARTED)).isEqualTo(1.0); // the same session, reused

        next.discard();
        await(next.closeAsync());
        assertThat(counter(SessionPoolMetrics.STOPPED)).isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.COST)).isZero();
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "leased")).isZero();
        assertThat(registry.get(SessionPoolMetrics.SESSIONS).tag("app", "test").gauges())
                .hasSize(4);
        await(pool.closeAsync());
        assertThat(registry.get(SessionPoolMetrics.SESSIONS).gauges())
                .hasSize(4)
                .allSatisfy(g -> assertThat(g.value()).isZero());
    }

    @Test
    void namesAndTags() throws Exception {
        SessionPool pool = pool(2);
        SessionPoolMetrics.of(pool, "reports", "app", "test").bindTo(registry);
        assertThat(registry.getMeters()).hasSize(9).allSatisfy(m -> {
            Meter.Id id = m.getId();
            assertThat(id.getName()).matches("glivy\\.pool(\\.[a-z]+)+");
            assertThat(id.getTag("pool")).isEqualTo("reports");
            assertThat(id.getTag("app")).isEqualTo("test");
            assertThat(id.getDescription()).isNotBlank();
            assertThat(id.getBaseUnit()).isNotBlank();
        });
        assertThat(registry.get(SessionPoolMetrics.LEASES)
                        .functionCounter()
                        .getId()
                        .getType())
                .isEqualTo(Meter.Type.COUNTER);
        assertThat(registry.get(SessionPoolMetrics.SESSIONS).gauges())
                .extracting(g -> g.getId().getTag("state"))
                .containsExactlyInAnyOrder("idle", "leased", "returning", "starting");
        assertThatThrownBy(() -> SessionPoolMetrics.of(pool, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
        assertThatThrownBy(() -> SessionPoolMetrics.of(pool, "reports", "app"))
                .isInstanceOf(IllegalArgumentException.class);

        // a second pool under another name has its own meters; both read their own pool
        SessionPool other = pool(3);
        SessionPoolMetrics.of(other, "other").bindTo(registry);
        SessionPool.Lease held = await(other.leaseAsync(Duration.ofMinutes(1)));
        assertThat(registry.get(SessionPoolMetrics.SESSIONS)
                        .tags("pool", "other", "state", "leased")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(gauge(SessionPoolMetrics.SESSIONS, "state", "leased")).isZero();
        await(held.closeAsync());
        await(other.closeAsync());
        await(pool.closeAsync());
    }
}
