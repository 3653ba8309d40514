package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.glivy.test.contract.TransportFaults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback AWS Glue stand-in speaking the real wire protocol the SDK uses (awsJson 1.1: {@code POST /} with
 * {@code X-Amz-Target: AWSGlue.<Operation>}), plus STS {@code GetCallerIdentity} (awsQuery). It behaves as Glue does
 * where a client can get it wrong:
 * <ul>
 *   <li>statement ids are sequential per session (0, 1, 2...); a session's REPL runs statements one at a time in
 *       submission order, with scripted durations, progress and outputs decided from the code text ({@link StubCode});
 *       code is echoed back exactly as sent;
 *   <li>GetStatement/CancelStatement of a statement id the session does not have is {@code EntityNotFoundException};
 *   <li>ListStatements and ListSessions are paged ({@link #statementPageSize}, {@link #sessionPageSize}, default 3)
 *       with opaque {@code NextToken}s, and ListStatements does not return statements oldest first
 *       ({@link #statementOrder}, default {@link StatementOrder#SHUFFLED});
 *   <li>faults ({@link #faults()}): throttling, internal errors, proxy 503s, answers cut before or after the request
 *       was applied and slow answers, one-shot or periodic or seeded-random per operation; plus refused connections
 *       through {@link #httpClient()}. The {@link TransportFaults} queue of glivy-test's contract suite maps onto them.
 * </ul>
 * For checks from outside the client it keeps an {@linkplain #executionLog(String) execution log} (never forgotten,
 * even for sessions deleted or lost) and counts every request per operation ({@link #requestCounts()}).
 *
 * <p>Starts on an ephemeral 127.0.0.1 port; {@link #close()} stops it. Thread-safe.
 */
public final class GlueStub implements TransportFaults, AutoCloseable {
    /** The stub's account. */
    public static final String ACCOUNT = "123456789012";
    /** The caller the stub's STS reports by default: an assumed role, so Glivy can derive the session role. */
    public static final String CALLER_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/GlivyStubRole/tester";
    /** The caller's user id (the owner tag). */
    public static final String CALLER_USER_ID = "AROASTUBEXAMPLE:tester";
    /** Default page size of ListStatements and ListSessions: {@value}. */
    public static final int DEFAULT_PAGE_SIZE = 3;

    /** The order ListStatements returns statements in. */
    public enum StatementOrder {
        /** Oldest first, page after page. */
        OLDEST_FIRST,
        /** Newest first, page after page. */
        NEWEST_FIRST,
        /** Pages newest first, each page shuffled (deterministically). The default. */
        SHUFFLED
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "glue-stub");
        t.setDaemon(true);
        return t;
    });
    private final FaultInjectingHttpClient httpClient = new FaultInjectingHttpClient();
    private final StubFaults faults = new StubFaults();
    private final StubTokens tokens = new StubTokens();
    private final Map<String, StubSession> sessions = new LinkedHashMap<>();
    private final List<StubSession> everCreated = new ArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
    private final Map<String, String> scripted = new ConcurrentHashMap<>();
    private final List<String> credentialScopes = new CopyOnWriteArrayList<>();
    private final StubCatalog catalog = new StubCatalog();
    private long sessionSeq;
    private volatile Duration provisioning = Duration.ofMillis(200);
    private volatile Duration statementDuration = Duration.ofMillis(50);
    private volatile Duration stopDelay = Duration.ofMillis(100);
    private volatile boolean concurrentStatements;
    private volatile int statementPageSize = DEFAULT_PAGE_SIZE;
    private volatile int sessionPageSize = DEFAULT_PAGE_SIZE;
    private volatile StatementOrder statementOrder = StatementOrder.SHUFFLED;
    private volatile String callerArn = CALLER_ARN;
    private volatile String callerUserId = CALLER_USER_ID;
    private volatile StubS3Sql.Writer s3Writer;
    private volatile String failNewSessions;

    /** Starts a stub on an ephemeral loopback port. */
    public GlueStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        StubHttp http = new StubHttp(this, json);
        server.createContext("/", http::handle);
        server.start();
    }

    /** The endpoint, for {@code endpointOverride} and {@code stsEndpointOverride}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The HTTP client to give the transport, so refused connections can be injected. */
    public FaultInjectingHttpClient httpClient() {
        return httpClient;
    }

    /** The fault plan: one-shot, periodic and seeded-random faults per Glue operation. */
    public StubFaults faults() {
        return faults;
    }

    /** How long new sessions stay PROVISIONING. Default 200 ms. */
    public GlueStub provisioning(Duration d) {
        this.provisioning = d;
        return this;
    }

    /** How long ordinary statements run (zero: they finish as they start). Default 50 ms. */
    public GlueStub statementDuration(Duration d) {
        this.statementDuration = d;
        return this;
    }

    /** How long StopSession leaves a session STOPPING. Default 100 ms. */
    public GlueStub stopDelay(Duration d) {
        this.stopDelay = d;
        return this;
    }

    /**
     * Whether new sessions run every statement as soon as it is submitted, side by side, so each finishes its
     * duration after its submission (for the scale benchmark), instead of one at a time as Glue does. Default false.
     */
    public GlueStub concurrentStatements(boolean b) {
        this.concurrentStatements = b;
        return this;
    }

    /** How many statements one ListStatements page holds. Default {@value #DEFAULT_PAGE_SIZE}. */
    public GlueStub statementPageSize(int n) {
        this.statementPageSize = positive(n);
        return this;
    }

    /** How many sessions one ListSessions page holds at most (MaxResults may ask for fewer). Default 3. */
    public GlueStub sessionPageSize(int n) {
        this.sessionPageSize = positive(n);
        return this;
    }

    /** The order ListStatements returns statements in. Default {@link StatementOrder#SHUFFLED}. */
    public GlueStub statementOrder(StatementOrder order) {
        this.statementOrder = order;
        return this;
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("page size must be > 0 but was " + n);
        }
        return n;
    }

    /** The caller STS GetCallerIdentity reports. */
    public GlueStub caller(String arn, String userId) {
        this.callerArn = arn;
        this.callerUserId = userId;
        return this;
    }

    /**
     * Where sessions write the results of Glivy's S3 side-channel code (a test's moto S3); without one such code
     * fails as a session without S3 access would.
     */
    public GlueStub s3Writer(StubS3Sql.Writer writer) {
        this.s3Writer = writer;
        return this;
    }

    /** The stub's Data Catalog, to add databases and tables to. */
    public StubCatalog catalog() {
        return catalog;
    }

    /** Statements whose code (or SQL query) contains {@code fragment} print {@code output}. */
    public GlueStub respond(String fragment, String output) {
        scripted.put(fragment, output);
        return this;
    }

    /** New sessions fail during provisioning with {@code message} ({@code null} to stop). */
    public GlueStub failNewSessions(String message) {
        this.failNewSessions = message;
        return this;
    }

    /** How many requests of a Glue operation (or {@code "GetCallerIdentity"}) arrived, faulted ones included. */
    public int calls(String glueOperation) {
        AtomicInteger n = calls.get(glueOperation);
        return n == null ? 0 : n.get();
    }

    /** The requests that arrived per operation (faulted ones included), by operation name. */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((op, n) -> out.put(op, n.get()));
        return out;
    }

    /** Every request that arrived, all operations together (STS included). */
    public int totalRequests() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /**
     * The SigV4 credential scope of every signed request, oldest first: {@code <access key id>/<date>/<region>/
     * <service>/aws4_request} (never the secret).
     */
    public List<String> credentialScopes() {
        return List.copyOf(credentialScopes);
    }

    /** Every CreateSession request body received, oldest first. */
    public List<JsonNode> createRequests() {
        return List.copyOf(createRequests);
    }

    /** The code of every statement RunStatement created in a session, by id (whether it ran or not). */
    public synchronized List<String> statementCodes(String sessionId) {
        List<String> out = new ArrayList<>();
        everCreated.stream()
                .filter(s -> s.id.equals(sessionId))
                .forEach(s -> s.statements.forEach(st -> out.add(st.code)));
        return out;
    }

    /**
     * The code of every statement the session's REPL has started running, in the order it started them (one at a
     * time, in submission order); a statement cancelled while waiting never starts. Kept after the session is
     * stopped, deleted or lost (a session id created again after a delete continues its log); empty for a session
     * never created.
     */
    public synchronized List<String> executionLog(String sessionId) {
        List<String> out = new ArrayList<>();
        Instant now = clock.instant();
        everCreated.stream().filter(s -> s.id.equals(sessionId)).forEach(s -> s.ran(now)
                .forEach(st -> out.add(st.code)));
        return out;
    }

    /** {@link #executionLog(String)} of every session ever created, in creation order. */
    public synchronized Map<String, List<String>> executionLog() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        everCreated.forEach(s -> out.computeIfAbsent(s.id, this::executionLog));
        return out;
    }

    /** How many times each code has started running, over all sessions ever created. */
    public synchronized Map<String, Integer> runCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        Instant now = clock.instant();
        everCreated.forEach(s -> s.ran(now).forEach(st -> out.merge(st.code, 1, Integer::sum)));
        return out;
    }

    /** How many times {@code code} has started running, over all sessions ever created. */
    public synchronized int runs(String code) {
        return runCounts().getOrDefault(code, 0);
    }

    /** The tags of a session. */
    public synchronized Map<String, String> tags(String sessionId) {
        StubSession s = sessions.get(sessionId);
        return s == null ? Map.of() : Map.copyOf(s.tags);
    }

    /** Makes a session reach Glue's TIMEOUT status. */
    public synchronized void expire(String sessionId) {
        StubSession s = sessions.get(sessionId);
        s.forcedStatus = "TIMEOUT";
        s.endRepl(clock.instant());
    }

    /** Makes a session FAILED with an error message. */
    public synchronized void fail(String sessionId, String message) {
        StubSession s = sessions.get(sessionId);
        s.forcedStatus = "FAILED";
        s.errorMessage = message;
        s.endRepl(clock.instant());
    }

    /**
     * Queues a fault for the next call of an operation: a {@link TransportFaults} (SPI) operation name or a Glue
     * one. THROTTLE, SERVER_ERROR and RESPONSE_LOST become {@link StubFault#THROTTLE},
     * {@link StubFault#INTERNAL_ERROR} and {@link StubFault#CUT_AFTER_APPLY}; CONNECTION_REFUSED is injected by
     * {@link #httpClient()}.
     */
    @Override
    public void failNext(String operation, Fault fault) {
        String op = StubFaults.glueOperation(operation);
        if (fault == Fault.CONNECTION_REFUSED) {
            httpClient.refuseNext(op);
        } else {
            faults.next(op, StubFaults.of(fault));
        }
    }

    @Override
    public synchronized void loseSession(String sessionId) {
        StubSession s = sessions.remove(sessionId);
        if (s != null) {
            s.endRepl(clock.instant());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        httpClient.close();
    }

    // ------------------------------------------------------------------ for StubHttp

    /** Counts an arriving Glue request and decides its fault. */
    StubFault arrived(String op) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        return faults.decide(op);
    }

    void signedWith(String credentialScope) {
        credentialScopes.add(credentialScope);
    }

    /** Counts a GetCallerIdentity call; the caller's ARN and user id. */
    String[] callerIdentity() {
        calls.computeIfAbsent("GetCallerIdentity", k -> new AtomicInteger()).incrementAndGet();
        return new String[] {callerArn, callerUserId};
    }

    /** Applies one Glue operation; errors are {@link StubError}s. */
    synchronized Object operation(String op, JsonNode in) {
        Instant now = clock.instant();
        StubOperations ops = new StubOperations(json, now, tokens);
        switch (op) {
            case "CreateSession":
                createRequests.add(in);
                StubSession created = ops.create(in, provisioning, sessions, ++sessionSeq);
                everCreated.add(created);
                created.stopDelay = stopDelay;
                created.concurrent = concurrentStatements;
                if (failNewSessions != null) {
                    created.forcedStatus = "FAILED";
                    created.errorMessage = failNewSessions;
                    created.endRepl(now);
                }
                return ops.wrap("Session", ops.session(created));
            case "GetSession":
                return ops.wrap(
                        "Session", ops.session(ops.find(sessions, in.path("Id").asText())));
            case "ListSessions":
                return ops.list(sessions, in, sessionPageSize);
            case "StopSession":
                return ops.stop(ops.find(sessions, in.path("Id").asText()));
            case "DeleteSession":
                return ops.delete(sessions, in.path("Id").asText());
            case "RunStatement":
                return ops.run(
                        ops.find(sessions, in.path("SessionId").asText()),
                        in.path("Code").asText(),
                        scripted,
                        statementDuration,
                        s3Writer);
            case "GetStatement":
                return ops.wrap(
                        "Statement",
                        ops.statement(
                                ops.find(sessions, in.path("SessionId").asText()),
                                in.path("Id").asInt()));
            case "ListStatements":
                return ops.statements(
                        ops.find(sessions, in.path("SessionId").asText()), in, statementPageSize, statementOrder);
            case "CancelStatement":
                ops.cancel(
                        ops.find(sessions, in.path("SessionId").asText()),
                        in.path("Id").asInt());
                return json.createObjectNode();
            case "GetDashboardUrl":
            case "GetTags":
                return ops.sessionExtra(op, sessions, in);
            case "GetDatabases":
            case "GetDatabase":
            case "GetTables":
            case "GetTable":
                return catalog.handle(op, in);
            default:
                throw new StubError(400, "UnknownOperationException", "The Glue stub does not implement " + op);
        }
    }
}
