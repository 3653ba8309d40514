package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.Test;

/**
 * {@link LivyTransportBuilder#requestSigner}: the signer sees every attempt (method, URI, headers, exact body), its
 * headers are sent, a signer that throws fails the call as never sent, and signed values are masked when a server
 * echoes them. No network: a client that answers in memory.
 */
class LivyRequestSignerTest {
    /** Answers every request with a canned status and body, recording the requests' headers. */
    private static final class CannedClient extends CloseableHttpClient {
        final List<Map<String, String>> sent = new CopyOnWriteArrayList<>();
        volatile int status = 200;
        volatile String body = "{\"id\":0,\"name\":\"glivy-x\",\"state\":\"idle\",\"kind\":\"spark\",\"log\":[]}";

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context) {
            Map<String, String> h = new java.util.LinkedHashMap<>();
            for (Header header : request.getHeaders()) {
                h.put(header.getName(), header.getValue());
            }
            sent.add(h);
            BasicClassicHttpResponse r = new BasicClassicHttpResponse(status);
            r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return CloseableHttpResponse.adapt(r);
        }

        @Override
        public void close(CloseMode mode) {}

        @Override
        public void close() {}
    }

    private record Call(String method, URI uri, Map<String, String> headers, String body) {}

    @Test
    void everyAttemptIsSignedWithTheExactRequestAndItsHeadersAreSent() throws Exception {
        CannedClient client = new CannedClient();
        List<Call> calls = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        LivyRequestSigner signer = (method, uri, headers, body) -> {
            synchronized (calls) {
                calls.add(new Call(method, uri, headers, new String(body, StandardCharsets.UTF_8)));
            }
            return Map.of("Authorization", "SIG-" + n.incrementAndGet(), "X-Sig-Date", "d" + n.get());
        };
        try (LivyTransport t = LivyTransport.builder()
                .url("http://127.0.0.1:9/gw")
                .serverVersion("0.7.1")
                .httpClient(client)
                .requestSigner(signer)
                .build()) {
            t.getSession("0").get(10, TimeUnit.SECONDS);
            t.getSession("0").get(10, TimeUnit.SECONDS);
            t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "glivy-x"))
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).method()).isEqualTo("GET");
        assertThat(calls.get(0).uri()).hasToString("http://127.0.0.1:9/gw/sessions/0");
        assertThat(calls.get(0).headers())
                .containsEntry("X-Requested-By", "glivy")
                .doesNotContainKey("Host");
        assertThat(calls.get(0).body()).isEmpty();
        assertThat(calls.get(2).method()).isEqualTo("POST");
        assertThat(calls.get(2).body()).startsWith("{").contains("\"name\":\"glivy-x\"");
        assertThat(client.sent).extracting(h -> h.get("Authorization")).containsExactly("SIG-1", "SIG-2", "SIG-3");
        assertThat(client.sent).extracting(h -> h.get("X-Sig-Date")).containsExactly("d1", "d2", "d3");
    }

    @Test
    void aSignerThatThrowsFailsTheCallAsNeverSent() {
        CannedClient client = new CannedClient();
        try (LivyTransport t = LivyTransport.builder()
                .url("http://127.0.0.1:9")
                .httpClient(client)
                .requestSigner((m, u, h, b) -> {
                    throw new IllegalStateException("Unable to load credentials from any provider");
                })
                .build()) {
            assertThatThrownBy(() -> t.getSession("0").get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(SessionTransportException.class, e -> {
                        assertThat(e.mayHaveReachedBackend()).isFalse();
                        assertThat(e.getMessage())
                                .contains("Could not sign the request: the request signer (custom) "
                                        + "failed: IllegalStateException: Unable to load credentials");
                    });
        }
        assertThat(client.sent).isEmpty();
    }

    @Test
    void signedValuesEchoedByTheServerAreMaskedAndTheErrorSaysTheSignatureWasRejected() {
        CannedClient client = new CannedClient();
        String auth = "AWS4-HMAC-SHA256 Credential=AKIDECHOED0000000001/20261207/us-east-1/x/aws4_request, "
                + "SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef";
        client.status = 403;
        client.body = "{\"Message\":\"Signature mismatch for " + auth + " token tok-SECRET-77\"}";
        try (LivyTransport t = LivyTransport.builder()
                .url("http://127.0.0.1:9")
                .httpClient(client)
                .requestSigner(new LivyRequestSigner() {
                    @Override
                    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
                        return Map.of("Authorization", auth, "X-Amz-Security-Token", "tok-SECRET-77");
                    }

                    @Override
                    public String scheme() {
                        return "test-sigv4";
                    }
                })
                .build()) {
            assertThatThrownBy(() -> t.getSession("0").get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(SessionBackendException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.getMessage())
                                .contains("rejected the request's signature or credentials " + "(signed by test-sigv4)")
                                .doesNotContain("AKIDECHOED")
                                .doesNotContain("0123456789abcdef")
                                .doesNotContain("tok-SECRET-77");
                    });
            assertThat(t.toString()).contains("signer=test-sigv4").doesNotContain("AKIDECHOED");
        }
    }
}
