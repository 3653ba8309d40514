package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.WorkerType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.CreateSessionRequest;

@DisplayName("CreateSessionMapper maps every typed magic to CreateSession and checks Glue's limits first")
class CreateSessionMapperTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";

    private static CreateSessionRequest map(SessionConfig c, Language l) {
        return CreateSessionMapper.request(c, "glivy-1", ROLE, l, "AIDAME", "glivy");
    }

    @Test
    @DisplayName("pre-flight problems: unknown worker types (unless opted in), pairing, tags with Glivy's two")
    void problems() {
        SessionConfig newer = SessionConfig.builder()
                .workerType(WorkerType.of("G.9X"))
                .numberOfWorkers(2)
                .build();
        assertThat(CreateSessionMapper.problems(newer, false))
                .singleElement()
                .asString()
                .contains("'G.9X' is not a worker type Glivy knows")
                .contains(WorkerType.knownValues());
        assertThat(CreateSessionMapper.problems(newer, true)).isEmpty();
        assertThat(CreateSessionMapper.problems(
                        SessionConfig.builder().workerType(WorkerType.G_1X).build(), false))
                .singleElement()
                .asString()
                .contains("needs %number_of_workers too");
        assertThat(CreateSessionMapper.problems(
                        SessionConfig.builder().numberOfWorkers(3).build(), false))
                .singleElement()
                .asString()
                .contains("needs %worker_type too");
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 48; i++) {
            tags.put("t" + i, "v");
        }
        assertThat(CreateSessionMapper.problems(
                        SessionConfig.builder().tags(tags).build(), false))
                .isEmpty();
        tags.put("t48", "v");
        assertThat(CreateSessionMapper.problems(
                        SessionConfig.builder().tags(tags).build(), false))
                .singleElement()
                .asString()
                .contains("would have 51 (49 of yours");
        tags.put("owner", "me");
        assertThat(CreateSessionMapper.problems(
                        SessionConfig.builder().tags(tags).build(), false))
                .singleElement()
                .asString()
                .contains("would have 51 (49 of yours");
    }

    @Test
    @DisplayName("a %%configure number with a huge exponent is sent in E notation, not a gigabyte of digits")
    void hugeNumberArgument() {
        SessionConfig c = SessionConfig.builder()
                .options(Map.of("--x", new BigDecimal("1e999999999")))
                .build();
        Map<String, String> args = CreateSessionMapper.arguments(c, Language.PYTHON, new ArrayList<>());
        assertThat(args).containsEntry("--x", "1E+999999999");
    }

    @Test
    @DisplayName("every setting lands in its CreateSession field")
    void everyField() {
        SessionConfig c = SessionConfig.builder()
                .numberOfWorkers(2)
                .workerType(WorkerType.G_2X)
                .glueVersion("3.0")
                .idleTimeout(Duration.ofMinutes(1))
                .maxLifetime(Duration.ofMinutes(60))
                .securityConfig("sec")
                .connections(List.of("a", "b"))
                .additionalPythonModules(List.of("pandas", "s3://b/m.whl"))
                .extraPyFiles(List.of("s3://b/x.py"))
                .extraJars(List.of("s3://b/x.jar", "s3://b/y.jar"))
                .sparkConf("spark.a=1 --conf spark.b=2")
                .sessionType(SessionType.STREAMING)
                .tags(Map.of("team", "data"))
                .requestOrigin("my-app")
                .build();
        CreateSessionRequest r = map(c, Language.PYTHON);
        assertThat(r.id()).isEqualTo("glivy-1");
        assertThat(r.role()).isEqualTo(ROLE);
        assertThat(r.command().name()).isEqualTo("gluestreaming");
        assertThat(r.command().pythonVersion()).isEqualTo("3");
        assertThat(r.numberOfWorkers()).isEqualTo(2);
        assertThat(r.workerTypeAsString()).isEqualTo("G.2X");
        assertThat(r.maxCapacity()).isNull();
        assertThat(r.glueVersion()).isEqualTo("3.0");
        assertThat(r.idleTimeout()).isEqualTo(1);
        assertThat(r.timeout()).isEqualTo(60);
        assertThat(r.securityConfiguration()).isEqualTo("sec");
        assertThat(r.connections().connections()).containsExactly("a", "b");
        assertThat(r.requestOrigin()).isEqualTo("my-app");
        assertThat(r.tags())
                .containsEntry("team", "data")
                .containsEntry("created-by", "glivy")
                .containsEntry("owner", "AIDAME");
        assertThat(r.defaultArguments())
                .containsExactly(
                        Map.entry("--enable-glue-datacatalog", "true"),
                        Map.entry("--additional-python-modules", "pandas,s3://b/m.whl"),
                        Map.entry("--extra-py-files", "s3://b/x.py"),
                        Map.entry("--extra-jars", "s3://b/x.jar,s3://b/y.jar"),
                        Map.entry("--conf", "spark.a=1 --conf spark.b=2"));
    }

    @Test
    @DisplayName("an empty configuration gets glueetl, Glivy's 15-minute idle timeout and the default origin")
    void minimal() {
        CreateSessionRequest r = map(SessionConfig.empty(), Language.PYTHON);
        assertThat(r.command().name()).isEqualTo("glueetl");
        assertThat(r.idleTimeout()).isEqualTo(15);
        assertThat(r.timeout()).isNull();
        assertThat(r.numberOfWorkers()).isNull();
        assertThat(r.workerTypeAsString()).isNull();
        assertThat(r.requestOrigin()).isEqualTo("glivy");
        assertThat(r.defaultArguments()).containsOnlyKeys("--enable-glue-datacatalog");
    }

    @Test
    @DisplayName("max capacity is sent alone; with workers both are refused before sending")
    void maxCapacity() {
        assertThat(map(SessionConfig.builder().maxCapacity(3.0).build(), Language.PYTHON)
                        .maxCapacity())
                .isEqualTo(3.0);
        assertThatThrownBy(() -> map(
                        SessionConfig.builder()
                                .maxCapacity(3.0)
                                .numberOfWorkers(2)
                                .workerType(WorkerType.G_1X)
                                .build(),
                        Language.PYTHON))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("%max_capacity cannot be combined");
        assertThatThrownBy(() -> map(SessionConfig.builder().numberOfWorkers(2).build(), Language.PYTHON))
                .hasMessageContaining("must be set together");
    }

    @Test
    @DisplayName("Scala sessions get --session-language scala; %%configure keys become --key, values as text")
    void scalaAndOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("enable-metrics", "");
        o.put("--job-language", "scala");
        o.put("flag", Boolean.FALSE);
        o.put("ratio", new BigDecimal("0.50"));
        o.put("count", 3L);
        o.put("list", List.of("a", "b"));
        o.put("skipped", null);
        o.put("enable-glue-datacatalog", "false");
        CreateSessionRequest r = map(SessionConfig.builder().options(o).build(), Language.SCALA);
        assertThat(r.defaultArguments())
                .containsEntry("--session-language", "scala")
                .containsEntry("--enable-metrics", "")
                .containsEntry("--job-language", "scala")
                .containsEntry("--flag", "false")
                .containsEntry("--ratio", "0.50")
                .containsEntry("--count", "3")
                .containsEntry("--list", "[\"a\",\"b\"]")
                .containsEntry("--enable-glue-datacatalog", "false")
                .doesNotContainKey("--skipped");
    }

    @Test
    @DisplayName("configured tags win over Glivy's; the owner value loses characters AWS tags refuse")
    void tags() {
        List<String> problems = new ArrayList<>();
        Map<String, String> t = CreateSessionMapper.tags(
                SessionConfig.builder().tags(Map.of("owner", "team-x")).build(), "AROA1:alice,bob", problems);
        assertThat(t).containsEntry("owner", "team-x").containsEntry("created-by", "glivy");
        assertThat(CreateSessionMapper.ownerValue("AROA1:alice,bob#1")).isEqualTo("AROA1:alice_bob_1");
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("every limit violation is reported at once: tags, arguments, keys, values, origin, role, id")
    void limits() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 49; i++) {
            tags.put("t" + i, "v");
        }
        tags.put("long", "v".repeat(257));
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < 75; i++) {
            options.put("k" + i, "v");
        }
        options.put("bad key!", "v");
        options.put("huge", "x".repeat(4097));
        SessionConfig c = SessionConfig.builder()
                .tags(tags)
                .options(options)
                .requestOrigin("bad origin")
                .build();
        assertThatThrownBy(
                        () -> CreateSessionMapper.request(c, "x".repeat(256), "short", Language.PYTHON, "me", "glivy"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("at most 50 tags") && p.contains("52"))
                        .anyMatch(p -> p.contains("'long' must be at most 256"))
                        .anyMatch(p -> p.contains("at most 75 default arguments") && p.contains("78"))
                        .anyMatch(p -> p.contains("'--bad key!'"))
                        .anyMatch(p -> p.contains("--huge must be at most 4096"))
                        .anyMatch(p -> p.contains("request_origin") && p.contains("bad origin"))
                        .anyMatch(p -> p.contains("%iam_role") && p.contains("short"))
                        .anyMatch(p -> p.contains("1 to 255 characters but has 256")));
    }

    @Test
    @DisplayName("statement code: SQL is wrapped, the other language refused, 68,000 characters enforced")
    void statementCode() {
        assertThat(StatementOps.code(
                        "s", dev.glivy.spi.SubmitStatementRequest.of("select 1", Language.SQL), Language.PYTHON))
                .startsWith("spark.sql(__import__(\"base64\")");
        assertThat(StatementOps.code(
                        "s", dev.glivy.spi.SubmitStatementRequest.of("1+1", Language.PYTHON), Language.PYTHON))
                .isEqualTo("1+1");
        assertThatThrownBy(() -> StatementOps.code(
                        "s", dev.glivy.spi.SubmitStatementRequest.of("1", Language.SCALA), Language.PYTHON))
                .hasMessageContaining("runs python")
                .hasMessageContaining("Language.SCALA");
        assertThat(StatementOps.code(
                        "s",
                        dev.glivy.spi.SubmitStatementRequest.of("x".repeat(68_000), Language.PYTHON),
                        Language.PYTHON))
                .hasSize(68_000);
        assertThatThrownBy(() -> StatementOps.code(
                        "s",
                        dev.glivy.spi.SubmitStatementRequest.of("x".repeat(51_000), Language.SQL),
                        Language.PYTHON))
                .hasMessageContaining("once the SQL is wrapped")
                .hasMessageContaining("68000");
    }
}
