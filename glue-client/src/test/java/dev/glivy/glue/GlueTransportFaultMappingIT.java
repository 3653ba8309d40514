package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementNotFoundException;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.glue.stub.StubFault;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How the Glue transport maps each fault the stub injects, over the real AWS SDK on loopback HTTP: what the core
 * engine is told (retryable, may have taken effect, may have reached the backend) and what really happened in the
 * stub. One attempt per call: the SDK's own retries are off, so every fault costs exactly one request.
 */
@DisplayName("GlueTransport maps every stub fault to what it proves about the request")
class GlueTransportFaultMappingIT {
    @RegisterExtension
    final GlueStubExtension glue =
            new GlueStubExtension().configure(s -> s.provisioning(Duration.ZERO).statementDuration(Duration.ZERO));

    private GlueTransport transport;
    private int sessions;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private GlueStub stub() {
        return glue.stub();
    }

    private GlueTransport transport(Duration requestTimeout) {
        transport = GlueTransport.builder()
                .clientConfig(c -> c.endpointOverride(stub().uri())
                        .stsEndpointOverride(stub().uri())
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("AKIDSTUB", "stub-secret-key")))
                        .httpClient(stub().httpClient())
                        .requestTimeout(requestTimeout))
                .region("us-east-1")
                .build();
        return transport;
    }

    private GlueTransport transport() {
        return transport(Duration.ofSeconds(10));
    }

    private String session(GlueTransport t) throws Exception {
        sessions++;
        return await(t.createSession(
                        CreateSessionRequest.of(SessionConfig.empty(), Language.PYTHON, "glivy-faults-" + sessions)))
                .id();
    }

    private static String submit(GlueTransport t, String sessionId, String code) throws Exception {
        return await(t.submitStatement(sessionId, SubmitStatementRequest.of(code, Language.PYTHON)));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            await(f);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    @DisplayName("throttling of every operation is retryable, proves no effect, and costs one request (no SDK retry)")
    void throttlingEveryOperation() throws Exception {
        GlueTransport t = transport();
        String sid = session(t);
        String first = submit(t, sid, "print(\"one\")");
        List<String> ops = List.of(
                "RunStatement",
                "GetStatement",
                "ListStatements",
                "CancelStatement",
                "GetSession",
                "ListSessions",
                "StopSession");
        List<Function<GlueTransport, CompletableFuture<?>>> calls = List.of(
                x -> x.submitStatement(sid, SubmitStatementRequest.of("print(\"two\")", Language.PYTHON)),
                x -> x.getStatement(sid, first),
                x -> x.listStatements(sid, null),
                x -> x.cancelStatement(sid, first),
                x -> x.getSession(sid),
                x -> x.listSessions(),
                x -> x.stopSession(sid));
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            int before = stub().calls(op);
            stub().faults().next(op, StubFault.THROTTLE);
            Throwable e = failure(calls.get(i).apply(t));
            assertThat(e).as(op).isInstanceOf(SessionBackendException.class);
            SessionBackendException b = (SessionBackendException) e;
            assertThat(b.retryable()).as(op).isTrue();
            assertThat(b.mayHaveTakenEffect()).as(op).isFalse();
            assertThat(b.errorCode()).as(op).isEqualTo("ThrottlingException");
            assertThat(stub().calls(op)).as(op + " requests").isEqualTo(before + 1);
        }
        assertThat(stub().statementCodes(sid)).containsExactly("print(\"one\")");
        assertThat(stub().faults().injected(StubFault.THROTTLE)).isEqualTo(ops.size());
        stub().faults().next("CreateSession", StubFault.THROTTLE);
        SessionBackendException create = (SessionBackendException) failure(
                t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.PYTHON, "glivy-throttled")));
        assertThat(create.retryable()).isTrue();
        assertThat(create.mayHaveTakenEffect()).isFalse();
        assertThat(stub().createRequests()).hasSize(1);
    }

    @Test
    @DisplayName("every 3rd request of all operations together is throttled, deterministically")
    void periodicThrottling() throws Exception {
        GlueTransport t = transport();
        String sid = session(t);
        stub().faults().every(3, StubFault.THROTTLE);
        int throttled = 0;
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            CompletableFuture<?> f = i % 2 == 0 ? t.getSession(sid) : t.listStatements(sid, null);
            boolean failed = f.handle((v, e) -> e != null).get(20, TimeUnit.SECONDS);
            throttled += failed ? 1 : 0;
            pattern.append(failed ? 'T' : '.');
        }
        assertThat(pattern.toString()).isEqualTo("..T..T..T");
        assertThat(throttled).isEqualTo(3);
        assertThat(stub().faults().injected("GetSession", StubFault.THROTTLE)
                        + stub().faults().injected("ListStatements", StubFault.THROTTLE))
                .isEqualTo(3);
    }

    @Test
    @DisplayName("a RunStatement answer cut after it was applied: I/O failure that may have reached Glue, ran once")
    void cutAfterApply() throws Exception {
        GlueTransport t = transport();
        String sid = session(t);
        String first = submit(t, sid, "print(\"first\")");
        stub().faults().next("RunStatement", StubFault.CUT_AFTER_APPLY);
        Throwable e = failure(t.submitStatement(sid, SubmitStatementRequest.of("print(\"cut\")", Language.PYTHON)));
        assertThat(e).isInstanceOf(SessionTransportException.class);
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
        assertThat(((SessionTransportException) e).retryable()).isTrue();
        assertThat(stub().calls("RunStatement"))
                .as("no hidden resend below the SDK")
                .isEqualTo(2);
        assertThat(stub().statementCodes(sid)).containsExactly("print(\"first\")", "print(\"cut\")");
        String next = t.statementIdAfter(first).orElseThrow();
        assertThat(await(t.getStatement(sid, next)).code()).contains("print(\"cut\")");
        assertThat(stub().executionLog(sid)).containsExactly("print(\"first\")", "print(\"cut\")");
        assertThat(stub().runs("print(\"cut\")")).isEqualTo(1);
    }

    @Test
    @DisplayName("an answer cut before anything was applied looks the same to the client, and nothing ran")
    void cutBeforeApply() throws Exception {
        GlueTransport t = transport();
        String sid = session(t);
        stub().faults().next("RunStatement", StubFault.CUT_BEFORE_APPLY);
        Throwable e = failure(t.submitStatement(sid, SubmitStatementRequest.of("print(\"x\")", Language.PYTHON)));
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
        assertThat(stub().statementCodes(sid)).isEmpty();
        assertThat(stub().calls("RunStatement")).isEqualTo(1);
        assertThat(failure(t.getStatement(sid, "0"))).isInstanceOf(StatementNotFoundException.class);
    }

    @Test
    @DisplayName("InternalServiceException may have taken effect (before or after applying); retryable")
    void internalError() throws Exception {
        GlueTransport t = transport();
        String sid = session(t);
        stub().faults()
                .next("RunStatement", StubFault.INTERNAL_ERROR)
                .next("RunStatement", StubFault.INTERNAL_ERROR_AFTER_APPLY);
        for (String code : List.of("print(\"a\")", "print(\"b\")")) {
            SessionBackendException e = (SessionBackendException)
                    failure(t.submitStatement(sid, SubmitStatementRequest.of(code, Language.PYTHON)));
            assertThat(e.errorCode()).isEqualTo("InternalServiceException");
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.retryable()).isTrue();
            assertThat(e.mayHaveTakenEffect()).isTrue();
        }
        assertThat(stub().statementCodes(sid)).containsExactly("print(\"b\")");
    }

    @Test
    @DisplayName("a 503 from a proxy (HTML body) is retryable and proves nothing was applied")
    void proxy503() throws Exception {
        GlueTransport t = transport();
        String sid = session(t);
        stub().faults().next("RunStatement", StubFault.PROXY_503);
        Throwable e = failure(t.submitStatement(sid, SubmitStatementRequest.of("print(\"x\")", Language.PYTHON)));
        assertThat(e).isInstanceOf(SessionBackendException.class);
        SessionBackendException b = (SessionBackendException) e;
        assertThat(b.statusCode()).isEqualTo(503);
        assertThat(b.retryable()).isTrue();
        assertThat(b.mayHaveTakenEffect()).isFalse();
        assertThat(stub().statementCodes(sid)).isEmpty();
    }

    @Test
    @DisplayName("a slow answer within the request timeout succeeds; beyond it, it may have reached Glue (it did)")
    void slowAnswers() throws Exception {
        // The session is created with the default budget, so that only the statements meet the 400 ms limit (the
        // first STS call of a JVM on a loaded machine can take longer than that on its own).
        String sid = session(transport());
        try (GlueTransport t = GlueTransport.builder()
                .clientConfig(GlueStubContractIT.clientConfig(stub()).toBuilder()
                        .requestTimeout(Duration.ofMillis(400))
                        .build())
                .build()) {
            stub().faults().slowAnswer(Duration.ofMillis(100)).next("RunStatement", StubFault.SLOW);
            assertThat(submit(t, sid, "print(\"slow\")")).isEqualTo("0");
            stub().faults().slowAnswer(Duration.ofSeconds(2)).next("RunStatement", StubFault.SLOW);
            Throwable e =
                    failure(t.submitStatement(sid, SubmitStatementRequest.of("print(\"late\")", Language.PYTHON)));
            assertThat(e).isInstanceOf(SessionTransportException.class);
            assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
            assertThat(stub().statementCodes(sid)).containsExactly("print(\"slow\")", "print(\"late\")");
        }
    }
}
