package dev.glivy.livy;

import static dev.glivy.livy.LivyFaultsIT.await;
import static dev.glivy.livy.LivyFaultsIT.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.RecordedRequest;
import dev.glivy.spi.CreateSessionRequest;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Security over real HTTP and HTTPS against the fake server: CSRF header, Basic, bearer, headers, doAs, TLS. */
class LivySecurityIT {
    @TempDir
    static Path certs;

    static TestCertificates localhost;
    static TestCertificates otherName;

    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer().startDelay(Duration.ZERO);

    @BeforeAll
    static void certificates() throws Exception {
        localhost = TestCertificates.create(certs, "localhost", "ip:127.0.0.1,dns:localhost");
        otherName = TestCertificates.create(certs, "other.example", "dns:other.example");
    }

    private static String firstSessionCall(LivyTransport t) throws Exception {
        try (t) {
            return await(t.listSessions()).toString();
        }
    }

    private static Throwable listFailure(LivyTransport t) {
        try (t) {
            return failure(t.listSessions());
        }
    }

    @Test
    @DisplayName("X-Requested-By goes with every request by default, so Livy's CSRF protection lets POSTs through")
    void csrfHeader() throws Exception {
        livy.csrf(true);
        try (InteractiveSession s = InteractiveSession.builder()
                .transport(LivyTransport.builder().url(livy.url()))
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .start()) {
            assertThat(s.execute("1").succeeded()).isTrue();
        }
        assertThat(livy.requests()).allMatch(r -> "glivy".equals(r.header("X-Requested-By")));
        try (LivyTransport t =
                LivyTransport.builder().url(livy.url()).requestedBy("").build()) {
            Throwable e = failure(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "x")));
            assertThat(e).isInstanceOf(SessionBackendException.class).hasMessageContaining("X-Requested-By");
            assertThat(((SessionBackendException) e).statusCode()).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("Basic: preemptive header; wrong credentials give a 401 whose message never holds the password")
    void basic() throws Exception {
        livy.requireBasic("alice", "s3cret!");
        firstSessionCall(LivyTransport.builder()
                .url(livy.url())
                .auth(LivyAuth.basic("alice", "s3cret!"))
                .build());
        Throwable e = listFailure(LivyTransport.builder()
                .url(livy.url())
                .auth(LivyAuth.basic("alice", "wrong-pw"))
                .build());
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("auth scheme basic")
                .hasMessageNotContaining("wrong-pw")
                .hasMessageNotContaining("alice");
        assertThat(((SessionBackendException) e).retryable()).isFalse();
    }

    @Test
    @DisplayName("Basic from the URL's user-info (percent-encoded); the endpoint never shows it")
    void basicFromUrl() throws Exception {
        livy.requireBasic("bob", "p@ss:w/rd");
        String url = livy.url().replace("http://", "http://bob:p%40ss%3Aw%2Frd@");
        try (LivyTransport t = LivyTransport.builder().url(url).build()) {
            await(t.listSessions());
            assertThat(t.endpoint()).doesNotContain("bob").doesNotContain("p%40ss");
        }
    }

    @Test
    @DisplayName("bearer tokens: fixed, or asked for on every request (refreshing)")
    void bearer() throws Exception {
        livy.requireAuthorization("Bearer tok-1", "Bearer realm=\"livy\"");
        firstSessionCall(LivyTransport.builder()
                .url(livy.url())
                .auth(LivyAuth.bearer("tok-1"))
                .build());
        AtomicInteger asked = new AtomicInteger();
        try (LivyTransport t = LivyTransport.builder()
                .url(livy.url())
                .auth(LivyAuth.bearer(() -> "tok-" + asked.incrementAndGet()))
                .build()) {
            await(t.listSessions());
            assertThat(failure(t.listSessions()))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageNotContaining("tok-2");
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    @DisplayName("custom headers and doAs go with every request")
    void headersAndDoAs() throws Exception {
        firstSessionCall(LivyTransport.builder()
                .url(livy.url())
                .header("X-Api-Key", "k-1")
                .doAs("etl user")
                .build());
        RecordedRequest r = livy.requests().get(0);
        assertThat(r.header("X-Api-Key")).isEqualTo("k-1");
        assertThat(r.query()).containsEntry("doAs", "etl user");
        assertThat(r.header("Accept")).isEqualTo("application/json");
    }

    @Test
    @DisplayName("Kerberos: SPNEGO is tried on a Negotiate challenge; without a ticket the 401 says kinit")
    void kerberosWithoutTicket() {
        livy.requireAuthorization("Negotiate never-valid", "Negotiate");
        Throwable e = listFailure(LivyTransport.builder()
                .url(livy.url())
                .auth(LivyAuth.kerberos())
                .build());
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("kinit")
                .hasMessageContaining("asks for: Negotiate");
    }

    @Test
    @DisplayName("a caller's HttpClient is used and never closed by the transport")
    void callersClientNotClosed() throws Exception {
        CloseableHttpClient mine =
                HttpClients.custom().disableAutomaticRetries().build();
        try {
            firstSessionCall(
                    LivyTransport.builder().url(livy.url()).httpClient(mine).build());
            firstSessionCall(
                    LivyTransport.builder().url(livy.url()).httpClient(mine).build());
            assertThat(livy.requests("listSessions")).hasSize(2);
        } finally {
            mine.close(CloseMode.IMMEDIATE);
        }
    }

    @Test
    @DisplayName("TLS with a trust store file; without it the handshake fails before the request is sent")
    void tlsTrustStore() throws Exception {
        FakeLivyServer https =
                new FakeLivyServer().https(localhost.serverContext()).start();
        try {
            assertThat(https.url()).startsWith("https://127.0.0.1:");
            firstSessionCall(LivyTransport.builder()
                    .url(https.url())
                    .trustStore(localhost.trustStore, TestCertificates.PASSWORD)
                    .build());
            Throwable e = listFailure(LivyTransport.builder().url(https.url()).build());
            assertThat(e).isInstanceOf(SessionTransportException.class).hasMessageContaining("SSLHandshakeException");
            assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isFalse();
            assertThat(https.requests()).hasSize(1);
        } finally {
            https.stop();
        }
    }

    @Test
    @DisplayName("hostname verification is on by default; it can be turned off for a test certificate")
    void hostnameVerification() throws Exception {
        FakeLivyServer https =
                new FakeLivyServer().https(otherName.serverContext()).start();
        try {
            SSLContext trusting = context(otherName.trustStore);
            Throwable e = listFailure(LivyTransport.builder()
                    .url(https.url())
                    .sslContext(trusting)
                    .build());
            assertThat(e).isInstanceOf(SessionTransportException.class);
            assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isFalse();
            assertThat(https.requests()).isEmpty();
            firstSessionCall(LivyTransport.builder()
                    .url(https.url())
                    .sslContext(trusting)
                    .hostnameVerification(false)
                    .build());
            assertThat(https.requests()).hasSize(1);
        } finally {
            https.stop();
        }
    }

    private static SSLContext context(Path trustStore) throws Exception {
        KeyStore ks = KeyStore.getInstance(trustStore.toFile(), TestCertificates.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
