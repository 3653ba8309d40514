package dev.glivy.livy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.SessionConfig;
import dev.glivy.livy.LivyTransport;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The endpoint form, region parsing, builder checks and reported settings of {@link EmrServerlessLivy}. */
class EmrServerlessLivyTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/EMRServerlessExecutionRole";
    private static final StaticCredentialsProvider CREDS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDUNITTEST00000001", "unit/test/secret/key/000000000000000000"));

    @Test
    void endpointFromApplicationIdAndRegionAsTheUserGuideGivesIt() {
        assertThat(EmrServerlessLivy.endpoint("00fabcdefg123456", "us-east-1"))
                .hasToString("https://00fabcdefg123456.livy.emr-serverless-services.us-east-1.amazonaws.com");
        assertThat(EmrServerlessLivy.endpoint("00fabcdefg123456", "cn-north-1").getHost())
                .endsWith(".cn-north-1.amazonaws.com.cn");
        assertThatThrownBy(() -> EmrServerlessLivy.endpoint("Bad_Id", "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applicationId must be");
        assertThatThrownBy(() -> EmrServerlessLivy.endpoint("00f", "useast1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region must be");
    }

    @Test
    void regionIsReadFromTheEndpointHost() {
        assertThat(EmrServerlessLivy.regionOf(
                        URI.create("https://00fabc.livy.emr-serverless-services.eu-west-1.amazonaws.com")))
                .contains("eu-west-1");
        assertThat(EmrServerlessLivy.regionOf(URI.create("https://livy.example.com")))
                .isEmpty();
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        assertThatThrownBy(() ->
                        EmrServerlessLivy.builder().credentialsProvider(CREDS).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("applicationId(...) or endpoint(...) must be set")
                .hasMessageContaining("executionRoleArn(...) must be set");
        assertThatThrownBy(() -> EmrServerlessLivy.builder()
                        .applicationId("00f")
                        .endpoint(URI.create("https://x.example.com"))
                        .executionRoleArn(ROLE)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both set");
        assertThatThrownBy(() -> EmrServerlessLivy.builder().executionRoleArn("role/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IAM role ARN");
    }

    @Test
    void theTransportSignsForTheEndpointsRegionAndShowsNoSecret() {
        try (LivyTransport t = EmrServerlessLivy.builder()
                .applicationId("00fabcdefg123456")
                .region("eu-west-1")
                .executionRoleArn(ROLE)
                .credentialsProvider(CREDS)
                .build()) {
            assertThat(t.endpoint())
                    .isEqualTo("https://00fabcdefg123456.livy.emr-serverless-services.eu-west-1.amazonaws.com");
            assertThat(t.toString())
                    .contains("signer=aws-sigv4 (emr-serverless, eu-west-1)")
                    .doesNotContain("AKIDUNITTEST")
                    .doesNotContain("unit/test/secret");
        }
    }

    @Test
    void yarnOnlyConfigureFieldsAreReported() {
        SessionConfig config = SessionConfig.builder()
                .options(Map.of("queue", "etl", "proxyUser", "bob"))
                .build();
        try (LivyTransport t = EmrServerlessLivy.builder()
                .applicationId("00fabcdefg123456")
                .region("us-east-1")
                .executionRoleArn(ROLE)
                .credentialsProvider(CREDS)
                .livy(b -> b.serverVersion("0.7.1"))
                .build()) {
            assertThat(t.unsupportedSettings(config))
                    .anySatisfy(n -> assertThat(n).startsWith("%%configure \"queue\" names a YARN queue"))
                    .anySatisfy(n -> assertThat(n).startsWith("%%configure \"proxyUser\" asks for Livy impersonation"));
            assertThat(t.unsupportedSettings(SessionConfig.empty())).isEmpty();
        }
    }
}
