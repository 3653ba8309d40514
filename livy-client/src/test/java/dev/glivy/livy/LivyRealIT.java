package dev.glivy.livy;

import static dev.glivy.livy.LivyFaultsIT.await;
import static dev.glivy.livy.LivyFaultsIT.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionAdmin;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SqlResult;
import dev.glivy.StatementCancelledException;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementResult;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Against a real Livy at {@code LIVY_URL} (skipped, with a message, when unset): one Scala session shared by the
 * tests in order (Scala, SQL both ways, a failing statement, cancelling a long Spark job, list, logs, statement list,
 * completion, keep-alive, death), plus one session whose start fails. Two Spark driver JVMs in all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivyRealIT {
    private static LivyTransport transport;
    private static InteractiveSession session;
    private static String id;

    @BeforeAll
    static void start() {
        String url = LivyRealContractIT.LIVY_URL;
        if (url == null || url.isBlank()) {
            return;
        }
        transport = LivyTransport.builder().url(url).build();
        session = InteractiveSession.builder()
                .transport(transport)
                .config(c -> c.sessionIdPrefix("glivy-it").sparkConf("spark.sql.shuffle.partitions=2"))
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .start();
        id = session.id().orElseThrow();
    }

    /** Marks each test skipped, with the reason, when no real Livy is configured. */
    @BeforeEach
    void requireLivy() {
        LivyRealContractIT.assumeLivy("the real-Livy integration tests");
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

    @Test
    @Order(1)
    @DisplayName("the session is idle, named from the id prefix, and Livy lists it")
    void info() throws Exception {
        SessionInfo info = session.info();
        assertThat(info.state()).isEqualTo(SessionState.IDLE);
        assertThat(info.attributes().get("name")).startsWith("glivy-it-");
        try (SessionAdmin admin = SessionAdmin.builder().transport(transport).build()) {
            assertThat(admin.listSessions()).extracting(SessionInfo::id).contains(id);
        }
        await(transport.keepAlive(id));
    }

    @Test
    @Order(2)
    @DisplayName("Scala statements run on Spark and keep their state between statements")
    void scala() {
        session.execute("val total = sc.parallelize(1 to 10).sum()");
        StatementResult r = session.execute("total * 2");
        assertThat(r.succeeded()).isTrue();
        assertThat(r.text()).contains("110.0");
        assertThat(r.executionCount()).isPresent();
        assertThat(r.completedAt()).isPresent();
    }

    @Test
    @Order(3)
    @DisplayName("SQL through generated Scala (any limit) gives typed rows; a raw sql statement gives Livy's JSON")
    void sql() {
        SqlResult small = session.sql("select 1 as a, 'x' as b", 10);
        assertThat(small.statement().language())
                .as("Livy's sql kind is lossy: only with sqlKind(true)")
                .isEqualTo(Language.SCALA);
        assertThat(small.schema().names()).containsExactly("a", "b");
        assertThat(small.row(0).getInt("a")).isEqualTo(1);
        assertThat(small.row(0).getString("b")).isEqualTo("x");
        SqlResult big = session.sql("select id from range(3)");
        assertThat(big.statement().language()).isEqualTo(Language.SCALA);
        assertThat(big.rows()).extracting(r -> r.getLong("id")).containsExactly(0L, 1L, 2L);
        StatementResult raw = session.execute("select 2 as two", Language.SQL);
        assertThat(raw.json())
                .hasValueSatisfying(j -> assertThat(j).contains("\"schema\"").contains("\"two\""));
    }

    @Test
    @Order(4)
    @DisplayName("a failing statement raises StatementFailedException with Livy's ename/evalue; the session goes on")
    void failing() {
        assertThatThrownBy(() -> session.execute("throw new RuntimeException(\"boom\")"))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining(id)
                .satisfies(
                        e -> assertThat(((StatementFailedException) e).error().value()
                                        + ((StatementFailedException) e).error().traceback())
                                .contains("boom"));
        assertThat(session.execute("1 + 1").text()).contains("2");
    }

    @Test
    @Order(4)
    @DisplayName("a Scala compile error's message keeps the compiler's found/required and caret lines")
    void compileError() {
        assertThatThrownBy(() -> session.execute("val x: Int = \"a\""))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining("type mismatch;\n")
                .hasMessageContaining("found   : String(\"a\")")
                .hasMessageContaining("required: Int")
                .hasMessageContaining("^")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(";."));
    }

    @Test
    @Order(5)
    @DisplayName("a long Spark job is cancelled on the backend within seconds; the session stays usable")
    void cancelLongJob() throws Exception {
        CompletableFuture<StatementResult> slow =
                session.executeAsync("sc.parallelize(1 to 2, 2).map { x => Thread.sleep(60000); x }.count()");
        Thread.sleep(1500);
        List<StatementResult> history = session.history();
        String stmt = history.get(history.size() - 1).statementId();
        long start = System.nanoTime();
        session.cancel(stmt);
        assertThat(failure(slow)).isInstanceOf(StatementCancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(session.execute("3 + 4").text()).contains("7");
    }

    @Test
    @Order(6)
    @DisplayName("logs: a range from the start and the last lines")
    void logs() {
        assertThat(session.log(0, 2)).containsExactly("stdout: ", "\nstderr: ");
        List<String> last = session.log(-1, 3);
        assertThat(last).hasSize(3);
        List<String> all = session.log(0, 10_000);
        assertThat(all.subList(all.size() - 3, all.size())).isEqualTo(last);
    }

    @Test
    @Order(7)
    @DisplayName("the statement list echoes code (what reconciliation relies on); completion answers")
    void statementsAndCompletion() throws Exception {
        List<RemoteStatement> all = await(transport.listStatements(id));
        assertThat(all).extracting(s -> s.code().orElse("")).contains("val total = sc.parallelize(1 to 10).sum()");
        assertThat(all.get(0).state().isTerminal()).isTrue();
        assertThat(await(transport.completions(id, "sc.para", Language.SCALA, 7)))
                .isNotNull();
        Throwable e = failure(transport.getStatement(id, "99999"));
        assertThat(e).isInstanceOf(SessionBackendException.class).isNotInstanceOf(SessionLostException.class);
        assertThat(((SessionBackendException) e).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(8)
    @DisplayName("a session whose driver exits: SessionLostException(FAILED), state FAILED; delete then 404")
    void death() throws Exception {
        assertThatThrownBy(() -> session.execute("System.exit(3)")).isInstanceOf(SessionLostException.class);
        assertThat(await(transport.getSession(id)).state()).isEqualTo(SessionState.FAILED);
        Throwable e = failure(transport.submitStatement(id, SubmitStatementRequest.of("1", Language.SCALA)));
        assertThat(e).isInstanceOf(SessionLostException.class);
        assertThat(((SessionLostException) e).state()).isEqualTo(SessionState.FAILED);
        await(transport.stopSession(id));
        assertThat(failure(transport.getSession(id))).isInstanceOf(SessionLostException.class);
        await(transport.stopSession(id));
    }

    @Test
    @Order(9)
    @DisplayName("a session that dies while starting fails start() with the last lines of its log")
    void deathWhileStarting() throws Exception {
        InteractiveSession bad = InteractiveSession.builder()
                .transport(transport)
                .config(c -> c.options(Map.of("conf", Map.of("spark.driver.memory", "1xyz"))))
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .build();
        try {
            Throwable e = failure(bad.startAsync());
            assertThat(e)
                    .isInstanceOf(SessionLostException.class)
                    .hasMessageContaining("failed while starting")
                    .hasMessageContaining("log lines")
                    .hasMessageContaining("SparkSubmit");
            String deadId = ((SessionLostException) e).sessionId();
            assertThat(deadId).isNotNull();
            await(transport.stopSession(deadId));
        } finally {
            bad.close();
        }
    }
}
