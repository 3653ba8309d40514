package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionListener;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementProgress;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Live progress events, in virtual time: when they come, in what order, on which executor, and who pays. */
class ProgressEventsTest {
    private final EngineHarness h = new EngineHarness();
    /** Completion executor that marks its tasks, so a listener can tell it runs on it (and not on a poll thread). */
    private final ThreadLocal<Boolean> onExecutor = ThreadLocal.withInitial(() -> false);

    private final AtomicInteger executorTasks = new AtomicInteger();
    private final Executor marked = task -> h.time.execute(() -> {
        executorTasks.incrementAndGet();
        onExecutor.set(true);
        try {
            task.run();
        } finally {
            onExecutor.set(false);
        }
    });
    private final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(h.time)
            .executor(marked)
            .clock(h.time.clock())
            .random(new Random(7))
            .build();

    /** Records progress events, whether each came on the completion executor, and whether the statement was done. */
    private static final class ProgressRecorder implements SessionListener {
        final List<StatementProgress> events = new CopyOnWriteArrayList<>();
        final List<Boolean> onExecutor = new CopyOnWriteArrayList<>();
        final List<Boolean> statementDone = new CopyOnWriteArrayList<>();
        final ThreadLocal<Boolean> marker;
        volatile CompletableFuture<?> watched = CompletableFuture.completedFuture(null);

        ProgressRecorder(ThreadLocal<Boolean> marker) {
            this.marker = marker;
        }

        @Override
        public void onProgress(StatementProgress p) {
            events.add(p);
            onExecutor.add(marker.get());
            statementDone.add(watched.isDone());
        }
    }

