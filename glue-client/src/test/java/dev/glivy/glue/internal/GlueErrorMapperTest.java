package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.GlueException;

@DisplayName("GlueErrorMapper maps AWS failures to retryable or final Glivy exceptions")
class GlueErrorMapperTest {
    private static GlueException service(String code, int status, String message) {
        return (GlueException) GlueException.builder()
                .statusCode(status)
                .requestId("req-9")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    private static SessionBackendException backend(Throwable t) {
        return (SessionBackendException) GlueErrorMapper.map(new CompletionException(t), "Glue GetStatement", "s1");
    }

    @Test
    @DisplayName("throttling, internal errors, operation timeouts, concurrent modification and 5xx are retryable")
    void retryable() {
        for (String code : new String[] {
            "ThrottlingException",
            "InternalServiceException",
            "OperationTimeoutException",
            "ConcurrentModificationException",
            "SessionBusyException"
        }) {
            SessionBackendException e = backend(service(code, 400, "x"));
            assertThat(e.retryable()).as(code).isTrue();
            assertThat(e.errorCode()).isEqualTo(code);
        }
        assertThat(backend(service("SomethingElse", 400, "Rate exceeded")).retryable())
                .isTrue();
        assertThat(backend(service("Whatever", 503, "down")).retryable()).isTrue();
        assertThat(backend(service("Whatever", 429, "slow down")).retryable()).isTrue();
    }

    @Test
    @DisplayName("throttling, 4xx and 502/503 prove the request had no effect; internal errors and 500/504 do not")
    void mayHaveTakenEffect() {
        for (String code : new String[] {
            "ThrottlingException",
            "InvalidInputException",
            "EntityNotFoundException",
            "ValidationException",
            "IllegalSessionStateException",
            "ConcurrentModificationException",
            "AccessDeniedException"
        }) {
            assertThat(backend(service(code, 400, "x")).mayHaveTakenEffect())
                    .as(code)
                    .isFalse();
        }
        assertThat(backend(service("SomethingElse", 400, "Rate exceeded")).mayHaveTakenEffect())
                .isFalse();
        assertThat(backend(service("Whatever", 429, "slow down")).mayHaveTakenEffect())
                .isFalse();
        assertThat(backend(service("ThrottlingException", 500, "Rate exceeded")).mayHaveTakenEffect())
                .isFalse();
        assertThat(backend(service("Whatever", 502, "bad gateway")).mayHaveTakenEffect())
                .isFalse();
        assertThat(backend(service("Whatever", 503, "unavailable")).mayHaveTakenEffect())
                .isFalse();
        assertThat(backend(service("ServiceUnavailableException", 500, "x")).mayHaveTakenEffect())
                .isFalse();
        for (String code : new String[] {"InternalServiceException", "OperationTimeoutException"}) {
            SessionBackendException e = backend(service(code, 400, "x"));
            assertThat(e.mayHaveTakenEffect()).as(code).isTrue();
            assertThat(e.retryable()).as(code).isTrue();
        }
        assertThat(backend(service("Whatever", 500, "boom")).mayHaveTakenEffect())
                .isTrue();
        assertThat(backend(service("Whatever", 504, "gateway timeout")).mayHaveTakenEffect())
                .isTrue();
        assertThat(backend(service(null, 0, "no status")).mayHaveTakenEffect()).isTrue();
    }

    @Test
    @DisplayName("a service error names the call, the code, the message, the HTTP status and the request id")
    void message() {
        SessionBackendException e = backend(service("ThrottlingException", 400, "Rate exceeded"));
        assertThat(e.getMessage())
                .startsWith("Glue GetStatement failed: ThrottlingException: Rate exceeded")
                .contains("HTTP 400")
                .contains("req-9")
                .contains("Retrying is safe");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.requestId()).isEqualTo("req-9");
        assertThat(e.sessionId()).isEqualTo("s1");
        assertThat(e.backend()).isEqualTo("glue");
    }

    @Test
    @DisplayName("access denied, bad credentials, quotas and invalid input are final, with a hint")
    void finalErrors() {
        SessionBackendException denied = backend(service("AccessDeniedException", 400, "not allowed"));
        assertThat(denied.retryable()).isFalse();
        assertThat(denied.getMessage()).contains("iam:PassRole");
        SessionBackendException expired = backend(service("ExpiredTokenException", 400, "expired"));
        assertThat(expired.retryable()).isFalse();
        assertThat(expired.getMessage()).contains("credentials");
        assertThat(backend(service("ResourceNumberLimitExceededException", 400, "quota"))
                        .getMessage())
                .contains("reap");
        assertThat(backend(service("InvalidInputException", 400, "bad")).retryable())
                .isFalse();
    }

    @Test
    @DisplayName("a refused or unresolvable connection never reached AWS; a lost answer may have")
    void transport() {
        SessionTransportException refused = (SessionTransportException) GlueErrorMapper.map(
                SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused")),
                "Glue X",
                null);
        assertThat(refused.mayHaveReachedBackend()).isFalse();
        assertThat(refused.retryable()).isTrue();
        assertThat(GlueErrorMapper.mayHaveReached(
                        SdkClientException.create("x", new UnknownHostException("glue.nowhere"))))
                .isFalse();
        assertThat(GlueErrorMapper.mayHaveReached(
                        SdkClientException.create("x", new SocketTimeoutException("connect timed out"))))
                .isFalse();
        assertThat(GlueErrorMapper.mayHaveReached(
                        SdkClientException.create("x", new SocketTimeoutException("Read timed out"))))
                .isTrue();
        assertThat(GlueErrorMapper.mayHaveReached(
                        SdkClientException.create("x", new IOException("Unexpected end of file from server"))))
                .isTrue();
        assertThat(GlueErrorMapper.mayHaveReached(ApiCallTimeoutException.create(1000)))
                .isTrue();
        SessionTransportException lost = (SessionTransportException) GlueErrorMapper.map(
                SdkClientException.create("Unable to execute HTTP request", new IOException("Unexpected end of file")),
                "Glue RunStatement",
                "s1");
        assertThat(lost.mayHaveReachedBackend()).isTrue();
        assertThat(lost.getMessage()).contains("may have reached AWS");
    }

    @Test
    @DisplayName("missing credentials are a configuration problem naming the ways to provide them")
    void noCredentials() {
        RuntimeException e = GlueErrorMapper.map(
                SdkClientException.create("Unable to load credentials from any of " + "the providers in the chain"),
                "Glue CreateSession",
                null);
        assertThat(e)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining("credentialsProvider");
    }

    @Test
    @DisplayName("Glivy's own and other runtime exceptions pass through unchanged")
    void passThrough() {
        IllegalArgumentException iae = new IllegalArgumentException("x");
        assertThat(GlueErrorMapper.map(new CompletionException(iae), "w", null)).isSameAs(iae);
        assertThat(GlueErrorMapper.is(
                        new CompletionException(service("EntityNotFoundException", 400, "gone")),
                        "EntityNotFoundException"))
                .isTrue();
        assertThat(GlueErrorMapper.errorCode(iae)).isNull();
    }
}
