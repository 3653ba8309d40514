package dev.glivy.benchmarks.polling;

import dev.glivy.Language;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a mix under a peer's fixed schedule on the same simulated backend and virtual clock as {@link GlivyRun}:
 * submit, then wait the schedule's next delay and poll, until the statement is done. The first poll comes after the
 * first delay; the Glue kernel and sparkmagic really poll once more, right after submitting, which is not counted
 * here (in the peers' favour).
 */
public final class PeerRun {
    private PeerRun() {}

    /** The outcome of every statement of {@code mix}, in order. */
    public static List<Outcome> run(StatementMix mix, ProgressModel progress, PeerSchedule schedule, long seed) {
        ManualScheduler time = new ManualScheduler();
        BenchmarkBackend backend = new BenchmarkBackend(time.clock(), mix, progress, seed);
        List<Outcome> out = new ArrayList<>(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            String id = backend.submitStatement(BenchmarkBackend.SESSION,
                    SubmitStatementRequest.of(BenchmarkBackend.code(i), Language.PYTHON)).join();
            CompletableFuture<Instant> seen = new CompletableFuture<>();
            pollLater(time, backend, schedule, id, 0, seen);
            Instant at = VirtualTime.await(time, seen, schedule.name() + " on statement " + i);
            out.add(new Outcome(mix.duration(i), Duration.between(backend.doneAt(id), at).toNanos(),
                    backend.polls(id)));
        }
        return out;
    }

    private static void pollLater(ManualScheduler time, BenchmarkBackend backend, PeerSchedule schedule, String id,
            int poll, CompletableFuture<Instant> seen) {
        time.schedule(() -> {
            RemoteStatement s = backend.getStatement(BenchmarkBackend.SESSION, id).join();
            if (s.state().isTerminal()) {
                seen.complete(time.clock().instant());
            } else {
                pollLater(time, backend, schedule, id, poll + 1, seen);
            }
        }, schedule.delay(poll).toNanos(), TimeUnit.NANOSECONDS);
    }
}
