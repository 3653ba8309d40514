package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTransportException;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.RecordedRequest;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults over real HTTP against the fake Livy server, at the transport level, and what the caller sees. */
class LivyFaultsIT {
    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer().startDelay(Duration.ZERO);

    private LivyTransport transport;

    private LivyTransport transport() {
        transport = LivyTransport.builder()
                .url(livy.url())
                .httpClient(livy.client())
                .build();
        return transport;
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    static Throwable failure(CompletableFuture<?> f) {
        try {
            await(f);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }

    private static CreateSessionRequest request(String token) {
        return CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, token);
    }

    private String idleSession(LivyTransport t) throws Exception {
        return await(t.createSession(request("glivy-" + System.nanoTime()))).id();
    }

    @Test
    @DisplayName("connection refused: the request never arrived (mayHaveReachedBackend=false) and nothing ran")
    void refused() throws Exception {
        LivyTransport t = transport();
        String id = idleSession(t);
        livy.failNext("submitStatement", Fault.CONNECTION_REFUSED);
        Throwable e = failure(t.submitStatement(id, SubmitStatementRequest.of("1 + 1", Language.SCALA)));
        assertThat(e).isInstanceOf(SessionTransportException.class);
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isFalse();
        assertThat(((SessionTransportException) e).retryable()).isTrue();
        assertThat(e.getMessage()).contains("did not reach Livy").contains("submit a spark statement to session " + id);
        assertThat(livy.requests("submitStatement")).isEmpty();
        assertThat(await(t.submitStatement(id, SubmitStatementRequest.of("1 + 1", Language.SCALA))))
                .isEqualTo("0");
    }

    @Test
    @DisplayName("a connection dropped after the request: mayHaveReachedBackend=true; the session exists and is found")
    void responseLost() throws Exception {
        LivyTransport t = transport();
        livy.failNext("createSession", Fault.RESPONSE_LOST);
        CreateSessionRequest req = request("glivy-lost-1");
        Throwable e = failure(t.createSession(req));
        assertThat(e).isInstanceOf(SessionTransportException.class);
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
        assertThat(livy.sessionCount()).isEqualTo(1);
        SessionInfo found = await(t.findSession(req)).orElseThrow();
        assertThat(found.attributes()).containsEntry("name", "glivy-lost-1");
        assertThat(await(t.findSession(request("glivy-other")))).isEmpty();
    }

    @Test
    @DisplayName("429 and 500 are retryable backend errors; the server's message is in ours")
    void throttleAndServerError() throws Exception {
        LivyTransport t = transport();
        String id = idleSession(t);
        livy.failNext("getSession", Fault.THROTTLE);
        livy.failNext("getSession", Fault.SERVER_ERROR);
        SessionBackendException a = (SessionBackendException) failure(t.getSession(id));
        assertThat(a.statusCode()).isEqualTo(429);
        assertThat(a.retryable()).isTrue();
        SessionBackendException b = (SessionBackendException) failure(t.getSession(id));
        assertThat(b.statusCode()).isEqualTo(500);
        assertThat(b.retryable()).isTrue();
        assertThat(b.getMessage()).contains("injected server error");
        assertThat(await(t.getSession(id)).state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    @DisplayName("a response slower than responseTimeout fails after the timeout, may have reached Livy")
    void slowResponse() throws Exception {
        transport = LivyTransport.builder()
                .url(livy.url())
                .responseTimeout(Duration.ofMillis(300))
                .build();
        String id = idleSession(transport);
        livy.delayNext("getSession", Duration.ofSeconds(3));
        long start = System.nanoTime();
        Throwable e = failure(transport.getSession(id));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isInstanceOf(SessionTransportException.class).hasMessageContaining("no response in time");
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
        assertThat(ms).isBetween(250L, 2500L);
    }

    @Test
    @DisplayName("a session deleted behind our back (404): every session call raises SessionLostException(LOST)")
    void lostMidSession() throws Exception {
        LivyTransport t = transport();
        String id = idleSession(t);
        String st = await(t.submitStatement(id, SubmitStatementRequest.of("1", Language.SCALA)));
        livy.loseSession(id);
        for (CompletableFuture<?> f : List.of(
                t.getSession(id),
                t.getStatement(id, st),
                t.listStatements(id),
                t.submitStatement(id, SubmitStatementRequest.of("2", Language.SCALA)),
                t.keepAlive(id),
                t.cancelStatement(id, st),
                t.sessionLog(id, 0, 10))) {
            Throwable e = failure(f);
            assertThat(e).isInstanceOf(SessionLostException.class).hasMessageContaining("is gone");
            assertThat(((SessionLostException) e).state()).isEqualTo(SessionState.LOST);
        }
        await(t.stopSession(id));
    }

    @Test
    @DisplayName("a session that died: FAILED in its info, SessionLostException(FAILED) on statement calls")
    void deadSession() throws Exception {
        LivyTransport t = transport();
        String id = idleSession(t);
        String st = await(t.submitStatement(id, SubmitStatementRequest.of("1", Language.SCALA)));
        livy.killSession(id, "ERROR YarnAllocator: container killed (exit code 137)");
        SessionInfo info = await(t.getSession(id));
        assertThat(info.state()).isEqualTo(SessionState.FAILED);
        assertThat(info.backendState()).isEqualTo("dead");
        for (CompletableFuture<?> f : List.of(
                t.submitStatement(id, SubmitStatementRequest.of("2", Language.SCALA)),
                t.getStatement(id, st),
                t.keepAlive(id),
                t.cancelStatement(id, st))) {
            Throwable e = failure(f);
            assertThat(e).isInstanceOf(SessionLostException.class);
            assertThat(((SessionLostException) e).state()).isEqualTo(SessionState.FAILED);
        }
        assertThat(await(t.sessionLog(id, -1, 1)))
                .containsExactly("ERROR YarnAllocator: container killed (exit code 137)");
    }

    @Test
    @DisplayName("a session dying while starting: start() fails with the last log lines, read as from=-1")
    void deathWhileStarting() {
        livy.startDelay(Duration.ofMillis(200))
                .failStarts(
                        "Exception in thread \"main\" org.apache.spark."
                                + "SparkException: Driver memory must be a positive number",
                        "\tat org.apache.spark.deploy.Submit");
        InteractiveSession s = InteractiveSession.builder()
                .transport(LivyTransport.builder().url(livy.url()))
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .build();
        try {
            assertThatThrownBy(s::start)
                    .isInstanceOf(SessionLostException.class)
                    .hasMessageContaining("failed while starting: it is dead")
                    .hasMessageContaining("Driver memory must be a positive number")
                    .hasMessageContaining("\tat org.apache.spark.deploy.Submit");
            assertThat(s.state()).isEqualTo(SessionState.FAILED);
        } finally {
            s.close();
        }
        RecordedRequest log = livy.requests("sessionLog").get(0);
        assertThat(log.query()).containsEntry("size", "20").doesNotContainKey("from");
    }

    @Test
    @DisplayName("an unknown statement is a 404 backend error, not a lost session")
    void unknownStatement() throws Exception {
        LivyTransport t = transport();
        String id = idleSession(t);
        Throwable e = failure(t.getStatement(id, "42"));
        assertThat(e).isInstanceOf(SessionBackendException.class).isNotInstanceOf(SessionLostException.class);
        assertThat(((SessionBackendException) e).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("closing the transport fails pending calls at once and refuses new ones")
    void closeFailsPending() throws Exception {
        LivyTransport t = transport();
        String id = idleSession(t);
        livy.delayNext("getSession", Duration.ofSeconds(5));
        CompletableFuture<SessionInfo> pending = t.getSession(id);
        Thread.sleep(200);
        long start = System.nanoTime();
        t.close();
        assertThat(failure(pending)).isInstanceOf(SessionStateException.class).hasMessageContaining("is closed");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        assertThat(failure(t.getSession(id))).isInstanceOf(SessionStateException.class);
        t.close();
    }

    @Test
    @DisplayName("a lost statement response is reconciled through the statement list: the code ran once")
    void ambiguousSubmitThroughSession() throws Exception {
        try (InteractiveSession s = InteractiveSession.builder()
                .transport(LivyTransport.builder().url(livy.url()))
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(20)))
                .start()) {
            livy.failNext("submitStatement", Fault.RESPONSE_LOST);
            assertThat(s.execute("1 + 1").text()).isEqualTo("1 + 1\n");
            assertThat(livy.statementCodes(s.id().orElseThrow())).containsExactly("1 + 1");
            assertThat(livy.requests("submitStatement")).hasSize(1);
            assertThat(livy.requests("listStatements")).isNotEmpty();
        }
    }
}
