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
 * submit (a whole burst at once), then poll each statement on its own after the schedule's next delay, until it is
 * done. The first poll comes after the
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
        int first = 0;
        for (int burst : mix.bursts()) {
            List<String> ids = new ArrayList<>();
            List<CompletableFuture<Instant>> seen = new ArrayList<>();
            for (int i = first; i < first + burst; i++) {
                String id = backend.submitStatement(
                                BenchmarkBackend.SESSION,
                                SubmitStatementRequest.of(BenchmarkBackend.code(i), Language.PYTHON))
                        .join();
                CompletableFuture<Instant> s = new CompletableFuture<>();
                pollLater(time, backend, schedule, id, 0, s);
                ids.add(id);
                seen.add(s);
            }
            for (int k = 0; k < burst; k++) {
                String id = ids.get(k);
                Instant at = VirtualTime.await(time, seen.get(k), schedule.name() + " on statement " + (first + k));
                out.add(new Outcome(
                        mix.duration(first + k),
                        Duration.between(backend.doneAt(id), at).toNanos(),
                        backend.polls(id)));
            }
            first += burst;
        }
        return out;
    }

    private static void pollLater(
            ManualScheduler time,
            BenchmarkBackend backend,
            PeerSchedule schedule,
            String id,
            int poll,
            CompletableFuture<Instant> seen) {
        time.schedule(
                () -> {
                    RemoteStatement s =
                            backend.getStatement(BenchmarkBackend.SESSION, id).join();
                    if (s.state().isTerminal()) {
                        seen.complete(time.clock().instant());
                    } else {
                        pollLater(time, backend, schedule, id, poll + 1, seen);
                    }
                },
                schedule.delay(poll).toNanos(),
                TimeUnit.NANOSECONDS);
    }
}
