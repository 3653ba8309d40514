package dev.glivy.benchmarks.polling;

import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Waiting on virtual time: runs the scheduler's tasks until a future is done. */
final class VirtualTime {
    /** Longer than any statement of a mix (10 min) plus its polling. */
    private static final Duration LIMIT = Duration.ofHours(2);

    private VirtualTime() {}

    static <T> T await(ManualScheduler time, CompletableFuture<T> future, String what) {
        try {
            return time.await(future, LIMIT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + LIMIT + " of virtual time", e);
        }
    }
}
