package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionRuntime;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.ManualScheduler;
import dev.glivy.testkit.RecordingListener;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Virtual-time fixture for engine tests: a manual scheduler, a fake backend and a recording listener. */
final class EngineHarness {
    final ManualScheduler time = new ManualScheduler();
    final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(time)
            .executor(time)
            .clock(time.clock())
            .random(new Random(42))
            .build();
    final FakeSessionTransport fake = new FakeSessionTransport(time.clock());
    final RecordingListener events = new RecordingListener();

    SessionBuilder builder() {
        return InteractiveSession.builder()
                .transport(fake)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .listener(events)
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(100)));
    }

    <T> T await(CompletableFuture<T> f) throws Throwable {
        try {
            return time.await(f, Duration.ofHours(3));
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    Throwable failure(CompletableFuture<?> f) {
        try {
            time.await(f, Duration.ofHours(3));
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected failure");
    }
}
