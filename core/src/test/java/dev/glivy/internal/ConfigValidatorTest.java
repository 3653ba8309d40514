package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.config.ConfigSource;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";

    private static List<String> problems(SessionConfig.Builder b) {
        return ConfigValidator.validate(b.build());
    }

    @Test
    @DisplayName("a typical Glue configuration is valid")
    void validConfiguration() {
        assertThat(problems(SessionConfig.builder()
                        .iamRole(ROLE)
                        .region("us-gov-west-1")
                        .numberOfWorkers(2)
                        .workerType(WorkerType.G_1X)
                        .glueVersion("5.0")
                        .idleTimeout(Duration.ofMinutes(30))
                        .maxLifetime(Duration.ofMinutes(2880))
                        .sessionIdPrefix("team-a/x.y_z#1")
                        .sessionId("run-7")
                        .tags(Map.of("team", "data"))
                        .assumeRole(ROLE)
                        .endpoint("https://glue.us-east-1.amazonaws.com")
                        .connections(List.of("vpc"))
                        .requestOrigin("GlivyTest")
                        .language(Language.SCALA)
                        .options(Map.of("--enable-auto-scaling", "true", "driverMemory", "2g"))))
                .isEmpty();
        assertThat(problems(SessionConfig.builder().iamRole("GlueRole").maxCapacity(10)))
                .isEmpty();
        assertThat(problems(SessionConfig.builder())).isEmpty();
    }

    @Test
    @DisplayName("every problem of one configuration is reported together, each naming magic, value and rule")
    void allProblemsTogether() {
        List<String> p = problems(SessionConfig.builder()
                .iamRole("not a role!")
                .region("Mars")
                .numberOfWorkers(0)
                .glueVersion("1.0")
                .idleTimeout(Duration.ofMinutes(0))
                .maxLifetime(Duration.ofDays(3))
                .sessionId("bad id")
                .endpoint("ftp://x")
                .requestOrigin("bad origin"));
        assertThat(p)
                .containsExactly(
                        "%iam_role must be a role ARN like arn:aws:iam::123456789012:role/GlueRole (or a role name of up to "
                                + "64 characters from [A-Za-z0-9+=,.@_-]) but was 'not a role!'",
                        "%region must be an AWS region like us-east-1 but was 'Mars'",
                        "%endpoint must be an http or https URL like https://glue.us-east-1.amazonaws.com but was 'ftp://x'",
                        "%number_of_workers must be between 1 and 1000 but was 0",
                        "%glue_version must be 2.0 or later, written major.minor (for example 4.0 or 5.0), but was '1.0'",
                        "%idle_timeout must be between 1 and 2880 minutes (the limit for etl sessions) but was 0 minutes",
                        "%timeout (maximum lifetime) must be between 1 and 2880 minutes (the limit for etl sessions) but was "
                                + "4320 minutes",
                        "%session_id must use only the characters [-/._#A-Za-z0-9] but was 'bad id'",
                        "request_origin must be 1 to 128 characters from [.-_A-Za-z0-9] but was 'bad origin'");
    }

    @Test
    @DisplayName("worker rules: max capacity exclusive with workers, both of workers and type, type per session")
    void workerRules() {
        assertThat(problems(SessionConfig.builder()
                        .maxCapacity(10)
                        .numberOfWorkers(2)
                        .workerType(WorkerType.G_1X)))
                .containsExactly("%max_capacity (10.0) cannot be combined with %number_of_workers (2) and "
                        + "%worker_type (G.1X); set either %max_capacity or both %number_of_workers and %worker_type");
        // Workers without a type (and the reverse) are Glue's rule, checked by the Glue transport: on Livy
        // %number_of_workers alone sets numExecutors.
        assertThat(problems(SessionConfig.builder().workerType(WorkerType.G_2X)))
                .isEmpty();
        assertThat(problems(SessionConfig.builder().numberOfWorkers(3))).isEmpty();
        assertThat(problems(SessionConfig.builder().numberOfWorkers(2).workerType(WorkerType.G_025X)))
                .containsExactly("%worker_type G.025X is only allowed for streaming sessions (%streaming) but the "
                        + "session type is etl; use G.1X or larger");
        assertThat(problems(SessionConfig.builder()
                        .numberOfWorkers(2)
                        .workerType(WorkerType.G_025X)
                        .sessionType(SessionType.STREAMING)))
                .isEmpty();
        assertThat(problems(SessionConfig.builder().numberOfWorkers(2).workerType(WorkerType.Z_2X)))
                .singleElement()
                .asString()
                .startsWith("%worker_type Z.2X is for Ray jobs");
        assertThat(problems(SessionConfig.builder()
                        .numberOfWorkers(2)
                        .workerType(WorkerType.G_8X)
                        .glueVersion("2.0")))
                .containsExactly("%worker_type G.8X needs %glue_version 3.0 or later but the "
                        + "version is 2.0; use G.1X or G.2X, or a later Glue version");
        assertThat(problems(SessionConfig.builder().numberOfWorkers(1001).workerType(WorkerType.of("R.1X"))))
                .containsExactly("%number_of_workers must be between 1 and 1000 but was 1001");
        assertThat(problems(SessionConfig.builder().maxCapacity(-1)))
                .singleElement()
                .asString()
                .startsWith("%max_capacity must be a number of DPUs above 0");
    }

    @Test
    @DisplayName("Glue versions: 2.0 and later, major.minor")
    void glueVersions() {
        for (String ok : List.of("2.0", "3.0", "4.0", "5.0", "5.1", "10.0")) {
            assertThat(problems(SessionConfig.builder().glueVersion(ok))).as(ok).isEmpty();
        }
        for (String bad : List.of("0.9", "1.0", "4", "v4.0", "4.0.1", "99999999999.0", "")) {
            assertThat(problems(SessionConfig.builder().glueVersion(bad)))
                    .as(bad)
                    .singleElement()
                    .asString()
                    .startsWith("%glue_version must be 2.0 or later")
                    .endsWith("'" + bad + "'");
        }
    }

    @Test
    @DisplayName("timeouts: whole minutes; ETL up to 2880, other types up to 7 days; idle not above the lifetime")
    void timeouts() {
        assertThat(problems(SessionConfig.builder().idleTimeout(Duration.ofSeconds(90))))
                .containsExactly("%idle_timeout must be whole minutes but was PT1M30S");
        assertThat(problems(SessionConfig.builder()
                        .sessionType(SessionType.STREAMING)
                        .maxLifetime(Duration.ofDays(5))
                        .idleTimeout(Duration.ofDays(1))))
                .isEmpty();
        assertThat(problems(SessionConfig.builder()
                        .sessionType(SessionType.STREAMING)
                        .maxLifetime(Duration.ofDays(8))))
                .containsExactly("%timeout (maximum lifetime) must be between 1 and "
                        + "10080 minutes (the limit for streaming sessions) but was 11520 minutes");
        assertThat(problems(SessionConfig.builder()
                        .idleTimeout(Duration.ofMinutes(60))
                        .maxLifetime(Duration.ofMinutes(30))))
                .containsExactly("%idle_timeout (60 minutes) must not exceed "
                        + "%timeout (30 minutes), the session's maximum lifetime");
        SessionConfig defaulted = SessionConfig.builder()
                .idleTimeout(Duration.ofMinutes(300))
                .maxLifetime(SessionConfig.DEFAULT_MAX_LIFETIME)
                .source(Setting.MAX_LIFETIME, ConfigSource.DEFAULT)
                .build();
        assertThat(ConfigValidator.validate(defaulted))
                .containsExactly(
                        "%idle_timeout (300 minutes) must not "
                                + "exceed %timeout (240 minutes, Glivy's default), the session's maximum lifetime; set %timeout too");
    }

    @Test
    @DisplayName("ids: charset, and length up to 255 with the prefix")
    void ids() {
        assertThat(problems(SessionConfig.builder().sessionIdPrefix("p".repeat(218))))
                .isEmpty();
        assertThat(problems(SessionConfig.builder().sessionIdPrefix("p".repeat(219))))
                .containsExactly(
                        "%session_id_prefix must be at most 218 characters (ids are prefix-uuid, at most 255) but has 219");
        assertThat(problems(SessionConfig.builder().sessionIdPrefix("p").sessionId("i".repeat(254))))
                .containsExactly("%session_id (with its prefix) must be at most 255 characters but has 256");
        assertThat(problems(SessionConfig.builder().sessionIdPrefix("a b")))
                .singleElement()
                .asString()
                .contains("[-/._#A-Za-z0-9]")
                .endsWith("'a b'");
    }

    @Test
    @DisplayName("tags: at most 50, AWS key and value limits, no aws: prefix")
    void tags() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertThat(problems(SessionConfig.builder().tags(many)))
                .containsExactly("%%tags must have at most 50 tags (Glivy's created-by tag included) but has 51");
        assertThat(problems(SessionConfig.builder().tags(Map.of("aws:x", "1"))))
                .containsExactly("%%tags key 'aws:x' uses the reserved prefix 'aws:'");
        assertThat(problems(SessionConfig.builder().tags(Map.of("", "1"))))
                .containsExactly("%%tags key must be 1 to 128 characters but was ''");
        assertThat(problems(SessionConfig.builder().tags(Map.of("k", "v".repeat(257)))))
                .containsExactly("%%tags value of 'k' must be at most 256 characters but has 257");
    }

    @Test
    @DisplayName("default arguments: at most 75 including those derived from magics; key pattern; value length")
    void defaultArguments() {
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < 70; i++) {
            options.put("--k" + i, "v");
        }
        SessionConfig.Builder b = SessionConfig.builder()
                .options(options)
                .extraJars(List.of("a.jar"))
                .extraPyFiles(List.of("a.py"))
                .additionalPythonModules(List.of("m"))
                .sparkConf("a=b");
        assertThat(problems(b)).isEmpty(); // 70 + 4 + --enable-glue-datacatalog = 75
        b.language(Language.SCALA);
        assertThat(problems(b))
                .containsExactly("the session would have 76 default arguments (%%configure options "
                        + "plus those derived from magics and --enable-glue-datacatalog) but Glue allows at most 75");
        assertThat(problems(SessionConfig.builder().options(Map.of("extra-jars", "x", "--extra-jars", "y"))))
                .as("the same argument counts once")
                .isEmpty();
        assertThat(problems(SessionConfig.builder().options(Map.of("bad key", "x"))))
                .containsExactly(
                        "%%configure key 'bad key' must be 1 to 128 characters from [.-_A-Za-z0-9] (optionally after --)");
        assertThat(problems(SessionConfig.builder().options(Map.of("k", "x".repeat(4097)))))
                .containsExactly("%%configure value of 'k' must be at most 4096 characters but has 4097");
        assertThat(problems(SessionConfig.builder().extraJars(List.of("j".repeat(5000)))))
                .containsExactly(
                        "%extra_jars becomes the default argument --extra-jars whose value must be at most 4096 characters "
                                + "but has 5000");
        Map<String, Object> bad = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            bad.put("bad key " + i, "v");
        }
        assertThat(problems(SessionConfig.builder().options(bad)))
                .hasSize(21)
                .contains("%%configure has 10 more bad keys or values");
    }

    @Test
    @DisplayName("secrets and hostile values are not echoed as-is")
    void noEchoOfSecretsOrFloods() {
        assertThat(problems(SessionConfig.builder().assumeRole("AKIAIOSFODNN7EXAMPLE/wJalrXUtnFEMI")))
                .singleElement()
                .asString()
                .doesNotContain("AKIA")
                .contains("not shown");
        assertThat(problems(SessionConfig.builder().assumeRole("arn:aws:iam::1:role/x")))
                .singleElement()
                .asString()
                .contains("'arn:aws:iam::1:role/x'");
        String flood = "r\u0000" + "x".repeat(100_000);
        assertThat(problems(SessionConfig.builder().region(flood)))
                .singleElement()
                .asString()
                .contains("r\\u0000xxx")
                .contains("(100002 characters)")
                .hasSizeLessThan(300);
    }
}
