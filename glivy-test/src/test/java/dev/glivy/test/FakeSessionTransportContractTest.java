package dev.glivy.test;

import dev.glivy.SessionRuntime;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import dev.glivy.test.contract.TransportFaults;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Keeps core's {@link FakeSessionTransport} honest: it passes the contract, on virtual time. It lives here, not in
 * core, because core's tests cannot depend on glivy-test (glivy-test depends on core); this module's tests use
 * core's test-jar instead. The fake's own fault enum (core's testkit copy) is adapted by name.
 */
class FakeSessionTransportContractTest extends TransportContract {
    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = time.runtime();

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
        FakeSessionTransport fake = (FakeSessionTransport) transport;
        return Optional.of(new TransportFaults() {
            @Override
            public void failNext(String operation, Fault fault) {
                fake.failNext(operation, dev.glivy.testkit.TransportFaults.Fault.valueOf(fault.name()));
            }

            @Override
            public void loseSession(String sessionId) {
                fake.loseSession(sessionId);
            }
        });
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
        VirtualTime.eventually(time, condition);
    }
}
