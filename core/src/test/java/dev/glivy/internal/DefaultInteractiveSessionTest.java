package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionInfo;
import dev.glivy.SessionInterruptedException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementResult;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.Setting;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DefaultInteractiveSessionTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void startDeadlineStopsTheHalfCreatedSession() {
        h.fake.startDelay(Duration.ofMinutes(20));
        InteractiveSession s = h.builder().startTimeout(Duration.ofMinutes(1)).build();
        Throwable t = h.failure(s.startAsync());
        assertThat(t)
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("1 minute")
                .hasMessageContaining("startTimeout");
        assertThat(((SessionTimeoutException) t).timeout()).isEqualTo(Duration.ofMinutes(1));
        h.time.advance(Duration.ofSeconds(1));
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
        assertThat(s.state()).isEqualTo(SessionState.FAILED);
    }

    @Test
    void sessionThatDiesWhileStartingReportsItsLog() {
        h.fake.startDelay(Duration.ofMinutes(5));
        InteractiveSession s = h.builder().build();
        CompletableFuture<InteractiveSession> start = s.startAsync();
        h.time.advance(Duration.ofSeconds(2));
        h.fake.killSession(s.id().orElseThrow(), "YARN queue full");
        Throwable t = h.failure(start);
        assertThat(t)
                .isInstanceOf(SessionLostException.class)
                .hasMessageContaining("failed while starting")
                .hasMessageContaining("YARN queue full")
                .hasMessageContaining("log lines");
        assertThat(s.state()).isEqualTo(SessionState.FAILED);
    }

    @Test
    void closeWhileStartingStopsTheRemoteSession() throws Throwable {
        h.fake.startDelay(Duration.ofMinutes(5));
        InteractiveSession s = h.builder().build();
        CompletableFuture<InteractiveSession> start = s.startAsync();
        h.time.advance(Duration.ofSeconds(1));
        h.await(s.closeAsync());
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
        assertThat(h.failure(start)).isInstanceOf(SessionStateException.class);
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
    }

    @Test
    void statementsWaitForAStartInProgressAndStatesFollowBusyIdle() throws Throwable {
        InteractiveSession s = h.builder().build();
        s.startAsync();
        CompletableFuture<StatementResult> r = s.executeAsync("x");
        assertThat(h.await(r).text()).isEqualTo("x");
        h.time.runPending();
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(h.events.states)
                .containsSubsequence("NOT_STARTED->STARTING", "STARTING->IDLE", "IDLE->BUSY", "BUSY->IDLE");
    }

    @Test
    void manyConcurrentStatementsAllComplete() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        List<CompletableFuture<StatementResult>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(s.executeAsync("sleep:" + (100 + i * 37)));
        }
        h.await(CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])));
        assertThat(s.history()).hasSize(50).allMatch(StatementResult::succeeded);
    }

    @Test
    void keepAliveRunsOnTheSharedSchedulerUntilClose() throws Throwable {
        AtomicInteger beats = new AtomicInteger();
        SessionTransport beating = new DelegatingTransport(h.fake) {
            @Override
            public Optional<Duration> keepAliveInterval() {
                return Optional.of(Duration.ofSeconds(30));
            }

            @Override
            public CompletableFuture<Void> keepAlive(String sessionId) {
                beats.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
        };
        InteractiveSession s = h.builder().transport(beating).build();
        h.await(s.startAsync());
        h.time.advance(Duration.ofMinutes(5));
        assertThat(beats.get()).isBetween(9, 10);
        h.await(s.closeAsync());
        h.time.advance(Duration.ofMinutes(5));
        assertThat(beats.get()).isBetween(9, 10);
    }

    @Test
    void keepAliveThatFindsTheSessionGoneMarksItLost() throws Throwable {
        SessionTransport beating = new DelegatingTransport(h.fake) {
            @Override
            public Optional<Duration> keepAliveInterval() {
                return Optional.of(Duration.ofSeconds(30));
            }

            @Override
            public CompletableFuture<Void> keepAlive(String sessionId) {
                return h.fake.getSession(sessionId).thenApply(i -> null);
            }
        };
        InteractiveSession s = h.builder().transport(beating).build();
        h.await(s.startAsync());
        h.fake.loseSession(s.id().orElseThrow());
        h.time.advance(Duration.ofMinutes(1));
        assertThat(s.state()).isEqualTo(SessionState.LOST);
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheSession() throws Throwable {
        InteractiveSession s = h.builder()
                .listener(new dev.glivy.SessionListener() {
                    @Override
                    public void onStateChange(String id, SessionState from, SessionState to) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        h.await(s.startAsync());
        assertThat(h.await(s.executeAsync("ok")).succeeded()).isTrue();
    }

    @Test
    void attachUsesTheExistingSessionAndCloseStopsIt() throws Throwable {
        InteractiveSession first = h.builder().build();
        h.await(first.startAsync());
        String id = first.id().orElseThrow();
        InteractiveSession attached = h.builder().attach(id).build();
        h.await(attached.startAsync());
        assertThat(attached.id()).contains(id);
        assertThat(h.fake.sessionsCreated()).isEqualTo(1);
        h.await(attached.closeAsync());
        SessionInfo info = h.await(h.fake.getSession(id));
        assertThat(info.state()).isEqualTo(SessionState.STOPPED);
        InteractiveSession again = h.builder().attach(id).build();
        assertThat(h.failure(again.startAsync()))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("Cannot attach")
                .hasMessageContaining(id);
    }

    @Test
    void strictModeRefusesUnsupportedSettingsAtBuildAndLenientModeWarnsAtStart() throws Throwable {
        h.fake.unsupported(Setting.SECURITY_CONFIG, Setting.CONNECTIONS);
        assertThatThrownBy(() -> h.builder()
                        .config(c -> c.securityConfig("enc").connections(List.of("vpc")))
                        .strict(true)
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("%security_config")
                .hasMessageContaining("%connections");
        InteractiveSession s = h.builder().config(c -> c.securityConfig("enc")).build();
        h.await(s.startAsync());
        h.time.runPending();
        assertThat(h.events.warnings).anyMatch(w -> w.contains("%security_config"));
    }

    @Test
    void defaultsAreNotReportedAsUnsupported() throws Throwable {
        h.fake.unsupported(Setting.IDLE_TIMEOUT, Setting.GLUE_VERSION);
        InteractiveSession s = h.builder().strict(true).build();
        h.await(s.startAsync());
        assertThat(s.config().idleTimeout()).contains(Duration.ofMinutes(15));
    }

    @Test
    void invalidConfigurationReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> h.builder()
                        .config(c -> c.numberOfWorkers(0).glueVersion("1.0").idleTimeout(Duration.ofDays(30)))
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(
                        e -> assertThat(((InvalidConfigException) e).problems()).hasSizeGreaterThanOrEqualTo(3))
                .hasMessageContaining("%number_of_workers")
                .hasMessageContaining("%glue_version")
                .hasMessageContaining("%idle_timeout");
    }

    @Test
    void buildWithoutTransportSaysWhatToCall() {
        assertThatThrownBy(() -> InteractiveSession.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transport(");
    }

    @Test
    void ownedTransportsAreClosedAndPassedInOnesAreNot() throws Throwable {
        FakeSessionTransport owned = new FakeSessionTransport(h.time.clock());
        InteractiveSession a = h.builder().transport(() -> owned).build();
        h.await(a.startAsync());
        h.await(a.closeAsync());
        assertThat(owned.isClosed()).isTrue();
        InteractiveSession b = h.builder().build();
        h.await(b.startAsync());
        h.await(b.closeAsync());
        assertThat(h.fake.isClosed()).isFalse();
    }

    @Test
    void closeFailsStatementsStillRunning() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        CompletableFuture<StatementResult> slow = s.executeAsync("sleep:600000");
        h.time.advance(Duration.ofSeconds(1));
        h.await(s.closeAsync());
        assertThat(h.failure(slow)).isInstanceOf(SessionStateException.class).hasMessageContaining("closed");
    }

    @Test
    void blockingCallsRestoreTheInterruptFlagAndCancelTheStatement() throws Exception {
        FakeSessionTransport fake = new FakeSessionTransport(java.time.Clock.systemUTC())
                .startDelay(Duration.ZERO)
                .statementDuration(Duration.ofMillis(1));
        try (SessionRuntime rt = SessionRuntime.create();
                InteractiveSession s = InteractiveSession.builder()
                        .transport(fake)
                        .runtime(rt)
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .start()) {
            assertThat(s.execute("hello").text()).isEqualTo("hello");
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> s.execute("sleep:600000")).isInstanceOf(SessionInterruptedException.class);
            assertThat(Thread.interrupted()).isTrue();
            String id = s.history().get(1).statementId();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (fake.getStatement(s.id().orElseThrow(), id).join().state() != dev.glivy.StatementState.CANCELLED
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(fake.getStatement(s.id().orElseThrow(), id).join().state())
                    .isEqualTo(dev.glivy.StatementState.CANCELLED);
        }
    }
}
