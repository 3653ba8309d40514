package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.sts.model.StsException;

@DisplayName("GlueErrorMapper: no secret from AWS error text reaches a message, a toString or a printed cause chain")
class GlueErrorRedactionTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SIGNATURE = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String PRESIGNED = "https://bucket.s3.us-east-1.amazonaws.com/glivy-results/part-0.json.gz"
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + KEY_ID + "%2F20261207%2Fus-east-1%2Fs3%2F"
            + "aws4_request&X-Amz-Date=20261207T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
            + "&X-Amz-Security-Token=" + TOKEN + "&X-Amz-Signature=" + SIGNATURE;
    private static final List<String> SECRETS = List.of(KEY_ID, SIGNATURE, TOKEN, SECRET);

    private static GlueException service(String code, int status, String message) {
        return (GlueException) GlueException.builder()
                .statusCode(status)
                .requestId("req-9")
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    /** Everything a user could see of {@code e}: message, toString and the printed stack trace with its causes. */
    private static String everything(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return e.getMessage() + "\n" + e + "\n" + w;
    }

    private static void assertNoSecret(Throwable e) {
        String all = everything(e);
        for (String s : SECRETS) {
            assertThat(all).as("leaks %s", s).doesNotContain(s);
        }
    }

    @Test
    @DisplayName("a service error quoting a presigned URL: the message keeps the URL's path, the cause is a stand-in")
    void presignedUrlInServiceError() {
        GlueException aws = service("AccessDeniedException", 403, "Access Denied for " + PRESIGNED);
        assertThat(everything(aws))
                .as("the test's input really carries the secrets")
                .contains(SIGNATURE);
        RuntimeException mapped = GlueErrorMapper.map(new CompletionException(aws), "S3 GetObject", "s1");
        assertNoSecret(mapped);
        assertThat(mapped)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("https://bucket.s3.us-east-1.amazonaws.com/glivy-results/part-0.json.gz")
                .hasMessageContaining("X-Amz-Signature=****")
                .hasMessageContaining("AccessDeniedException")
                .hasMessageContaining("req-9");
        SessionBackendException b = (SessionBackendException) mapped;
        assertThat(b.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(b.statusCode()).isEqualTo(403);
        assertThat(b.getCause()).isInstanceOfSatisfying(RedactedCause.class, c -> assertThat(c.type())
                .isEqualTo(aws.getClass().getName()));
        assertThat(b.getCause().getStackTrace()).isEqualTo(aws.getStackTrace());
        assertThat(b.getCause().toString()).startsWith(aws.getClass().getName());
    }

    @Test
    @DisplayName("secret key=value pairs and session tokens in an STS error are masked")
    void keyValueSecrets() {
        StsException sts = (StsException) StsException.builder()
                .statusCode(400)
                .message("x")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("InvalidClientTokenId")
                        .errorMessage("The security token included in the request is invalid: aws_secret_access_key="
                                + SECRET + ", sessionToken: \"" + TOKEN + "\", Credential=" + KEY_ID
                                + "/20261207/us-east-1")
                        .build())
                .build();
        RuntimeException mapped = GlueErrorMapper.map(sts, "STS GetCallerIdentity (whoami)", null);
        assertNoSecret(mapped);
        assertThat(mapped)
                .hasMessageContaining("InvalidClientTokenId")
                .hasMessageContaining("Check the AWS credentials");
    }

    @Test
    @DisplayName("a client (I/O) error whose cause chain quotes a presigned URL: every link is redacted")
    void clientErrorCauseChain() {
        IOException io = new IOException("Connection reset while reading " + PRESIGNED);
        SdkClientException sdk = SdkClientException.builder()
                .message("Unable to execute HTTP request: " + PRESIGNED)
                .cause(io)
                .build();
        RuntimeException mapped = GlueErrorMapper.map(sdk, "S3 GetObject of part-0", "s1");
        assertThat(mapped).isInstanceOf(SessionTransportException.class);
        assertNoSecret(mapped);
        assertThat(mapped.getCause().getCause())
                .isInstanceOf(RedactedCause.class)
                .hasMessageContaining("Connection reset while reading");
    }

    @Test
    @DisplayName("an error without secrets keeps the SDK exception itself as the cause")
    void harmlessKeepsCause() {
        GlueException aws = service("EntityNotFoundException", 400, "Session glivy-1 not found");
        assertThat(GlueErrorMapper.map(aws, "Glue GetSession", "glivy-1").getCause())
                .isSameAs(aws);
        assertThat(GlueErrorMapper.cause(new CompletionException(aws))).isSameAs(aws);
    }

    @Test
    @DisplayName("the helpers other classes quote AWS text with (notes, logs) redact too")
    void helpers() {
        GlueException aws = service("AccessDeniedException", 403, "denied: " + PRESIGNED);
        for (String s : List.of(
                GlueErrorMapper.message(aws),
                GlueErrorMapper.describe(new CompletionException(aws)),
                GlueErrorMapper.text("token=" + TOKEN + " secret=" + SECRET))) {
            for (String secret : SECRETS) {
                assertThat(s).doesNotContain(secret);
            }
        }
        Throwable checked = new Exception("failed " + PRESIGNED);
        RuntimeException mapped = GlueErrorMapper.map(checked, "S3 ListObjectsV2", null);
        assertNoSecret(mapped);
    }
}
