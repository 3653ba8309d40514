package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionState;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A short smoke test against real AWS Glue: the seed's cheap cell (2 x G.1X, 2-minute idle timeout), one statement,
 * one typed SQL query, {@code %status}, then stop. Costs about one DPU-minute minimum per worker (a few cents).
 *
 * <p>Runs only with {@code mvn -Plive-aws verify -pl glue-client} (system property {@code glivy.live.aws=true}) and
 * {@code GLIVY_LIVE_ROLE_ARN} set to a Glue service role you may pass; AWS credentials and region come from the
 * SDK's default chains ({@code AWS_PROFILE}, {@code AWS_REGION}, ...). Skipped, with the reason, otherwise.
 */
@DisplayName("Live AWS Glue smoke test (profile live-aws)")
class LiveAwsSmokeIT {
    @Test
    @DisplayName("start, run Python and SQL, %status, stop on real Glue")
    void smoke() {
        assumeTrue(
                Boolean.getBoolean("glivy.live.aws"),
                "live AWS tests are off: run with -Plive-aws "
                        + "(and GLIVY_LIVE_ROLE_ARN plus AWS credentials) to run them");
        String role = System.getenv("GLIVY_LIVE_ROLE_ARN");
        assumeTrue(
                role != null && !role.isBlank(),
                "GLIVY_LIVE_ROLE_ARN is not set: give the ARN of a Glue "
                        + "service role to run the live AWS smoke test");
        try (GlueTransport glue = GlueTransport.create();
                GlueAdmin admin = GlueAdmin.create()) {
            InteractiveSession s = InteractiveSession.builder()
                    .transport(glue)
                    .magics("%glue_version 4.0\n%number_of_workers 2\n%worker_type G.1X\n%idle_timeout 2\n"
                            + "%timeout 15\n%session_id_prefix glivy-smoke")
                    .config(c -> c.iamRole(role))
                    .startTimeout(Duration.ofMinutes(5))
                    .statementTimeout(Duration.ofMinutes(5))
                    .start();
            try {
                StatementResult hello = s.execute("print(\"hello from glivy\")");
                assertThat(hello.text()).contains("hello from glivy");
                SqlResult one = s.sql("select 1 as one");
                assertThat(one.row(0).getInt("one")).isEqualTo(1);
                GlueSessionStatus status = admin.status(s.id().orElseThrow());
                assertThat(status.status()).isEqualTo("READY");
                assertThat(status.tags()).containsEntry("created-by", "glivy");
            } finally {
                s.close();
            }
            assertThat(s.state()).isEqualTo(SessionState.STOPPED);
            assertThat(glue.getSession(s.id().orElseThrow()).join().state())
                    .isIn(SessionState.STOPPING, SessionState.STOPPED);
        }
    }
}
