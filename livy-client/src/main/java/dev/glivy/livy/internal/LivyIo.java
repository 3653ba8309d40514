package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.internal.SharedRuntime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;

/**
 * The I/O resources every Livy transport in the process shares by default, leased from {@link SharedRuntime} and
 * closed with the last transport: the I/O threads (one pool per {@code threads} setting), one ObjectMapper
 * (ignoring unknown properties), the server version learned per endpoint, and one HTTP client (connection pool) per
 * distinct set of client options. A thousand sessions each with its own transport therefore use the threads and
 * memory of one. Thread-safe.
 */
public final class LivyIo implements AutoCloseable {
    private final ExecutorService pool;
    private final ScheduledThreadPoolExecutor timer;
    private final ObjectMapper json;
    private final Map<String, CompletableFuture<LivyVersion>> versions = new ConcurrentHashMap<>();

    private LivyIo(int threads) {
        this.pool = IoThreads.pool(threads);
        this.timer = IoThreads.timer();
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A lease on the shared resources for transports with {@code threads} I/O threads. */
    public static SharedRuntime.Lease<LivyIo> lease(int threads) {
        return SharedRuntime.share(new Key("livy-io", threads), LivyIo.class, () -> new LivyIo(threads));
    }

    /** A lease on the shared HTTP client built from {@code options}. */
    public static SharedRuntime.Lease<SharedClient> client(HttpClientFactory.Options options) {
        return SharedRuntime.share(
                new Key("livy-http", options.sharingKey()),
                SharedClient.class,
                () -> new SharedClient(HttpClientFactory.build(options, null)));
    }

    /** The I/O threads. Never shut down by a transport. */
    public ExecutorService pool() {
        return pool;
    }

    /**
     * The one timer thread that aborts calls past their deadline ({@code glivy-livy-deadline}, a daemon started on
     * demand and ended when idle). Never shut down by a transport.
     */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** The shared mapper (configured once, then only read). */
    public ObjectMapper json() {
        return json;
    }

    /**
     * The server version at {@code endpoint}, probed with {@code probe} the first time any transport asks. A failed
     * probe is forgotten, so the next call probes again (with its own transport).
     */
    public CompletableFuture<LivyVersion> version(String endpoint, Supplier<CompletableFuture<LivyVersion>> probe) {
        while (true) {
            CompletableFuture<LivyVersion> f = versions.get(endpoint);
            if (f != null && !f.isCompletedExceptionally()) {
                return f;
            }
            CompletableFuture<LivyVersion> fresh = new CompletableFuture<>();
            boolean won =
                    f == null ? versions.putIfAbsent(endpoint, fresh) == null : versions.replace(endpoint, f, fresh);
            if (won) {
                probe.get().whenComplete((v, e) -> {
                    if (e != null) {
                        fresh.completeExceptionally(e);
                    } else {
                        fresh.complete(v);
                    }
                });
                return fresh;
            }
        }
    }

    /** The version already learned for {@code endpoint}, or {@code null}. */
    public @Nullable LivyVersion known(String endpoint) {
        CompletableFuture<LivyVersion> f = versions.get(endpoint);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    /**
     * Ends the threads once their current work is done (called by the registry when the last transport returned its
     * lease, possibly from one of these threads, which is why it does not interrupt them; the closed transports'
     * queued calls find their futures already failed and return at once).
     */
    @Override
    public void close() {
        pool.shutdown();
        timer.shutdownNow();
    }

    /** A registry key. */
    private record Key(String kind, Object value) {}

    /** An HTTP client shared by transports with equal client options; closed with the last of them. */
    public static final class SharedClient implements AutoCloseable {
        private final CloseableHttpClient client;

        SharedClient(CloseableHttpClient client) {
            this.client = client;
        }

        /** The client. Do not close it; return the lease instead. */
        public CloseableHttpClient client() {
            return client;
        }

        @Override
        public void close() {
            client.close(CloseMode.IMMEDIATE);
        }
    }
}
