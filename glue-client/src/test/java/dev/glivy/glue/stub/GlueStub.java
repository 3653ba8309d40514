package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glivy.testkit.TransportFaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback AWS Glue stand-in speaking the real wire protocol the SDK uses (awsJson 1.1: {@code POST /} with
 * {@code X-Amz-Target: AWSGlue.<Operation>}), plus STS {@code GetCallerIdentity} (awsQuery). It serves the session
 * and statement APIs with scripted provisioning delays, statement durations and progress (decided from the code
 * text, see {@link StubCode}), and injects faults ({@link TransportFaults}): throttling, server errors, lost
 * responses (the call takes effect, then the connection closes without an answer) and refused connections (through
 * {@link #httpClient()}).
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

    private static final Map<String, String> SPI_TO_GLUE = Map.of("createSession", "CreateSession", "getSession",
            "GetSession", "findSession", "GetSession", "stopSession", "StopSession", "submitStatement",
            "RunStatement", "getStatement", "GetStatement", "listStatements", "ListStatements", "cancelStatement",
            "CancelStatement", "listSessions", "ListSessions");

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final FaultInjectingHttpClient httpClient = new FaultInjectingHttpClient();
    private final Map<String, StubSession> sessions = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
    private final Map<String, String> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final List<String> credentialScopes = new CopyOnWriteArrayList<>();
    private volatile Duration provisioning = Duration.ofMillis(200);
    private volatile Duration statementDuration = Duration.ofMillis(50);
    private volatile Duration stopDelay = Duration.ofMillis(100);
    private volatile int statementPageSize = 3;
    private volatile String callerArn = CALLER_ARN;
    private volatile String callerUserId = CALLER_USER_ID;
    private volatile StubS3Sql.Writer s3Writer;
    private final StubCatalog catalog = new StubCatalog();

    /** Starts a stub on an ephemeral loopback port. */
    public GlueStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
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

    /** How long new sessions stay PROVISIONING. Default 200 ms. */
    public GlueStub provisioning(Duration d) {
        this.provisioning = d;
        return this;
    }

    /** How long ordinary statements run. Default 50 ms. */
    public GlueStub statementDuration(Duration d) {
        this.statementDuration = d;
        return this;
    }

    /** How long StopSession leaves a session STOPPING. Default 100 ms. */
    public GlueStub stopDelay(Duration d) {
        this.stopDelay = d;
        return this;
    }

    /** ListStatements page size. Default 3. */
    public GlueStub statementPageSize(int n) {
        this.statementPageSize = n;
        return this;
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

    /** How often a Glue operation was called (faulted calls included). */
    public int calls(String glueOperation) {
        AtomicInteger n = calls.get(glueOperation);
        return n == null ? 0 : n.get();
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

    /** The code of every statement of a session, oldest first. */
    public synchronized List<String> statementCodes(String sessionId) {
        List<String> out = new ArrayList<>();
        StubSession s = sessions.get(sessionId);
        if (s != null) {
            s.statements.forEach(st -> out.add(st.code));
        }
        return out;
    }

    /** The tags of a session. */
    public synchronized Map<String, String> tags(String sessionId) {
        StubSession s = sessions.get(sessionId);
        return s == null ? Map.of() : Map.copyOf(s.tags);
    }

    /** Makes a session reach Glue's TIMEOUT status. */
    public synchronized void expire(String sessionId) {
        sessions.get(sessionId).forcedStatus = "TIMEOUT";
    }

    /** Makes a session FAILED with an error message. */
    public synchronized void fail(String sessionId, String message) {
        StubSession s = sessions.get(sessionId);
        s.forcedStatus = "FAILED";
        s.errorMessage = message;
    }

    /** Makes every new session fail while provisioning. */
    private volatile String failNewSessions;

    /** New sessions fail during provisioning with {@code message} ({@code null} to stop). */
    public GlueStub failNewSessions(String message) {
        this.failNewSessions = message;
        return this;
    }

    @Override
    public void failNext(String operation, Fault fault) {
        String op = SPI_TO_GLUE.getOrDefault(operation, operation);
        if (fault == Fault.CONNECTION_REFUSED) {
            httpClient.refuseNext(op);
            return;
        }
        faults.computeIfAbsent(op, k -> new ArrayDeque<>()).add(fault);
    }

    @Override
    public synchronized void loseSession(String sessionId) {
        sessions.remove(sessionId);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        httpClient.close();
    }

    // ------------------------------------------------------------------ protocol

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = readAll(ex.getRequestBody());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.contains("Credential=")) {
                String scope = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
                credentialScopes.add(scope.substring(0, scope.indexOf(',') < 0 ? scope.length() : scope.indexOf(',')));
            }
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null) {
                sts(ex, new String(body, StandardCharsets.UTF_8));
                return;
            }
            String op = target.substring(target.indexOf('.') + 1);
            calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
            Fault fault;
            synchronized (faults) {
                ArrayDeque<Fault> q = faults.get(op);
                fault = q == null ? null : q.poll();
            }
            if (fault == Fault.THROTTLE) {
                error(ex, 400, "ThrottlingException", "Rate exceeded");
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                error(ex, 500, "InternalServiceException", "Internal service error (injected)");
                return;
            }
            JsonNode in = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            Object out;
            try {
                out = operation(op, in);
            } catch (StubError e) {
                if (fault != Fault.RESPONSE_LOST) {
                    error(ex, e.status, e.code, e.getMessage());
                }
                return;
            }
            if (fault == Fault.RESPONSE_LOST) {
                return; // the call took effect; closing the exchange now drops the connection without an answer
            }
            send(ex, 200, "application/x-amz-json-1.1", json.writeValueAsBytes(out));
        } catch (RuntimeException e) {
            error(ex, 500, "InternalServiceException", "stub failure: " + e);
        }
    }

    private synchronized Object operation(String op, JsonNode in) {
        Instant now = clock.instant();
        StubOperations ops = new StubOperations(json, now);
        switch (op) {
            case "CreateSession":
                createRequests.add(in);
                StubSession created = ops.create(in, provisioning, sessions);
                created.stopDelay = stopDelay;
                if (failNewSessions != null) {
                    created.forcedStatus = "FAILED";
                    created.errorMessage = failNewSessions;
                }
                return ops.wrap("Session", ops.session(created));
            case "GetSession":
                return ops.wrap("Session", ops.session(ops.find(sessions, in.path("Id").asText())));
            case "ListSessions":
                return ops.list(sessions, in);
            case "StopSession":
                return ops.stop(ops.find(sessions, in.path("Id").asText()));
            case "DeleteSession":
                ops.find(sessions, in.path("Id").asText());
                sessions.remove(in.path("Id").asText());
                return ops.wrap("Id", json.getNodeFactory().textNode(in.path("Id").asText()));
            case "RunStatement":
                return ops.run(ops.find(sessions, in.path("SessionId").asText()), in.path("Code").asText(),
                        scripted, statementDuration, s3Writer);
            case "GetStatement":
                return ops.wrap("Statement", ops.statement(ops.find(sessions, in.path("SessionId").asText()),
                        in.path("Id").asInt()));
            case "ListStatements":
                return ops.statements(ops.find(sessions, in.path("SessionId").asText()), in, statementPageSize);
            case "CancelStatement":
                ops.cancel(ops.find(sessions, in.path("SessionId").asText()), in.path("Id").asInt());
                return json.createObjectNode();
            case "GetDashboardUrl":
                ops.find(sessions, in.path("ResourceId").asText());
                return ops.wrap("Url", json.getNodeFactory().textNode("https://stub.local/dashboard/"
                        + in.path("ResourceId").asText() + "?authToken=stub-token"));
            case "GetTags":
                String arn = in.path("ResourceArn").asText();
                StubSession tagged = ops.find(sessions, arn.substring(arn.indexOf("session/") + 8));
                ObjectNode tags = json.createObjectNode();
                tagged.tags.forEach(tags::put);
                return ops.wrap("Tags", tags);
            case "GetDatabases":
            case "GetDatabase":
            case "GetTables":
            case "GetTable":
                return catalog.handle(op, in);
            default:
                throw new StubError(400, "UnknownOperationException", "The Glue stub does not implement " + op);
        }
    }

    private void sts(HttpExchange ex, String form) throws IOException {
        if (!form.contains("Action=GetCallerIdentity")) {
            send(ex, 400, "text/xml", ("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                    + "<Message>The Glue stub's STS only answers GetCallerIdentity</Message></Error>"
                    + "<RequestId>stub</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        calls.computeIfAbsent("GetCallerIdentity", k -> new AtomicInteger()).incrementAndGet();
        String xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>" + callerArn + "</Arn><UserId>" + callerUserId + "</UserId>"
                + "<Account>" + ACCOUNT + "</Account></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>stub-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        send(ex, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode e = json.createObjectNode();
        e.put("__type", code);
        e.put("message", message);
        ex.getResponseHeaders().add("x-amzn-ErrorType", code);
        send(ex, status, "application/x-amz-json-1.1", json.writeValueAsBytes(e));
    }

    private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("x-amzn-RequestId", "stub-" + requestIds.incrementAndGet());
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /** A Glue error answer. */
    static final class StubError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        StubError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
