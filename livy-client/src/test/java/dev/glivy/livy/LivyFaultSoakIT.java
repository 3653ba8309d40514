package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.FaultPlan;
import dev.glivy.livy.fake.LivyFault;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.FaultSoak;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once soak, small: 1,000 statements over 10 sessions through the real Livy transport against the fake
 * Livy behaving like Livy 0.7.1 (CRLF echoed as LF, 100 retained statements, waiting answers) with every fault the
 * issue measured: throttling on every operation, 503s from a proxy, answers cut after Livy applied the request, 500s
 * after applying, slow answers and listing pages of 3. Every statement must have exactly one right outcome, in
 * order. The benchmark module runs the large version with the same fault mix and settings ({@link #faults},
 * {@link #backend}).
 */
public class LivyFaultSoakIT {
    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer()
            .startDelay(Duration.ZERO)
            .statementDuration(Duration.ofMillis(10))
            .recordRequests(false)
            .serverThreads(24);

    /** The fault mix. */
    public static void faults(FaultPlan plan) {
        plan.seed(9)
                .every(FaultPlan.ANY_OPERATION, 7, LivyFault.throttled())
                .every("submitStatement", 10, LivyFault.answerLost())
                .randomly("submitStatement", 0.03, LivyFault.serverErrorAfterApply())
                .randomly(FaultPlan.ANY_OPERATION, 0.05, LivyFault.proxyUnavailable())
                .randomly(FaultPlan.ANY_OPERATION, 0.03, LivyFault.badGateway())
                .randomly(FaultPlan.ANY_OPERATION, 0.05, LivyFault.slow(Duration.ofMillis(150)))
                .pageSize(3);
    }

    /**
     * I/O threads of the soak's transports (the default is 4): with blocking HTTP a thread is held for a whole
     * answer, so with 20 sessions, 8 statements in flight and 5 % of answers 150 ms slow, 4 threads queue every
     * request behind the slow ones (measured: 2.1x the no-fault time with 4, 1.3x with 32). Sized, like the
     * client's connections, for the load, as a user would size them.
     */
    public static final int SOAK_THREADS = 32;

    /** The soak's view of {@code livy}; each session's transport passes through {@code wrap} (for counting). */
    public static FaultSoak.Backend backend(FakeLivyServer livy, UnaryOperator<SessionTransport.Factory> wrap) {
        return new FaultSoak.Backend() {
            @Override
            public SessionBuilder session() {
                return InteractiveSession.builder()
                        .transport(wrap.apply(LivyTransport.builder()
                                .url(livy.url())
                                .httpClient(livy.client())
                                .threads(SOAK_THREADS)))
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .retryPolicy(
                                r -> r.initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(400)))
                        .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(500)));
            }

            @Override
            public List<String> executed(String sessionId) {
                return livy.executionLog(sessionId);
            }

            @Override
            public int requests() {
                return livy.faultPlan().requests().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
            }
        };
    }

    @Test
    void everyStatementHasExactlyOneRightOutcomeInOrder() throws Exception {
        faults(livy.faultPlan());
        FaultSoak.Report r = FaultSoak.run(
                backend(livy, UnaryOperator.identity()), new FaultSoak.Workload(10, 100, 8, Duration.ofMinutes(2)));
        assertThat(r.statements()).isEqualTo(1000);
        assertThat(r.clean()).as(r.toString()).isTrue();
        assertThat(livy.faultPlan().injected("submitStatement", LivyFault.Kind.ANSWER_LOST))
                .as("faults injected")
                .isGreaterThan(50);
        assertThat(livy.faultPlan().injected()).containsKeys("getStatement:THROTTLED", "submitStatement:THROTTLED");
    }
}
