package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementCancelledException;
import dev.glivy.StatementNotFoundException;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FaultPlan;
import dev.glivy.testkit.TransportFaults.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One right outcome per statement, in call order, under the faults real backends produce: one test per scenario of
 * the exactly-once issue (Glue throttling and cut answers, Livy's CRLF echo, identical code in flight, call order,
 * Livy's 100 retained statements, prompt cancel, failing reads). Virtual time; the fake runs statements one at a
 * time like a REPL.
 */
class ExactlyOnceTest {
    private final EngineHarness h = new EngineHarness();

    private InteractiveSession started(InteractiveSession s) throws Throwable {
        h.await(s.startAsync());
        return s;
    }

    private List<StatementResult> all(List<CompletableFuture<StatementResult>> fs) throws Throwable {
        List<StatementResult> out = new ArrayList<>();
        for (CompletableFuture<StatementResult> f : fs) {
            out.add(h.await(f));
        }
        return out;
    }

    @Test
    void throttlingOnEveryCallAndCutAnswersNeitherFailNorRunTwice() throws Throwable {
        h.fake.pageSize(3)
                .faults()
                .every(FaultPlan.ANY, 7, Fault.THROTTLE)
                .every("submitStatement", 10, Fault.RESPONSE_LOST);
        ProbeCounter counter = new ProbeCounter(h.fake);
        InteractiveSession s = started(h.builder().transport(counter).build());
        List<String> codes = new ArrayList<>();
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            codes.add("print(" + i + ")");
            fs.add(s.executeAsync(codes.get(i)));
        }
        List<StatementResult> rs = all(fs);
        for (int i = 0; i < 300; i++) {
            assertThat(rs.get(i).text()).isEqualTo(codes.get(i));
        }
        assertThat(h.fake.executed(s.id().orElseThrow())).containsExactlyElementsOf(codes);
        assertThat(counter.lost.get()).isGreaterThan(20);
        assertThat(counter.answeredProbes.get())
                .as("one answered probe per cut answer")
                .isEqualTo(counter.lost.get());
        assertThat(h.fake.calls("listStatements")).as("no listing").isZero();
    }

    /**
     * Counts lost submission answers and the answered reads of statements no answer named yet (reconciliation
     * probes; a probe that was throttled and retried counts once, as how often the "every 7th call" throttle meets a
     * probe depends only on the phase of the calls).
     */
    private static final class ProbeCounter extends DelegatingTransport {
        final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger answeredProbes =
                new java.util.concurrent.atomic.AtomicInteger();
        final Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

        ProbeCounter(SessionTransport target) {
            super(target);
        }

        @Override
        public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
            return super.submitStatement(sessionId, request).whenComplete((id, e) -> {
                if (id != null) {
                    known.add(id);
                } else if (e instanceof dev.glivy.SessionTransportException) {
                    lost.incrementAndGet();
                }
            });
        }

        @Override
        public CompletableFuture<dev.glivy.spi.RemoteStatement> getStatement(String sessionId, String id) {
            boolean probe = !known.contains(id);
            return super.getStatement(sessionId, id).whenComplete((st, e) -> {
                if (st != null && probe) {
                    answeredProbes.incrementAndGet();
                }
                if (st != null) {
                    known.add(id);
                }
            });
        }
    }

    @Test
    void theReconcilersReadIsTheFirstPollAndAFinishedStatementIsNotPolledAgain() throws Throwable {
        h.fake.statementDuration(Duration.ofMillis(5)); // done before the reconciler's read (after a 10 ms backoff)
        InteractiveSession s = started(h.builder().build());
        h.await(s.executeAsync("print(0)"));
        int reads = h.fake.calls("getStatement");
        h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
        StatementResult done = h.await(s.executeAsync("print(1)"));
        assertThat(done.text()).isEqualTo("print(1)");
        assertThat(h.fake.calls("getStatement") - reads)
                .as("only the reconciler's read")
                .isEqualTo(1);
        assertThat(done.polls()).isEqualTo(1);

        h.fake.statementDuration(Duration.ofSeconds(2)); // still running when the reconciler reads it
        reads = h.fake.calls("getStatement");
        h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
        StatementResult later = h.await(s.executeAsync("print(2)"));
        assertThat(later.text()).isEqualTo("print(2)");
        assertThat(h.fake.calls("getStatement") - reads)
                .as("the reconciler's read, then polls")
                .isGreaterThan(1)
                .isEqualTo(later.polls());
        assertThat(h.fake.executed(s.id().orElseThrow())).containsExactly("print(0)", "print(1)", "print(2)");
    }

    @Test
    void aSubmissionSlowToAnswerIsFoundByOneReadInsteadOfWaitingForItsAnswer() throws Throwable {
        h.fake.slowAnswers(h.time, Duration.ofSeconds(30));
        InteractiveSession s = started(h.builder().build());
        String sid = s.id().orElseThrow();
        for (int i = 0; i < Hedger.MIN_SAMPLES + 4; i++) { // the usual answer times, and budget for the check
            h.await(s.executeAsync("print(" + i + ")"));
        }
        int submits = h.fake.calls("submitStatement");
        h.fake.failNext("submitStatement", Fault.SLOW);
        Instant before = h.time.clock().instant();
        CompletableFuture<StatementResult> slow = s.executeAsync("print(slow)");
        CompletableFuture<StatementResult> next = s.executeAsync("print(next)");
        StatementResult r = h.await(slow);
        assertThat(r.text()).isEqualTo("print(slow)");
        assertThat(Duration.between(before, h.time.clock().instant()))
                .as("not the 30 s the answer takes")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(h.await(next).text()).isEqualTo("print(next)");
        h.time.advance(Duration.ofSeconds(31)); // the late answer arrives and changes nothing
        assertThat(h.fake.calls("submitStatement") - submits)
                .as("nothing resent")
                .isEqualTo(2);
        assertThat(h.fake.executed(sid)).hasSize(Hedger.MIN_SAMPLES + 6).endsWith("print(slow)", "print(next)");
        assertThat(h.fake.calls("listStatements")).as("no listing").isZero();
    }

    @Test
    void aPollWaitingOutARetryBackoffIsNotHedged() throws Throwable {
        InteractiveSession s = started(
                h.builder() // a backoff well above the hedge delay's floor
                        .retryPolicy(
                                r -> r.initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(1)))
                        .build());
        for (int i = 0; i < Hedger.MIN_SAMPLES + 4; i++) { // the usual answer times, and budget for hedges
            h.await(s.executeAsync("print(" + i + ")"));
        }
        int reads = h.fake.calls("getStatement");
        h.await(s.executeAsync("print(usual)"));
        int usual = h.fake.calls("getStatement") - reads;
        reads = h.fake.calls("getStatement");
        h.fake.failNext("getStatement", Fault.THROTTLE);
        assertThat(h.await(s.executeAsync("print(throttled)")).text()).isEqualTo("print(throttled)");
        assertThat(h.fake.calls("getStatement") - reads)
                .as("the throttled read and its one retry, no hedge sent during the backoff")
                .isEqualTo(usual + 1);
        assertThat(((DefaultInteractiveSession) s).hedger().hedges()).isZero();
    }

    @Test
    void withoutHedgingASlowSubmissionIsWaitedFor() throws Throwable {
        h.fake.slowAnswers(h.time, Duration.ofSeconds(30));
        InteractiveSession s =
                started(h.builder().polling(p -> p.hedgeSlowPolls(false)).build());
        for (int i = 0; i < Hedger.MIN_SAMPLES + 4; i++) {
            h.await(s.executeAsync("print(" + i + ")"));
        }
        h.fake.failNext("submitStatement", Fault.SLOW);
        Instant before = h.time.clock().instant();
        assertThat(h.await(s.executeAsync("print(slow)")).text()).isEqualTo("print(slow)");
        assertThat(Duration.between(before, h.time.clock().instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void codeWithCrlfThatLivyEchoesWithLfIsReconciledNotResent() throws Throwable {
        InteractiveSession s = started(h.builder().build());
        h.await(s.executeAsync("print(0)"));
        h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
        StatementResult r = h.await(s.executeAsync("val a = 1\r\nval b = 2\rprint(a + b)"));
        assertThat(r.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(h.fake.executed(s.id().orElseThrow())).hasSize(2);

        h.fake.faults().rate("submitStatement", 0.1, Fault.RESPONSE_LOST).rate(FaultPlan.ANY, 0.05, Fault.UNAVAILABLE);
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            fs.add(s.executeAsync("// statement " + i + "\r\nprint(" + i + ")\r\n"));
        }
        all(fs);
        assertThat(h.fake.executed(s.id().orElseThrow())).hasSize(152);
    }

    @Test
    void identicalCodeInFlightGetsOneStatementEachAndRunsOncePerCall() throws Throwable {
        h.fake.slowAnswers(h.time, Duration.ofSeconds(2))
                .faults()
                .rate(FaultPlan.ANY, 0.15, Fault.UNAVAILABLE)
                .rate("submitStatement", 0.15, Fault.RESPONSE_LOST)
                .rate(FaultPlan.ANY, 0.2, Fault.SLOW);
        InteractiveSession s = started(h.builder().build());
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < 4; i++) {
                fs.add(s.executeAsync("counter += 1"));
            }
        }
        Set<String> ids = new HashSet<>();
        for (StatementResult r : all(fs)) {
            ids.add(r.statementId());
        }
        assertThat(ids).hasSize(48);
        assertThat(h.fake.executed(s.id().orElseThrow())).hasSize(48);
    }

    @Test
    void asyncStatementsFromOneThreadReachTheBackendInCallOrder() throws Throwable {
        h.fake.faults().rate(FaultPlan.ANY, 0.1, Fault.UNAVAILABLE).rate("submitStatement", 0.1, Fault.RESPONSE_LOST);
        InteractiveSession s = started(h.builder().build());
        List<String> codes = new ArrayList<>();
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int k = 0; k < 25; k++) {
            codes.add("val dep" + k + " = " + k);
            codes.add("dep" + k + " + 1");
            fs.add(s.executeAsync(codes.get(2 * k)));
            fs.add(s.executeAsync(codes.get(2 * k + 1)));
        }
        all(fs);
        assertThat(h.fake.executed(s.id().orElseThrow())).containsExactlyElementsOf(codes);
    }

    @Test
    void moreStatementsInFlightThanLivyRetainsAllFinish() throws Throwable {
        InteractiveSession s = started(h.builder().build());
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        fs.add(s.executeAsync("sleep:20000"));
        for (int i = 0; i < 110; i++) {
            fs.add(s.executeAsync("quick " + i));
        }
        assertThat(all(fs)).hasSize(111).allMatch(r -> r.state() == StatementState.AVAILABLE);
    }

    @Test
    void aStatementTheBackendForgotIsReportedAsUnreadableNotAsFailedCode() throws Throwable {
        h.fake.retainedStatements(5);
        InteractiveSession s = started(h.builder().maxStatementsInFlight(16).build());
        CompletableFuture<StatementResult> first = s.executeAsync("sleep:20000");
        List<CompletableFuture<StatementResult>> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rest.add(s.executeAsync("quick " + i));
        }
        Throwable t = h.failure(first);
        assertThat(t)
                .isInstanceOf(StatementNotFoundException.class)
                .hasMessageContaining("no longer kept")
                .hasMessageContaining("may have run");
        assertThat(all(rest.subList(5, 10))).allMatch(r -> r.state() == StatementState.AVAILABLE);
    }

    @Test
    void cancelCompletesWithinAShortPollOfTheBackendsCancelled() throws Throwable {
        h.fake.cancelDelay(Duration.ofMillis(300));
        InteractiveSession s = started(h.builder().build());
        CompletableFuture<StatementResult> f = s.executeAsync("sleep:30000");
        h.time.advance(Duration.ofMillis(1500));
        String id = s.history().get(0).statementId();
        Duration before = h.time.elapsed();
        h.await(s.cancelAsync(id));
        Throwable t = h.failure(f);
        assertThat(t).isInstanceOf(StatementCancelledException.class);
        assertThat(h.time.elapsed().minus(before)).isLessThan(Duration.ofMillis(800));
        assertThat(s.history().get(0).state()).isEqualTo(StatementState.CANCELLED);
    }

    @Test
    void cancellingTheFutureRecordsTheBackendsFinalStateAndFreesThePlaceOnlyThen() throws Throwable {
        h.fake.cancelDelay(Duration.ofSeconds(2));
        InteractiveSession s = started(h.builder().maxStatementsInFlight(1).build());
        CompletableFuture<StatementResult> f = s.executeAsync("sleep:30000");
        CompletableFuture<StatementResult> next = s.executeAsync("after");
        h.time.advance(Duration.ofSeconds(1));
        f.cancel(true);
        h.time.advance(Duration.ofSeconds(1));
        assertThat(h.fake.executed(s.id().orElseThrow()))
                .as("waits until the backend let go")
                .hasSize(1);
        assertThat(h.await(next).text()).isEqualTo("after");
        assertThat(s.history().get(0).state()).isEqualTo(StatementState.CANCELLED);
    }

    @Test
    void readsThatFailMoreOftenThanTheRetriesAllowNeverFailAStatementThatRan() throws Throwable {
        h.fake.faults().rate("getStatement", 0.3, Fault.UNAVAILABLE);
        InteractiveSession s = started(h.builder().build());
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fs.add(s.executeAsync("r" + i));
        }
        all(fs);
        for (int i = 0; i < 12; i++) {
            h.fake.failNext("getStatement", Fault.UNAVAILABLE);
        }
        assertThat(h.await(s.executeAsync("after a long outage")).state()).isEqualTo(StatementState.AVAILABLE);
    }

    @Test
    void theDeadlineMessageSaysTheBackendWasAskedNotThatTheCodeStopped() throws Throwable {
        InteractiveSession s =
                started(h.builder().statementTimeout(Duration.ofSeconds(10)).build());
        Throwable t = h.failure(s.executeAsync("sleep:60000"));
        assertThat(t)
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("asked the backend to cancel")
                .hasMessageContaining("driver");
        h.time.advance(Duration.ofSeconds(5));
        assertThat(s.history().get(0).state()).isEqualTo(StatementState.CANCELLED);
    }

    @Test
    void aQueuedStatementWhoseDeadlinePassesIsNeverSent() throws Throwable {
        InteractiveSession s = started(h.builder().maxStatementsInFlight(1).build());
        CompletableFuture<StatementResult> longOne = s.executeAsync("sleep:60000");
        CompletableFuture<StatementResult> queued = s.executeAsync(dev.glivy.StatementRequest.builder()
                .code("too late")
                .timeout(Duration.ofSeconds(10))
                .build());
        CompletableFuture<StatementResult> cancelled = s.executeAsync("cancelled while queued");
        cancelled.cancel(true);
        assertThat(h.failure(queued))
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("never reached the backend");
        h.await(longOne);
        h.await(s.executeAsync("last"));
        assertThat(h.fake.executed(s.id().orElseThrow())).containsExactly("sleep:60000", "last");
    }

    @Test
    void aLostAnswerIsNotMatchedToAnotherClientsStatement() throws Throwable {
        AtomicBoolean interleave = new AtomicBoolean();
        SessionTransport t = new DelegatingTransport(h.fake) {
            @Override
            public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
                if (interleave.getAndSet(false)) {
                    h.fake.submitStatement(sessionId, SubmitStatementRequest.of("other client", request.language()));
                    h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
                }
                return super.submitStatement(sessionId, request);
            }
        };
        InteractiveSession s = h.builder().transport(t).build();
        h.await(s.startAsync());
        h.await(s.executeAsync("first"));
        interleave.set(true);
        StatementResult r = h.await(s.executeAsync("mine"));
        assertThat(r.statementId()).isEqualTo("2");
        assertThat(r.text()).isEqualTo("mine");
        assertThat(h.fake.executed(s.id().orElseThrow())).containsExactly("first", "other client", "mine");
        assertThat(h.fake.calls("listStatements"))
                .as("the probe steps over the other client's statement")
                .isZero();
    }

    @Test
    void aListingAfterManyOtherClientsStatementsStartsAfterTheLastKnownOne() throws Throwable {
        assertThat(listingPagesAfterOthers(h))
                .as("pages read from the last known statement on")
                .isEqualTo(2);
        EngineHarness fromStart = new EngineHarness();
        fromStart.fake.listFromStartOnly();
        assertThat(listingPagesAfterOthers(fromStart))
                .as("a backend that lists from the start only")
                .isEqualTo(12);
    }

    /** 30 own statements, then 4 of another client and a lost answer: the probes run out and the listing is read. */
    private static int listingPagesAfterOthers(EngineHarness h) throws Throwable {
        h.fake.pageSize(3);
        AtomicBoolean interleave = new AtomicBoolean();
        SessionTransport t = new DelegatingTransport(h.fake) {
            @Override
            public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
                if (interleave.getAndSet(false)) {
                    for (int i = 0; i < Reconciler.MAX_PROBES + 1; i++) {
                        h.fake.submitStatement(sessionId, SubmitStatementRequest.of("other " + i, request.language()));
                    }
                    h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
                }
                return super.submitStatement(sessionId, request);
            }
        };
        InteractiveSession s = h.builder().transport(t).build();
        h.await(s.startAsync());
        for (int i = 0; i < 30; i++) {
            h.await(s.executeAsync("own " + i));
        }
        interleave.set(true);
        StatementResult r = h.await(s.executeAsync("mine"));
        assertThat(r.statementId()).isEqualTo("34");
        assertThat(h.fake.executed(s.id().orElseThrow()))
                .hasSize(35)
                .endsWith("mine")
                .doesNotHaveDuplicates();
        return h.fake.calls("listStatements");
    }

    @Test
    void blankCodeIsRefusedBeforeAnythingIsSent() throws Throwable {
        InteractiveSession s = started(h.builder().build());
        assertThatThrownBy(() -> s.execute(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code must not be blank");
        assertThatThrownBy(() -> s.executeAsync(" \n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.fake.calls("submitStatement")).isZero();
    }
}
