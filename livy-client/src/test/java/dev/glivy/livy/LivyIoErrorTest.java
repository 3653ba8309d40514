package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.Test;

/** An {@link Error} inside the HTTP call (an OutOfMemoryError reading a huge body) still completes the future. */
class LivyIoErrorTest {
    /** A client that fails every call with an OutOfMemoryError, before any network use. */
    private static final class OutOfMemoryClient extends CloseableHttpClient {
        @Override
        protected org.apache.hc.client5.http.impl.classic.CloseableHttpResponse doExecute(
                HttpHost target, ClassicHttpRequest request, HttpContext context) {
            throw new OutOfMemoryError("simulated: a 100 MB body at -Xmx256m");
        }

        @Override
        public void close(CloseMode mode) {}

        @Override
        public void close() {}
    }

    @Test
    void anErrorInTheIoTaskFailsTheFutureInsteadOfLeavingItIncomplete() {
        try (SessionTransport t = LivyTransport.builder()
                .url("http://127.0.0.1:9")
                .httpClient(new OutOfMemoryClient())
                .build()) {
            CompletableFuture<?> f = t.getSession("1");
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause())
                            .isInstanceOf(OutOfMemoryError.class)
                            .hasMessageContaining("simulated");
                    return;
                }
                throw new AssertionError("expected a failure");
            });
        }
    }
}
