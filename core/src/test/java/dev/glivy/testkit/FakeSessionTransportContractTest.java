package dev.glivy.testkit;

import dev.glivy.SessionRuntime;
import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/** Keeps the fake honest: it passes the contract, on virtual time. */
class FakeSessionTransportContractTest extends SessionTransportContract {
    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = SessionRuntime.builder().scheduler(time).executor(time)
            .clock(time.clock()).random(new Random(1)).build();

    @Override
    protected SessionTransport newTransport() {
        return new FakeSessionTransport(time.clock());
    }

    @Override
    protected String okCode() {
        return "1 + 1";
    }

    @Override
    protected String failingCode() {
        return "fail:boom";
    }

    @Override
    protected String slowCode() {
        return "sleep:600000";
    }

    @Override
    protected Optional<TransportFaults> faults(SessionTransport transport) {
        return Optional.of((FakeSessionTransport) transport);
    }

    @Override
    protected SessionRuntime runtime() {
        return runtime;
    }

    @Override
    protected <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return time.await(future, Duration.ofHours(2));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    protected void eventually(BooleanSupplier condition) {
        long limit = time.nanoTime() + Duration.ofHours(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (time.nanoTime() > limit || time.queued() == 0) {
                throw new AssertionError("condition not met on virtual time after " + time.elapsed());
            }
            time.advance(Duration.ofMillis(10));
        }
    }
}
