package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionListener;
import dev.glivy.SessionState;
import dev.glivy.SessionTimeoutException;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CostRate;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.TransportFaults.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The listener events metrics need: session start/end, statements that fail without a result, throttles. */
class ListenerEventsTest {
    private final EngineHarness h = new EngineHarness();
    private final Events events = new Events();

    /** Records the newer events as text. */
    private static final class Events implements SessionListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<Duration> durations = new CopyOnWriteArrayList<>();
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void onSessionStarted(String sessionId, String backend, Duration elapsed, Optional<CostRate> costRate) {
            log.add("started " + sessionId + " " + backend + " "
                    + costRate.map(CostRate::toString).orElse("-"));
            durations.add(elapsed);
        }

        @Override
        public void onSessionStartFailed(
                @Nullable String sessionId, String backend, Duration elapsed, Throwable cause) {
            log.add("startFailed " + sessionId + " " + backend);
            durations.add(elapsed);
            causes.add(cause);
        }

        @Override
        public void onSessionEnded(String sessionId, String backend, SessionState state) {
            log.add("ended " + sessionId + " " + backend + " " + state);
        }

        @Override
        public void onStatementCompleted(StatementResult result) {
            log.add("completed " + result.statementId() + " " + result.state());
        }

        @Override
        public void onStatementFailed(
                @Nullable String sessionId,
                @Nullable String statementId,
                String backend,
                Duration elapsed,
                Throwable cause) {
            log.add("failed " + sessionId + "/" + statementId + " " + backend);
            durations.add(elapsed);
            causes.add(cause);
        }

        @Override
        public void onThrottled(@Nullable String sessionId, String backend, String operation, Throwable cause) {
            log.add("throttled " + operation);
        }

