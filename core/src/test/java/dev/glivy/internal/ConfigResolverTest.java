package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.ConfigSource;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layering with injected environment maps and temporary AWS config files; never the real environment. */
class ConfigResolverTest {
    @TempDir
    Path dir;

    private Path awsConfig(String... lines) throws IOException {
        Path f = dir.resolve("config");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    @DisplayName("with nothing set, Glivy's cost-safe defaults apply and say so")
    void defaultsOnly() {
        SessionConfig c = ConfigResolver.resolve(SessionConfig.empty(), Map.of(), null);
        assertThat(c.idleTimeout()).contains(Duration.ofMinutes(15));
        assertThat(c.maxLifetime()).contains(Duration.ofHours(4));
        assertThat(c.glueVersion()).contains("4.0");
        assertThat(c.tags()).containsExactly(Map.entry("created-by", "glivy"));
        assertThat(c.settings())
                .containsExactlyInAnyOrder(
                        Setting.IDLE_TIMEOUT, Setting.MAX_LIFETIME, Setting.GLUE_VERSION, Setting.TAGS);
        assertThat(c.settings()).allSatisfy(s -> assertThat(c.source(s)).contains(ConfigSource.DEFAULT));
        assertThat(c.validate()).isEmpty();
        assertThat(c.describe()).contains("%idle_timeout = 15 min  (DEFAULT)", "%tags = {created-by=glivy}  (DEFAULT)");
    }

    @Test
    @DisplayName("explicit > environment > AWS profile > defaults, and each value says where it came from")
    void layers() throws IOException {
        Path file = awsConfig(
                "[default]",
                "glue_role_arn = arn:aws:iam::123456789012:role/FromProfile",
                "glue_idle_timeout = 45",
                "glue_worker_type = G.2X",
                "glue_number_of_workers = 3",
                "region = eu-west-1",
                "glue_tags = {\"team\": \"profile\", \"cost\": \"p\"}",
                "aws_secret_access_key = SHOULD_NOT_BE_READ");
        Map<String, String> env = Map.of(
                "glue_idle_timeout",
                "20",
                "GLUE_NUMBER_OF_WORKERS",
                "4",
                "glue_tags",
                "{\"team\": \"env\", \"env\": \"e\"}",
                "AWS_REGION",
                "us-west-2");
        SessionConfig explicit = SessionConfig.builder()
                .numberOfWorkers(8)
                .tags(Map.of("team", "explicit"))
                .build();
        SessionConfig c = ConfigResolver.resolve(explicit, env, file);
        assertThat(c.numberOfWorkers()).contains(8);
        assertThat(c.source(Setting.NUMBER_OF_WORKERS)).contains(ConfigSource.EXPLICIT);
        assertThat(c.idleTimeout()).contains(Duration.ofMinutes(20));
        assertThat(c.source(Setting.IDLE_TIMEOUT)).contains(ConfigSource.ENVIRONMENT);
        assertThat(c.region()).contains("us-west-2");
        assertThat(c.source(Setting.REGION)).contains(ConfigSource.ENVIRONMENT);
        assertThat(c.iamRole()).contains("arn:aws:iam::123456789012:role/FromProfile");
        assertThat(c.source(Setting.IAM_ROLE)).contains(ConfigSource.AWS_PROFILE);
        assertThat(c.workerType()).contains(WorkerType.G_2X);
        assertThat(c.source(Setting.WORKER_TYPE)).contains(ConfigSource.AWS_PROFILE);
        assertThat(c.maxLifetime()).contains(SessionConfig.DEFAULT_MAX_LIFETIME);
        assertThat(c.source(Setting.MAX_LIFETIME)).contains(ConfigSource.DEFAULT);
        assertThat(c.tags())
                .containsOnly(
                        Map.entry("created-by", "glivy"),
                        Map.entry("team", "explicit"),
                        Map.entry("cost", "p"),
                        Map.entry("env", "e"));
        assertThat(c.source(Setting.TAGS)).contains(ConfigSource.EXPLICIT);
        assertThat(c.describe())
                .contains("%iam_role = arn:aws:iam::123456789012:role/FromProfile  (AWS_PROFILE)")
                .doesNotContain("SHOULD_NOT_BE_READ");
    }

    @Test
    @DisplayName("the AWS profile is chosen by %profile, else glue_profile / AWS_PROFILE / AWS_DEFAULT_PROFILE")
    void profileChoice() throws IOException {
        Path file = awsConfig(
                "[default]",
                "glue_worker_type = G.1X",
                "[profile dev]",
                "glue_worker_type = G.2X",
                "[profile prod]",
                "glue_worker_type = G.4X",
                "[sso-session dev]",
                "glue_worker_type = G.8X");
        assertThat(ConfigResolver.resolve(SessionConfig.empty(), Map.of(), file).workerType())
                .contains(WorkerType.G_1X);
        assertThat(ConfigResolver.resolve(SessionConfig.empty(), Map.of("AWS_PROFILE", "dev"), file)
                        .workerType())
                .contains(WorkerType.G_2X);
        assertThat(ConfigResolver.resolve(SessionConfig.empty(), Map.of("AWS_DEFAULT_PROFILE", "prod"), file)
                        .workerType())
                .contains(WorkerType.G_4X);
        SessionConfig explicit = SessionConfig.builder().profile("prod").build();
        SessionConfig c = ConfigResolver.resolve(explicit, Map.of("AWS_PROFILE", "dev"), file);
        assertThat(c.workerType()).contains(WorkerType.G_4X);
        assertThat(c.profile()).contains("prod");
        SessionConfig fromEnv = ConfigResolver.resolve(SessionConfig.empty(), Map.of("AWS_PROFILE", "dev"), file);
        assertThat(fromEnv.profile()).contains("dev");
        assertThat(fromEnv.source(Setting.PROFILE)).contains(ConfigSource.ENVIRONMENT);
        assertThat(ConfigResolver.resolve(SessionConfig.empty(), Map.of("AWS_PROFILE", "missing"), file)
                        .workerType())
                .isEmpty();
    }

    @Test
    @DisplayName("kernel aliases: glue_role_arn before glue_iam_role, glue_job_type, names with or without glue_")
    void aliases() throws IOException {
        Map<String, String> env = Map.of(
                "glue_role_arn",
                "arn:aws:iam::123456789012:role/A",
                "glue_iam_role",
                "arn:aws:iam::123456789012:role/B",
                "glue_job_type",
                "streaming",
                "spark_conf",
                "spark.x=1",
                "session_id_prefix",
                "nb",
                "AWS_DEFAULT_REGION",
                "ap-south-1",
                "GLUE_CONNECTIONS",
                "a,b",
                "glue_session_language",
                "scala",
                "glue_configure",
                "{\"k\": \"v\"}");
        SessionConfig c = ConfigResolver.resolve(
                SessionConfig.empty(), env, awsConfig("[default]", "glue_version = 5.0", "glue_glue_version = 3.0"));
        assertThat(c.iamRole()).contains("arn:aws:iam::123456789012:role/A");
        assertThat(c.sessionType()).contains(SessionType.STREAMING);
        assertThat(c.sparkConf()).contains("spark.x=1");
        assertThat(c.sessionIdPrefix()).contains("nb");
        assertThat(c.region()).contains("ap-south-1");
        assertThat(c.connections()).containsExactly("a", "b");
        assertThat(c.language()).contains(dev.glivy.Language.SCALA);
        assertThat(c.options()).containsEntry("k", "v");
        assertThat(c.glueVersion()).contains("5.0");
        assertThat(c.source(Setting.GLUE_VERSION)).contains(ConfigSource.AWS_PROFILE);
    }

    @Test
    @DisplayName("every unreadable environment or profile value is reported together, naming the variable")
    void badValuesTogether() throws IOException {
        Map<String, String> env =
                Map.of("glue_idle_timeout", "soon", "glue_tags", "{'a': True}", "glue_worker_type", "huge");
        Path file = awsConfig("[default]", "glue_number_of_workers = many");
        assertThatThrownBy(() -> ConfigResolver.resolve(SessionConfig.empty(), env, file))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith(
                                    "AWS config profile 'default' key glue_number_of_workers: %number_of_workers must be a "
                                            + "whole number but was 'many'"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith(
                                    "environment variable glue_idle_timeout: %idle_timeout (minutes) must be a whole"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith("environment variable glue_tags: %%tags must be strict JSON"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith("environment variable glue_worker_type: worker_type must be one of"));
                });
    }

    @Test
    @DisplayName("a glue_assume_role holding credentials is refused without repeating it")
    void assumeRoleSecretsNotEchoed() {
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        SessionConfig.empty(), Map.of("glue_assume_role", "{\"SecretAccessKey\": \"s3cr3t\"}"), null))
                .hasMessageContaining("environment variable glue_assume_role: %%assume_role takes a role ARN")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() ->
                        ConfigResolver.resolve(SessionConfig.empty(), Map.of("glue_assume_role", "AKIA\ns3cr3t"), null))
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    @DisplayName("blank values and a missing file are ignored")
    void blanksAndMissingFile() {
        SessionConfig c =
                ConfigResolver.resolve(SessionConfig.empty(), Map.of("glue_region", "  "), dir.resolve("nope"));
        assertThat(c.region()).isEmpty();
    }

    @Test
    @DisplayName("random environment values only ever raise InvalidConfigException")
    void randomEnvironment() {
        Random random = new Random(99);
        List<String> names = List.of(
                "glue_idle_timeout",
                "glue_tags",
                "glue_worker_type",
                "glue_number_of_workers",
                "glue_connections",
                "glue_max_capacity",
                "glue_configure",
                "glue_session_type",
                "glue_region",
                "glue_session_language",
                "AWS_PROFILE");
        String pieces = "{}[]\",:0123456789 .eEaG\u0000'Xx-";
        for (int i = 0; i < 2000; i++) {
            StringBuilder v = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--) {
                v.append(pieces.charAt(random.nextInt(pieces.length())));
            }
            Map<String, String> env = Map.of(names.get(random.nextInt(names.size())), v.toString());
            try {
                ConfigResolver.resolve(SessionConfig.empty(), env, null).validate();
            } catch (InvalidConfigException e) {
                assertThat(e.problems()).isNotEmpty();
            }
        }
    }
}
