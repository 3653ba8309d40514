package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.StatementNotFoundException;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStub.StatementOrder;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.glue.stub.StubFault;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Glue transport's statement listing, statement ids and unknown statements against the stub's Glue behaviour:
 * pages of 3 with opaque tokens, statements not oldest first, sequential ids, EntityNotFoundException for a
 * statement the session does not have, code echoed as sent.
 */
@DisplayName("GlueTransport pages, sorts and numbers statements as Glue serves them")
class GlueTransportPagingIT {
    @RegisterExtension
    final GlueStubExtension glue =
            new GlueStubExtension().configure(s -> s.provisioning(Duration.ZERO).statementDuration(Duration.ZERO));

    private GlueTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private GlueStub stub() {
        return glue.stub();
    }

    private GlueTransport transport() {
        transport = GlueStubContractIT.transportFor(stub());
        return transport;
    }

    private static String session(GlueTransport t, String id) throws Exception {
        return await(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.PYTHON, id)))
                .id();
    }

    private static List<String> submit(GlueTransport t, String sid, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(await(t.submitStatement(sid, SubmitStatementRequest.of("print(\"s" + i + "\")", Language.PYTHON))));
        }
        return ids;
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

    private static List<String> ids(List<RemoteStatement> statements) {
        return statements.stream().map(RemoteStatement::id).toList();
    }

    private static List<String> range(int n) {
        return IntStream.range(0, n).mapToObj(String::valueOf).toList();
    }

    @Test
    @DisplayName("page by page (3 each, one request each), every page sorted oldest first; all 10 statements seen")
    void pagesOfThree() throws Exception {
        for (StatementOrder order : StatementOrder.values()) {
            stub().statementOrder(order);
            GlueTransport t = transport();
            String sid = session(t, "glivy-pages-" + order);
            submit(t, sid, 10);
            int before = stub().calls("ListStatements");
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                StatementPage p = await(t.listStatements(sid, token));
                List<String> ids = ids(p.statements());
                assertThat(ids)
                        .as(order + " page " + pages)
                        .hasSizeLessThanOrEqualTo(3)
                        .isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
                seen.addAll(ids);
                token = p.nextToken().orElse(null);
                if (token != null) {
                    assertThat(token)
                            .as("opaque token")
                            .doesNotMatch("\\d{1,3}")
                            .hasSizeGreaterThan(20);
                }
                pages++;
            } while (token != null);
            assertThat(pages).as(order.toString()).isEqualTo(4);
            assertThat(stub().calls("ListStatements") - before).isEqualTo(4);
            assertThat(seen).as(order.toString()).containsExactlyInAnyOrderElementsOf(range(10));
            assertThat(ids(await(t.listStatements(sid)))).as(order.toString()).containsExactlyElementsOf(range(10));
            List<RemoteStatement> all = await(t.listStatements(sid));
            assertThat(all.get(7).code()).contains("print(\"s7\")");
            t.close();
        }
    }

    @Test
    @DisplayName("a throttled page is retried on its own with its token; a forged token is refused, not retryable")
    void pageRetriedAlone() throws Exception {
        GlueTransport t = transport();
        String sid = session(t, "glivy-retry-page");
        submit(t, sid, 7);
        StatementPage first = await(t.listStatements(sid, null));
        String token = first.nextToken().orElseThrow();
        stub().faults().next("ListStatements", StubFault.THROTTLE);
        SessionBackendException throttled = (SessionBackendException) failure(t.listStatements(sid, token));
        assertThat(throttled.retryable()).isTrue();
        StatementPage second = await(t.listStatements(sid, token));
        assertThat(ids(second.statements()))
                .doesNotContainAnyElementsOf(ids(first.statements()))
                .hasSize(3);
        SessionBackendException forged = (SessionBackendException) failure(t.listStatements(sid, "3"));
        assertThat(forged.errorCode()).isEqualTo("InvalidInputException");
        assertThat(forged.retryable()).isFalse();
    }

    @Test
    @DisplayName("statement ids are sequential per session and statementIdAfter predicts the next one")
    void sequentialIds() throws Exception {
        GlueTransport t = transport();
        String a = session(t, "glivy-ids-a");
        String b = session(t, "glivy-ids-b");
        List<String> ids = submit(t, a, 4);
        assertThat(ids).containsExactly("0", "1", "2", "3");
        assertThat(submit(t, b, 1)).containsExactly("0");
        for (int i = 1; i < ids.size(); i++) {
            assertThat(t.statementIdAfter(ids.get(i - 1))).contains(ids.get(i));
        }
        assertThat(t.statementIdAfter("41")).contains("42");
        assertThat(t.statementIdAfter("not-a-number")).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("GetStatement and CancelStatement of an unknown statement: StatementNotFoundException; "
            + "of an unknown session: SessionLostException")
    void unknownStatement() throws Exception {
        GlueTransport t = transport();
        String sid = session(t, "glivy-unknown");
        submit(t, sid, 1);
        Throwable get = failure(t.getStatement(sid, "1"));
        assertThat(get)
                .isInstanceOf(StatementNotFoundException.class)
                .hasMessageContaining("statement 1")
                .hasMessageContaining(sid);
        assertThat(((StatementNotFoundException) get).statementId()).isEqualTo("1");
        assertThat(((StatementNotFoundException) get).retryable()).isFalse();
        assertThat(failure(t.cancelStatement(sid, "99"))).isInstanceOf(StatementNotFoundException.class);
        stub().loseSession(sid);
        assertThat(failure(t.getStatement(sid, "0"))).isInstanceOf(SessionLostException.class);
    }

    @Test
    @DisplayName("code comes back exactly as sent: CRLF, lone CR, tabs, unicode")
    void codeEchoed() throws Exception {
        GlueTransport t = transport();
        String sid = session(t, "glivy-echo");
        String code = "print(\"a\")\r\nprint(\"b\")\rprint(\"\u00e9\t\uD83D\uDE00\")\n";
        String id = await(t.submitStatement(sid, SubmitStatementRequest.of(code, Language.PYTHON)));
        assertThat(await(t.getStatement(sid, id)).code()).contains(code);
        assertThat(await(t.listStatements(sid)).get(0).code()).contains(code);
        assertThat(stub().executionLog(sid)).containsExactly(code);
    }

    @Test
    @DisplayName("ListSessions is paged too: 7 sessions over pages of 3, all listed once")
    void sessionsPaged() throws Exception {
        GlueTransport t = transport();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(session(t, "glivy-list-" + i));
        }
        int before = stub().calls("ListSessions");
        List<SessionInfo> listed = await(t.listSessions());
        assertThat(listed).extracting(SessionInfo::id).containsExactlyInAnyOrderElementsOf(created);
        assertThat(stub().calls("ListSessions") - before).isEqualTo(3);
    }
}
