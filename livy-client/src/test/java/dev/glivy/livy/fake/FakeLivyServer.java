package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.livy.internal.HttpAuth;
import dev.glivy.test.contract.TransportFaults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process fake Livy REST server on 127.0.0.1 (ephemeral port, JDK {@code HttpServer}), as a JUnit 5 extension:
 * register it with {@code @RegisterExtension} on an instance field (one server per test) or a static field (one per
 * class). It speaks the Livy 0.5-0.9 REST API with Livy's JSON shapes, states and error bodies.
 *
 * <p>By default it behaves like Livy 0.7.1 with Livy's own REPL, not like what Glivy expects: submitted code is
 * stored and echoed with {@code \r\n} and a lone {@code \r} turned into {@code \n}; only the last
 * {@link #retainedStatements(int) 100} statements of a session are kept (older ones, even waiting or running ones,
 * answer 404 {@code "Statement not found"} and leave the listing, yet still run; ids keep counting); a new statement
 * answers {@code waiting} with {@code started} 0 and waits {@link #statementStartLatency(Duration) 20 ms} before it
 * starts, while the session still reads {@code idle}; statements run one at a time in submission order; Scala
 * {@code text/plain} ends in {@code "\n"} and a comment-only statement is {@code ok} with empty text; {@code sql}
 * rows are json4s-lossy (see {@link FakeLivySql}), a struct column fails with {@code NoClassDefFoundError}, a SQL
 * error is named {@code "Error"}; a statement without {@code kind} in a session created without one is a plain-text
 * HTTP 500; {@code from}/{@code size} page the statement list by position; cancelling a statement Livy no longer keeps
 * answers {@code "canceled"} and does nothing, as Livy 0.7.1's REPL does ({@link #unknownCancel404(boolean)} makes
 * it a 404 instead).
 *
 * <p>Statement code is read as a tiny language (see {@link FakeLivyOutput}): {@code sleep:<ms>}, {@code fail:<msg>},
 * {@code die}, {@code png}, {@code json:<value>}; SQL statements answer like core's {@code FakeSql}; anything else
 * prints itself.
 *
 * <p>For exactly-once checks, {@link #executionLog(String)} lists what each session actually started running, in
 * order, never evicted, and {@link #timesRun(String, String)} counts runs of one code. Faults: the
 * {@link TransportFaults} queue for the contract suite ({@link #failNext}, plus {@link #delayNext} and
 * {@link #respondNext}), and the periodic or seeded-random {@link FaultPlan} of {@link #faultPlan()}, which also
 * counts requests per operation. {@link Fault#CONNECTION_REFUSED} happens on the client side, in the exec
 * interceptor of {@link #client()}: the request is routed to a closed port, so the connection is really refused.
 *
 * <p>Thread-safe.
 */
public final class FakeLivyServer
        implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback, TransportFaults {
    final ObjectMapper json = new ObjectMapper();
    final Map<String, FakeLivySession> sessions = new LinkedHashMap<>();
    final FakeLivyRequests requests = new FakeLivyRequests();
    final FaultQueue queue = new FaultQueue();
    private final FakeLivyHttp http = new FakeLivyHttp(this, queue);
    private final FaultPlan plan = new FaultPlan();
    private final Map<String, List<Execution>> executions = new LinkedHashMap<>();
    private int nextId;
    volatile String version = "0.9.0-incubating";
    volatile Duration startDelay = Duration.ofMillis(100);
    volatile Duration statementDuration = Duration.ofMillis(50);
    volatile Duration statementStartLatency = Duration.ofMillis(20);
    volatile int retainedStatements = 100;
    volatile boolean unknownCancel404;
    private volatile int threads = 16;
    volatile boolean uuidIds;
    volatile boolean csrf;
    volatile boolean strictCreateFields = true;
    volatile @Nullable List<String> deathOnStart;
    volatile @Nullable String requiredAuthorization;
    volatile @Nullable String challenge;
    private String basePath = "";
    private @Nullable SSLContext https;
    private boolean classScoped;

    /**
     * A server with the defaults: version 0.9.0 (create fields), Livy 0.7.1's REPL behaviour, 100 ms start delay,
     * 50 ms statements, 20 ms statement start latency, 100 retained statements, numeric ids, 16 server threads.
     */
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

    /**
     * How many statements each session keeps, like {@code livy.rsc.retained-statements} (default 100). Older ones,
     * even waiting or running ones, answer 404 and leave the listing; they still run.
     */
    public FakeLivyServer retainedStatements(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be > 0 but was " + n);
        }
        this.retainedStatements = n;
        return this;
    }

    /**
     * How long a new statement waits before it can start (default 20 ms); meanwhile it is {@code waiting} and an
     * otherwise idle session reads {@code idle}, as Livy's REPL shows for tens of milliseconds.
     */
    public FakeLivyServer statementStartLatency(Duration d) {
        this.statementStartLatency = d;
        return this;
    }

    /**
     * Whether cancelling a statement the session no longer keeps (or never had) answers 404
     * {@code "Statement not found"} instead of Livy 0.7.1's {@code {"msg":"canceled"}} (default off).
     */
    public FakeLivyServer unknownCancel404(boolean on) {
        this.unknownCancel404 = on;
        return this;
    }

    /** Threads serving requests (default 16); slow answers hold one each. Call before start. */
    public FakeLivyServer serverThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be > 0 but was " + n);
        }
        this.threads = n;
        return this;
    }

    /** Whether requests are recorded for {@link #requests()} (default on; turn off for long soaks). */
    public FakeLivyServer recordRequests(boolean on) {
        requests.recording(on);
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
        return requireAuthorization(
                new HttpAuth.Basic(user, password).authorizationHeader().orElseThrow(), "Basic realm=\"livy\"");
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
        http.start(basePath, https, threads);
        return this;
    }

    /** Stops the server and closes {@link #client()}. Sessions, logs and counts stay readable. */
    public synchronized void stop() {
        http.stop();
    }

    /** The base URL, for example {@code http://127.0.0.1:41234}. */
    public String url() {
        return (https != null ? "https" : "http") + "://127.0.0.1:" + http.port() + basePath;
    }

    /**
     * An HttpClient like the one the transport builds (8 pooled connections, as the transport's default, unless
     * {@link #clientConnections} says otherwise), plus the exec interceptor that turns
     * {@link Fault#CONNECTION_REFUSED} into a real refused connection. Closed by {@link #stop()}.
     */
    public CloseableHttpClient client() {
        return http.client();
    }

    /**
     * How many pooled connections {@link #client()} keeps (default 8, the transport's default); set it before the
     * first {@link #client()} call. A harness that shares the client between many sessions with statements in
     * flight sizes it for them, as a user would size the transport's {@code maxConnections}.
     */
    public FakeLivyServer clientConnections(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be > 0 but was " + n);
        }
        http.connections(n);
        return this;
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
        queue.add(operation, fault);
    }

    /** The periodic and random faults, the list page size cap and the request counts of this server. */
    public FaultPlan faultPlan() {
        return plan;
    }

    /** How many requests of {@code operation} arrived ({@link FaultPlan#ANY_OPERATION}: all). */
    public int requestCount(String operation) {
        return plan.requests(operation);
    }

    /** Requests per operation. */
    public Map<String, Integer> requestCounts() {
        return plan.requests();
    }

    /** The next call of {@code operation} waits {@code delay} before it is applied and answered (a slow server). */
    public void delayNext(String operation, Duration delay) {
        queue.add(operation, delay);
    }

    /** The next call of {@code operation} gets this status and body, unprocessed. */
    public void respondNext(String operation, int status, String body) {
        queue.add(operation, new FaultQueue.Canned(status, body));
    }

    @Override
    public synchronized void loseSession(String sessionId) {
        FakeLivySession s = sessions.remove(sessionId);
        if (s != null) {
            s.advance();
        }
    }

    /** Makes a session die ({@code dead}) with these log lines. */
    public synchronized void killSession(String sessionId, String... logLines) {
        FakeLivySession s = sessions.get(sessionId);
        if (s != null) {
            s.advance();
            s.finish("dead", List.of(logLines));
        }
    }

    // ------------------------------------------------------------------ state, for routes and tests

    synchronized FakeLivySession newSession(String name, ObjectNode body) {
        int n = nextId++;
        String id = uuidIds
                ? UUID.nameUUIDFromBytes(("s" + n).getBytes(StandardCharsets.UTF_8))
                        .toString()
                : String.valueOf(n);
        List<Execution> log = new ArrayList<>();
        executions.put(id, log);
        FakeLivySession s = new FakeLivySession(this, id, name, body, log);
        sessions.put(id, s);
        return s;
    }

    /** Every request received, in order (empty when {@link #recordRequests(boolean) recording} is off). */
    public List<RecordedRequest> requests() {
        return requests.all();
    }

    /** The requests of one operation (for example {@code createSession}). */
    public List<RecordedRequest> requests(String operation) {
        return requests.of(operation);
    }

    // ------------------------------------------------------------------ execution log

    /**
     * The code of every statement session {@code id} started running, in the order it started them (as stored:
     * line endings normalised), including statements Livy no longer keeps and sessions since stopped. A statement
     * cancelled while waiting never ran and is absent; one that ran twice is there twice. Empty for an unknown id.
     */
    public synchronized List<String> executionLog(String id) {
        List<String> out = new ArrayList<>();
        executions(id).forEach(e -> out.add(e.code()));
        return out;
    }

    /** Like {@link #executionLog(String)}, with each run's statement id and kind. */
    public synchronized List<Execution> executions(String id) {
        FakeLivySession s = sessions.get(id);
        if (s != null) {
            s.advance();
        }
        return List.copyOf(executions.getOrDefault(id, List.of()));
    }

    /** Every session's execution log, by session id, in creation order. */
    public synchronized Map<String, List<Execution>> executionLogs() {
        Map<String, List<Execution>> out = new LinkedHashMap<>();
        for (String id : executions.keySet()) {
            out.put(id, executions(id));
        }
        return out;
    }

    /** How many times each code ran in session {@code id}, in first-run order. */
    public synchronized Map<String, Integer> executionCounts(String id) {
        Map<String, Integer> out = new LinkedHashMap<>();
        executions(id).forEach(e -> out.merge(e.code(), 1, Integer::sum));
        return out;
    }

    /** How many times {@code code} (line endings normalised like Livy's) ran in session {@code id}. */
    public synchronized int timesRun(String id, String code) {
        String c = FakeLivyOutput.normalise(code);
        return (int) executions(id).stream().filter(e -> e.code().equals(c)).count();
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

    /** The code of every statement the session received (as stored), in order, including evicted ones. */
    public synchronized List<String> statementCodes(String id) {
        FakeLivySession s = sessions.get(id);
        return s == null ? List.of() : List.copyOf(s.received);
    }

    /** Adds lines to a session's log. */
    public synchronized void appendLog(String id, String... lines) {
        FakeLivySession s = sessions.get(id);
        if (s != null) {
            s.log.addAll(List.of(lines));
        }
    }
}
