package dev.glivy.livy.fake;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.glivy.livy.internal.HttpAuth;
import dev.glivy.livy.internal.HttpClientFactory;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;

/**
 * The sockets of {@link FakeLivyServer}: the JDK HTTP(S) server on 127.0.0.1 with its thread pool, and the test
 * HttpClient whose exec interceptor turns a queued {@link Fault#CONNECTION_REFUSED} into a really refused connection.
 * Thread-safe (all methods synchronized).
 *
 * <p>Loading this class sets {@code sun.net.httpserver.nodelay=true} (unless already set) for the JVM's JDK HTTP
 * servers: without it the JDK server writes headers and body in two packets under Nagle's algorithm and every answer
 * waits for the client's delayed ACK (about 40 ms per request on Linux, 10x slower than loopback should be). It only
 * takes effect when no JDK HTTP server ran in the JVM before.
 */
final class FakeLivyHttp {
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final FakeLivyServer srv;
    private final FaultQueue queue;
    private @Nullable HttpServer server;
    private @Nullable ExecutorService pool;
    private @Nullable CloseableHttpClient client;
    private int connections = 8;
    private String basePath = "";

    FakeLivyHttp(FakeLivyServer srv, FaultQueue queue) {
        this.srv = srv;
        this.queue = queue;
    }

    synchronized boolean started() {
        return server != null;
    }

    synchronized void start(String base, @Nullable SSLContext https, int threads) {
        if (server != null) {
            return;
        }
        this.basePath = base;
        try {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpServer s;
            if (https != null) {
                HttpsServer hs = HttpsServer.create(addr, 0);
                hs.setHttpsConfigurator(new HttpsConfigurator(https));
                s = hs;
            } else {
                s = HttpServer.create(addr, 0);
            }
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "fake-livy");
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(pool);
            s.createContext(base + "/", new FakeLivyRoutes(srv, base));
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() {
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
            client = null;
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("FakeLivyServer is not started");
        }
        return server.getAddress().getPort();
    }

    synchronized CloseableHttpClient client() {
        if (client == null) {
            client = HttpClientFactory.build(
                    new HttpClientFactory.Options(
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(30),
                            connections,
                            null,
                            true,
                            new HttpAuth.None()),
                    refusingInterceptor());
        }
        return client;
    }

    synchronized void connections(int n) {
        if (client != null) {
            throw new IllegalStateException("the client is built already; set its connections before first use");
        }
        this.connections = n;
    }

    private ExecChainHandler refusingInterceptor() {
        return (request, scope, chain) -> {
            String op = FakeLivyRoutes.operation(request.getMethod(), stripBase(request.getPath()));
            if (queue.takeIf(op, Fault.CONNECTION_REFUSED)) {
                HttpRoute closed = new HttpRoute(new HttpHost("http", "127.0.0.1", closedPort()));
                return chain.proceed(
                        request,
                        new ExecChain.Scope(
                                scope.exchangeId,
                                closed,
                                scope.originalRequest,
                                scope.execRuntime,
                                scope.clientContext));
            }
            return chain.proceed(request, scope);
        };
    }

    private String stripBase(String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        return p.startsWith(basePath) ? p.substring(basePath.length()) : p;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
