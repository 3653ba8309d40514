package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.internal.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Session;

@DisplayName("SessionMapper turns Glue sessions into SessionInfo with state, cost and safe attributes")
class SessionMapperTest {
    @Test
    @DisplayName("every Glue session status; TIMEOUT is EXPIRED")
    void states() {
        Map<String, SessionState> expected = Map.of(
                "PROVISIONING",
                SessionState.STARTING,
                "READY",
                SessionState.IDLE,
                "FAILED",
                SessionState.FAILED,
                "TIMEOUT",
                SessionState.EXPIRED,
                "STOPPING",
                SessionState.STOPPING,
                "STOPPED",
                SessionState.STOPPED,
                "SOMETHING_NEW",
                SessionState.UNKNOWN);
        expected.forEach(
                (glue, ours) -> assertThat(SessionMapper.state(glue)).as(glue).isEqualTo(ours));
    }

    @Test
    @DisplayName("FAILED carries Glue's error message, TIMEOUT says expired; a ready session has none")
    void errorMessages() {
        Session failed = Session.builder()
                .id("s")
                .status("FAILED")
                .errorMessage("Insufficient capacity")
                .build();
        assertThat(SessionMapper.info(failed, "us-east-1", 0.44).errorMessage()).contains("Insufficient capacity");
        Session timeout =
                Session.builder().id("s").status("TIMEOUT").idleTimeout(15).build();
        assertThat(SessionMapper.info(timeout, null, 0.44).errorMessage())
                .hasValueSatisfying(m ->
                        assertThat(m).contains("expired").contains("TIMEOUT").contains("15 minutes"));
        Session ready =
                Session.builder().id("s").status("READY").errorMessage("string").build();
        assertThat(SessionMapper.info(ready, null, 0.44).errorMessage()).isEmpty();
    }

    @Test
    @DisplayName("DPUs from workers, max capacity or Glue's default; cost with the one-minute minimum")
    void cost() {
        assertThat(SessionMapper.dpus(Session.builder()
                        .numberOfWorkers(2)
                        .workerType("G.2X")
                        .maxCapacity(4.0)
                        .build()))
                .isEqualTo(4.0);
        assertThat(SessionMapper.dpus(Session.builder().maxCapacity(3.0).build()))
                .isEqualTo(3.0);
        assertThat(SessionMapper.dpus(Session.builder().build())).isEqualTo(5.0);
        // 2 workers x G.2X = 4 DPU for 30 min = 7200 DPU-seconds = 2 DPU-hours = 0.88 USD
        assertThat(SessionMapper.estimatedCost(7200.0, null, 4, 0.44)).isCloseTo(0.88, within(1e-9));
        assertThat(SessionMapper.estimatedCost(null, Duration.ofMinutes(30), 4, 0.44))
                .isCloseTo(0.88, within(1e-9));
        // 10 seconds are billed as one minute
        assertThat(SessionMapper.estimatedCost(null, Duration.ofSeconds(10), 4, 0.44))
                .isCloseTo(4 * 60 / 3600.0 * 0.44, within(1e-9));
        assertThat(SessionMapper.estimatedCost(null, null, 4, 0.44)).isZero();
    }

    @Test
    @DisplayName("attributes describe the session; default-argument values never appear; secrets are redacted")
    void attributes() {
        Session s = Session.builder()
                .id("s1")
                .status("READY")
                .createdOn(Instant.EPOCH)
                .role("arn:role")
                .glueVersion("4.0")
                .command(c -> c.name("glueetl"))
                .workerType("G.1X")
                .numberOfWorkers(3)
                .idleTimeout(15)
                .executionTime(120.0)
                .dpuSeconds(360.0)
                .defaultArguments(Map.of(
                        "--conf",
                        "spark.hadoop.fs.s3a.secret.key=abc",
                        "--session-language",
                        "scala",
                        "--db-password",
                        "hunter2",
                        "--extra-jars",
                        "s3://b/x.jar"))
                .build();
        SessionInfo info = SessionMapper.info(s, "eu-west-1", 0.44);
        assertThat(info.state()).isEqualTo(SessionState.IDLE);
        assertThat(info.executionTime()).contains(Duration.ofMinutes(2));
        assertThat(info.dpuSeconds().getAsDouble()).isEqualTo(360.0);
        assertThat(info.attributes())
                .containsEntry("region", "eu-west-1")
                .containsEntry("language", "scala")
                .containsEntry("workerType", "G.1X")
                .containsEntry("numberOfWorkers", "3")
                .containsEntry("estimatedCostUsd", "0.0440")
                .doesNotContainKey("maxCapacity");
        assertThat(info.toString()).doesNotContain("abc").doesNotContain("hunter2");
        assertThat(SessionMapper.language(s)).isEqualTo(Language.SCALA);
        assertThat(SessionMapper.redactedArguments(s))
                .containsEntry("--conf", "spark.hadoop.fs.s3a.secret.key=" + Redaction.MASK)
                .containsEntry("--db-password", Redaction.MASK)
                .containsEntry("--extra-jars", "s3://b/x.jar");
    }
}
