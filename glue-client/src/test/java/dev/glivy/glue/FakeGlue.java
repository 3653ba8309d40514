package dev.glivy.glue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueServiceClientConfiguration;
import software.amazon.awssdk.services.glue.model.CancelStatementRequest;
import software.amazon.awssdk.services.glue.model.CancelStatementResponse;
import software.amazon.awssdk.services.glue.model.CreateSessionRequest;
import software.amazon.awssdk.services.glue.model.CreateSessionResponse;
import software.amazon.awssdk.services.glue.model.GetDashboardUrlRequest;
import software.amazon.awssdk.services.glue.model.GetDashboardUrlResponse;
import software.amazon.awssdk.services.glue.model.GetSessionRequest;
import software.amazon.awssdk.services.glue.model.GetSessionResponse;
import software.amazon.awssdk.services.glue.model.GetStatementRequest;
import software.amazon.awssdk.services.glue.model.GetStatementResponse;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;
import software.amazon.awssdk.services.glue.model.GetTagsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.ListSessionsRequest;
import software.amazon.awssdk.services.glue.model.ListSessionsResponse;
import software.amazon.awssdk.services.glue.model.ListStatementsRequest;
import software.amazon.awssdk.services.glue.model.ListStatementsResponse;
import software.amazon.awssdk.services.glue.model.RunStatementRequest;
import software.amazon.awssdk.services.glue.model.RunStatementResponse;
import software.amazon.awssdk.services.glue.model.Session;
import software.amazon.awssdk.services.glue.model.Statement;
import software.amazon.awssdk.services.glue.model.StopSessionRequest;
import software.amazon.awssdk.services.glue.model.StopSessionResponse;

/**
 * An in-memory {@link GlueClient} on a {@link Clock} (virtual time in the engine tests), implementing only the
 * session and statement operations the transport uses, as the AWS interface allows. Sessions provision for
 * {@link #provisioning}; a statement {@code sleep:<millis>} runs that long with linear progress, {@code fail} raises
 * a user error, anything else echoes its code. Faults are queued per operation as AWS error codes, or
 * {@code "LOST"} for an answer lost after the call took effect. Thread-safe.
 */
final class FakeGlue implements GlueClient {
    final Clock clock;
    final Map<String, Session.Builder> sessions = new LinkedHashMap<>();
    final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    final Map<String, List<Statement.Builder>> statements = new ConcurrentHashMap<>();
    final Map<String, Instant> submitted = new ConcurrentHashMap<>();
    final Map<String, ArrayDeque<String>> faults = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<CreateSessionRequest> created = new ArrayList<>();
    volatile Duration provisioning = Duration.ofSeconds(20);

    FakeGlue() {
        this(Clock.systemUTC());
    }

    FakeGlue(Clock clock) {
        this.clock = clock;
    }

