package dev.glivy.benchmarks.soak;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBuilder;
import dev.glivy.glue.GlueTransport;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.StubFault;
import dev.glivy.glue.stub.StubFaults;
import dev.glivy.livy.LivyTransport;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.FaultPlan;
import dev.glivy.livy.fake.LivyFault;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.FaultSoak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One fresh fake backend for one soak run (so request counts and execution logs belong to that run alone), with
 * or without the fault mix. The fakes, the fault mixes and the session settings are those of {@code LivyFaultSoakIT}
 * and {@code GlueFaultSoakIT} (copied: keep them in step). Every transport is wrapped in a {@link CountingTransport}.
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
        private final FakeLivyServer livy = new FakeLivyServer().startDelay(Duration.ZERO)
                .statementDuration(Duration.ofMillis(10)).recordRequests(false).serverThreads(24);

        Livy(boolean faults) {
            livy.start();
            if (faults) {
                faults(livy.faultPlan());
            }
        }

        /** As {@code LivyFaultSoakIT.faults}. */
        static void faults(FaultPlan plan) {
            plan.seed(9).every(FaultPlan.ANY_OPERATION, 7, LivyFault.throttled())
                    .every("submitStatement", 10, LivyFault.answerLost())
                    .randomly("submitStatement", 0.03, LivyFault.serverErrorAfterApply())
                    .randomly(FaultPlan.ANY_OPERATION, 0.05, LivyFault.proxyUnavailable())
                    .randomly(FaultPlan.ANY_OPERATION, 0.03, LivyFault.badGateway())
                    .randomly(FaultPlan.ANY_OPERATION, 0.05, LivyFault.slow(Duration.ofMillis(150)))
                    .pageSize(3);
        }

        @Override
        FaultSoak.Backend backend() {
            return new FaultSoak.Backend() {
                @Override
                public SessionBuilder session() {
                    return InteractiveSession.builder().transport(counted(LivyTransport.builder().url(livy.url())
                            .httpClient(livy.client()))).useEnvironment(false).stopOnJvmShutdown(false)
                            .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(20))
                                    .maxBackoff(Duration.ofMillis(400)))
                            .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(500)));
                }

                @Override
                public List<String> executed(String sessionId) {
                    return livy.executionLog(sessionId);
                }

                @Override
                public int requests() {
                    return livy.faultPlan().requests().values().stream().mapToInt(Integer::intValue).sum();
                }
            };
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
            stub.provisioning(Duration.ZERO).statementDuration(Duration.ofMillis(10)).statementPageSize(3);
            if (faults) {
                faults(stub.faults());
            }
        }

        /** As {@code GlueFaultSoakIT.faults}. */
        static void faults(StubFaults f) {
            f.seed(11).every(7, StubFault.THROTTLE).every(10, StubFault.CUT_AFTER_APPLY, "RunStatement")
                    .mix(Map.of(StubFault.INTERNAL_ERROR_AFTER_APPLY, 0.03, StubFault.PROXY_503, 0.05),
                            "RunStatement")
                    .mix(Map.of(StubFault.PROXY_503, 0.05, StubFault.SLOW, 0.03)).slowAnswer(Duration.ofMillis(150));
        }

        @Override
        FaultSoak.Backend backend() {
            return new FaultSoak.Backend() {
                @Override
                public SessionBuilder session() {
                    return InteractiveSession.builder().transport(counted(GlueTransport.builder().region("us-east-1")
                            .endpointOverride(stub.uri()).stsEndpointOverride(stub.uri())
                            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                    "AKIDSTUB", "stub-secret-key")))
                            .httpClient(stub.httpClient()).requestTimeout(Duration.ofSeconds(10))))
                            .language(Language.SCALA).useEnvironment(false).stopOnJvmShutdown(false)
                            .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(20))
                                    .maxBackoff(Duration.ofMillis(400)))
                            .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(500)));
                }

                @Override
                public List<String> executed(String sessionId) {
                    return stub.executionLog(sessionId);
                }

                @Override
                public int requests() {
                    return stub.totalRequests();
                }
            };
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
