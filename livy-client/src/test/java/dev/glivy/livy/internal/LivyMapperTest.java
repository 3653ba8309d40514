package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Mapping of Livy's JSON (real Livy 0.7.1 answers, documented shapes, Lighter) onto core's types. */
class LivyMapperTest {
    private final LivyMapper mapper = new LivyMapper(Fixtures.JSON);

    private SessionInfo session(String fixture) {
        return mapper.session(Fixtures.read(fixture, LivyDto.Session.class));
    }

    private RemoteStatement statement(String fixture) {
        return mapper.statement(Fixtures.read(fixture, LivyDto.Statement.class));
    }

    @Test
    @DisplayName("a starting 0.7.1 session: numeric id as text, STARTING, name and kind as attributes")
    void startingSession() {
        SessionInfo s = session("session-starting-0.7.1.json");
        assertThat(s.id()).isEqualTo("0");
        assertThat(s.backend()).isEqualTo("livy");
        assertThat(s.state()).isEqualTo(SessionState.STARTING);
        assertThat(s.backendState()).isEqualTo("starting");
        assertThat(s.attributes())
                .containsEntry("name", "probe-1")
                .containsEntry("kind", "shared")
                .doesNotContainKeys("appId", "owner");
        assertThat(s.dashboardUrl()).isEmpty();
    }

