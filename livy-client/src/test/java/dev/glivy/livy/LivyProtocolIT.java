package dev.glivy.livy;

import static dev.glivy.livy.LivyFaultsIT.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.ResultFormatException;
import dev.glivy.SessionAdmin;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.SqlResult;
import dev.glivy.StatementState;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.WorkerType;
import dev.glivy.internal.SharedRuntime;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.RecordedRequest;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Livy protocol coverage over real HTTP against the fake server: bodies, versions, paging, outputs, keep-alive. */
class LivyProtocolIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer().startDelay(Duration.ofMillis(50));

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private LivyTransport transport(LivyTransportBuilder b) {
        LivyTransport t = b.url(livy.url()).build();
        closeables.add(t);
        return t;
    }

    private InteractiveSession start(LivyTransportBuilder transport, SessionConfig config) {
        InteractiveSession s = InteractiveSession.builder()
                .transport(transport.url(livy.url()))
                .config(config)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .start();
        closeables.add(s);
        return s;
    }

    private JsonNode createBody() throws Exception {
        return JSON.readTree(livy.requests("createSession").get(0).body());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(20), condition);
    }

    @Test
    @DisplayName("Livy 0.7: magics and %%configure in the body, name from the id prefix, no ttl/idleTimeout")
    void createBodyOn07() throws Exception {
        livy.version("0.7.1-incubating");
        // core's validator wants %worker_type with %number_of_workers (a Glue rule); Livy reports it as ignored
        SessionConfig c = SessionConfig.builder()
                .sessionIdPrefix("nightly")
                .numberOfWorkers(2)
                .workerType(WorkerType.G_1X)
                .extraJars(List.of("/jars/a.jar"))
                .sparkConf("spark.sql.shuffle.partitions=4")
                .idleTimeout(Duration.ofMinutes(20))
                .options(Map.of("driverMemory", "1g", "conf", Map.of("spark.ui.enabled", "false")))
                .build();
        InteractiveSession s = start(LivyTransport.builder(), c);
        JsonNode body = createBody();
        assertThat(body.get("name").asText()).startsWith("nightly-");
        assertThat(body.get("numExecutors").asInt()).isEqualTo(2);
        assertThat(body.get("jars").get(0).asText()).isEqualTo("/jars/a.jar");
        assertThat(body.get("driverMemory").asText()).isEqualTo("1g");
        assertThat(body.get("conf").get("spark.sql.shuffle.partitions").asText())
                .isEqualTo("4");
        assertThat(body.get("conf").get("spark.ui.enabled").asText()).isEqualTo("false");
        assertThat(body.get("heartbeatTimeoutInSecond").asInt()).isEqualTo(120);
        assertThat(body.has("ttl")).isFalse();
        assertThat(body.has("idleTimeout")).isFalse();
        assertThat(body.has("kind")).isFalse();
        assertThat(s.info().attributes()).containsEntry("name", body.get("name").asText());
        assertThat(livy.requests("version")).hasSize(1);
    }

    @Test
    @DisplayName("Livy 0.8 gets ttl as the idle timeout; 0.9 gets idleTimeout and ttl as the lifetime")
    void createBodyOnNewerVersions() throws Exception {
        int shared = SharedRuntime.sharedResources();
        livy.version("0.8.0-incubating");
        InteractiveSession first = start(LivyTransport.builder(), SessionConfig.empty());
        JsonNode b08 = createBody();
        assertThat(b08.get("ttl").asText()).isEqualTo("15m");
        assertThat(b08.has("idleTimeout")).isFalse();
        // the version is learned once per endpoint while a transport for it is open: a second one does not ask
        start(LivyTransport.builder(), SessionConfig.empty());
        assertThat(livy.requests("version")).hasSize(1);
        assertThat(JSON.readTree(livy.requests("createSession").get(1).body())
                        .get("ttl")
                        .asText())
                .isEqualTo("15m");
        // once every transport closed, it is forgotten (a server upgraded in place is asked again)
        closeAll();
        closeables.clear();
        assertThat(first.state()).isEqualTo(SessionState.STOPPED);
        eventually(() -> SharedRuntime.sharedResources() == shared);
        livy.version("0.9.0-incubating");
        start(
                LivyTransport.builder(),
                SessionConfig.builder()
                        .idleTimeout(Duration.ofMinutes(5))
                        .maxLifetime(Duration.ofHours(1))
                        .build());
        JsonNode b09 = JSON.readTree(livy.requests("createSession").get(2).body());
        assertThat(livy.requests("version")).hasSize(2);
        assertThat(b09.get("idleTimeout").asText()).isEqualTo("5m");
        assertThat(b09.get("ttl").asText()).isEqualTo("60m");
    }

    @Test
    @DisplayName("a Scala compile error's message keeps Livy's found/required and caret lines, with no stray '.'")
    void compileErrorMessage() throws Exception {
        InteractiveSession s = start(LivyTransport.builder(), SessionConfig.empty());
        assertThatThrownBy(() -> s.execute("compile-error"))
                .isInstanceOf(dev.glivy.StatementFailedException.class)
                .hasMessageContaining("failed: Error: <console>:24: error: type mismatch;\n found   : String(\"a\")\n"
                        + " required: Int\n       val x: Int = \"a\"\n                    ^\nThe traceback is in")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(";."));
    }

    @Test
    @DisplayName("statements carry their kind; SQL (both ways), PNG and JSON outputs reach the result")
    void kindsAndOutputs() throws Exception {
        InteractiveSession s = start(LivyTransport.builder().sqlKind(true), SessionConfig.empty());
        SqlResult viaSqlKind = s.sql("select 1 as one", 10);
        assertThat(viaSqlKind.schema().names()).containsExactly("one");
        assertThat(viaSqlKind.row(0).getInt("one")).isEqualTo(1);
        assertThat(viaSqlKind.statement().language()).isEqualTo(Language.SQL);
        SqlResult viaScala = s.sql("select id from range(3)");
        assertThat(viaScala.rows()).extracting(r -> r.getLong("id")).containsExactly(0L, 1L, 2L);
        assertThat(viaScala.statement().language()).isEqualTo(Language.SCALA);
        assertThat(s.execute("png").png()).hasValueSatisfying(p -> assertThat(p).startsWith(0x89, 'P', 'N', 'G'));
        assertThat(s.execute("json:{\"a\":[1,2]}").json()).contains("{\"a\":[1,2]}");
        s.execute("print(1)", Language.PYTHON);
        s.execute("1", Language.R);
        // generated Scala: the wrapper's definition (once per session), then its one-line call
        assertThat(kinds()).containsExactly("sql", "spark", "spark", "spark", "spark", "pyspark", "sparkr");
    }

    private List<String> kinds() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (RecordedRequest r : livy.requests("submitStatement")) {
            kinds.add(JSON.readTree(r.body()).get("kind").asText());
        }
        return kinds;
    }

    @Test
    @DisplayName("sqlKind(true) with sqlRowCap: limits at or above the server's cap run as generated Scala, below it "
            + "as sql; by default everything runs as generated Scala")
    void sqlRowCap() throws Exception {
        InteractiveSession d = start(LivyTransport.builder(), SessionConfig.empty());
        assertThat(d.sql("select id from range(9)", 4).size()).isEqualTo(4);
        assertThat(kinds()).as("the wrapper's definition, then its call").containsExactly("spark", "spark");
        InteractiveSession s = start(LivyTransport.builder().sqlKind(true).sqlRowCap(5), SessionConfig.empty());
        assertThat(s.sql("select id from range(9)", 4).size()).isEqualTo(4);
        SqlResult six = s.sql("select id from range(9)", 6);
        assertThat(six.size()).isEqualTo(6);
        assertThat(six.truncated()).isTrue();
        assertThat(kinds()).containsExactly("spark", "spark", "sql", "spark", "spark");
    }

    @Test
    @DisplayName("a decimal Livy's sql kind sent as a double is refused with the column, the value and the way out")
    void lossyDecimalOfSqlKindRefused() throws Exception {
        String q = "select cast('12345678901234567890.123456789012345678' as decimal(38,18)) as amount";
        InteractiveSession lossy = start(LivyTransport.builder().sqlKind(true), SessionConfig.empty());
        assertThatThrownBy(() -> lossy.sql(q, 10))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("column 'amount'")
                .hasMessageContaining("1.2345678901234567E19")
                .hasMessageContaining("decimal(38,18)")
                .hasMessageContaining("json4s")
                .hasMessageContaining("sqlKind(false)");
        assertThat(kinds()).containsExactly("sql");
    }

    @Test
    @DisplayName("UUID session ids (Lighter) work end to end")
    void uuidIds() {
        livy.uuidIds(true);
        InteractiveSession s = start(LivyTransport.builder(), SessionConfig.empty());
        assertThat(s.id().orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(s.execute("1 + 1").succeeded()).isTrue();
        try (SessionAdmin admin = SessionAdmin.builder()
                .transport(LivyTransport.builder().url(livy.url()))
                .build()) {
            assertThat(admin.listSessions()).extracting(SessionInfo::id).contains(s.id().get());
        }
    }

    @Test
    @DisplayName("paging: every session and statement is listed with a small page size; findSession on page 3")
    void paging() throws Exception {
        livy.version("0.8.0-incubating");
        LivyTransport t = transport(LivyTransport.builder().pageSize(2));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "tok-" + i)))
                    .id());
        }
        assertThat(await(t.listSessions())).extracting(SessionInfo::id).containsExactlyElementsOf(ids);
        assertThat(await(t.findSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "tok-4"))))
                .map(SessionInfo::id)
                .contains(ids.get(4));
        String id = ids.get(0);
        eventually(() -> "idle".equals(livy.sessionState(id)));
        for (int i = 0; i < 5; i++) {
            await(t.submitStatement(id, SubmitStatementRequest.of("s" + i, Language.SCALA)));
        }
        assertThat(await(t.listStatements(id)))
                .extracting(RemoteStatement::id)
                .containsExactly("0", "1", "2", "3", "4");
        assertThat(livy.requests("listSessions").size()).isGreaterThanOrEqualTo(3);
        assertThat(livy.requests("listStatements")).hasSize(3);
    }

    @Test
    @DisplayName("a listing after a known statement starts there, also after Livy evicted older statements")
    void listingAfterAKnownStatement() throws Exception {
        livy.version("0.7.1-incubating").retainedStatements(5);
        LivyTransport t = transport(LivyTransport.builder().pageSize(2));
        String id = await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "x")))
                .id();
        eventually(() -> "idle".equals(livy.sessionState(id)));
        for (int i = 0; i < 8; i++) {
            await(t.submitStatement(id, SubmitStatementRequest.of("s" + i, Language.SCALA)));
        }
        // ids 3..7 are kept at positions 0..4: the guessed position 5 is past the end and is corrected
        assertThat(walk(t, id, t.pageTokenAfter(id, "4").orElseThrow())).containsExactly("5", "6", "7");
        assertThat(walk(t, id, t.pageTokenAfter(id, "5").orElseThrow())).containsExactly("6", "7");
        assertThat(walk(t, id, t.pageTokenAfter(id, "7").orElseThrow())).isEmpty();
    }

    private static List<String> walk(LivyTransport t, String id, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String next = token; next != null; ) {
            StatementPage p = await(t.listStatements(id, next));
            p.statements().forEach(st -> ids.add(st.id()));
            next = p.nextToken().orElse(null);
        }
        return ids;
    }

    @Test
    @DisplayName("Livy 0.7 pages statements by position too; a server that ignores paging ends the listing")
    void statementPagingIgnored() throws Exception {
        livy.version("0.7.1-incubating");
        LivyTransport t = transport(LivyTransport.builder().pageSize(2));
        String id = await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "x")))
                .id();
        eventually(() -> "idle".equals(livy.sessionState(id)));
        for (int i = 0; i < 3; i++) {
            await(t.submitStatement(id, SubmitStatementRequest.of("s" + i, Language.SCALA)));
        }
        List<RemoteStatement> all = await(t.listStatements(id));
        assertThat(all)
                .extracting(RemoteStatement::code)
                .containsExactly(Optional.of("s0"), Optional.of("s1"), Optional.of("s2"));
        assertThat(livy.requests("listStatements")).hasSize(2);
        String page = "{\"total_statements\":5,\"statements\":[{\"id\":0,\"code\":\"a\",\"state\":\"available\","
                + "\"output\":null},{\"id\":1,\"code\":\"b\",\"state\":\"running\",\"output\":null}]}";
        livy.respondNext("listStatements", 200, page);
        livy.respondNext("listStatements", 200, page);
        assertThat(await(t.listStatements(id))).extracting(RemoteStatement::id).containsExactly("0", "1");
        assertThat(livy.requests("listStatements")).hasSize(4);
    }

    @Test
    @DisplayName("logs: a range, the last lines, and a server that answers the first lines instead of the last")
    void logs() throws Exception {
        LivyTransport t = transport(LivyTransport.builder());
        String id = await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "x")))
                .id();
        livy.appendLog(id, "l3", "l4", "l5", "l6");
        assertThat(await(t.sessionLog(id, 3, 2))).containsExactly("l3", "l4");
        assertThat(await(t.sessionLog(id, -1, 2))).containsExactly("l5", "l6");
        livy.respondNext(
                "sessionLog",
                200,
                "{\"id\":" + id + ",\"from\":0,\"total\":7,\"log\":[\"stdout: \"," + "\"\\nstderr: \"]}");
        assertThat(await(t.sessionLog(id, -1, 2))).containsExactly("l5", "l6");
        assertThat(livy.requests("sessionLog").get(3).query()).containsEntry("from", "5");
    }

    @Test
    @DisplayName("cancel: cancelling then cancelled; cancelling a finished statement is success")
    void cancel() throws Exception {
        LivyTransport t = transport(LivyTransport.builder());
        String id = await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "x")))
                .id();
        eventually(() -> "idle".equals(livy.sessionState(id)));
        String st = await(t.submitStatement(id, SubmitStatementRequest.of("sleep:60000", Language.SCALA)));
        await(t.cancelStatement(id, st));
        StatementState s1 = await(t.getStatement(id, st)).state();
        assertThat(s1).isIn(StatementState.CANCELLING, StatementState.CANCELLED);
        eventually(() -> statementState(t, id, st) == StatementState.CANCELLED);
        await(t.cancelStatement(id, st));
        assertThat(await(t.getSession(id)).state()).isEqualTo(SessionState.IDLE);
    }

    private static StatementState statementState(LivyTransport t, String id, String st) {
        try {
            return await(t.getStatement(id, st)).state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("code completion")
    void completion() throws Exception {
        LivyTransport t = transport(LivyTransport.builder());
        String id = await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "x")))
                .id();
        assertThat(await(t.completions(id, "val x = spa", Language.SCALA, 11)))
                .containsExactly("spark", "sparkContext");
        assertThat(JSON.readTree(livy.requests("completion").get(0).body())
                        .get("kind")
                        .asText())
                .isEqualTo("spark");
    }

    @Test
    @DisplayName("keep-alive: heartbeat sent on create, GET /state from the shared scheduler, stops on close")
    void keepAlive() throws Exception {
        InteractiveSession s =
                start(LivyTransport.builder().heartbeatTimeout(Duration.ofSeconds(2)), SessionConfig.empty());
        assertThat(createBody().get("heartbeatTimeoutInSecond").asInt()).isEqualTo(2);
        eventually(() -> livy.requests("keepAlive").size() >= 2);
        livy.loseSession(s.id().orElseThrow());
        eventually(() -> s.state() == SessionState.LOST);
        s.close();
        int after = livy.requests("keepAlive").size();
        Thread.sleep(1500);
        assertThat(livy.requests("keepAlive")).hasSize(after);
    }

    @Test
    @DisplayName("a Livy behind a gateway path prefix")
    void basePath() {
        FakeLivyServer gw =
                new FakeLivyServer().basePath("/gateway/default/livy").start();
        try {
            InteractiveSession s = InteractiveSession.builder()
                    .transport(LivyTransport.builder().url(gw.url()))
                    .useEnvironment(false)
                    .stopOnJvmShutdown(false)
                    .start();
            try {
                assertThat(s.execute("x").text()).isEqualTo("x\n");
            } finally {
                s.close();
            }
            assertThat(gw.requests()).isNotEmpty();
        } finally {
            gw.stop();
        }
    }
}
