package dev.glivy.test;

import static dev.glivy.test.GlivyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionTimeoutException;
import dev.glivy.SessionTransportException;
import dev.glivy.SparkType;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.test.ScriptedTransport.Answer;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScriptedTransportTest {

    @Test
    void answersFromStringRegexAndPredicateRulesNewestFirst() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when(Pattern.compile("^print")).thenText("general");
            v.backend.when("print(1)").thenText("1");
            v.backend.when(code -> code.contains("boom")).thenText("predicate");
            v.start();
            assertThat(v.await(v.session.executeAsync("print(1)"))).succeeded().hasText("1");
            assertThat(v.await(v.session.executeAsync("print(2)"))).hasText("general");
            assertThat(v.await(v.session.executeAsync("x = 'boom'"))).hasText("predicate");
            v.backend.when("print(1)").thenText("overridden");
            assertThat(v.await(v.session.executeAsync("print(1)"))).hasText("overridden");
        }
    }

    @Test
    void unmatchedCodeFailsNamingTheCode() throws Exception {
        try (VirtualSession v = new VirtualSession().start()) {
            assertThatThrownBy(() -> v.await(v.session.executeAsync("nobody.knows()")))
                    .isInstanceOf(StatementFailedException.class)
                    .hasMessageContaining(ScriptedTransport.NO_RULE)
                    .hasMessageContaining("nobody.knows()");
        }
    }

    @Test
    void errorsCarryNameValueAndTraceback() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when("1 / 0").thenError("ArithmeticException", "/ by zero", "at line 1", "at Main");
            v.start();
            StatementResult r = v.await(v.session.executeAsync(
                    StatementRequest.builder().code("1 / 0").failOnError(false).build()));
            assertThat(r).failedWith("ArithmeticException").failedWithValueContaining("by zero");
            assertThat(r.error().orElseThrow().traceback()).containsExactly("at line 1", "at Main");
        }
    }

    @Test
    void typedTablesDecodeAsRealResults() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend
                    .whenSql(Pattern.compile("(?i)select .* from people"))
                    .thenTable(SqlTable.builder()
                            .column("name", SparkType.STRING)
                            .column("age", SparkType.INTEGER)
                            .column("score", SparkType.decimal(5, 2))
                            .column("born", SparkType.DATE)
                            .column("seen", SparkType.TIMESTAMP)
                            .column("tags", SparkType.array(SparkType.STRING, true))
                            .row(
                                    "ann",
                                    31,
                                    new BigDecimal("9.50"),
                                    LocalDate.of(1990, 1, 2),
                                    Instant.parse("2024-01-02T03:04:05Z"),
                                    List.of("a", "b"))
                            .row("bob", null, new BigDecimal("7.25"), null, null, List.of())
                            .build());
            v.start();
            SqlResult r = v.await(v.session.sqlAsync("select * from people"));
            assertThat(r)
                    .hasColumns("name", "age", "score", "born", "seen", "tags")
                    .hasColumn("score", SparkType.decimal(5, 2))
                    .hasRowCount(2)
                    .isNotTruncated()
                    .hasValue(0, "age", 31)
                    .hasValue(0, "born", LocalDate.of(1990, 1, 2))
                    .hasValue(0, "seen", Instant.parse("2024-01-02T03:04:05Z"))
                    .hasNull(1, "age")
                    .containsExactlyRows(
                            List.of(
                                    "ann",
                                    31,
                                    new BigDecimal("9.50"),
                                    LocalDate.of(1990, 1, 2),
                                    Instant.parse("2024-01-02T03:04:05Z"),
                                    List.of("a", "b")),
                            java.util.Arrays.asList("bob", null, new BigDecimal("7.25"), null, null, List.of()));
            assertThat(v.backend.submitted()).containsExactly("select * from people");
        }
    }

    @Test
    void sqlRulesDoNotAnswerOtherLanguages() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend
                    .whenSql("show tables")
                    .thenTable(SqlTable.builder().column("t", SparkType.STRING).build());
            v.start();
            assertThat(v.await(v.session.executeAsync(StatementRequest.builder()
                            .code("show tables")
                            .language(Language.SCALA)
                            .failOnError(false)
                            .build())))
                    .failedWith(ScriptedTransport.NO_RULE);
            assertThat(v.await(v.session.executeAsync("show tables", Language.SQL)))
                    .succeeded();
        }
    }

    @Test
    void statementsRunOneAtATimeInOrderOnVirtualTime() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when("slow").after(Duration.ofMinutes(5)).thenText("slow done");
            v.backend.when("fast").thenText("fast done");
            v.start();
            Instant t0 = v.time.clock().instant();
            CompletableFuture<StatementResult> slow = v.session.executeAsync("slow");
            CompletableFuture<StatementResult> fast = v.session.executeAsync("fast");
            v.time.advance(Duration.ofMinutes(1));
            String sid = v.session.id().orElseThrow();
            assertThat(v.await(v.backend.getStatement(sid, "0")).state()).isEqualTo(StatementState.RUNNING);
            assertThat(v.await(v.backend.getStatement(sid, "1")).state()).isEqualTo(StatementState.WAITING);
            StatementResult f = v.await(fast);
            StatementResult s = v.await(slow);
            assertThat(f.startedAt().orElseThrow())
                    .isAfterOrEqualTo(t0.plus(Duration.ofMinutes(5)))
                    .isAfterOrEqualTo(s.completedAt().orElseThrow());
            assertThat(v.backend.executed(sid)).containsExactly("slow", "fast");
        }
    }

    @Test
    void throttledSubmissionsAreRetriedAndRecorded() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when("x").throttled(2).thenText("ok");
            v.start();
            assertThat(v.await(v.session.executeAsync("x"))).hasText("ok");
            assertThat(v.backend.calls("submitStatement")).isEqualTo(3);
            assertThat(v.backend.submitted()).containsExactly("x");
        }
    }

    @Test
    void transportFailureReachesTheCallerAfterRetries() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when("x").thenTransportFailure();
            v.start();
            // a refused submission never reached the backend, so Glivy resends it until the statement's deadline
            assertThatThrownBy(() -> v.await(v.session.executeAsync(StatementRequest.builder()
                            .code("x")
                            .timeout(Duration.ofSeconds(30))
                            .build())))
                    .isInstanceOf(SessionTimeoutException.class)
                    .hasMessageContaining("could not be submitted");
            assertThat(v.backend.calls("submitStatement")).isGreaterThan(1);
            assertThat(v.backend.submitted()).isEmpty();
        }
    }

    @Test
    void injectedFaultsAndKilledSessions() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when("x").thenText("ok");
            v.start();
            v.backend.failNext("getStatement", Fault.THROTTLE);
            assertThat(v.await(v.session.executeAsync("x"))).succeeded();
            v.backend.killSession(v.session.id().orElseThrow(), "driver died");
            assertThatThrownBy(() -> v.await(v.session.executeAsync("x")))
                    .isInstanceOf(dev.glivy.SessionException.class);
            assertThat(v.backend.calls())
                    .extracting(ScriptedTransport.Call::operation)
                    .contains("createSession", "submitStatement", "getStatement");
        }
    }

    @Test
    void failEveryFailsEachNthCallOfOneOperationOrOfAll() throws Exception {
        ScriptedTransport t = ScriptedTransport.create().failEvery("getSession", 3, Fault.THROTTLE);
        String sid = newSession(t);
        List<CompletableFuture<SessionInfo>> answers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            answers.add(t.getSession(sid));
        }
        assertThat(answers)
                .extracting(CompletableFuture::isCompletedExceptionally)
                .containsExactly(false, false, true, false, false, true, false, false, true);
        assertThat(t.faultsInjected("getSession")).isEqualTo(3);
        assertThat(answers.get(2).handle((v, e) -> e).join())
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("Rate exceeded")
                .satisfies(e ->
                        assertThat(((SessionBackendException) e).retryable()).isTrue());

        ScriptedTransport all =
                ScriptedTransport.create().failEvery(ScriptedTransport.ANY_OPERATION, 2, Fault.SERVER_ERROR);
        assertThat(all.listSessions().isCompletedExceptionally()).isFalse();
        assertThat(all.getSession("x").handle((v, e) -> e).join())
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("Internal error");
        assertThat(all.listSessions().isCompletedExceptionally()).isFalse();
        assertThat(all.faultsInjected(ScriptedTransport.ANY_OPERATION)).isEqualTo(1);
        all.clearFaults();
        assertThat(all.listSessions().isCompletedExceptionally()).isFalse();
        assertThat(all.faultsInjected(ScriptedTransport.ANY_OPERATION)).isEqualTo(1);
    }

    @Test
    void failAtRateIsRepeatableForOneSeed() {
        List<Boolean> first = randomFailures(42);
        assertThat(randomFailures(42)).isEqualTo(first);
        assertThat(randomFailures(7)).isNotEqualTo(first);
        assertThat(first.stream().filter(b -> b).count()).as("about 30 of 100").isBetween(15L, 45L);
        ScriptedTransport never = ScriptedTransport.create().failAtRate("listSessions", 0, Fault.THROTTLE, 1);
        ScriptedTransport always = ScriptedTransport.create().failAtRate("listSessions", 1, Fault.THROTTLE, 1);
        for (int i = 0; i < 20; i++) {
            assertThat(never.listSessions().isCompletedExceptionally()).isFalse();
            assertThat(always.listSessions().isCompletedExceptionally()).isTrue();
        }
    }

    private static String newSession(ScriptedTransport t) throws Exception {
        return t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "token-1"))
                .get()
                .id();
    }

    private static List<Boolean> randomFailures(long seed) {
        ScriptedTransport t = ScriptedTransport.create().failAtRate("listSessions", 0.3, Fault.UNAVAILABLE, seed);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(t.listSessions().isCompletedExceptionally());
        }
        return out;
    }

    @Test
    void periodicThrottlingOfPollsIsRetriedAndEveryStatementStillRunsOnce() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend
                    .when(Pattern.compile("^n\\d+$"))
                    .after(Duration.ofSeconds(2))
                    .then(c -> Answer.text(c + " ok"));
            v.backend.failEvery("getStatement", 2, Fault.THROTTLE).failEvery("submitStatement", 3, Fault.RESPONSE_LOST);
            v.start();
            for (int i = 0; i < 6; i++) {
                assertThat(v.await(v.session.executeAsync("n" + i))).succeeded().hasText("n" + i + " ok");
            }
            assertThat(v.backend.executed(v.session.id().orElseThrow()))
                    .containsExactly("n0", "n1", "n2", "n3", "n4", "n5");
            assertThat(v.backend.faultsInjected("getStatement")).isPositive();
            assertThat(v.backend.faultsInjected("submitStatement")).isEqualTo(2);
        }
    }

    @Test
    void aLostAnswerWasStillApplied() throws Exception {
        ScriptedTransport t = ScriptedTransport.create();
        t.when("x").thenText("ok");
        String sid = newSession(t);
        t.failNext("submitStatement", Fault.RESPONSE_LOST);
        assertThat(t.submitStatement(sid, SubmitStatementRequest.of("x", Language.SCALA))
                        .handle((v, e) -> e)
                        .join())
                .isInstanceOf(SessionTransportException.class)
                .hasMessageContaining("Connection reset");
        assertThat(t.executed(sid)).containsExactly("x");
        t.failNext("submitStatement", Fault.CONNECTION_REFUSED);
        assertThat(t.submitStatement(sid, SubmitStatementRequest.of("x", Language.SCALA))
                        .handle((v, e) -> e)
                        .join())
                .isInstanceOf(SessionTransportException.class)
                .hasMessageContaining("refused");
        assertThat(t.executed(sid))
                .as("a refused call never reached the backend")
                .containsExactly("x");
    }

    @Test
    void slowAnswersArriveLateOnTheGivenScheduler() throws Exception {
        ManualScheduler time = new ManualScheduler();
        ScriptedTransport t = ScriptedTransport.create(time.clock()).slowAnswers(time, Duration.ofSeconds(40));
        String sid = newSession(t);
        t.failNext("getSession", Fault.SLOW);
        CompletableFuture<SessionInfo> slow = t.getSession(sid);
        time.advance(Duration.ofSeconds(39));
        assertThat(slow).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(slow).isCompleted();
        assertThat(slow.get().id()).isEqualTo(sid);
        assertThat(t.getSession(sid)).as("only the faulted call is slow").isCompleted();
    }

    @Test
    void aSlowPollPastTheStatementDeadlineTimesOutOnVirtualTime() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend
                    .slowAnswers(v.time, Duration.ofMinutes(10))
                    .when("x")
                    .after(Duration.ofSeconds(1))
                    .thenText("ok");
            v.start();
            v.backend.failEvery("getStatement", 1, Fault.SLOW);
            assertThatThrownBy(() -> v.await(v.session.executeAsync(StatementRequest.builder()
                            .code("x")
                            .timeout(Duration.ofSeconds(30))
                            .build())))
                    .isInstanceOf(SessionTimeoutException.class);
            v.backend.clearFaults();
            assertThat(v.await(v.session.executeAsync("x"))).hasText("ok");
        }
    }

    @Test
    void settersValidate() {
        ScriptedTransport t = ScriptedTransport.create();
        assertThatThrownBy(() -> t.startDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startDelay must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> t.when("x").throttled(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.failEvery("getStatement", 0, Fault.THROTTLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be >= 1 but was 0");
        assertThatThrownBy(() -> t.failAtRate("getStatement", 1.5, Fault.THROTTLE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be between 0 and 1 but was 1.5");
        assertThatThrownBy(() -> t.slowAnswers(new ManualScheduler(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> SqlTable.builder().column("a", SparkType.INTEGER).row(1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values");
        assertThatThrownBy(() -> SqlTable.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThat(new SessionBackendException("m", null, null, "b", 429, null, null, true).retryable())
                .isTrue();
    }
}
