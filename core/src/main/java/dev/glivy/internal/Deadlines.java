package dev.glivy.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Deadlines on futures using the runtime's scheduler (so virtual time in tests applies), instead of
 * {@link CompletableFuture#orTimeout}, which uses a hidden JDK thread and real time.
 */
public final class Deadlines {
    private Deadlines() {}

    /** A future that completes like {@code future}, or fails with {@code onTimeout} after {@code timeout}. */
    public static <T> CompletableFuture<T> within(
            CompletableFuture<T> future,
            Duration timeout,
            ScheduledExecutorService scheduler,
            Supplier<? extends RuntimeException> onTimeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(
                () -> {
                    result.completeExceptionally(onTimeout.get());
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        future.whenComplete((v, e) -> {
            timer.cancel(false);
            if (e != null) {
                result.completeExceptionally(Futures.unwrap(e));
            } else {
                result.complete(v);
            }
        });
        return result;
    }
}
