package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBuilder;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.glue.stub.StubFault;
import dev.glivy.glue.stub.StubFaults;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.FaultSoak;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once soak, small: 1,000 statements over 10 sessions through the real Glue transport (AWS SDK over
 * loopback HTTP) against the Glue stub with the faults the issue measured: every 7th request of any operation
 * throttled, every 10th RunStatement answer cut after it was applied, 500s after applying, 503s from a proxy, slow
 * answers, listing pages of 3 in shuffled order. Every statement must have exactly one right outcome, in order. The
 * benchmark module runs the large version with the same fault mix and settings ({@link #faults}, {@link #backend}).
 */
public class GlueFaultSoakIT {
    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension().configure(GlueFaultSoakIT::configure);

    /** The fault mix. */
    public static void faults(StubFaults f) {
        f.seed(11)
                .every(7, StubFault.THROTTLE)
                .every(10, StubFault.CUT_AFTER_APPLY, "RunStatement")
                .mix(Map.of(StubFault.INTERNAL_ERROR_AFTER_APPLY, 0.03, StubFault.PROXY_503, 0.05), "RunStatement")
                .mix(Map.of(StubFault.PROXY_503, 0.05, StubFault.SLOW, 0.03))
                .slowAnswer(Duration.ofMillis(150));
    }

    /** The stub settings. */
    public static GlueStub configure(GlueStub stub) {
        return stub.provisioning(Duration.ZERO)
                .statementDuration(Duration.ofMillis(10))
                .statementPageSize(3);
    }

    /** The soak's view of {@code stub}; each session's transport passes through {@code wrap} (for counting). */
    public static FaultSoak.Backend backend(GlueStub stub, UnaryOperator<SessionTransport.Factory> wrap) {
        return new FaultSoak.Backend() {
            @Override
            public SessionBuilder session() {
                return InteractiveSession.builder()
                        .transport(
                                wrap.apply(GlueTransport.builder().clientConfig(GlueStubContractIT.clientConfig(stub))))
                        .config(c -> c.language(Language.SCALA))
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .retryPolicy(
                                r -> r.initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(400)))
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

    @Test
    void everyStatementHasExactlyOneRightOutcomeInOrder() throws Exception {
        faults(glue.stub().faults());
        FaultSoak.Report r = FaultSoak.run(
                backend(glue.stub(), UnaryOperator.identity()),
                new FaultSoak.Workload(10, 100, 8, Duration.ofMinutes(2)));
        assertThat(r.statements()).isEqualTo(1000);
        assertThat(r.clean()).as(r.toString()).isTrue();
        assertThat(glue.stub().faults().injected("RunStatement", StubFault.CUT_AFTER_APPLY))
                .as("faults injected")
                .isGreaterThan(50);
        assertThat(glue.stub().faults().injected("ListStatements", StubFault.THROTTLE)
                        + glue.stub().faults().injected("GetStatement", StubFault.THROTTLE))
                .isGreaterThan(0);
    }
}
