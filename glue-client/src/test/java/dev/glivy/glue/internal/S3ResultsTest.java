package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.ResultFormatException;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

@DisplayName("S3Results maps side-channel failures to Glivy exceptions with the right retry decision")
class S3ResultsTest {
    private static S3Exception s3Error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    @DisplayName("access denied and a missing bucket name the S3 permissions; not retryable")
    void permissions() {
        RuntimeException e = S3Results.failure(
                new CompletionException(s3Error(403, "AccessDenied", "Access Denied")),
                "Reading the S3 result of statement 3 in session s1 from s3://b/p/run/",
                "s1");
        assertThat(e)
                .isInstanceOfSatisfying(SessionBackendException.class, b -> {
                    assertThat(b.retryable()).isFalse();
                    assertThat(b.statusCode()).isEqualTo(403);
                    assertThat(b.errorCode()).isEqualTo("AccessDenied");
                    assertThat(b.requestId()).isEqualTo("req-1");
                    assertThat(b.sessionId()).isEqualTo("s1");
                })
                .hasMessageContaining("from s3://b/p/run/ failed: AccessDenied: Access Denied")
                .hasMessageContaining("s3:ListBucket")
                .hasMessageContaining("s3:PutObject");
        assertThat(S3Results.failure(s3Error(404, "NoSuchBucket", "The specified bucket does not exist"), "x", null))
                .hasMessageContaining("s3:GetObject");
    }

    @Test
    @DisplayName("throttling (SlowDown, 503) and I/O failures are retryable; format problems are not")
    void retryDecisions() {
        assertThat(S3Results.failure(s3Error(503, "SlowDown", "Please reduce your request rate"), "x", null))
                .isInstanceOfSatisfying(SessionBackendException.class, b -> assertThat(b.retryable())
                        .isTrue());
        assertThat(S3Results.failure(new UncheckedIOException(new SocketException("Connection reset")), "x", "s1"))
                .isInstanceOfSatisfying(SessionTransportException.class, t -> {
                    assertThat(t.retryable()).isTrue();
                    assertThat(t.mayHaveReachedBackend()).isTrue();
                });
        assertThat(S3Results.failure(
                        new IllegalArgumentException("the objects hold 3 rows but the session " + "reported 4"),
                        "Reading the S3 result",
                        "s1"))
                .isInstanceOfSatisfying(ResultFormatException.class, r -> assertThat(r.retryable())
                        .isFalse())
                .hasMessage("Reading the S3 result failed: the objects hold 3 rows but the session reported 4");
        assertThat(S3Results.failure(new IOException("disk"), "x", null)).isInstanceOf(SessionTransportException.class);
    }
}
