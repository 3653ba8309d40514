package dev.glivy.benchmarks.polling;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementResult;
import dev.glivy.config.PollingPolicy;
import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a mix through Glivy's real engine ({@link InteractiveSession}, its poll loop and {@code PollSchedule}) on
 * virtual time: one session on a {@link BenchmarkBackend}, the mix's bursts one after another (a burst's statements
 * submitted at once with {@code executeAsync}, the next burst once all are done), a {@link ManualScheduler}
 * as scheduler, completion executor and clock, and a seeded {@link Random} for the jitter.
 */
public final class GlivyRun {
    private GlivyRun() {}

    /**
     * The outcome of every statement of {@code mix}, in order.
     *
     * @param seed seeds both the engine's jitter and the backend's progress noise
     */
    public static List<Outcome> run(StatementMix mix, ProgressModel progress, PollingPolicy policy, long seed) {
        ManualScheduler time = new ManualScheduler();
        BenchmarkBackend backend = new BenchmarkBackend(time.clock(), mix, progress, seed);
        try (SessionRuntime runtime = SessionRuntime.builder()
                .scheduler(time)
                .executor(time)
                .clock(time.clock())
                .random(new Random(seed))
                .build()) {
            InteractiveSession session = InteractiveSession.builder()
                    .transport(backend)
                    .runtime(runtime)
                    .useEnvironment(false)
                    .stopOnJvmShutdown(false)
                    .polling(policy)
                    .build();
            VirtualTime.await(time, session.startAsync(), "Starting the session");
            List<Outcome> out = new ArrayList<>(mix.size());
            int next = 0;
            for (int burst : mix.bursts()) {
                out.addAll(runBurst(time, backend, session, mix, next, burst));
                next += burst;
            }
            VirtualTime.await(time, session.closeAsync(), "Closing the session");
            return out;
        }
    }

    private static List<Outcome> runBurst(
            ManualScheduler time,
            BenchmarkBackend backend,
            InteractiveSession session,
            StatementMix mix,
            int first,
            int count) {
        List<CompletableFuture<StatementResult>> futures = new ArrayList<>();
        List<AtomicReference<Instant>> completed = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            AtomicReference<Instant> completedAt = new AtomicReference<>();
            CompletableFuture<StatementResult> future = session.executeAsync(BenchmarkBackend.code(i));
            future.whenComplete((r, e) -> completedAt.set(time.clock().instant()));
            futures.add(future);
            completed.add(completedAt);
        }
        List<Outcome> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int index = first + k;
            StatementResult result = VirtualTime.await(time, futures.get(k), "Statement " + index);
            String id = result.statementId();
            if (result.polls() != backend.polls(id)) {
                throw new IllegalStateException("Statement " + index + ": the engine counted " + result.polls()
                        + " polls but the backend saw " + backend.polls(id));
            }
            long lag =
                    Duration.between(backend.doneAt(id), completed.get(k).get()).toNanos();
            out.add(new Outcome(mix.duration(index), lag, result.polls()));
        }
        return out;
    }
}
