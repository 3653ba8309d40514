package dev.glivy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.internal.notebook.CellOutputs;
import dev.glivy.testkit.FakeSessionTransport;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Executed notebooks validate against Jupyter's own nbformat 4.4 and 4.5 JSON schemas (test resources). */
class NotebookSchemaTest {
    private final FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC())
            .startDelay(Duration.ZERO)
            .statementDuration(Duration.ZERO);
    private final SessionRuntime runtime = SessionRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    private static Set<ValidationMessage> validate(String json, int minor) throws IOException {
        try (InputStream in = NotebookSchemaTest.class.getResourceAsStream("nbformat.v4." + minor + ".schema.json")) {
            JsonSchema schema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            return schema.validate(new ObjectMapper().readTree(json));
        }
    }

    @ParameterizedTest(name = "nbformat 4.{0}")
    @ValueSource(ints = {4, 5})
    @DisplayName("an executed notebook with every kind of output is valid nbformat")
    void executedNotebookIsValid(int minor) throws IOException {
        NotebookFile nb = NotebookFile.parse(
                NotebookRunnerTest.notebook(
                        "glue_pyspark",
                        minor,
                        "#parameters\nyear = 2019",
                        "%number_of_workers 2",
                        "#md # Title",
                        "x = 1",
                        "%%sql\nselect 1 as one",
                        "fail:boom",
                        "never = 1"),
                "schema.ipynb");
        NotebookRun run = NotebookRunner.builder()
                .parameters(Map.of("year", 2020, "names", List.of("a", "b")))
                .build()
                .run(
                        nb,
                        InteractiveSession.builder()
                                .transport(fake)
                                .runtime(runtime)
                                .useEnvironment(false)
                                .stopOnJvmShutdown(false)
                                .polling(p -> p.initialInterval(Duration.ofMillis(1))));
        List<NotebookCell> cells = new ArrayList<>(run.notebook().cells());
        StatementResult rich = StatementResult.builder()
                .sessionId("s")
                .statementId("1")
                .backend("fake")
                .state(StatementState.AVAILABLE)
                .language(Language.PYTHON)
                .outputs(Map.of(
                        StatementResult.IMAGE_PNG, "iVBORw0KGgo=", StatementResult.APPLICATION_JSON, "{\"a\":[1]}"))
                .build();
        cells.add(NotebookCell.code("plot()").withId("rich").withExecution(9, CellOutputs.statement(rich)));
        String json = run.notebook().withCells(cells).toJson();
        assertThat(validate(json, minor)).as(json).isEmpty();
        assertThat(json)
                .contains(
                        "\"output_type\": \"error\"",
                        "\"output_type\": \"execute_result\"",
                        "\"output_type\": \"stream\"",
                        "\"output_type\": \"display_data\"",
                        "\"image/png\"",
                        "\"text/html\"",
                        NotebookRunner.INJECTED_TAG);
        assertThat(validate(NotebookFile.parse(json, "again").toJson(), minor)).isEmpty();
    }

    @ParameterizedTest(name = "nbformat 4.{0}")
    @ValueSource(ints = {4, 5})
    @DisplayName("the schema check itself rejects a notebook Jupyter would not open")
    void schemaCatchesBrokenNotebooks(int minor) throws IOException {
        String broken = NotebookRunnerTest.notebook("glue_pyspark", minor, "x = 1")
                .replace("\"outputs\":[]", "\"outputs\":[{\"output_type\":\"stream\"}]");
        assertThat(validate(broken, minor)).isNotEmpty();
    }
}
