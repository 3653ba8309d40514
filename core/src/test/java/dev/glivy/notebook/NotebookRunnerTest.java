package dev.glivy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementFailedException;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotebookRunnerTest {
    private final FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC())
            .startDelay(Duration.ZERO)
            .statementDuration(Duration.ZERO);
    private final SessionRuntime runtime = SessionRuntime.create();
    private final Clock fixed = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void close() {
        runtime.close();
    }

    private SessionBuilder sessions() {
        return InteractiveSession.builder()
                .transport(fake)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .polling(p -> p.initialInterval(Duration.ofMillis(1)));
    }

    static String notebook(String kernel, int minor, String... cells) {
        StringBuilder sb = new StringBuilder("{\"cells\":[");
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String type = c.startsWith("#md ") ? "markdown" : "code";
            String text = c.startsWith("#md ") ? c.substring(4) : c;
            String tags = text.startsWith("#parameters\n") ? "{\"tags\":[\"parameters\"]}" : "{}";
            sb.append(i == 0 ? "" : ",")
                    .append("{\"cell_type\":\"")
                    .append(type)
                    .append("\",")
                    .append(minor >= 5 ? "\"id\":\"c" + i + "\"," : "")
                    .append("\"metadata\":")
                    .append(tags)
                    .append(",\"source\":")
                    .append(dev.glivy.internal.Json.write(text))
                    .append(type.equals("code") ? ",\"execution_count\":null,\"outputs\":[]" : "")
                    .append('}');
        }
        return sb.append("],\"metadata\":{\"kernelspec\":{\"name\":\"")
                .append(kernel)
                .append("\",\"display_name\":\"k\"}},\"nbformat\":4,\"nbformat_minor\":")
                .append(minor)
                .append('}')
                .toString();
    }

    @Test
    @DisplayName("magic cells configure the session, code and %%sql cells run in order, markdown is kept")
    void runsInOrder() {
        NotebookFile nb = NotebookFile.parse(
                notebook(
                        "glue_pyspark",
                        5,
                        "%number_of_workers 2\n%worker_type G.1X",
                        "#md # Populations",
                        "x = 1",
                        "%%sql\nselect 1 as one",
                        "y = 2"),
                "pop.ipynb");
        NotebookRun run = NotebookRunner.builder().clock(fixed).build().run(nb, sessions());
        assertThat(run.succeeded()).isTrue();
        assertThat(run.sessionIds()).hasSize(1);
        List<NotebookCell> cells = run.notebook().cells();
        assertThat(cells.get(0).executionCount()).contains(1);
        assertThat(cells.get(0).outputs().get(0).text()).contains("Set %number_of_workers 2");
        assertThat(cells.get(1).type()).isEqualTo(CellType.MARKDOWN);
        assertThat(cells.get(1).outputs()).isEmpty();
        assertThat(cells.get(2).executionCount()).contains(2);
        assertThat(cells.get(2).outputs()).containsExactly(CellOutput.stream("stdout", "x = 1"));
        CellOutput table = cells.get(3).outputs().get(0);
        assertThat(table.kind()).isEqualTo(CellOutput.Kind.EXECUTE_RESULT);
        assertThat(table.data().get("text/html")).contains("<th>one</th>").contains("<td>1</td>");
        assertThat(table.data().get("text/plain")).contains("|one|").contains("|  1|");
        assertThat(cells.get(2).metadataJson())
                .contains("\"iopub.execute_input\":\"2026-12-06T10:00:00Z\"")
                .contains("\"session_id\":\"" + run.sessionIds().get(0) + "\"");
        assertThat(fake.executed(run.sessionIds().get(0)))
                .as("code cells in order, the %%sql cell between them")
                .startsWith("x = 1")
                .endsWith("y = 2")
                .hasSizeGreaterThan(2);
        assertThat(run.results()).containsOnlyKeys(0, 2, 3, 4);
        assertThat(fake.isClosed()).isFalse();
        assertThat(fake.getSession(run.sessionIds().get(0)).join().state().isTerminal())
                .as("the run stopped its session")
                .isTrue();
    }

    @Test
    @DisplayName("the first failing cell gets an error output and the cells after it are left unexecuted")
    void stopsAtFirstError() {
        NotebookFile nb = NotebookFile.parse(notebook("glue_pyspark", 4, "a = 1", "fail:boom", "b = 2"), "f.ipynb");
        NotebookRun run = NotebookRunner.create().run(nb, sessions());
        assertThat(run.succeeded()).isFalse();
        assertThat(run.failedCell()).hasValue(1);
        assertThat(run.failure()).get().isInstanceOf(StatementFailedException.class);
        NotebookCell failed = run.notebook().cells().get(1);
        assertThat(failed.outputs()).last().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(CellOutput.Kind.ERROR);
            assertThat(o.ename()).isEqualTo("Error");
            assertThat(o.evalue()).isEqualTo("boom");
            assertThat(o.traceback()).containsExactly("at line 1", "at fake");
        });
        NotebookCell after = run.notebook().cells().get(2);
        assertThat(after.executionCount()).isEmpty();
        assertThat(after.outputs()).isEmpty();
        assertThat(fake.executed(run.sessionIds().get(0))).containsExactly("a = 1", "fail:boom");
        assertThatThrownBy(run::throwIfFailed).isInstanceOf(StatementFailedException.class);
    }

    @Test
    @DisplayName("with continueOnError the later cells run; a bad magic fails its own cell")
    void continuesOnError() {
        NotebookFile nb =
                NotebookFile.parse(notebook("glue_pyspark", 4, "%number_of_workrs 2", "fail:x", "b = 2"), "c.ipynb");
        NotebookRun run = NotebookRunner.builder().continueOnError(true).build().run(nb, sessions());
        assertThat(run.failedCell()).hasValue(0);
        assertThat(run.failure()).get().isInstanceOf(InvalidConfigException.class);
        assertThat(run.notebook().cells().get(0).outputs().get(0).ename()).isEqualTo("InvalidConfigException");
        assertThat(run.notebook().cells().get(2).executionCount()).contains(3);
        assertThat(fake.executed(run.sessionIds().get(0))).containsExactly("fail:x", "b = 2");
    }

    @Test
    @DisplayName("parameters are injected after the parameters cell, in the notebook's language")
    void parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("year", 2020);
        params.put("name", "O'Brien \"x\"");
        NotebookFile py =
                NotebookFile.parse(notebook("glue_pyspark", 5, "#parameters\nyear = 2019", "print(year)"), "p.ipynb");
        NotebookRun run = NotebookRunner.builder().parameters(params).build().run(py, sessions());
        List<NotebookCell> cells = run.notebook().cells();
        assertThat(cells).hasSize(3);
        assertThat(cells.get(1).tags()).containsExactly(NotebookRunner.INJECTED_TAG);
        assertThat(cells.get(1).id()).contains(NotebookRunner.INJECTED_TAG);
        assertThat(cells.get(1).source()).isEqualTo("# Parameters\nyear = 2020\nname = \"O'Brien \\\"x\\\"\"");
        assertThat(fake.executed(run.sessionIds().get(0)))
                .hasSize(3)
                .element(1)
                .isEqualTo(cells.get(1).source());

        NotebookFile scala = NotebookFile.parse(notebook("glue_spark", 4, "val a = 1"), "s.ipynb");
        NotebookRun s = NotebookRunner.builder()
                .parameters(Map.of("year", 2020L))
                .build()
                .run(scala, sessions());
        assertThat(s.notebook().cells().get(0).source()).isEqualTo("// Parameters\nval year = 2020L");
        assertThat(s.notebook().cells().get(0).id()).isEmpty();
        assertThat(s.results().get(0).statement().orElseThrow().language()).isEqualTo(Language.SCALA);
    }

    @Test
    @DisplayName("parameters that cannot be injected fail before any session starts")
    void badParameters() {
        NotebookFile py = NotebookFile.parse(notebook("glue_pyspark", 4, "x = 1"), "p.ipynb");
        assertThatThrownBy(() -> NotebookRunner.builder()
                        .parameters(Map.of("class", 1))
                        .build()
                        .run(py, sessions()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter name 'class'");
        assertThatThrownBy(() -> NotebookRunner.builder()
                        .parameters(Map.of("t", new Object()))
                        .build()
                        .run(py, sessions()))
                .hasMessageContaining("parameter t has a value of type java.lang.Object");
        NotebookFile unknown = NotebookFile.parse(notebook("julia", 4, "x = 1"), "j.ipynb");
        assertThatThrownBy(() -> NotebookRunner.builder()
                        .parameters(Map.of("t", 1))
                        .build()
                        .run(unknown, sessions()))
                .hasMessageContaining("names no language");
        assertThat(fake.sessionsCreated()).isZero();
    }

    @Test
    @DisplayName("a cell over its timeout fails with SessionTimeoutException and the session is stopped")
    void cellTimeout() {
        fake.statementDuration(Duration.ofMinutes(5));
        NotebookFile nb = NotebookFile.parse(notebook("glue_pyspark", 4, "slow = 1"), "t.ipynb");
        NotebookRun run = NotebookRunner.builder()
                .cellTimeout(Duration.ofMillis(200))
                .build()
                .run(nb, sessions());
        assertThat(run.failure()).get().isInstanceOf(SessionTimeoutException.class);
        assertThat(run.notebook().cells().get(0).outputs().get(0).ename()).isEqualTo("SessionTimeoutException");
        assertThat(fake.getSession(run.sessionIds().get(0)).join().state().isTerminal())
                .isTrue();
    }
}
