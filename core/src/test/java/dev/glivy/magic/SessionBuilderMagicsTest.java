package dev.glivy.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionRuntime;
import dev.glivy.config.ConfigSource;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.ManualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SessionBuilder.magics(...)} end to end: parsing, layering and validation, without a remote call. */
class SessionBuilderMagicsTest {
    @TempDir
    Path dir;

    private SessionBuilder builder(Map<String, String> env, Path awsConfig) {
        ManualScheduler scheduler = new ManualScheduler();
        return InteractiveSession.builder()
                .transport(new FakeSessionTransport(scheduler.clock()))
                .runtime(SessionRuntime.builder()
                        .scheduler(scheduler)
                        .executor(Runnable::run)
                        .clock(scheduler.clock())
                        .build())
                .stopOnJvmShutdown(false)
                .environment(env)
                .awsConfigFile(awsConfig);
    }

    @Test
    @DisplayName("magics override the environment, which overrides the AWS profile, over Glivy's defaults")
    void magicsInTheLayers() throws IOException {
        Path file = dir.resolve("config");
        Files.write(
                file,
                List.of(
                        "[profile team]",
                        "glue_worker_type = G.2X",
                        "glue_number_of_workers = 2",
                        "glue_tags = {\"team\": \"data\"}"));
        try (InteractiveSession s = builder(Map.of("AWS_PROFILE", "team", "glue_number_of_workers", "3"), file)
                .magics("%idle_timeout 30\n%%tags\n{\"run\": \"nightly\"}")
                .build()) {
            SessionConfig c = s.config();
            assertThat(c.idleTimeout()).contains(Duration.ofMinutes(30));
            assertThat(c.source(Setting.IDLE_TIMEOUT)).contains(ConfigSource.EXPLICIT);
            assertThat(c.numberOfWorkers()).contains(3);
            assertThat(c.source(Setting.NUMBER_OF_WORKERS)).contains(ConfigSource.ENVIRONMENT);
            assertThat(c.workerType()).contains(WorkerType.G_2X);
            assertThat(c.source(Setting.WORKER_TYPE)).contains(ConfigSource.AWS_PROFILE);
            assertThat(c.maxLifetime()).contains(SessionConfig.DEFAULT_MAX_LIFETIME);
            assertThat(c.source(Setting.MAX_LIFETIME)).contains(ConfigSource.DEFAULT);
            assertThat(c.tags())
                    .containsOnly(
                            Map.entry("created-by", "glivy"), Map.entry("team", "data"), Map.entry("run", "nightly"));
        }
    }

    @Test
    @DisplayName("magics() refuses action magics and code; build() reports every validation problem")
    void problems() {
        Path none = dir.resolve("none");
        assertThatThrownBy(() -> builder(Map.of(), none).magics("%status\n%idle_timeout 30\nprint(1)"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .hasSize(2));
        assertThatThrownBy(() -> builder(Map.of(), none).magics("%idle_timeout x\n%number_of_workers y"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .hasSize(2));
        assertThatThrownBy(() -> builder(Map.of(), none)
                        .magics("%number_of_workers 0\n%glue_version 1.0\n" + "%idle_timeout 600")
                        .build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "%number_of_workers must be between 1 and 1000 but was 0",
                                "%glue_version must be 2.0 or later, written major.minor (for example 4.0 or 5.0), but was "
                                        + "'1.0'",
                                "%idle_timeout (600 minutes) must not exceed %timeout (240 minutes, Glivy's default), the "
                                        + "session's maximum lifetime; set %timeout too"));
    }
}
