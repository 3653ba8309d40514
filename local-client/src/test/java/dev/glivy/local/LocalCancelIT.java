package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.StatementCancelledException;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.testkit.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cancellation of Spark jobs, driver code and queued statements; progress while a job runs. */
class LocalCancelIT {
    private static LocalTransport transport;
    private static InteractiveSession session;

    @BeforeAll
    static void start() {
        transport = LocalTransport.create();
        session = LocalSessions.over(transport).start();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.within(Duration.ofMinutes(2), condition);
    }

    private static RemoteStatement remote(String statementId) {
        return transport.getStatement(session.id().orElseThrow(), statementId).join();
    }

    private static String idOf(int historyIndex) {
        return session.history().get(historyIndex).statementId();
    }

    private static void assertCancelled(CompletableFuture<StatementResult> f) {
        assertThatThrownBy(() -> f.get(2, TimeUnit.MINUTES))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StatementCancelledException.class);
    }

    @Test
    @DisplayName("a running job reports task progress, the session is busy, and cancel stops its tasks")
    void progressThenCancel() throws Exception {
        int before = session.history().size();
        CompletableFuture<StatementResult> slow = session.executeAsync(
                "sc.parallelize(1 to 2, 2).map { x => if (x == 2) Thread.sleep(60000); x }.count()");
        eventually(() -> session.history().size() > before);
        String id = idOf(before);
        eventually(() -> remote(id).progress().orElse(0) >= 0.5);
        assertThat(remote(id).state()).isEqualTo(StatementState.RUNNING);
        assertThat(remote(id).progress().getAsDouble()).isLessThan(1.0);
        SessionInfo info = transport.getSession(session.id().orElseThrow()).join();
        assertThat(info.state()).isEqualTo(SessionState.BUSY);
        long t0 = System.nanoTime();
        session.cancel(id);
        assertCancelled(slow);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(remote(id).state()).isEqualTo(StatementState.CANCELLED);
        assertThat(session.execute("sc.parallelize(1 to 4).count()").text()).contains("Long = 4");
    }

    @Test
    @DisplayName("driver code that sleeps is interrupted by cancel")
    void driverCodeIsInterrupted() throws Exception {
        int before = session.history().size();
        CompletableFuture<StatementResult> slow = session.executeAsync("Thread.sleep(60000)\n\"never\"");
        eventually(
                () -> session.history().size() > before && remote(idOf(before)).state() == StatementState.RUNNING);
        session.cancel(idOf(before));
        assertCancelled(slow);
        assertThat(session.execute("\"still alive\"").text()).contains("still alive");
    }

    @Test
    @DisplayName("a queued statement is cancelled without running; later statements run in order")
    void queuedStatementIsCancelledBeforeItRuns() throws Exception {
        int before = session.history().size();
        CompletableFuture<StatementResult> slow = session.executeAsync("Thread.sleep(60000)");
        CompletableFuture<StatementResult> queued = session.executeAsync("val ranQueued = true");
        eventually(() -> session.history().size() > before + 1
                && session.history().get(before + 1).statementId() != null
                && !session.history().get(before + 1).statementId().isEmpty());
        String queuedId = idOf(before + 1);
        assertThat(remote(queuedId).state()).isEqualTo(StatementState.WAITING);
        session.cancel(queuedId);
        assertThat(remote(queuedId).state()).isEqualTo(StatementState.CANCELLED);
        session.cancel(idOf(before));
        assertCancelled(slow);
        assertCancelled(queued);
        StatementResult after = session.execute(dev.glivy.StatementRequest.builder()
                .code("ranQueued")
                .failOnError(false)
                .build());
        assertThat(after.error().orElseThrow().value()).contains("not found: value ranQueued");
    }

    @Test
    @DisplayName("a SQL statement's job is cancelled through its job group")
    void sqlStatementIsCancelled() throws Exception {
        session.execute("spark.udf.register(\"slow_id\", (x: Long) => { Thread.sleep(60000); x })");
        int before = session.history().size();
        CompletableFuture<StatementResult> slow =
                session.executeAsync("select max(slow_id(id)) from range(2)", Language.SQL);
        eventually(
                () -> session.history().size() > before && remote(idOf(before)).state() == StatementState.RUNNING);
        session.cancel(idOf(before));
        assertCancelled(slow);
    }
}
