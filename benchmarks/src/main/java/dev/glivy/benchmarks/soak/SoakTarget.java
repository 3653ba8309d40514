package dev.glivy.benchmarks.soak;

import dev.glivy.glue.GlueFaultSoakIT;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.StubFault;
import dev.glivy.livy.LivyFaultSoakIT;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.LivyFault;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.FaultSoak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fresh fake backend for one soak run (so request counts and execution logs belong to that run alone), with
 * or without the fault mix. The fakes, the fault mixes and the session settings are those of
 * {@link LivyFaultSoakIT} and {@link GlueFaultSoakIT}, from their test-jars. Every transport is wrapped in a
 * {@link CountingTransport}.
 */
abstract class SoakTarget implements AutoCloseable {
    final CountingTransport.Counts counts = new CountingTransport.Counts();

    /** The soak's view of this backend. */
    abstract FaultSoak.Backend backend();

    /** Faults the fake injected, by {@code operation:KIND}. */
    abstract Map<String, Integer> injected();

    /** Submissions the fake applied and then answered with an error or not at all (server side). */
    abstract int appliedButFailedSubmits();

    @Override
    public abstract void close();

    static SoakTarget create(String backend, boolean faults) {
        return switch (backend) {
            case "livy" -> new Livy(faults);
            case "glue" -> new Glue(faults);
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (livy, glue)");
        };
    }

    SessionTransport.Factory counted(SessionTransport.Factory real) {
        return () -> new CountingTransport(real.create(), counts);
    }

    /** The real Livy transport (HttpClient 5) against the fake Livy (Livy 0.7.1 REPL: 100 retained statements). */
    static final class Livy extends SoakTarget {
        /**
         * 20 sessions with up to 8 statements in flight share one client: it gets 64 connections (the transport's
         * default of 8 would make every request queue behind the slow answers) and the fake as many threads; the
         * transports get {@link LivyFaultSoakIT#SOAK_THREADS} I/O threads for the same reason.
         */
        private final FakeLivyServer livy = new FakeLivyServer()
                .startDelay(Duration.ZERO)
                .statementDuration(Duration.ofMillis(10))
                .recordRequests(false)
                .serverThreads(64)
                .clientConnections(64);

        Livy(boolean faults) {
            livy.start();
            if (faults) {
                LivyFaultSoakIT.faults(livy.faultPlan());
            }
        }

        @Override
        FaultSoak.Backend backend() {
            return LivyFaultSoakIT.backend(livy, this::counted);
        }

        @Override
        Map<String, Integer> injected() {
            return new TreeMap<>(livy.faultPlan().injected());
        }

        @Override
        int appliedButFailedSubmits() {
            return livy.faultPlan().injected("submitStatement", LivyFault.Kind.ANSWER_LOST)
                    + livy.faultPlan().injected("submitStatement", LivyFault.Kind.SERVER_ERROR_AFTER_APPLY);
        }

        @Override
        public void close() {
            livy.stop();
        }
    }

    /** The real Glue transport (AWS SDK over loopback HTTP) against the Glue stub (pages of 3, shuffled). */
    static final class Glue extends SoakTarget {
        private final GlueStub stub;

        Glue(boolean faults) {
            try {
                stub = new GlueStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GlueFaultSoakIT.configure(stub);
            if (faults) {
                GlueFaultSoakIT.faults(stub.faults());
            }
        }

        @Override
        FaultSoak.Backend backend() {
            return GlueFaultSoakIT.backend(stub, this::counted);
        }

        @Override
        Map<String, Integer> injected() {
            Map<String, Integer> out = new TreeMap<>();
            stub.faults().injected().forEach((op, m) -> m.forEach((k, n) -> out.put(op + ":" + k, n)));
            return out;
        }

        @Override
        int appliedButFailedSubmits() {
            return stub.faults().injected("RunStatement", StubFault.CUT_AFTER_APPLY)
                    + stub.faults().injected("RunStatement", StubFault.INTERNAL_ERROR_AFTER_APPLY);
        }

        @Override
        public void close() {
            stub.close();
        }
    }
}
