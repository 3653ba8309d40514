package dev.glivy.test;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A scripted backend and a session on virtual time, for the unit tests here. Close it after the test. */
final class VirtualSession implements AutoCloseable {
    final ManualScheduler time = new ManualScheduler();
    final SessionRuntime runtime = time.runtime();
    final ScriptedTransport backend = ScriptedTransport.create(time.clock());
    final InteractiveSession session = InteractiveSession.builder()
            .transport(backend)
            .runtime(runtime)
            .useEnvironment(false)
            .stopOnJvmShutdown(false)
            .build();

    VirtualSession start() throws Exception {
        await(session.startAsync());
        return this;
    }

    /** Drives virtual time until {@code f} is done; its failure is rethrown unwrapped. */
    <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return time.await(f, Duration.ofHours(2));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    public void close() throws ExecutionException {
        try {
            time.await(session.closeAsync(), Duration.ofHours(1));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("close did not finish on virtual time", e);
        } finally {
            runtime.close();
        }
    }
}
