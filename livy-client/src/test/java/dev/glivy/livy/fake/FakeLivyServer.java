package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.glivy.livy.internal.HttpAuth;
import dev.glivy.livy.internal.HttpClientFactory;
import dev.glivy.testkit.TransportFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process fake Livy REST server on 127.0.0.1 (ephemeral port, JDK {@code HttpServer}), as a JUnit 5 extension:
 * register it with {@code @RegisterExtension} on an instance field (one server per test) or a static field (one per
 * class). It speaks the Livy 0.5-0.9 REST API with Livy's JSON shapes, states and error bodies, and can inject
 * faults ({@link TransportFaults} for the contract suite, plus slow responses, custom answers and session death).
 *
 * <p>Statement code is read as a tiny language: {@code sleep:<ms>} runs that long; {@code fail:<message>} raises a
 * user error; {@code die} kills the session; {@code png} outputs an image; {@code json:<value>} outputs JSON; SQL
 * statements return {@code {schema, data}} with columns {@code one} and {@code query}; anything else prints itself.
 *
 * <p>{@link Fault#CONNECTION_REFUSED} happens on the client side, in the exec interceptor of {@link #client()}: the
 * request is routed to a closed port, so the connection is really refused. Thread-safe.
 */
public final class FakeLivyServer implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback,
        AfterAllCallback, TransportFaults {
    final ObjectMapper json = new ObjectMapper();
    final Map<String, FakeLivySession> sessions = new LinkedHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Object>> faults = new ConcurrentHashMap<>();
    private int nextId;
    volatile String version = "0.9.0-incubating";
    volatile Duration startDelay = Duration.ofMillis(100);
    volatile Duration statementDuration = Duration.ofMillis(50);
    volatile boolean uuidIds;
    volatile boolean csrf;
    volatile boolean strictCreateFields = true;
    volatile @Nullable List<String> deathOnStart;
    volatile @Nullable String requiredAuthorization;
    volatile @Nullable String challenge;
    private String basePath = "";
    private @Nullable SSLContext https;
    private @Nullable HttpServer server;
    private @Nullable ExecutorService pool;
    private @Nullable CloseableHttpClient client;
    private boolean classScoped;

    /** A server with the defaults: Livy 0.9.0, 100 ms start delay, 50 ms statements, numeric ids. */
    public FakeLivyServer() {}

    // ------------------------------------------------------------------ configuration

    /** Applies {@code change} to this server (before or after start). */
    public FakeLivyServer configure(Consumer<FakeLivyServer> change) {
        change.accept(this);
        return this;
    }

    /** The version {@code GET /version} reports; it also decides which create fields are accepted. */
    public FakeLivyServer version(String v) {
        this.version = v;
        return this;
    }

    /** How long new sessions stay {@code starting}. */
    public FakeLivyServer startDelay(Duration d) {
        this.startDelay = d;
        return this;
    }

    /** How long ordinary statements run. */
    public FakeLivyServer statementDuration(Duration d) {
        this.statementDuration = d;
        return this;
    }

    /** New sessions die ({@code dead}) when their start delay has passed, with these log lines. */
    public FakeLivyServer failStarts(String... logLines) {
        this.deathOnStart = List.of(logLines);
        return this;
    }

    /** Session ids as UUID strings (like Lighter) instead of numbers. */
    public FakeLivyServer uuidIds(boolean on) {
        this.uuidIds = on;
        return this;
    }

    /** Livy's CSRF protection: POST and DELETE without {@code X-Requested-By} get HTTP 400. */
    public FakeLivyServer csrf(boolean on) {
        this.csrf = on;
        return this;
    }

    /** Rejects create bodies with fields the configured version does not know, like Livy (default on). */
    public FakeLivyServer strictCreateFields(boolean on) {
        this.strictCreateFields = on;
        return this;
    }

    /** Requires exactly this {@code Authorization} header value; otherwise HTTP 401 with {@code challenge}. */
    public FakeLivyServer requireAuthorization(String headerValue, String challengeHeader) {
        this.requiredAuthorization = headerValue;
        this.challenge = challengeHeader;
        return this;
    }

    /** Requires HTTP Basic credentials. */
    public FakeLivyServer requireBasic(String user, String password) {
        return requireAuthorization(new HttpAuth.Basic(user, password).authorizationHeader().orElseThrow(),
                "Basic realm=\"livy\"");
    }

    /** Serves under a path prefix, like a gateway ({@code /gateway/livy}); call before start. */
    public FakeLivyServer basePath(String prefix) {
        this.basePath = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return this;
    }

    /** Serves HTTPS with {@code context} instead of HTTP; call before start. */
    public FakeLivyServer https(SSLContext context) {
        this.https = context;
        return this;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts the server on 127.0.0.1 and an ephemeral port. */
    public synchronized FakeLivyServer start() {
        if (server != null) {
            return this;
        }
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
            pool = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "fake-livy");
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(pool);
            s.createContext(basePath + "/", new FakeLivyRoutes(this, basePath));
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stops the server and closes {@link #client()}. */
    public synchronized void stop() {
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

    /** The base URL, for example {@code http://127.0.0.1:41234}. */
    public String url() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("FakeLivyServer is not started");
        }
        return (https != null ? "https" : "http") + "://127.0.0.1:" + s.getAddress().getPort() + basePath;
    }

    /**
     * An HttpClient like the one the transport builds, plus the exec interceptor that turns
     * {@link Fault#CONNECTION_REFUSED} into a real refused connection. Closed by {@link #stop()}.
     */
    public synchronized CloseableHttpClient client() {
        if (client == null) {
            client = HttpClientFactory.build(new HttpClientFactory.Options(Duration.ofSeconds(5),
                    Duration.ofSeconds(30), 8, null, true, new HttpAuth.None()), refusingInterceptor());
        }
        return client;
    }

    private ExecChainHandler refusingInterceptor() {
        return (request, scope, chain) -> {
            String op = FakeLivyRoutes.operation(request.getMethod(), stripBase(request.getPath()));
            if (takeIf(op, Fault.CONNECTION_REFUSED)) {
                HttpRoute closed = new HttpRoute(new HttpHost("http", "127.0.0.1", closedPort()));
                return chain.proceed(request, new ExecChain.Scope(scope.exchangeId, closed, scope.originalRequest,
                        scope.execRuntime, scope.clientContext));
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

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!classScoped) {
            stop();
        }
    }

    // ------------------------------------------------------------------ faults

    @Override
    public void failNext(String operation, Fault fault) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(fault);
    }

    /** The next call of {@code operation} waits {@code delay} before it is answered (a slow server). */
    public void delayNext(String operation, Duration delay) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(delay);
    }

    /** The next call of {@code operation} gets this status and body, unprocessed. */
    public void respondNext(String operation, int status, String body) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Canned(status, body));
    }

    @Override
    public synchronized void loseSession(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Makes a session die ({@code dead}) with these log lines. */
    public synchronized void killSession(String sessionId, String... logLines) {
        FakeLivySession s = sessions.get(sessionId);
        if (s != null) {
            s.finish("dead", List.of(logLines));
        }
    }

    /** A canned answer queued by {@link #respondNext}. */
    record Canned(int status, String body) {}

    synchronized @Nullable Object nextFault(String operation) {
        Deque<Object> q = faults.get(operation);
        if (q == null || q.isEmpty() || q.peek() == Fault.CONNECTION_REFUSED) {
            return null;
        }
        return q.poll();
    }

    private synchronized boolean takeIf(String operation, Object fault) {
        Deque<Object> q = faults.get(operation);
        if (q != null && q.peek() == fault) {
            q.poll();
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ state, for routes and tests

    synchronized FakeLivySession newSession(String name, ObjectNode body) {
        int n = nextId++;
        String id = uuidIds ? UUID.nameUUIDFromBytes(("s" + n).getBytes(StandardCharsets.UTF_8)).toString()
                : String.valueOf(n);
        FakeLivySession s = new FakeLivySession(id, name, body, startDelay, statementDuration, deathOnStart);
        sessions.put(id, s);
        return s;
    }

    /** Every request received, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one operation (for example {@code createSession}). */
    public List<RecordedRequest> requests(String operation) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.operation().equals(operation)) {
                out.add(r);
            }
        }
        return out;
    }

    /** How many sessions the server knows. */
    public synchronized int sessionCount() {
        return sessions.size();
    }

    /** The Livy state of a session, or {@code null} when unknown. */
    public synchronized @Nullable String sessionState(String id) {
        FakeLivySession s = sessions.get(id);
        return s == null ? null : s.state();
    }

    /** The code of every statement the session received, in order. */
    public synchronized List<String> statementCodes(String id) {
        FakeLivySession s = sessions.get(id);
        List<String> out = new ArrayList<>();
        if (s != null) {
            s.statements.forEach(st -> out.add(st.code));
        }
        return out;
    }

    /** Adds lines to a session's log. */
    public synchronized void appendLog(String id, String... lines) {
        FakeLivySession s = sessions.get(id);
        if (s != null) {
            s.log.addAll(List.of(lines));
        }
    }

    /** Writes an id as Livy does: a number when it is one, else a string (Lighter's UUIDs). */
    static void putId(ObjectNode node, String field, String id) {
        if (!id.isEmpty() && id.length() < 10 && id.chars().allMatch(Character::isDigit)) {
            node.put(field, Integer.parseInt(id));
        } else {
            node.put(field, id);
        }
    }
}
