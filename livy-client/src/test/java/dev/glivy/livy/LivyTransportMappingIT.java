package dev.glivy.livy;

import static dev.glivy.livy.LivyFaultsIT.await;
import static dev.glivy.livy.LivyFaultsIT.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementNotFoundException;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.livy.fake.LivyFault;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.test.contract.TransportFaults.Fault;
import dev.glivy.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the transport makes of the fake's Livy 0.7.1 behaviours and faults, over real HTTP: the exceptions and flags
 * core's exactly-once logic relies on (StatementNotFoundException, mayHaveTakenEffect, mayHaveReachedBackend), the
 * page tokens and the sequential ids.
 */
class LivyTransportMappingIT {
    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer()
            .startDelay(Duration.ZERO)
            .statementDuration(Duration.ofMillis(1))
            .statementStartLatency(Duration.ZERO);

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

    private String session(LivyTransport t) throws Exception {
        String id = await(t.createSession(
                        CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "glivy-" + System.nanoTime())))
                .id();
        eventually(() -> "idle".equals(livy.sessionState(id)));
        return id;
    }

    private static String submit(LivyTransport t, String id, String code) throws Exception {
        return await(t.submitStatement(id, SubmitStatementRequest.of(code, Language.SCALA)));
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(20), condition);
    }

    @Test
    @DisplayName("CRLF and lone CR come back as LF in the statement's code, from GET and from the listing")
    void crlfEcho() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        String st = submit(t, id, "val a = 1\r\nval b = 2\rprintln(a + b)");
        String lf = "val a = 1\nval b = 2\nprintln(a + b)";
        eventually(() -> await0(t, id, st).outputs().containsKey("text/plain"));
        RemoteStatement r = await(t.getStatement(id, st));
        assertThat(r.code()).contains(lf);
        assertThat(r.outputs().get("text/plain")).isEqualTo(lf + "\n");
        assertThat(await(t.listStatements(id)))
                .extracting(x -> x.code().orElseThrow())
                .containsExactly(lf);
        assertThat(livy.timesRun(id, "val a = 1\r\nval b = 2\rprintln(a + b)")).isEqualTo(1);
    }

    private static RemoteStatement await0(LivyTransport t, String id, String st) {
        try {
            return await(t.getStatement(id, st));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("an evicted statement (even one still running) is StatementNotFoundException; it still runs")
    void eviction() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        String first = submit(t, id, "sleep:3000");
        for (int i = 1; i <= 100; i++) {
            assertThat(submit(t, id, "q" + i)).isEqualTo(String.valueOf(i));
        }
        Throwable e = failure(t.getStatement(id, first));
        assertThat(livy.executionLog(id)).as("statement 0 is still running").containsExactly("sleep:3000");
        assertThat(e).isInstanceOf(StatementNotFoundException.class).hasMessageContaining("Statement not found");
        StatementNotFoundException nf = (StatementNotFoundException) e;
        assertThat(nf.statementId()).isEqualTo("0");
        assertThat(nf.sessionId()).isEqualTo(id);
        assertThat(nf.statusCode()).isEqualTo(404);
        assertThat(nf.mayHaveTakenEffect()).isFalse();
        assertThat(await(t.getStatement(id, "1")).code()).contains("q1");
        assertThat(await(t.listStatements(id)))
                .hasSize(100)
                .first()
                .extracting(RemoteStatement::id)
                .isEqualTo("1");
        assertThat(failure(t.getStatement(id, "101"))).isInstanceOf(StatementNotFoundException.class);
        await(t.cancelStatement(id, first)); // Livy 0.7.1 answers "canceled" for a statement it no longer keeps
        livy.unknownCancel404(true);
        assertThat(failure(t.cancelStatement(id, first))).isInstanceOf(StatementNotFoundException.class);
        eventually(() -> livy.executionLog(id).size() == 101);
        assertThat(livy.executionLog(id)).startsWith("sleep:3000", "q1", "q2").endsWith("q100");
    }

    @Test
    @DisplayName("503 and 502 from a proxy and 429 throttling: retryable, mayHaveTakenEffect false, nothing created")
    void refusedAnswers() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        livy.faultPlan().every("submitStatement", 1, LivyFault.proxyUnavailable());
        assertRefused(failure(t.submitStatement(id, SubmitStatementRequest.of("a", Language.SCALA))), 503);
        livy.faultPlan().clear().every("submitStatement", 1, LivyFault.badGateway());
        assertRefused(failure(t.submitStatement(id, SubmitStatementRequest.of("b", Language.SCALA))), 502);
        livy.faultPlan().clear().every("createSession", 1, LivyFault.throttled());
        assertRefused(
                failure(t.createSession(
                        CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "glivy-throttled"))),
                429);
        livy.faultPlan().clear();
        assertThat(livy.statementCodes(id)).isEmpty();
        assertThat(livy.sessionCount()).isEqualTo(1);
        assertThat(submit(t, id, "c")).isEqualTo("0");
        assertThat(livy.faultPlan().injected("submitStatement", LivyFault.Kind.PROXY_UNAVAILABLE))
                .isEqualTo(1);
    }

    private static void assertRefused(Throwable e, int status) {
        assertThat(e).isInstanceOf(SessionBackendException.class);
        SessionBackendException b = (SessionBackendException) e;
        assertThat(b.statusCode()).isEqualTo(status);
        assertThat(b.retryable()).isTrue();
        assertThat(b.mayHaveTakenEffect()).isFalse();
    }

    @Test
    @DisplayName("500: mayHaveTakenEffect true - the fake's 500 after applying did create the statement")
    void serverError() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        livy.faultPlan().every("submitStatement", 1, LivyFault.serverErrorAfterApply());
        Throwable e = failure(t.submitStatement(id, SubmitStatementRequest.of("x = 1", Language.SCALA)));
        assertThat(e).isInstanceOf(SessionBackendException.class);
        SessionBackendException b = (SessionBackendException) e;
        assertThat(b.statusCode()).isEqualTo(500);
        assertThat(b.mayHaveTakenEffect()).isTrue();
        assertThat(b.retryable()).isTrue();
        assertThat(livy.statementCodes(id)).containsExactly("x = 1");
        livy.faultPlan().clear();
        livy.failNext("submitStatement", Fault.SERVER_ERROR); // a 500 that did nothing looks the same
        assertThat(((SessionBackendException)
                                failure(t.submitStatement(id, SubmitStatementRequest.of("y", Language.SCALA))))
                        .mayHaveTakenEffect())
                .isTrue();
    }

    @Test
    @DisplayName("an answer cut after the request was applied: SessionTransportException(mayHaveReachedBackend)")
    void cutAnswer() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        assertThat(submit(t, id, "first")).isEqualTo("0");
        livy.faultPlan().every("submitStatement", 2, LivyFault.answerLost());
        Throwable e = failure(t.submitStatement(id, SubmitStatementRequest.of("second", Language.SCALA)));
        assertThat(e).isInstanceOf(SessionTransportException.class);
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
        assertThat(e.getMessage()).contains("may have received the request");
        String next = t.statementIdAfter("0").orElseThrow();
        assertThat(await(t.getStatement(id, next)).code()).contains("second");
        assertThat(t.statementIdAfter(next)).contains("2");
    }

    @Test
    @DisplayName("a slow answer past the response timeout: the request was applied, mayHaveReachedBackend")
    void slowAnswer() throws Exception {
        transport = LivyTransport.builder()
                .url(livy.url())
                .responseTimeout(Duration.ofMillis(300))
                .build();
        String id = session(transport);
        livy.faultPlan().every("submitStatement", 1, LivyFault.slow(Duration.ofMillis(1500)));
        Throwable e = failure(transport.submitStatement(id, SubmitStatementRequest.of("late", Language.SCALA)));
        assertThat(e).isInstanceOf(SessionTransportException.class).hasMessageContaining("no response in time");
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isTrue();
        assertThat(livy.statementCodes(id)).containsExactly("late");
    }

    @Test
    @DisplayName("paging with a server page size of 3: every statement once, oldest first, over several tokens")
    void paging() throws Exception {
        LivyTransport t = transport();
        String id = session(t);
        for (int i = 0; i < 10; i++) {
            submit(t, id, "s" + i);
        }
        livy.faultPlan().pageSize(3);
        List<@Nullable String> tokens = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            tokens.add(token);
            StatementPage page = await(t.listStatements(id, token));
            page.statements().forEach(s -> ids.add(s.id()));
            token = page.nextToken().orElse(null);
        } while (token != null);
        assertThat(ids)
                .containsExactlyElementsOf(
                        IntStream.range(0, 10).mapToObj(String::valueOf).toList());
        assertThat(tokens).containsExactly(null, "3:3", "6:6", "9:9");
        assertThat(livy.requestCount("listStatements")).isEqualTo(4);
        assertThat(livy.requests("listStatements"))
                .extracting(r -> r.query().get("from"))
                .containsExactly("0", "3", "6", "9");
        assertThat(await(t.listStatements(id))).hasSize(10);
    }

    @Test
    @DisplayName("paging while Livy evicts between pages: no statement it still keeps is skipped")
    void pagingDuringEviction() throws Exception {
        livy.retainedStatements(10);
        LivyTransport t = transport();
        String id = session(t);
        for (int i = 0; i < 10; i++) {
            submit(t, id, "s" + i);
        }
        livy.faultPlan().pageSize(3);
        StatementPage first = await(t.listStatements(id, null));
        List<String> ids = new ArrayList<>();
        first.statements().forEach(s -> ids.add(s.id()));
        submit(t, id, "s10");
        submit(t, id, "s11"); // evicts 0 and 1: Livy's positions move down by two
        String token = first.nextToken().orElseThrow();
        int pages = 1;
        while (token != null) {
            StatementPage page = await(t.listStatements(id, token));
            page.statements().forEach(s -> ids.add(s.id()));
            token = page.nextToken().orElse(null);
            pages++;
        }
        assertThat(ids)
                .containsExactlyElementsOf(
                        IntStream.range(0, 12).mapToObj(String::valueOf).toList());
        assertThat(pages).isEqualTo(5);
    }
}