    private InteractiveSession session(SessionListener... listeners) throws Throwable {
        var b = InteractiveSession.builder()
                .transport(h.fake)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false);
        for (SessionListener l : listeners) {
            b.listener(l);
        }
        InteractiveSession s = b.build();
        h.await(s.startAsync());
        return s;
    }

    @Test
    void aRunningStatementReportsEveryStateChangeAndRisingProgressAtMostOncePerSecondOnTheExecutor() throws Throwable {
        ProgressRecorder rec = new ProgressRecorder(onExecutor);
        InteractiveSession s = session(rec);
        CompletableFuture<StatementResult> f = s.executeAsync("sleep:30000");
        rec.watched = f;
        StatementResult r = h.await(f);
        h.time.runPending();

        List<StatementProgress> ev = rec.events;
        assertThat(ev).isNotEmpty();
        assertThat(ev).allSatisfy(p -> {
            assertThat(p.sessionId()).isEqualTo(r.sessionId());
            assertThat(p.statementId()).isEqualTo(r.statementId());
            assertThat(p.backend()).isEqualTo("fake");
        });
        assertThat(ev.get(0).state()).isEqualTo(StatementState.WAITING);
        assertThat(ev.get(ev.size() - 1).state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(ev.get(ev.size() - 1).progress()).hasValue(1.0);
        // every state the statement went through shows, in order
        assertThat(ev.stream().map(StatementProgress::state).distinct())
                .containsExactly(StatementState.WAITING, StatementState.RUNNING, StatementState.AVAILABLE);
        List<StatementProgress> running =
                ev.stream().filter(p -> p.state() == StatementState.RUNNING).toList();
        assertThat(running).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < running.size(); i++) {
            assertThat(running.get(i).progress().getAsDouble())
                    .isGreaterThan(running.get(i - 1).progress().getAsDouble())
                    .isLessThan(1.0);
            assertThat(running.get(i).elapsed().minus(running.get(i - 1).elapsed()))
                    .isGreaterThanOrEqualTo(StatementProgress.MIN_INTERVAL);
        }
        for (int i = 1; i < ev.size(); i++) {
            assertThat(ev.get(i).elapsed()).isGreaterThanOrEqualTo(ev.get(i - 1).elapsed());
        }
        assertThat(ev.get(ev.size() - 1).elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(rec.onExecutor).containsOnly(true);
        // delivered while it ran, not replayed at the end
        assertThat(rec.statementDone.subList(0, running.size())).containsOnly(false);
        assertThat(ev.size()).isLessThanOrEqualTo(r.polls() + 1);
    }

    @Test
    void pollsCloserThanTheIntervalWithTheSameStateAreFoldedAway() throws Throwable {
        ProgressRecorder rec = new ProgressRecorder(onExecutor);
        InteractiveSession s = session(rec);
        CompletableFuture<StatementResult> f = s.executeAsync("sleep:30000");
        // once it runs, poke it with pushes 10 times a second: many polls, few events
        h.time.advance(Duration.ofSeconds(2));
        int pollsBefore = h.fake.calls("getStatement");
        String sid = s.id().orElseThrow();
        int eventsBefore = rec.events.size();
        for (int i = 0; i < 50; i++) {
            ((DefaultInteractiveSession) s).statementPoked(sid, "0");
            h.time.advance(Duration.ofMillis(100));
        }
        int polls = h.fake.calls("getStatement") - pollsBefore;
        int events = rec.events.size() - eventsBefore;
        assertThat(polls).isGreaterThanOrEqualTo(40);
        assertThat(events).isBetween(4, 6); // 5 s of polls, one event per second
        h.await(f);
    }

    @Test
    void aStatementsOwnListenerGetsOnlyItsEventsAndSessionListenersWithoutOnProgressCostNothing() throws Throwable {
        RecordingListener plain = new RecordingListener();
        InteractiveSession s = session(plain);
        List<StatementProgress> mine = new CopyOnWriteArrayList<>();
        CompletableFuture<StatementResult> watched = s.executeAsync(StatementRequest.builder()
                .code("sleep:5000")
                .onProgress(mine::add)
                .build());
        CompletableFuture<StatementResult> other = s.executeAsync("sleep:5000");
        StatementResult a = h.await(watched);
        h.await(other);
        h.time.runPending();
        assertThat(mine).isNotEmpty().allSatisfy(p -> assertThat(p.statementId())
                .isEqualTo(a.statementId()));
        assertThat(mine.get(mine.size() - 1).state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(plain.completed).hasSize(2);
    }

    @Test
    void progressEventsExistOnlyWhenSomebodyWantsThem() {
        Executor direct = Runnable::run;
        Instant t0 = Instant.EPOCH;
        Listeners none = new Listeners(List.of(), direct);
        Listeners plain = new Listeners(List.of(new RecordingListener(), new SessionListener() {}), direct);
        Listeners wanting = new Listeners(List.of(new RecordingListener(), new ProgressRecorder(onExecutor)), direct);
        assertThat(ProgressEvents.create(none, null, "fake", h.time.clock(), t0))
                .isNull();
        assertThat(ProgressEvents.create(plain, null, "fake", h.time.clock(), t0))
                .isNull();
        assertThat(plain.progressListeners()).isEmpty();
        assertThat(wanting.progressListeners()).hasSize(1);
        assertThat(ProgressEvents.create(wanting, null, "fake", h.time.clock(), t0))
                .isNotNull();
        assertThat(ProgressEvents.create(none, p -> {}, "fake", h.time.clock(), t0))
                .isNotNull();
        // failed calls are observed (one more stage per backend call) only for a listener that wants throttles
        assertThat(none.wantsThrottles()).isFalse();
        assertThat(plain.wantsThrottles()).isFalse();
        assertThat(new Listeners(
                                List.of(new SessionListener() {
                                    @Override
                                    public void onThrottled(
                                            String sessionId, String backend, String operation, Throwable cause) {}
                                }),
                                direct)
                        .wantsThrottles())
                .isTrue();
    }

    @Test
    void withoutProgressListenersAPollSchedulesNoExtraExecutorTask() throws Throwable {
        RecordingListener plain = new RecordingListener();
        InteractiveSession s = session(plain);
        executorTasks.set(0);
        h.await(s.executeAsync("sleep:30000"));
        h.time.runPending();
        int withoutProgress = executorTasks.get();

        ProgressRecorder rec = new ProgressRecorder(onExecutor);
        InteractiveSession t = session(plain, rec);
        executorTasks.set(0);
        h.await(t.executeAsync("sleep:30000"));
        h.time.runPending();
        // the only extra tasks are the drains of the progress queue, at most one per event
        assertThat(executorTasks.get() - withoutProgress).isBetween(1, rec.events.size());
    }

    @Test
    void aThrowingProgressListenerNeitherStopsOthersNorTheStatement() throws Throwable {
        SessionListener throwing = new SessionListener() {
            @Override
            public void onProgress(StatementProgress progress) {
                throw new IllegalStateException("listener bug");
            }
        };
        ProgressRecorder rec = new ProgressRecorder(onExecutor);
        InteractiveSession s = session(throwing, rec);
        List<StatementProgress> own = new CopyOnWriteArrayList<>();
        StatementResult r = h.await(s.executeAsync(StatementRequest.builder()
                .code("sleep:3000")
                .onProgress(p -> {
                    own.add(p);
                    throw new IllegalStateException("own listener bug");
                })
                .build()));
        h.time.runPending();
        assertThat(r.succeeded()).isTrue();
        assertThat(rec.events).isNotEmpty().hasSameSizeAs(own);
    }
}
