package dev.glivy.benchmarks.polling;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementResult;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.Watch;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Push lag on real threads and the real clock: Glivy's engine (default runtime: its scheduler and callback pool) on
 * the core testkit's {@link FakeSessionTransport}, which pushes each statement's end from its own thread (standing in
 * for an in-process engine's thread). The lag is from the push (the transport's {@code statementChanged} call for the
 * statement's end) to the returned future completing, measured with {@link System#nanoTime()}; the same statements
 * without push, polled on the default schedule, run alongside for comparison.
 */
public final class PushLag {
    private PushLag() {}

    /** Median and 99th-percentile lag (nanoseconds) of {@code count} statements of {@code runTime}, with push or not. */
    public static long[] measure(int count, Duration runTime, boolean push) {
        ScheduledExecutorService engineThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-engine");
            t.setDaemon(true);
            return t;
        });
        FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC()).startDelay(Duration.ZERO);
        if (push) {
            fake.pushes(engineThread);
        }
        Map<String, Long> pushedAt = new ConcurrentHashMap<>();
        DelegatingTransport timed = new DelegatingTransport(fake) {
            @Override
            public Optional<Watch> watch(String sessionId, ChangeListener listener) {
                return fake.watch(sessionId, new ChangeListener() {
                    @Override
                    public void sessionChanged() {
                        listener.sessionChanged();
                    }

                    @Override
                    public void statementChanged(String statementId) {
                        pushedAt.put(statementId, System.nanoTime());
                        listener.statementChanged(statementId);
                    }
                });
            }
        };
        long[] lags = new long[count];
        try (SessionRuntime runtime = SessionRuntime.builder().build();
                InteractiveSession session = InteractiveSession.builder()
                        .transport(timed)
                        .runtime(runtime)
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .build()) {
            session.start();
            for (int i = 0; i < count; i++) {
                long[] completed = new long[1];
                Instant[] completedAt = new Instant[1];
                CompletableFuture<StatementResult> f = session.executeAsync("sleep:" + runTime.toMillis());
                CompletableFuture<Void> seen = f.thenAccept(r -> {
                    completed[0] = System.nanoTime();
                    completedAt[0] = Instant.now();
                });
                StatementResult r = f.join();
                seen.join();
                if (push) {
                    Long at = pushedAt.get(r.statementId());
                    if (at == null) {
                        throw new IllegalStateException("Statement " + r.statementId() + " completed without a push");
                    }
                    lags[i] = completed[0] - at;
                } else {
                    lags[i] = Duration.between(r.startedAt().orElseThrow().plus(runTime), completedAt[0])
                            .toNanos();
                }
            }
        } finally {
            engineThread.shutdownNow();
            try {
                engineThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Long> sorted = new ArrayList<>();
        for (long l : lags) {
            sorted.add(l);
        }
        sorted.sort(null);
        return new long[] {sorted.get(Stats.rank(50, count)), sorted.get(Stats.rank(99, count))};
    }

    /** The Markdown section: push and poll side by side. */
    static String report(int count, Duration runTime) {
        measure(Math.max(1, count / 10), runTime, true); // warm-up
        long[] push = measure(count, runTime, true);
        int polled = Math.max(1, count / 3);
        long[] poll = measure(polled, runTime, false);
        return "\n# Push lag (real threads and clock)\n\n" + count + " statements (" + polled + " without push) of "
                + Format.duration(runTime)
                + " one after another on the core testkit's fake transport, which pushes each statement's end from "
                + "its own thread; the engine with the default runtime (one scheduler thread, the callback pool). Lag: "
                + "from the push to the returned future completing; without push: from the statement's end to the "
                + "future completing (millisecond clock).\n\n| Mode | median lag | p99 lag |\n|---|---:|---:|\n"
                + String.format("| push | %.2f ms | %.2f ms |%n", push[0] / 1e6, push[1] / 1e6)
                + String.format("| polling (no push) | %.2f ms | %.2f ms |%n", poll[0] / 1e6, poll[1] / 1e6);
    }
}
