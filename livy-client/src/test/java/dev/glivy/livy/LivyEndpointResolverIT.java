package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionLostException;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementResult;
import dev.glivy.livy.fake.FakeLivyServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code LivyTransportBuilder.endpointResolver}: when the Livy server is replaced (the old one refuses connections,
 * the resolver names a new one), the transport moves, the old session is reported lost, and with
 * {@code recreateLostSession(true)} the next statement runs in a new session on the new server. When the resolver
 * still names the same server, the failure stays what it was.
 */
class LivyEndpointResolverIT {
    @RegisterExtension
    final FakeLivyServer oldLivy = new FakeLivyServer();

    @RegisterExtension
    final FakeLivyServer newLivy = new FakeLivyServer();

    @Test
    void aReplacedServerMovesTheTransportAndTheSessionIsRecreatedThere() throws Exception {
        AtomicReference<String> where = new AtomicReference<>(oldLivy.url());
        AtomicInteger asked = new AtomicInteger();
        LivyTransportBuilder b = LivyTransport.builder()
                .url(oldLivy.url())
                .serverVersion("0.9.0")
                .endpointResolver(() -> {
                    asked.incrementAndGet();
                    return URI.create(where.get());
                });
        try (InteractiveSession s = InteractiveSession.builder()
                .transport(b)
                .recreateLostSession(true)
                .start()) {
            String first = s.id().orElseThrow();
            assertThat(s.execute("1 + 1").sessionRecreated()).isFalse();
            oldLivy.stop();
            where.set(newLivy.url());
            StatementResult r = s.execute("2 + 2");
            assertThat(r.sessionRecreated()).isTrue();
            assertThat(r.text()).contains("2 + 2");
            assertThat(oldLivy.executionLog(first)).containsExactly("1 + 1");
            assertThat(newLivy.executionLogs()).hasSize(1);
            assertThat(newLivy.executionLog(s.id().orElseThrow())).containsExactly("2 + 2");
            assertThat(s.id()).isNotEqualTo(java.util.Optional.of(first).filter(x -> false));
        }
        assertThat(asked.get()).isPositive();
    }

    private String sessionOn(LivyTransport t) throws Exception {
        return t.createSession(dev.glivy.spi.CreateSessionRequest.of(
                        dev.glivy.config.SessionConfig.empty(), dev.glivy.Language.SCALA, "glivy-same"))
                .get(30, TimeUnit.SECONDS)
                .id();
    }

    @Test
    void theSameAnswerKeepsTheOriginalFailure() throws Exception {
        String url = oldLivy.url();
        AtomicInteger asked = new AtomicInteger();
        try (LivyTransport t = LivyTransport.builder()
                .url(url)
                .serverVersion("0.9.0")
                .endpointResolver(() -> {
                    asked.incrementAndGet();
                    return URI.create(url);
                })
                .build()) {
            String id = sessionOn(t);
            oldLivy.stop();
            // the first call may still find the pooled connection (answer lost); the next one is refused
            assertThatThrownBy(() -> t.getSession(id).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(SessionTransportException.class)
                    .isNotInstanceOf(SessionLostException.class);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> t.getSession(id).get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(SessionTransportException.class)
                        .isNotInstanceOf(SessionLostException.class)
                        .hasMessageContaining("the request did not reach Livy");
            }
            assertThat(t.endpoint()).isEqualTo(url);
        }
        // asked once: an unchanged answer is not asked for again within 5 seconds
        assertThat(asked.get()).isEqualTo(1);
    }

    @Test
    void aThrowingResolverIsARetryableTransportError() throws Exception {
        String url = oldLivy.url();
        try (LivyTransport t = LivyTransport.builder()
                .url(url)
                .serverVersion("0.9.0")
                .endpointResolver(() -> {
                    throw new IllegalStateException("No running EMR cluster with tags {team=x}");
                })
                .build()) {
            String id = sessionOn(t);
            oldLivy.stop();
            assertThatThrownBy(() -> t.getSession(id).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(SessionTransportException.class);
            assertThatThrownBy(() -> t.getSession(id).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(SessionTransportException.class, e -> {
                        assertThat(e.getMessage())
                                .startsWith("Could not resolve the Livy endpoint (was " + url
                                        + "): IllegalStateException: No running EMR cluster");
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.mayHaveReachedBackend()).isFalse();
                    });
            assertThat(t.endpoint()).isEqualTo(url);
        }
    }
}
