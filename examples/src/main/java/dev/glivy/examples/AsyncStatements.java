package dev.glivy.examples;

import dev.glivy.InteractiveSession;
import dev.glivy.SqlResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Many statements in flight across two sessions with futures: each session runs its statements in order, the two
 * sessions run side by side, and the caller composes the results without blocking a thread per statement.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Pasync}
 */
public final class AsyncStatements {
    private AsyncStatements() {}

    /** Runs the example. */
    public static void main(String[] args) {
        ExampleOptions o = ExampleOptions.parse(args, System.getenv());
        try (InteractiveSession a = Backends.builder(o).start();
                InteractiveSession b = Backends.builder(o).start()) {
            run(a, b, 8, System.out);
        }
    }

    static long run(InteractiveSession a, InteractiveSession b, int perSession, PrintStream out) {
        long started = System.nanoTime();
        List<CompletableFuture<Long>> sums = new ArrayList<>();
        for (int i = 1; i <= perSession; i++) {
            for (InteractiveSession s : List.of(a, b)) {
                long n = i * 1000L;
                sums.add(s.sqlAsync("SELECT SUM(id) AS total FROM range(" + n + ")")
                        .thenApply((SqlResult r) -> r.row(0).getLong("total")));
            }
        }
        CompletableFuture<Long> total = CompletableFuture.allOf(sums.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> sums.stream().mapToLong(CompletableFuture::join).sum());
        long result = total.join();
        out.printf(
                "%d statements on 2 sessions finished in %d ms; sum of all results: %d%n",
                sums.size(), (System.nanoTime() - started) / 1_000_000, result);
        out.println("Statements per session: " + a.history().size() + " and "
                + b.history().size());
        return result;
    }
}
