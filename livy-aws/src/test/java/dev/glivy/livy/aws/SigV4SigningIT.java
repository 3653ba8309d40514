package dev.glivy.livy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.LivyTransport;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * SigV4 signing against a proxy that recomputes each signature with botocore: valid requests pass, a wrong secret
 * key or no signature at all is refused with 403 and Glivy says the signature or credentials were rejected (without
 * showing any secret, though the server echoes the Authorization header), retried and paged requests are each
 * signed anew, and the execution role reaches the create body.
 */
class SigV4SigningIT {
    private static final String ROLE = SignedLivyContractIT.ROLE;

    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer();

    @RegisterExtension
    final SigV4Proxy proxy = new SigV4Proxy(livy::url);

    private EmrServerlessLivy.Builder emr(AwsCredentialsProvider creds) {
        return EmrServerlessLivy.builder()
                .endpoint(URI.create(proxy.url()))
                .region(SigV4Proxy.REGION)
                .executionRoleArn(ROLE)
                .credentialsProvider(creds)
                .livy(b -> b.httpClient(livy.client()));
    }

    private static CreateSessionRequest request(String token) {
        return CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, token);
    }

    @Test
    void aSessionRunsThroughTheCheckingProxyWithTheExecutionRoleInItsConf() throws Exception {
        try (InteractiveSession s = InteractiveSession.builder()
                .transport(emr(SignedLivyContractIT.credentials()))
                .start()) {
            assertThat(s.execute("1 + 1").text()).contains("1 + 1");
        }
        assertThat(livy.requests("createSession")).singleElement().satisfies(r -> assertThat(r.body())
                .contains("\"emr-serverless.session.executionRoleArn\":\"" + ROLE + "\""));
        assertThat(proxy.requests()).hasSizeGreaterThan(3).allSatisfy(r -> assertThat(r.problem())
                .isNull());
        assertThat(livy.requests()).allSatisfy(r -> assertThat(r.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + SigV4Proxy.ACCESS_KEY + "/"));
    }

    @Test
    void aWrongSecretKeyIsRefusedWith403AndTheErrorSaysSoWithoutSecrets() {
        StaticCredentialsProvider wrong = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                SigV4Proxy.ACCESS_KEY, "wrong/secret/key/0123456789abcdefghijklmn", SigV4Proxy.SESSION_TOKEN));
        try (LivyTransport t = emr(wrong).build()) {
            assertThatThrownBy(() -> t.createSession(request("glivy-wrong")).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(SessionBackendException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage())
                                .contains("rejected the request's signature or credentials")
                                .contains("aws-sigv4 (emr-serverless, us-east-1)")
                                .doesNotContain(SigV4Proxy.ACCESS_KEY)
                                .doesNotContain(SigV4Proxy.SESSION_TOKEN)
                                .doesNotContain("wrong/secret")
                                .contains("Signature=****");
                        assertThat(proxy.requests()).last().satisfies(r -> {
                            assertThat(r.problem()).isEqualTo("signature does not match");
                            assertThat(e.getMessage()).doesNotContain(r.signature());
                        });
                    });
            assertThat(t.toString()).doesNotContain(SigV4Proxy.ACCESS_KEY).contains("aws-sigv4");
        }
        assertThat(livy.requests()).isEmpty();
    }

    @Test
    void anUnsignedRequestIsRefusedWith403AndTheErrorPointsToSigning() {
        try (LivyTransport t = LivyTransport.builder()
                .url(proxy.url())
                .httpClient(livy.client())
                .build()) {
            assertThatThrownBy(() -> t.listSessions().get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(SessionBackendException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.getMessage())
                                .contains("not signed or its signature or credentials were " + "rejected")
                                .contains("EmrServerlessLivy");
                    });
        }
        assertThat(proxy.requests()).singleElement().satisfies(r -> assertThat(r.problem())
                .isEqualTo("no Authorization header"));
    }

    @Test
    void aRetriedRequestIsSignedAnewWithFreshCredentials() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AwsCredentials creds =
                AwsSessionCredentials.create(SigV4Proxy.ACCESS_KEY, SigV4Proxy.SECRET_KEY, SigV4Proxy.SESSION_TOKEN);
        AwsCredentialsProvider counting = () -> {
            asked.incrementAndGet();
            return creds;
        };
        livy.failNext("createSession", Fault.THROTTLE);
        // no jitter: the resend comes at least 1.1 s later, so its X-Amz-Date (whole seconds) must differ
        try (InteractiveSession s = InteractiveSession.builder()
                .transport(emr(counting).livy(b -> b.serverVersion("0.7.1")))
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(1100)).jitter(0))
                .start()) {
            assertThat(s.id()).isPresent();
        }
        List<SigV4Proxy.Seen> creates = proxy.requests().stream()
                .filter(r -> r.method().equals("POST")
                        && r.path().startsWith("/sessions")
                        && !r.path().contains("/statements"))
                .toList();
        assertThat(creates).hasSize(2).allSatisfy(r -> assertThat(r.problem()).isNull());
        assertThat(creates.get(0).date()).isNotEqualTo(creates.get(1).date());
        assertThat(creates.get(0).signature()).isNotEqualTo(creates.get(1).signature());
        assertThat(asked.get()).isEqualTo(proxy.requests().size());
    }

    @Test
    void everyPageOfAListingIsSigned() throws Exception {
        try (LivyTransport t = emr(SignedLivyContractIT.credentials())
                .livy(b -> b.pageSize(1).serverVersion("0.7.1"))
                .build()) {
            for (int i = 0; i < 3; i++) {
                t.createSession(request("glivy-page-" + i)).get(30, TimeUnit.SECONDS);
            }
            assertThat(t.listSessions().get(30, TimeUnit.SECONDS)).hasSize(3);
        }
        List<SigV4Proxy.Seen> pages = proxy.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().startsWith("/sessions?"))
                .toList();
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> assertThat(r.problem())
                .isNull());
        for (int from = 0; from < 3; from++) {
            String page = "from=" + from;
            assertThat(pages)
                    .extracting(SigV4Proxy.Seen::path)
                    .anySatisfy(p -> assertThat(p).contains(page).contains("size=1"));
        }
    }
}
