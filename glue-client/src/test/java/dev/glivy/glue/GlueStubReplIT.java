package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.StatementState;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stub's REPL and execution log, seen through the real transport: one statement at a time in submission order,
 * a statement cancelled while waiting never runs, statements still waiting when the session stops never run, and the
 * log outlives the session. This is what exactly-once checks built on the stub rely on.
 */
@DisplayName("The Glue stub's REPL runs statements in order, once, and remembers what it ran")
class GlueStubReplIT {
    private static final String SLOW = "import time\ntime.sleep(0.6)";

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension().configure(s -> s.provisioning(Duration.ZERO)
            .statementDuration(Duration.ZERO)
            .stopDelay(Duration.ZERO));

    private GlueTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private GlueStub stub() {
        return glue.stub();
    }

    private String session(String id) throws Exception {
        transport = transport == null ? GlueStubContractIT.transportFor(stub()) : transport;
        return get(transport.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.PYTHON, id)))
                .id();
    }

    private String submit(String sid, String code) throws Exception {
        return get(transport.submitStatement(sid, SubmitStatementRequest.of(code, Language.PYTHON)));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(10), condition);
    }

    @Test
    @DisplayName("one at a time in submission order; cancelled while waiting: never ran; counts per code")
    void orderAndCancelWhileWaiting() throws Exception {
        String sid = session("glivy-repl-order");
        submit(sid, SLOW);
        String waiting = submit(sid, "print(\"cancelled\")");
        submit(sid, "print(\"after\")");
        assertThat(stub().executionLog(sid)).containsExactly(SLOW);
        get(transport.cancelStatement(sid, waiting));
        eventually(() -> stub().executionLog(sid).size() == 2);
        assertThat(stub().executionLog(sid)).containsExactly(SLOW, "print(\"after\")");
        assertThat(stub().statementCodes(sid)).containsExactly(SLOW, "print(\"cancelled\")", "print(\"after\")");
        assertThat(stub().runs("print(\"cancelled\")")).isZero();
        assertThat(stub().runCounts())
                .containsEntry(SLOW, 1)
                .containsEntry("print(\"after\")", 1)
                .doesNotContainKey("print(\"cancelled\")");
        eventually(() -> state(sid, waiting) == StatementState.CANCELLED);
    }

    private StatementState state(String sid, String id) {
        return transport.getStatement(sid, id).join().state();
    }

    @Test
    @DisplayName("statements still waiting when the session stops never run; the log outlives lost sessions")
    void stopAndLose() throws Exception {
        String a = session("glivy-repl-stop");
        submit(a, SLOW);
        submit(a, "print(\"never\")");
        get(transport.stopSession(a));
        String b = session("glivy-repl-lost");
        submit(b, "print(\"ran\")");
        stub().loseSession(b);
        Thread.sleep(700);
        assertThat(stub().executionLog(a)).containsExactly(SLOW);
        assertThat(stub().executionLog(b)).containsExactly("print(\"ran\")");
        assertThat(stub().executionLog())
                .containsExactly(Map.entry(a, List.of(SLOW)), Map.entry(b, List.of("print(\"ran\")")));
        assertThat(stub().runs("print(\"never\")")).isZero();
        assertThat(stub().requestCounts()).containsEntry("RunStatement", 3).containsEntry("CreateSession", 2);
        assertThat(stub().totalRequests()).isGreaterThanOrEqualTo(6);
    }

    @Test
    @DisplayName("with concurrentStatements(true), statements run side by side, each from its own submission")
    void concurrentStatements() throws Exception {
        String slow = "import time\ntime.sleep(3)";
        stub().concurrentStatements(true);
        String sid = session("glivy-repl-concurrent");
        String first = submit(sid, slow);
        String second = submit(sid, slow);
        assertThat(stub().executionLog(sid)).containsExactly(slow, slow);
        RemoteStatement a = get(transport.getStatement(sid, first));
        RemoteStatement b = get(transport.getStatement(sid, second));
        assertThat(a.state()).isEqualTo(StatementState.RUNNING);
        assertThat(b.state()).isEqualTo(StatementState.RUNNING);
        eventually(() -> state(sid, second) == StatementState.AVAILABLE);
        RemoteStatement done = get(transport.getStatement(sid, second));
        // the second started when it was submitted, not after the first's 3 s
        assertThat(Duration.between(
                        done.startedAt().orElseThrow(), done.completedAt().orElseThrow()))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(done.startedAt().orElseThrow())
                .isBefore(get(transport.getStatement(sid, first)).completedAt().orElseThrow());
    }
}
