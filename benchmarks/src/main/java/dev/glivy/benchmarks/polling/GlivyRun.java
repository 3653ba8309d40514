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
 * virtual time: one session on a {@link BenchmarkBackend}, statements one after another, a {@link ManualScheduler}
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
        try (SessionRuntime runtime = SessionRuntime.builder().scheduler(time).executor(time).clock(time.clock())
                .random(new Random(seed)).build()) {
            InteractiveSession session = InteractiveSession.builder().transport(backend).runtime(runtime)
                    .useEnvironment(false).stopOnJvmShutdown(false).polling(policy).build();
            VirtualTime.await(time, session.startAsync(), "Starting the session");
            List<Outcome> out = new ArrayList<>(mix.size());
            for (int i = 0; i < mix.size(); i++) {
                out.add(runOne(time, backend, session, mix.duration(i), i));
            }
            VirtualTime.await(time, session.closeAsync(), "Closing the session");
            return out;
        }
    }

    private static Outcome runOne(ManualScheduler time, BenchmarkBackend backend, InteractiveSession session,
            Duration runTime, int index) {
        AtomicReference<Instant> completedAt = new AtomicReference<>();
        CompletableFuture<StatementResult> future = session.executeAsync(BenchmarkBackend.code(index));
        future.whenComplete((r, e) -> completedAt.set(time.clock().instant()));
        StatementResult result = VirtualTime.await(time, future, "Statement " + index);
        String id = result.statementId();
        if (result.polls() != backend.polls(id)) {
            throw new IllegalStateException("Statement " + index + ": the engine counted " + result.polls()
                    + " polls but the backend saw " + backend.polls(id));
        }
        long lag = Duration.between(backend.doneAt(id), completedAt.get()).toNanos();
        return new Outcome(runTime, lag, result.polls());
    }
}
