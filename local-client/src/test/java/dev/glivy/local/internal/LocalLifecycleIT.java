package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.local.LocalTransport;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Resources come and go with sessions and transports; a Spark that cannot start fails the session clearly. */
class LocalLifecycleIT {

    private static InteractiveSession session(LocalTransport t) {
        return InteractiveSession.builder()
                .transport(t)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(500)))
                .startTimeout(Duration.ofMinutes(3))
                .start();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void closingSessionsReleasesInterpretersAndTheLastTransportStopsSpark() throws Exception {
        SparkRoot root;
        try (LocalTransport t = LocalTransport.create()) {
            root = SharedSpark.current();
            assertThat(root).isNotNull();
            assertThat(root.started())
                    .as("Spark starts with the first session, not the transport")
                    .isFalse();
            try (InteractiveSession a = session(t)) {
                InteractiveSession b = session(t);
                assertThat(root.started()).isTrue();
                assertThat(root.router().liveBlocks()).isEqualTo(2);
                assertThat(a.execute("1").succeeded()).isTrue();
                b.close();
                eventually(() -> root.router().liveBlocks() == 1);
                assertThat(t.listSessions().join()).hasSize(1);
            }
            eventually(() -> root.router().liveBlocks() == 0);
            assertThat(root.started())
                    .as("Spark keeps running while a transport is open")
                    .isTrue();
        }
        assertThat(root.started()).isFalse();
        assertThat(SharedSpark.current()).isNull();
    }

    @Test
    void aSparkThatCannotStartFailsTheSessionWithTheReason() {
        try (LocalTransport t = LocalTransport.builder()
                .sparkConf("spark.serializer", "no.such.Serializer")
                .build()) {
            assertThatThrownBy(() -> session(t))
                    .isInstanceOf(SessionLostException.class)
                    .hasMessageContaining("failed while starting")
                    .hasMessageContaining("no.such.Serializer");
            assertThat(SharedSpark.current().started()).isFalse();
        }
        try (LocalTransport t = LocalTransport.create();
                InteractiveSession s = session(t)) {
            assertThat(s.state()).isEqualTo(SessionState.IDLE);
            assertThat(s.execute("sc.parallelize(1 to 3).count()").text()).contains("Long = 3");
        }
    }
}
