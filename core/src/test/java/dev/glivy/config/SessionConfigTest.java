package dev.glivy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

    @Test
    @DisplayName("the cost-safe defaults are pinned: 15 idle minutes, 4 hours, Glue 4.0, created-by=glivy")
    void costSafeDefaults() {
        assertThat(SessionConfig.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofMinutes(15));
        assertThat(SessionConfig.DEFAULT_MAX_LIFETIME).isEqualTo(Duration.ofHours(4));
        assertThat(SessionConfig.DEFAULT_GLUE_VERSION).isEqualTo("4.0");
        assertThat(SessionConfig.CREATED_BY_TAG).isEqualTo("created-by");
        assertThat(SessionConfig.CREATED_BY_VALUE).isEqualTo("glivy");
        assertThat(SessionConfig.DEFAULT_IDLE_TIMEOUT).isLessThan(Duration.ofHours(48));
    }

    @Test
    @DisplayName("values keep their source; toBuilder copies both; set() checks the value's type")
    void sourcesAndTypes() {
        SessionConfig c = SessionConfig.builder()
                .idleTimeout(Duration.ofMinutes(5))
                .source(Setting.IDLE_TIMEOUT, ConfigSource.ENVIRONMENT)
                .region("us-east-1")
                .build();
        assertThat(c.source(Setting.IDLE_TIMEOUT)).contains(ConfigSource.ENVIRONMENT);
        assertThat(c.source(Setting.REGION)).contains(ConfigSource.EXPLICIT);
        assertThat(c.source(Setting.MAX_LIFETIME)).isEmpty();
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThatThrownBy(() -> SessionConfig.builder().set(Setting.NUMBER_OF_WORKERS, "2"))
                .hasMessage("number_of_workers must be a Integer but was a String");
        assertThatThrownBy(() -> SessionConfig.builder().source(Setting.REGION, ConfigSource.DEFAULT))
                .isInstanceOf(IllegalStateException.class);
        assertThat(SessionConfig.builder()
                        .connections(List.of("a"))
                        .unset(Setting.CONNECTIONS)
                        .build()
                        .settings())
                .isEmpty();
    }

    @Test
    @DisplayName("describe() and toString() mask secret-looking option and Spark conf values")
    void noSecretsShown() {
        SessionConfig c = SessionConfig.builder()
                .options(Map.of("db.password", "hunter2", "conf", Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t")))
                .sparkConf("spark.x.token=t0k spark.y=2")
                .idleTimeout(Duration.ofMinutes(15))
                .build();
        assertThat(c.describe())
                .doesNotContain("hunter2", "s3cr3t", "t0k")
                .contains("spark.y=2", "%idle_timeout = 15 min  (EXPLICIT)");
        assertThat(c.toString()).doesNotContain("hunter2", "s3cr3t", "t0k").startsWith("SessionConfig{");
        assertThat(c.options()).containsEntry("db.password", "hunter2");
    }

    @Test
    @DisplayName("validate() returns every problem of the configuration")
    void validate() {
        assertThat(SessionConfig.builder()
                        .numberOfWorkers(0)
                        .glueVersion("1.0")
                        .build()
                        .validate())
                .hasSize(2);
        assertThat(SessionConfig.empty().validate()).isEmpty();
    }

    @Test
    @DisplayName("worker types: known ones case-insensitively, newer well-formed ones accepted, others refused")
    void workerTypes() {
        assertThat(WorkerType.of(" g.1x ")).isSameAs(WorkerType.G_1X);
        assertThat(WorkerType.of("R.1X").isKnown()).isFalse();
        assertThat(WorkerType.of("G.16X")).isEqualTo(WorkerType.of("G.16X"));
        assertThatThrownBy(() -> WorkerType.of("G1X"))
                .hasMessage(
                        "worker_type must be one of Standard, G.025X, "
                                + "G.1X, G.2X, G.4X, G.8X, G.12X, Z.2X or a newer type of the form <letter>.<n>X, but was 'G1X'");
        assertThat(WorkerType.G_025X.dpu()).isEqualTo(0.25);
    }

    @Test
    @DisplayName("session types: names, command names, pretty names and newer glue* commands")
    void sessionTypes() {
        assertThat(SessionType.of("Spark ETL")).isEqualTo(SessionType.ETL);
        assertThat(SessionType.of("gluestreaming")).isEqualTo(SessionType.STREAMING);
        assertThat(SessionType.of("glueray").isKnown()).isFalse();
        assertThat(SessionType.of("glueray").command()).isEqualTo("glueray");
        assertThatThrownBy(() -> SessionType.of("batch")).hasMessageEndingWith("but was 'batch'");
    }

    @Test
    @DisplayName("settings are found by magic or environment name; unknown names list the known ones")
    void settings() {
        assertThat(Setting.of("%idle_timeout")).isEqualTo(Setting.IDLE_TIMEOUT);
        assertThat(Setting.of("GLUE_WORKER_TYPE")).isEqualTo(Setting.WORKER_TYPE);
        assertThat(Setting.IDLE_TIMEOUT.envName()).isEqualTo("glue_idle_timeout");
        assertThatThrownBy(() -> Setting.of("colour"))
                .hasMessageStartingWith("unknown setting 'colour'; known " + "settings: iam_role, region,");
    }

    @Test
    @DisplayName("InvalidConfigException lists every problem")
    void invalidConfigException() {
        InvalidConfigException one = new InvalidConfigException(List.of("a is bad"));
        assertThat(one.getMessage()).isEqualTo("Invalid configuration: a is bad");
        InvalidConfigException two = new InvalidConfigException(List.of("a", "b"));
        assertThat(two.getMessage()).isEqualTo("Invalid configuration (2 problems):\n  - a\n  - b");
        assertThat(two.problems()).containsExactly("a", "b");
        assertThat(two).isInstanceOf(IllegalArgumentException.class);
    }
}