    @Test
    @DisplayName("an idle YARN session: Spark UI as dashboard, app id, owner, proxy user; unknown fields ignored")
    void idleSession() {
        SessionInfo s = session("session-idle-yarn.json");
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.dashboardUrl()).contains("http://rm:8088/proxy/application_1700000000000_0042/");
        assertThat(s.attributes())
                .containsEntry("appId", "application_1700000000000_0042")
                .containsEntry("owner", "alice")
                .containsEntry("proxyUser", "etl")
                .containsKey("driverLogUrl");
    }

    @Test
    @DisplayName("a Lighter session: UUID id kept as an opaque string")
    void lighterSession() {
        SessionInfo s = session("session-lighter.json");
        assertThat(s.id()).isEqualTo("5d3c2b1a-9e8f-4a7b-8c6d-1e2f3a4b5c6d");
        assertThat(s.state()).isEqualTo(SessionState.STARTING);
    }

    @Test
    @DisplayName("a session without id is malformed")
    void sessionWithoutId() {
        assertThatThrownBy(() ->
                        mapper.session(new LivyDto.Session(null, null, null, null, null, null, "idle", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session id");
    }

    @Test
    @DisplayName("a running statement: RUNNING, code echoed, start time, no completion time (0 means unset)")
    void runningStatement() {
        RemoteStatement st = statement("statement-running-0.7.1.json");
        assertThat(st.state()).isEqualTo(StatementState.RUNNING);
        assertThat(st.code()).contains("1 + 1");
        assertThat(st.startedAt()).contains(Instant.ofEpochMilli(1795293769873L));
        assertThat(st.completedAt()).isEmpty();
        assertThat(st.outputs()).isEmpty();
        assertThat(st.progress().getAsDouble()).isZero();
    }

    @Test
    @DisplayName("text/plain output, execution count and times")
    void textOutput() {
        RemoteStatement st = statement("statement-text-0.7.1.json");
        assertThat(st.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(st.outputs()).containsExactly(java.util.Map.entry(StatementResult.TEXT_PLAIN, "res0: Int = 2"));
        assertThat(st.executionCount()).contains(0);
        assertThat(st.error()).isEmpty();
        assertThat(st.completedAt()).contains(Instant.ofEpochMilli(1795293770658L));
    }

    @Test
    @DisplayName("read as the transport reads it, the SQL kind's table is decoded in the same parse and kept as the "
            + "exact bytes Livy sent, text made only on demand")
    void sqlOutputOnePass() {
        RemoteStatement st =
                mapper.statement(Fixtures.readAsTransport("statement-sql-0.7.1.json", LivyDto.Statement.class));
        dev.glivy.spi.JsonOutput json = st.jsonOutput().orElseThrow();
        assertThat(json).isInstanceOf(dev.glivy.internal.sql.Utf8Json.class);
        dev.glivy.internal.sql.ColumnTable table = ((dev.glivy.internal.sql.Utf8Json) json).table();
        assertThat(table).isNotNull();
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.getLong(0, 0)).isEqualTo(1L);
        assertThat(st.outputs().get(StatementResult.APPLICATION_JSON))
                .isEqualTo(json.text())
                .startsWith("{")
                .endsWith("}")
                .contains("\"data\"");
        assertThat(st.toString()).contains(StatementResult.APPLICATION_JSON);
    }

    @Test
    @DisplayName("read as the transport reads it, JSON that is no table, and objects of other types, keep their "
            + "exact text")
    void otherJsonExact() throws java.io.IOException {
        String answer = "{\"id\":2,\"state\":\"available\",\"output\":{\"status\":\"ok\",\"data\":{"
                + "\"application/json\": {\"a\" : [1, 2.50]},\"application/vnd+json\":{\"x\": 1.0},"
                + "\"text/plain\":\"t\"}}}";
        byte[] body = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LivyDto.Statement dto = Fixtures.JSON
                .readerFor(LivyDto.Statement.class)
                .withAttribute(OutputData.BODY, body)
                .readValue(body);
        RemoteStatement st = mapper.statement(dto);
        assertThat(st.outputs())
                .containsEntry(StatementResult.APPLICATION_JSON, "{\"a\" : [1, 2.50]}")
                .containsEntry("application/vnd+json", "{\"x\": 1.0}")
                .containsEntry(StatementResult.TEXT_PLAIN, "t");
        assertThat(((dev.glivy.internal.sql.Utf8Json) st.jsonOutput().orElseThrow()).table())
                .isNull();
    }

    @Test
    @DisplayName("the SQL kind's application/json {schema, data} as compact JSON text")
    void sqlOutput() {
        RemoteStatement st = statement("statement-sql-0.7.1.json");
        assertThat(st.outputs().get(StatementResult.APPLICATION_JSON))
                .isEqualTo("{\"schema\":{\"type\":\"struct\","
                        + "\"fields\":[{\"name\":\"a\",\"type\":\"integer\",\"nullable\":false,\"metadata\":{}}]},"
                        + "\"data\":[[1]]}");
    }

    @Test
    @DisplayName("image/png stays base64 (decodable to a PNG), next to its text/plain")
    void pngOutput() {
        RemoteStatement st = statement("statement-png.json");
        byte[] png = Base64.getDecoder().decode(st.outputs().get(StatementResult.IMAGE_PNG));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(st.outputs()).containsKey(StatementResult.TEXT_PLAIN);
    }

    @Test
    @DisplayName("other MIME types are kept (Livy's table JSON as text)")
    void otherMimeTypes() {
        RemoteStatement st = statement("statement-table.json");
        assertThat(st.outputs().get("application/vnd.livy.table.v1+json")).contains("\"headers\"");
        assertThat(st.outputs()).containsEntry(StatementResult.TEXT_PLAIN, "a\n1");
    }

    @Test
    @DisplayName("a Scala error: ename, evalue and traceback lines untrimmed")
    void scalaError() {
        RemoteStatement st = statement("statement-error-scala.json");
        assertThat(st.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(st.error())
                .contains(StatementError.of("Error", "java.lang.RuntimeException: boom", List.of("  ... 48 elided\n")));
        assertThat(st.outputs()).isEmpty();
    }

    @Test
    @DisplayName("a Scala compile error, split by Livy's REPL after its first line, keeps found/required and the caret")
    void scalaCompileError() {
        StatementError e =
                statement("statement-compile-error-scala.json").error().orElseThrow();
        assertThat(e.name()).isEqualTo("Error");
        assertThat(e.value())
                .isEqualTo("<console>:23: error: type mismatch;\n found   : String(\"a\")\n required: Int\n"
                        + "       val x: Int = \"a\"\n                    ^");
        assertThat(e.traceback()).hasSize(4).first().isEqualTo(" found   : String(\"a\")\n");
    }

    @Test
    @DisplayName("a compile error's value stops before the next error and is capped")
    void compileErrorValueIsCapped() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(" line " + i + "\n");
        }
        assertThat(LivyMapper.compileError("<console>:1: error: boom", many).lines())
                .hasSize(LivyMapper.COMPILE_ERROR_LINES);
        assertThat(LivyMapper.compileError("<console>:1: error: a", List.of(" x\n", "<console>:2: error: b\n")))
                .isEqualTo("<console>:1: error: a\n x");
        assertThat(LivyMapper.compileError("java.lang.RuntimeException: boom", List.of("  ... 48 elided\n")))
                .isEqualTo("java.lang.RuntimeException: boom");
    }

    @Test
    @DisplayName("a Python error: its exception name and the full traceback")
    void pythonError() {
        StatementError e = statement("statement-error-python.json").error().orElseThrow();
        assertThat(e.name()).isEqualTo("ZeroDivisionError");
        assertThat(e.value()).isEqualTo("division by zero");
        assertThat(e.traceback()).hasSize(3).first().isEqualTo("Traceback (most recent call last):\n");
    }

    @Test
    @DisplayName("'available' without output yet is reported RUNNING so core polls again")
    void availableWithoutOutput() {
        RemoteStatement st = statement("statement-available-no-output.json");
        assertThat(st.state()).isEqualTo(StatementState.RUNNING);
        assertThat(st.backendState()).isEqualTo("available");
    }

    @Test
    @DisplayName("a cancelled statement: CANCELLED, no output")
    void cancelled() {
        RemoteStatement st = statement("statement-cancelled.json");
        assertThat(st.state()).isEqualTo(StatementState.CANCELLED);
        assertThat(st.state().isTerminal()).isTrue();
        assertThat(st.progress().getAsDouble()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("a state from a future Livy is UNKNOWN with the raw name kept; string ids work")
    void futureState() {
        RemoteStatement st = statement("statement-future-state.json");
        assertThat(st.state()).isEqualTo(StatementState.UNKNOWN);
        assertThat(st.backendState()).isEqualTo("paused_by_admin");
        assertThat(st.id()).isEqualTo("8");
        assertThat(st.progress()).isEmpty();
    }

    @Test
    @DisplayName("an error status without ename still becomes an error; progress is clamped to 0..1")
    void defensiveOutput() {
        LivyDto.Output out = new LivyDto.Output("error", null, null, null, null, null);
        RemoteStatement st = mapper.statement(new LivyDto.Statement("1", "x", "available", out, 1.5, null, null));
        assertThat(st.error()).contains(StatementError.of("Error", "", List.of()));
        assertThat(st.progress().getAsDouble()).isEqualTo(1.0);
    }
}