        @Override
        public void onReconciled(@Nullable String sessionId, String backend, String operation, boolean tookEffect) {
            log.add("reconciled " + operation + " " + tookEffect);
        }
    }

    private void settle() {
        h.time.runPending();
    }

    @Test
    void aSessionReportsItsStartWithTheTimeItTookAndItsEndOnce() throws Throwable {
        h.fake.startDelay(Duration.ofSeconds(7));
        InteractiveSession s = h.builder().listener(events).build();
        h.await(s.startAsync());
        String id = s.id().orElseThrow();
        h.await(s.closeAsync());
        h.await(s.closeAsync());
        settle();
        assertThat(events.log).containsExactly("started " + id + " fake -", "ended " + id + " fake STOPPED");
        assertThat(events.durations.get(0)).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8));
    }

    @Test
    void theCostRateOfTheTransportComesWithTheStart() throws Throwable {
        DelegatingTransport priced = new DelegatingTransport(h.fake) {
            @Override
            public Optional<CostRate> costRate(SessionConfig config) {
                return Optional.of(CostRate.of(config.maxCapacity().orElse(2.0), "DPU", 0.44));
            }
        };
        InteractiveSession s = h.builder().transport(priced).listener(events).build();
        h.await(s.startAsync());
        settle();
        assertThat(events.log.get(0)).endsWith(CostRate.of(2.0, "DPU", 0.44).toString());
    }

    @Test
    void aStartThatTimesOutIsReportedAsAFailedStartAndNoEnd() throws Throwable {
        h.fake.startDelay(Duration.ofMinutes(10));
        InteractiveSession s =
                h.builder().listener(events).startTimeout(Duration.ofMinutes(1)).build();
        assertThat(h.failure(s.startAsync())).isInstanceOf(SessionTimeoutException.class);
        h.await(s.closeAsync());
        settle();
        assertThat(events.log).containsExactly("startFailed " + s.id().orElse(null) + " fake");
        assertThat(events.causes.get(0)).isInstanceOf(SessionTimeoutException.class);
        assertThat(events.durations.get(0)).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aLostSessionEndsLostAndItsReplacementStartsAgain() throws Throwable {
        InteractiveSession s =
                h.builder().listener(events).recreateLostSession(true).build();
        h.await(s.startAsync());
        String first = s.id().orElseThrow();
        h.fake.loseSession(first);
        StatementResult r = h.await(s.executeAsync("1 + 1"));
        settle();
        assertThat(r.sessionRecreated()).isTrue();
        String second = s.id().orElseThrow();
        assertThat(events.log)
                .contains(
                        "started " + first + " fake -",
                        "ended " + first + " fake LOST",
                        "started " + second + " fake -",
                        "completed " + r.statementId() + " AVAILABLE");
        assertThat(events.log.stream().filter(e -> e.startsWith("ended"))).hasSize(1);
    }

    @Test
    void aStatementPastItsDeadlineIsReportedFailedOnceAndNeverCompleted() throws Throwable {
        InteractiveSession s = h.builder().listener(events).build();
        h.await(s.startAsync());
        Throwable t = h.failure(s.executeAsync(StatementRequest.builder()
                .code("sleep:600000")
                .timeout(Duration.ofSeconds(30))
                .build()));
        h.time.advance(Duration.ofMinutes(15)); // the cancelled statement finishes on the backend meanwhile
        settle();
        assertThat(t).isInstanceOf(SessionTimeoutException.class);
        List<String> ends = events.log.stream()
                .filter(e -> e.startsWith("failed") || e.startsWith("completed"))
                .toList();
        assertThat(ends).containsExactly("failed " + s.id().orElseThrow() + "/0 fake");
        assertThat(events.causes).containsExactly(t);
        assertThat(events.durations.get(events.durations.size() - 1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aStatementCompletedWithAUserErrorIsCompletedNotFailed() throws Throwable {
        InteractiveSession s = h.builder().listener(events).build();
        h.await(s.startAsync());
        h.failure(s.executeAsync("fail:boom"));
        settle();
        assertThat(events.log).anyMatch(e -> e.startsWith("completed 0 ")).noneMatch(e -> e.startsWith("failed"));
    }

    @Test
    void throttledAnswersAreReportedForEveryAttemptAndOtherFailuresAreNot() throws Throwable {
        InteractiveSession s = h.builder().listener(events).build();
        h.await(s.startAsync());
        h.fake.failNext("submitStatement", Fault.THROTTLE);
        h.fake.failNext("submitStatement", Fault.THROTTLE);
        h.fake.failNext("getStatement", Fault.THROTTLE);
        h.fake.failNext("getStatement", Fault.SERVER_ERROR);
        h.await(s.executeAsync("1"));
        settle();
        assertThat(events.log.stream().filter(e -> e.startsWith("throttled")))
                .containsExactly("throttled submitStatement", "throttled submitStatement", "throttled getStatement");
    }

    @Test
    void anAmbiguousSubmissionIsReportedAsReconciled() throws Throwable {
        InteractiveSession s = h.builder().listener(events).build();
        h.await(s.startAsync());
        h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
        StatementResult r = h.await(s.executeAsync("1"));
        settle();
        assertThat(events.log).contains("reconciled submitStatement true");
        assertThat(h.fake.executed(r.sessionId())).hasSize(1);
    }

    @Test
    void throttlingIsAnHttp429OrAThrottlingErrorCode() {
        assertThat(Listeners.throttled(new SessionBackendException("x", null, null, "livy", 429, null, null, true)))
                .isTrue();
        assertThat(Listeners.throttled(
                        new SessionBackendException("x", null, null, "glue", 400, "ThrottlingException", null, true)))
                .isTrue();
        assertThat(Listeners.throttled(new SessionBackendException(
                        "x", null, null, "glue", 400, "TooManyRequestsException", null, true)))
                .isTrue();
        assertThat(Listeners.throttled(new SessionBackendException(
                        "x", null, null, "glue", 500, "InternalServiceException", null, true)))
                .isFalse();
        assertThat(Listeners.throttled(new SessionTransportException("reset", null, null, "livy", true)))
                .isFalse();
    }
}
