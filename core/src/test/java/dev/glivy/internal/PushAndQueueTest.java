package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.StatementResult;
import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Statements queued behind others, and transports that push changes; virtual time, no sleeping. */
class PushAndQueueTest {
    private final EngineHarness h = new EngineHarness();

    private Duration now() {
        return h.time.elapsed();
    }

    private static AtomicReference<Duration> doneAt(ManualScheduler time, CompletableFuture<?> f) {
        AtomicReference<Duration> at = new AtomicReference<>();
        f.whenComplete((v, e) -> at.set(time.elapsed()));
        return at;
    }

    @Test
    void aShortStatementQueuedBehindALongOneIsSeenSoonAfterItsOwnEnd() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        Duration t0 = now();
        CompletableFuture<StatementResult> first = s.executeAsync("sleep:8000");
        CompletableFuture<StatementResult> second = s.executeAsync("sleep:1000");
        AtomicReference<Duration> firstSeen = doneAt(h.time, first);
        AtomicReference<Duration> secondSeen = doneAt(h.time, second);
        h.await(second);
        // The backend finishes the first at 8 s and the second at 9 s; before the fix the second was seen at ~66 s.
        assertThat(firstSeen.get().minus(t0)).isBetween(Duration.ofSeconds(8), Duration.ofMillis(8_700));
        assertThat(secondSeen.get().minus(t0)).isBetween(Duration.ofSeconds(9), Duration.ofMillis(9_700));
        assertThat(second.join().startedAt()).isPresent();
    }

    @Test
    void aQueuedStatementIsPolledOnlyAsASafetyNetWhileTheOneBeforeItRuns() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        CompletableFuture<StatementResult> first = s.executeAsync("sleep:120000");
        CompletableFuture<StatementResult> second = s.executeAsync("sleep:100");
        h.await(second);
        assertThat(first).isDone();
        // While the first runs (2 min) the second is read every maxInterval (4 s ± 10%): about 30 reads, not the
        // ~90 of the normal cadence, and once after the first finished.
        assertThat(second.join().polls()).isBetween(25, 40);
    }

    @Test
    void withPushAStatementCompletesWhenTheBackendSaysSoWithFewReads() throws Throwable {
        h.fake.pushes(h.time);
        InteractiveSession s = h.builder().build();
        Duration t0 = now();
        h.await(s.startAsync());
        // Readiness is pushed at the fake's start delay (300 ms): noticed at that instant, not at a later poll.
        assertThat(now().minus(t0)).isEqualTo(Duration.ofMillis(300));
        assertThat(h.fake.activeWatches()).isEqualTo(1);
        Duration t1 = now();
        CompletableFuture<StatementResult> r = s.executeAsync("sleep:25000");
        AtomicReference<Duration> seen = doneAt(h.time, r);
        h.await(r);
        assertThat(seen.get().minus(t1)).isEqualTo(Duration.ofMillis(25_000));
        // A read at once, the pushed start and end, and safety-net reads every 5 s: 25 s / 5 s = 5 at most.
        assertThat(r.join().polls()).isBetween(2, 8);
        assertThat(h.fake.pushesDelivered()).isGreaterThanOrEqualTo(3);
        h.await(s.closeAsync());
        assertThat(h.fake.activeWatches()).isZero();
    }

    @Test
    void withPushButNoNotificationTheSafetyNetStillFindsTheEnd() throws Throwable {
        ManualScheduler never = new ManualScheduler(); // the pushes are scheduled here and never run: all are lost
        h.fake.pushes(never);
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        Duration t1 = now();
        CompletableFuture<StatementResult> r = s.executeAsync("sleep:12000");
        AtomicReference<Duration> seen = doneAt(h.time, r);
        h.await(r);
        Duration lag = seen.get().minus(t1).minus(Duration.ofSeconds(12));
        assertThat(lag).isBetween(Duration.ZERO, PollLoop.SAFETY_NET);
        assertThat(r.join().polls()).isBetween(3, 5);
    }

    @Test
    void aPushOnlySchedulesTheReadAndABurstOfPushesCostsOneRead() throws Throwable {
        h.fake.pushes(new ManualScheduler()); // watch offered; this test pushes by hand
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        CompletableFuture<StatementResult> r = s.executeAsync("sleep:600000");
        h.time.advance(Duration.ofSeconds(1));
        String sid = s.id().orElseThrow();
        String id = s.history().get(0).statementId();
        int before = h.fake.calls("getStatement");
        for (int i = 0; i < 10; i++) {
            h.fake.pushStatementChanged(sid, id);
        }
        // Nothing ran on the pushing thread: the read waits for Glivy's scheduler.
        assertThat(h.fake.calls("getStatement")).isEqualTo(before);
        h.time.runPending();
        assertThat(h.fake.calls("getStatement")).isEqualTo(before + 1);
        h.fake.pushStatementChanged(sid, "no-such-statement");
        h.fake.pushSessionChanged("another-session");
        h.time.runPending();
        assertThat(h.fake.calls("getStatement")).isEqualTo(before + 1);
        assertThat(r).isNotDone();
        r.cancel(true);
    }

    @Test
    void withoutPushTheFirstReadWaitsForTheSchedule() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        assertThat(h.fake.activeWatches()).isZero();
        Instant t1 = h.time.clock().instant();
        CompletableFuture<StatementResult> r = s.executeAsync("sleep:100");
        h.await(r);
        assertThat(Duration.between(t1, h.time.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
}
