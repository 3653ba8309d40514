package dev.glivy.livy.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** What the SDK-backed signer returns for one request, and that it asks for credentials every time. */
class AwsSigV4SignerTest {
    @Test
    void signsWithTheScopeDateTokenAndHostAndAsksForCredentialsEachTime() {
        AtomicInteger asked = new AtomicInteger();
        AwsCredentialsProvider rotating = () -> AwsSessionCredentials.create(
                "AKIDROTATING" + asked.incrementAndGet(), "secret-" + asked.get(), "token-" + asked.get());
        AwsSigV4Signer signer = new AwsSigV4Signer(rotating, "emr-serverless", "us-west-2");
        URI uri = URI.create("https://00f.livy.emr-serverless-services.us-west-2.amazonaws.com/sessions?from=0&size=5");
        byte[] body = "{\"kind\":\"spark\"}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> first = signer.sign("POST", uri, Map.of("X-Requested-By", "glivy"), body);
        Map<String, String> second = signer.sign("POST", uri, Map.of("X-Requested-By", "glivy"), body);

        assertThat(first.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDROTATING1/")
                .contains("/us-west-2/emr-serverless/aws4_request")
                .contains("SignedHeaders=")
                .contains("x-requested-by")
                .contains("Signature=");
        assertThat(first)
                .containsKey("X-Amz-Date")
                .containsEntry("X-Amz-Security-Token", "token-1")
                .doesNotContainKey("X-Requested-By");
        assertThat(first.get("Host")).isEqualTo("00f.livy.emr-serverless-services.us-west-2.amazonaws.com");
        assertThat(second.get("Authorization")).contains("AKIDROTATING2/").isNotEqualTo(first.get("Authorization"));
        assertThat(asked.get()).isEqualTo(2);
        assertThat(signer.toString()).isEqualTo("AwsSigV4Signer{service=emr-serverless, region=us-west-2}");
        assertThat(signer.scheme()).isEqualTo("aws-sigv4 (emr-serverless, us-west-2)");
    }
}