    void failNext(String operation, String code) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(code);
    }

    /** Calls of every operation together. */
    int calls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    synchronized void status(String id, String status) {
        sessions.get(id).status(status);
    }

    private synchronized <T> T call(String op, Supplier<T> body) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        ArrayDeque<String> q = faults.get(op);
        String fault = q == null ? null : q.poll();
        if (fault != null && !fault.equals("LOST")) {
            throw error(fault, fault.equals("InternalServiceException") ? 500 : 400, fault + " (injected)");
        }
        T value = body.get();
        if ("LOST".equals(fault)) {
            throw SdkClientException.create(
                    "Unable to execute HTTP request: Unexpected end of file from server",
                    new IOException("Unexpected end of file from server"));
        }
        return value;
    }

    static GlueException error(String code, int status, String message) {
        return (GlueException) GlueException.builder()
                .statusCode(status)
                .requestId("fake")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    private Session.Builder session(String id) {
        Session.Builder s = sessions.get(id);
        if (s == null) {
            throw error("EntityNotFoundException", 400, "Session " + id + " not found");
        }
        Session now = s.build();
        if (now.statusAsString().equals("PROVISIONING")
                && !clock.instant().isBefore(now.createdOn().plus(provisioning))) {
            s.status("READY");
        }
        return s;
    }

    @Override
    public CreateSessionResponse createSession(CreateSessionRequest r) {
        return call("CreateSession", () -> {
            if (sessions.containsKey(r.id())) {
                throw error("AlreadyExistsException", 400, "exists");
            }
            created.add(r);
            sessions.put(
                    r.id(),
                    Session.builder()
                            .id(r.id())
                            .status("PROVISIONING")
                            .createdOn(clock.instant())
                            .role(r.role())
                            .command(r.command())
                            .defaultArguments(r.defaultArguments())
                            .glueVersion(r.glueVersion())
                            .numberOfWorkers(r.numberOfWorkers())
                            .workerType(r.workerTypeAsString())
                            .maxCapacity(r.maxCapacity())
                            .idleTimeout(r.idleTimeout()));
            tags.put(r.id(), new LinkedHashMap<>(r.tags()));
            statements.put(r.id(), new ArrayList<>());
            return CreateSessionResponse.builder()
                    .session(session(r.id()).build())
                    .build();
        });
    }

    @Override
    public GetSessionResponse getSession(GetSessionRequest r) {
        return call("GetSession", () -> GetSessionResponse.builder()
                .session(session(r.id()).build())
                .build());
    }

    @Override
    public ListSessionsResponse listSessions(ListSessionsRequest r) {
        return call("ListSessions", () -> {
            List<Session> out = new ArrayList<>();
            for (String id : sessions.keySet()) {
                Map<String, String> t = tags.getOrDefault(id, Map.of());
                boolean match = !r.hasTags()
                        || r.tags().entrySet().stream()
                                .allMatch(e -> e.getValue().equals(t.get(e.getKey())));
                if (match) {
                    out.add(session(id).build());
                }
            }
            return ListSessionsResponse.builder().sessions(out).build();
        });
    }

    @Override
    public StopSessionResponse stopSession(StopSessionRequest r) {
        return call("StopSession", () -> {
            Session.Builder s = session(r.id());
            String st = s.build().statusAsString();
            if (st.equals("STOPPING") || st.equals("STOPPED")) {
                throw error("IllegalSessionStateException", 400, "Session is in " + st + " status");
            }
            s.status("STOPPED");
            return StopSessionResponse.builder().id(r.id()).build();
        });
    }

    @Override
    public GetTagsResponse getTags(GetTagsRequest r) {
        return call("GetTags", () -> {
            tagArns.add(r.resourceArn());
            String id = r.resourceArn().substring(r.resourceArn().indexOf("session/") + 8);
            session(id);
            return GetTagsResponse.builder().tags(tags.get(id)).build();
        });
    }

    @Override
    public GetDashboardUrlResponse getDashboardUrl(GetDashboardUrlRequest r) {
        return call("GetDashboardUrl", () -> GetDashboardUrlResponse.builder()
                .url("https://dash/" + r.resourceId())
                .build());
    }

    @Override
    public RunStatementResponse runStatement(RunStatementRequest r) {
        return call("RunStatement", () -> {
            String st = session(r.sessionId()).build().statusAsString();
            if (!st.equals("READY")) {
                throw error("InvalidInputException", 400, "Session " + r.sessionId() + " is not ready, status=" + st);
            }
            List<Statement.Builder> list = statements.get(r.sessionId());
            int id = list.size();
            list.add(Statement.builder().id(id).code(r.code()));
            submitted.put(r.sessionId() + "/" + id, clock.instant());
            return RunStatementResponse.builder().id(id).build();
        });
    }

    private Statement statement(String sessionId, int id) {
        List<Statement.Builder> list = statements.get(sessionId);
        if (id >= list.size()) {
            throw error("EntityNotFoundException", 400, "Statement " + id + " not found");
        }
        Statement.Builder b = list.get(id);
        Statement s = b.build();
        if (s.stateAsString() != null && s.stateAsString().startsWith("CANCEL")) {
            return b.state("CANCELLED").build();
        }
        Instant start = submitted.get(sessionId + "/" + id);
        long millis = s.code().startsWith("sleep:") ? Long.parseLong(s.code().substring(6)) : 100;
        Duration elapsed = Duration.between(start, clock.instant());
        b.startedOn(start.toEpochMilli());
        if (elapsed.toMillis() < millis) {
            return b.state("RUNNING")
                    .progress(elapsed.toMillis() / (double) millis)
                    .build();
        }
        b.state("AVAILABLE").progress(1.0).completedOn(start.toEpochMilli() + millis);
        if (s.code().equals("fail")) {
            b.output(o ->
                    o.status("error").errorName("Exception").errorValue("boom").traceback("tb"));
        } else {
            b.output(o -> o.status("ok").executionCount(id + 1).data(d -> d.textPlain(s.code())));
        }
        return b.build();
    }

    @Override
    public GetStatementResponse getStatement(GetStatementRequest r) {
        return call("GetStatement", () -> {
            session(r.sessionId());
            return GetStatementResponse.builder()
                    .statement(statement(r.sessionId(), r.id()))
                    .build();
        });
    }

    @Override
    public ListStatementsResponse listStatements(ListStatementsRequest r) {
        return call("ListStatements", () -> {
            session(r.sessionId());
            List<Statement> out = new ArrayList<>();
            for (int i = statements.get(r.sessionId()).size() - 1; i >= 0; i--) {
                out.add(statement(r.sessionId(), i));
            }
            return ListStatementsResponse.builder().statements(out).build();
        });
    }

    @Override
    public CancelStatementResponse cancelStatement(CancelStatementRequest r) {
        return call("CancelStatement", () -> {
            session(r.sessionId());
            Statement s = statement(r.sessionId(), r.id());
            if (!s.stateAsString().equals("AVAILABLE")) {
                statements.get(r.sessionId()).get(r.id()).state("CANCELLING");
            }
            return CancelStatementResponse.builder().build();
        });
    }

    /** The resource ARNs GetTags was asked for. */
    final List<String> tagArns = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The credentials the client reports in its configuration (none by default). */
    volatile software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials;

    @Override
    public GlueServiceClientConfiguration serviceClientConfiguration() {
        GlueServiceClientConfiguration.Builder b =
                GlueServiceClientConfiguration.builder().region(Region.US_EAST_1);
        if (credentials != null) {
            b.credentialsProvider(credentials);
        }
        return b.build();
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
