package dev.glivy.internal;

import dev.glivy.SessionLostException;
import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Calls the transport's keep-alive for one session at a fixed delay on the shared scheduler (no thread of its own),
 * and reports a session the backend no longer knows. Thread-safe; {@link #stop()} is idempotent.
 */
final class KeepAlive {
    private static final Logger LOG = GlivyLoggers.session();

    private final ScheduledFuture<?> task;

    private KeepAlive(ScheduledFuture<?> task) {
        this.task = task;
    }

    /** Starts keep-alives every {@code every}, or returns {@code null} when the transport needs none. */
    static @Nullable KeepAlive start(
            ScheduledExecutorService scheduler,
            SessionTransport transport,
            String id,
            Consumer<SessionLostException> onLost) {
        Duration every = transport.keepAliveInterval().orElse(null);
        if (every == null) {
            return null;
        }
        long nanos = every.toNanos();
        return new KeepAlive(scheduler.scheduleWithFixedDelay(
                () -> {
                    CompletableFuture<Void> call;
                    try {
                        call = transport.keepAlive(id);
                    } catch (RuntimeException e) {
                        call = CompletableFuture.failedFuture(e); // a throwing transport must not end the keep-alives
                    }
                    call.whenComplete((v, e) -> {
                        if (e != null) {
                            Throwable c = Futures.unwrap(e);
                            LOG.debug("{}: keep-alive failed: {}", GlivyLoggers.name(id), c.toString());
                            if (c instanceof SessionLostException lost) {
                                onLost.accept(lost);
                            }
                        }
                    });
                },
                nanos,
                nanos,
                TimeUnit.NANOSECONDS));
    }

    /** Stops the keep-alives. */
    void stop() {
        task.cancel(false);
    }
}
