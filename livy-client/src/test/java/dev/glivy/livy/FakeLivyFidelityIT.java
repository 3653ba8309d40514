package dev.glivy.livy;

import static dev.glivy.livy.LivyFaultsIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.fake.Execution;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.LivyFault;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fake behaves like Livy 0.7.1 with its own REPL (see shared/docs peers-and-apis 6.3), not like Glivy expects. */
class FakeLivyFidelityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer().startDelay(Duration.ZERO).statementDuration(Duration.ofMillis(1));

    private LivyTransport transport;

    private LivyTransport transport() {
        transport = LivyTransport.builder()
                .url(livy.url())
                .httpClient(livy.client())
                .build();
        return transport;
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private String session(LivyTransport t) throws Exception {
        String id = await(t.createSession(
                        CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "glivy-" + System.nanoTime())))
                .id();
        eventually(() -> "idle".equals(livy.sessionState(id)));
        return id;
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(20), condition);
    }

    private RemoteStatement finished(LivyTransport t, String id, String st) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            RemoteStatement r = await(t.getStatement(id, st));
            if (r.state().isTerminal() || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(10);
        }
    }

    private JsonNode post(String path, String body, int expectStatus) throws Exception {
        HttpPost post = new HttpPost(livy.url() + path);
        post.setHeader("X-Requested-By", "test");
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return livy.client().execute(post, r -> {
            String text = EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
            assertThat(r.getCode()).as(text).isEqualTo(expectStatus);
            if (expectStatus == 500) {
                assertThat(r.getFirstHeader("Content-Type").getValue()).startsWith("text/plain");
                return JSON.getNodeFactory().textNode(text);
            }
            return JSON.readTree(text);
        });
    }

    @Test
    @DisplayName("POST answers waiting with started 0; the session reads idle while the statement waits")
    void waitingAnswer() throws Exception {
        livy.statementStartLatency(Duration.ofMillis(400));
        LivyTransport t = transport();
        String id = session(t);
        JsonNode posted = post("/sessions/" + id + "/statements", "{\"code\":\"sleep:2000\",\"kind\":\"spark\"}", 201);
        assertThat(posted.get("state").asText()).isEqualTo("waiting");
        assertThat(posted.get("started").asLong()).isZero();
        assertThat(livy.sessionState(id)).isEqualTo("idle");
        eventually(() -> "busy".equals(livy.sessionState(id)));
        assertThat(livy.executionLog(id)).containsExactly("sleep:2000");
    }

    @Test
    @DisplayName("Scala text ends in a newline, Python's does not; a comment-only statement is ok with empty text")
    void outputs() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        String scala = await(t.submitStatement(id, SubmitStatementRequest.of("1 + 1", Language.SCALA)));
        String py = await(t.submitStatement(id, SubmitStatementRequest.of("print(1)", Language.PYTHON)));
        String comment = await(t.submitStatement(id, SubmitStatementRequest.of("// nothing", Language.SCALA)));
        assertThat(finished(t, id, scala).outputs()).containsEntry("text/plain", "1 + 1\n");
        assertThat(finished(t, id, py).outputs()).containsEntry("text/plain", "print(1)");
        RemoteStatement c = finished(t, id, comment);
        assertThat(c.error()).isEmpty();
        assertThat(c.outputs()).containsEntry("text/plain", "");
    }

    @Test
    @DisplayName("sql rows are json4s-lossy; a struct column fails with NoClassDefFoundError; SQL errors are Error")
    void sqlKind() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        String lossy = await(t.submitStatement(
                id,
                SubmitStatementRequest.of(
                        "select cast('12345678901234567890.5' "
                                + "as decimal(38,18)) as d, cast('2024-01-02T03:04:05.678Z' as timestamp) as ts",
                        Language.SQL)));
        String struct = await(
                t.submitStatement(id, SubmitStatementRequest.of("select named_struct('x', 1) as st", Language.SQL)));
        String missing =
                await(t.submitStatement(id, SubmitStatementRequest.of("select * from glivy_missing", Language.SQL)));
        JsonNode table = JSON.readTree(finished(t, id, lossy).outputs().get("application/json"));
        assertThat(table.get("data").get(0).get(0).isDouble()).isTrue();
        assertThat(table.get("data").get(0).get(0).asDouble()).isEqualTo(1.2345678901234567E19);
        assertThat(table.get("data").get(0).get(1).asText()).isEqualTo("2024-01-02T03:04:05Z");
        RemoteStatement s = finished(t, id, struct);
        assertThat(s.error()).hasValueSatisfying(e -> assertThat(e.name() + " " + e.value())
                .contains("NoClassDefFoundError")
                .contains("scala/tools/scalap/"));
        assertThat(finished(t, id, missing).error())
                .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("Error"));
    }

    @Test
    @DisplayName("a statement without kind: HTTP 500 plain text in a shared session, the session's kind otherwise")
    void statementWithoutKind() throws Exception {
        LivyTransport t = transport();
        String shared = session(t);
        JsonNode e = post("/sessions/" + shared + "/statements", "{\"code\":\"1\"}", 500);
        assertThat(e.asText()).contains("Code type should be specified if session kind is shared");
        assertThat(livy.statementCodes(shared)).isEmpty();
        JsonNode spark = post("/sessions", "{\"kind\":\"spark\",\"name\":\"with-kind\"}", 201);
        String id = spark.get("id").asText();
        eventually(() -> "idle".equals(livy.sessionState(id)));
        assertThat(post("/sessions/" + id + "/statements", "{\"code\":\"1\"}", 201)
                        .get("id")
                        .asInt())
                .isZero();
    }

    @Test
    @DisplayName("execution log: start order, runs of evicted statements, no run for a waiting cancel, kept after stop")
    void executionLog() throws Exception {
        livy.retainedStatements(2).statementStartLatency(Duration.ZERO);
        LivyTransport t = transport();
        String id = session(t);
        await(t.submitStatement(id, SubmitStatementRequest.of("sleep:300", Language.SCALA)));
        String cancelled = await(t.submitStatement(id, SubmitStatementRequest.of("never", Language.SCALA)));
        await(t.cancelStatement(id, cancelled));
        for (String code : new String[] {"a\r\nb", "c", "c"}) {
            await(t.submitStatement(id, SubmitStatementRequest.of(code, Language.SCALA)));
        }
        eventually(() -> livy.executionLog(id).size() == 4);
        assertThat(livy.executionLog(id)).containsExactly("sleep:300", "a\nb", "c", "c");
        assertThat(livy.executionCounts(id))
                .containsEntry("c", 2)
                .containsEntry("a\nb", 1)
                .doesNotContainKey("never");
        assertThat(livy.timesRun(id, "a\r\nb")).isEqualTo(1);
        assertThat(livy.executions(id)).extracting(Execution::statementId).containsExactly(0, 2, 3, 4);
        assertThat(livy.statementCodes(id)).containsExactly("sleep:300", "never", "a\nb", "c", "c");
        await(t.stopSession(id));
        assertThat(livy.executionLogs().get(id)).hasSize(4);
    }

    @Test
    @DisplayName("the fault plan counts requests per operation, and the same seed gives the same faults")
    void faultPlanCounts() throws Exception {
        livy.faultPlan().seed(7).randomly("getSession", 0.5, LivyFault.proxyUnavailable());
        LivyTransport t = transport();
        String id = session(t);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pattern.append(
                    t.getSession(id).handle((ok, e) -> e == null ? '.' : 'x').get());
        }
        assertThat(livy.requestCount("getSession")).isEqualTo(20);
        assertThat(livy.requestCount("createSession")).isEqualTo(1);
        int injected = livy.faultPlan().injected("getSession", LivyFault.Kind.PROXY_UNAVAILABLE);
        assertThat(pattern.chars().filter(c -> c == 'x').count())
                .isEqualTo(injected)
                .isBetween(3L, 17L);
        FakeLivyServer again = new FakeLivyServer().startDelay(Duration.ZERO).start();
        try (LivyTransport t2 = LivyTransport.builder().url(again.url()).build()) {
            again.faultPlan().seed(7).randomly("getSession", 0.5, LivyFault.proxyUnavailable());
            String id2 = await(
                            t2.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "again")))
                    .id();
            StringBuilder p2 = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                p2.append(t2.getSession(id2)
                        .handle((ok, e) -> e == null ? '.' : 'x')
                        .get());
            }
            assertThat(p2.toString()).isEqualTo(pattern.toString());
        } finally {
            again.stop();
        }
    }
}
