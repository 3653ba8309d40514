package dev.glivy.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.config.ConfigSource;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.livy.LivyTransport;
import dev.glivy.local.LocalTransport;
import dev.glivy.notebook.NotebookCell;
import dev.glivy.notebook.NotebookRun;
import dev.glivy.notebook.NotebookRunner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every example against local Spark (and the data examples against a real Livy when {@code LIVY_URL} is set), so
 * the examples cannot rot.
 */
class ExamplesSmokeIT {
    private static LocalTransport local;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void startLocal() {
        local = LocalTransport.create();
    }

    @AfterAll
    static void stopLocal() {
        local.close();
    }

    private static SessionBuilder onLocal() {
        return InteractiveSession.builder()
                .transport(local)
                .useEnvironment(false)
                .stopOnJvmShutdown(false);
    }

    private static String livyUrl() {
        String url = System.getenv("LIVY_URL");
        assumeThat(url)
                .as("LIVY_URL is not set: the Livy run of the examples is skipped (start a Livy with "
                        + "tools/livy-local/livy-local.sh start and set LIVY_URL=http://127.0.0.1:8998)")
                .isNotBlank();
        return url;
    }

    private static SessionBuilder onLivy() {
        return InteractiveSession.builder()
                .transport(LivyTransport.builder().url(livyUrl()))
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .startTimeout(Duration.ofMinutes(5));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String csv() {
        return SampleData.extract("county_populations.csv")
                .resolve("county_populations.csv")
                .toString();
    }

    private static String legislatorsDir() {
        return SampleData.extract("persons.json", "memberships.json", "organizations.json")
                .toString();
    }

    private void checkPopulations(Populations.Summary s) {
        assertThat(s.lexicographicFirst()).isEqualTo("Population Estimate 2018");
        assertThat(s.numericFirst()).isEqualTo("St. Louis");
        assertThat(s.numericFirstPopulation()).isEqualTo(996_945L);
        assertThat(s.tableRows()).isEqualTo(29);
        assertThat(printed())
                .contains("sorts lexicographically")
                .contains("|St. Louis|  Missouri|")
                .contains("Alabama");
    }

    @Test
    void populationsOnLocalSpark() {
        try (InteractiveSession s = onLocal().start()) {
            checkPopulations(Populations.run(s, csv(), SampleData.freshDirectory(), null, out));
        }
    }

    @Test
    void populationsOnLivy() {
        try (InteractiveSession s = onLivy().start()) {
            checkPopulations(Populations.run(s, csv(), SampleData.freshDirectory(), null, out));
        }
    }

    private void checkNotebook(SessionBuilder sessions) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("data", csv());
        params.put("tableLocation", SampleData.freshDirectory());
        NotebookRun run = RunNotebook.run(RunNotebook.bundled("populations.ipynb"), params, sessions, out);
        assertThat(run.succeeded()).as("%s%n%s", run.failure(), printed()).isTrue();
        assertThat(printed()).contains("All cells ran");
        List<NotebookCell> cells = run.notebook().cells();
        assertThat(cells.get(2).tags()).containsExactly(NotebookRunner.INJECTED_TAG);
        NotebookCell count = cells.get(cells.size() - 1);
        assertThat(count.outputs())
                .singleElement()
                .satisfies(o -> assertThat(o.data().get("text/plain")).contains("|29|"));
        NotebookCell sorted = cells.stream()
                .filter(c -> c.id().orElse("").equals("sort-numbers"))
                .findFirst()
                .orElseThrow();
        assertThat(sorted.outputs().get(0).data().get("text/html"))
                .contains("<td>St. Louis</td>")
                .contains("<td>996945</td>");
        String json = run.notebook().toJson();
        try (InputStream schema = NotebookRun.class.getResourceAsStream("nbformat.v4.5.schema.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                            .getSchema(schema)
                            .validate(new ObjectMapper().readTree(json)))
                    .as("valid nbformat 4.5")
                    .isEmpty();
        }
    }

    @Test
    void notebookOnLocalSpark() throws Exception {
        checkNotebook(onLocal());
    }

    @Test
    void notebookOnLivy() throws Exception {
        checkNotebook(onLivy());
    }

    private void checkLegislators(List<Legislators.Seat> seats) {
        assertThat(seats).hasSize(9);
        assertThat(seats).extracting(Legislators.Seat::party).containsOnly("Democrat", "Republican", "Independent");
        assertThat(seats.get(0).name()).isEqualTo("Grace Montague");
        assertThat(printed()).contains("Pulled 9 rows into Java records").contains("Seats by party: {Democrat=4");
    }

    @Test
    void legislatorsOnLocalSpark() {
        try (InteractiveSession s = onLocal().start()) {
            checkLegislators(Legislators.run(s, legislatorsDir(), out));
        }
    }

    @Test
    void legislatorsOnLivy() {
        try (InteractiveSession s = onLivy().start()) {
            checkLegislators(Legislators.run(s, legislatorsDir(), out));
        }
    }

    @Test
    void magicsShowWhereEachValueCameFrom() {
        SessionConfig c = MagicsConfig.run(Map.of("glue_connections", "vpc-a", "glue_number_of_workers", "9"), out);
        assertThat(c.numberOfWorkers()).contains(2);
        assertThat(c.source(Setting.NUMBER_OF_WORKERS)).contains(ConfigSource.EXPLICIT);
        assertThat(c.connections()).containsExactly("vpc-a");
        assertThat(c.source(Setting.CONNECTIONS)).contains(ConfigSource.ENVIRONMENT);
        assertThat(c.source(Setting.MAX_LIFETIME)).contains(ConfigSource.DEFAULT);
        assertThat(printed())
                .contains("%glue_version = 3.0")
                .contains("EXPLICIT")
                .contains("ENVIRONMENT")
                .contains("every problem at once")
                .contains("%number_of_workers");
    }

    @Test
    void asyncStatementsAcrossTwoSessions() {
        try (InteractiveSession a = onLocal().start();
                InteractiveSession b = onLocal().start()) {
            long total = AsyncStatements.run(a, b, 4, out);
            long expected = 0;
            for (int i = 1; i <= 4; i++) {
                long n = i * 1000L;
                expected += 2 * (n * (n - 1) / 2);
            }
            assertThat(total).isEqualTo(expected);
            // a session may first have defined the generated SQL wrapper (one prelude statement)
            assertThat(a.history())
                    .filteredOn(r -> !r.code().startsWith("// glivy-sql-v1 prelude"))
                    .hasSize(4);
            assertThat(b.history())
                    .filteredOn(r -> !r.code().startsWith("// glivy-sql-v1 prelude"))
                    .hasSize(4);
        }
    }

    @Test
    void examplesUseOnlyThePublicApi() throws Exception {
        Path src = Path.of("src/main/java/dev/glivy/examples");
        try (var files = java.nio.file.Files.list(src)) {
            for (Path f : files.toList()) {
                String text = java.nio.file.Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain(".internal.").doesNotContain(".internal;");
            }
        }
    }
}
