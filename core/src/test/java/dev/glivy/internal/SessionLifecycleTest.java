package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionInterruptedException;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.StatementResult;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Every future a session hands out completes: after close, while closing, with the shared runtime shut down under
 * it, with an executor that refuses work, and with many threads racing close.
 */
class SessionLifecycleTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private final EngineHarness h = new EngineHarness();

    /** The default shared runtime: closing the last session shuts its executor down. */
    private static InteractiveSession onSharedRuntime(FakeSessionTransport fake) {
        return InteractiveSession.builder()
                .transport(fake)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)))
                .build();
    }

    @Test
    void warningsComeFromThePublicSessionLoggerAndSayNewSessionBeforeTheIdIsKnown() throws Throwable {
        h.fake.unsupported(dev.glivy.config.Setting.SECURITY_CONFIG);
        InteractiveSession s = h.builder().config(c -> c.securityConfig("enc")).build();
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            h.await(s.startAsync()); // slf4j-simple (the test binding) writes to the current System.err
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log)
                .contains("WARN " + GlivyLoggers.SESSION + " - new session: %security_config")
                .doesNotContain("session=null")
                .doesNotContain("dev.glivy.internal");
        assertThat(GlivyLoggers.name("7")).isEqualTo("session 7");
        assertThat(GlivyLoggers.name(null)).isEqualTo("new session");
    }

    @Test
    void afterCloseEveryCallFailsPromptlyWithSessionStateException() {
        FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC())
                .startDelay(Duration.ZERO)
                .statementDuration(Duration.ofMillis(1));
        InteractiveSession s = onSharedRuntime(fake);
        assertTimeoutPreemptively(PROMPTLY, () -> {
            s.start();
            s.close();
            assertThatThrownBy(s::info)
                    .isInstanceOf(SessionStateException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> s.cancel("1")).isInstanceOf(SessionStateException.class);
            assertThatThrownBy(() -> s.infoAsync().get()).hasCauseInstanceOf(SessionStateException.class);
            assertThatThrownBy(() -> s.log(0, 10)).isInstanceOf(SessionStateException.class);
            assertThatThrownBy(() -> s.execute("1")).isInstanceOf(SessionStateException.class);
            assertThatThrownBy(s::start).isInstanceOf(SessionStateException.class);
            s.close(); // again: a no-op
        });
        assertThat(fake.calls("getSession")).isZero();
    }

    @Test
    void aStartWaitingWhenAnotherThreadClosesFailsPromptly() throws Exception {
        FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC()).startDelay(Duration.ofMinutes(10));
        InteractiveSession s = onSharedRuntime(fake);
        CompletableFuture<Throwable> starter = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        s.start();
                        starter.complete(null);
                    } catch (Throwable e) {
                        starter.complete(e);
                    }
                },
                "starter");
        t.start();
        assertTimeoutPreemptively(PROMPTLY, () -> {
            while (fake.sessionsCreated() == 0) {
                Thread.onSpinWait();
            }
            s.close();
            assertThat(starter.get()).isInstanceOf(SessionStateException.class).hasMessageContaining("closed");
        });
        t.join(PROMPTLY.toMillis());
        assertThat(t.isAlive()).isFalse();
        assertThat(fake.calls("stopSession")).isEqualTo(1);
    }

    @Test
    void anInterruptedCloseDoesNotPoisonLaterCloses() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        Thread.currentThread().interrupt();
        assertThatThrownBy(s::close).isInstanceOf(SessionInterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
        CompletableFuture<Void> again = s.closeAsync();
        assertThat(h.await(again)).isNull();
        assertThat(again.isCancelled()).isFalse();
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
    }

    @Test
    void cancellingOneCloseFutureLeavesTheOthersRunning() throws Throwable {
        InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        CompletableFuture<Void> first = s.closeAsync();
        CompletableFuture<Void> second = s.closeAsync();
        first.cancel(true);
        assertThat(h.await(second)).isNull();
        assertThat(h.await(s.closeAsync())).isNull();
    }

    @Test
    void callsInFlightWhenTheExecutorShutsDownStillComplete() throws Throwable {
        AtomicBoolean down = new AtomicBoolean();
        Executor executor = r -> {
            if (down.get()) {
                throw new RejectedExecutionException("shut down");
            }
            h.time.execute(r);
        };
        SessionRuntime rt = SessionRuntime.builder()
                .scheduler(h.time)
                .executor(executor)
                .clock(h.time.clock())
                .random(new Random(1))
                .build();
        FakeSessionTransport fake =
                new FakeSessionTransport(h.time.clock()).slowAnswers(h.time, Duration.ofSeconds(30));
        InteractiveSession s = h.builder().transport(fake).runtime(rt).build();
        h.await(s.startAsync());
        CompletableFuture<SessionInfo> info = s.infoAsync();
        CompletableFuture<StatementResult> statement = s.executeAsync("1");
        down.set(true);
        CompletableFuture<Void> close = s.closeAsync();
        h.time.advance(Duration.ofMinutes(5));
        assertThat(close).isCompleted();
        assertThat(h.failure(info)).isInstanceOf(SessionStateException.class);
        assertThat(h.failure(statement)).isInstanceOf(SessionStateException.class);
    }

    @Test
    void aFutureRelayedOntoARefusingExecutorCompletesOnTheCallingThread() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> target = new CompletableFuture<>();
        Futures.relay(source, target, r -> {
            throw new RejectedExecutionException("shut down");
        });
        source.complete("x");
        assertThat(target).isCompletedWithValue("x");
        CompletableFuture<String> failed = new CompletableFuture<>();
        Futures.completeOn(
                r -> {
                    throw new RejectedExecutionException("shut down");
                },
                failed,
                null,
                new OutOfMemoryError("simulated"));
        assertThat(failed).isCompletedExceptionally();
    }

    @Test
    void thirtyTwoThreadsRacingCloseAllFinishAndEveryFutureCompletes() throws Exception {
        FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC())
                .startDelay(Duration.ZERO)
                .statementDuration(Duration.ofMillis(2));
        InteractiveSession s = onSharedRuntime(fake);
        s.start();
        int threads = 32;
        CyclicBarrier go = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<?>> futures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            go.await();
                            Random random = new Random(n);
                            for (int k = 0; k < 25; k++) {
                                try {
                                    if (n == 7 && k == 10) {
                                        s.close();
                                        continue;
                                    }
                                    switch (random.nextInt(7)) {
                                        case 0 -> s.execute(String.valueOf(k));
                                        case 1 -> futures.add(s.executeAsync("sleep:5"));
                                        case 2 -> s.sql("select " + k);
                                        case 3 -> s.cancel(String.valueOf(random.nextInt(5)));
                                        case 4 -> s.info();
                                        case 5 -> futures.add(s.infoAsync());
                                        default -> s.history();
                                    }
                                } catch (SessionException expected) {
                                    // statements cancelled, unknown ids, or the session closed: all documented outcomes
                                }
                            }
                        } catch (Throwable e) {
                            unexpected.add(e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "worker-" + i);
            workers.add(t);
            t.start();
        }
        boolean finished = done.await(60, TimeUnit.SECONDS);
        List<String> stuck = new ArrayList<>();
        for (Thread t : workers) {
            if (t.isAlive()) {
                stuck.add(t.getName() + " at "
                        + List.of(t.getStackTrace()).subList(0, Math.min(6, t.getStackTrace().length)));
                t.interrupt();
            }
        }
        assertThat(finished).as("threads still blocked: %s", stuck).isTrue();
        assertThat(unexpected).isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        for (CompletableFuture<?> f : futures) {
            assertTimeoutPreemptively(PROMPTLY, () -> {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(SessionException.class);
                }
            });
        }
        assertThatThrownBy(s::info).isInstanceOf(SessionStateException.class);
    }
}
