package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.SessionState;
import dev.glivy.StatementState;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.spi.Watch;
import dev.glivy.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The local transport pushes changes (SPI {@code watch}): readiness, statement start, progress and end reach the
 * listener, a closed watch hears nothing more, and a listener that throws does not disturb the session.
 */
class LocalWatchIT {
    private static final class Recording implements ChangeListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public void sessionChanged() {
            calls.add("session");
            if (fail) {
                throw new IllegalStateException("listener failure");
            }
        }

        @Override
        public void statementChanged(String statementId) {
            calls.add(statementId);
            if (fail) {
                throw new IllegalStateException("listener failure");
            }
        }

        long count(String call) {
            return calls.stream().filter(call::equals).count();
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(120), condition);
    }

    @Test
    void readinessStatementsAndProgressArePushedUntilTheWatchCloses() throws Exception {
        try (LocalTransport t = LocalTransport.create()) {
            assertThat(t.watch("no-such-session", new Recording())).isEmpty();
            String id = t.createSession(
                            CreateSessionRequest.of(SessionConfig.builder().build(), Language.SCALA, "watched"))
                    .join()
                    .id();
            Recording r = new Recording();
            Optional<Watch> watch = t.watch(id, r);
            assertThat(watch).isPresent();
            eventually(() -> r.count("session") >= 1);
            assertThat(t.getSession(id).join().state()).isEqualTo(SessionState.IDLE);

            String first = t.submitStatement(
                            id,
                            SubmitStatementRequest.of(
                                    "sc.parallelize(1 to 8, 8).map { x => Thread.sleep(150); x }.count()",
                                    Language.SCALA))
                    .join();
            eventually(() -> t.getStatement(id, first).join().state() == StatementState.AVAILABLE);
            eventually(() -> r.count(first) >= 4);
            // started, job start, task ends (at most one per 50 ms), stage and job end, finished
            assertThat(r.count(first))
                    .as("calls for statement %s: %s", first, r.calls)
                    .isGreaterThanOrEqualTo(4);
            RemoteStatement done = t.getStatement(id, first).join();
            assertThat(done.startedAt()).isPresent();
            assertThat(done.completedAt()).isPresent();

            r.fail = true;
            String second = t.submitStatement(id, SubmitStatementRequest.of("1 + 1", Language.SCALA))
                    .join();
            eventually(() -> t.getStatement(id, second).join().state() == StatementState.AVAILABLE);
            assertThat(t.getStatement(id, second).join().outputs().get("text/plain"))
                    .contains("Int = 2");
            eventually(() -> r.count(second) >= 2);

            watch.get().close();
            int before = r.calls.size();
            String third = t.submitStatement(id, SubmitStatementRequest.of("2 + 2", Language.SCALA))
                    .join();
            eventually(() -> t.getStatement(id, third).join().state() == StatementState.AVAILABLE);
            t.stopSession(id).join();
            assertThat(r.calls).hasSize(before);
        }
    }
}
