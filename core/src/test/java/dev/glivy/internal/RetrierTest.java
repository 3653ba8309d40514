package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionTransportException;
import dev.glivy.config.RetryPolicy;
import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private final ManualScheduler time = new ManualScheduler();
    private final List<String> retries = new ArrayList<>();
    private final Retrier retrier = new Retrier(
            RetryPolicy.builder()
                    .maxAttempts(4)
                    .initialBackoff(Duration.ofMillis(100))
                    .multiplier(2)
                    .maxBackoff(Duration.ofSeconds(1))
                    .jitter(0.5)
                    .build(),
            time,
            new Random(3),
            (op, attempt, delay, cause) -> retries.add(op + "#" + attempt + "@" + delay.toMillis()));

    private static SessionException throttled() {
        return new SessionBackendException("Rate exceeded", null, "s", "test", 400, "ThrottlingException", "r", true);
    }

    private static SessionException refused() {
        return new SessionTransportException("refused", null, "s", "test", false);
    }

    private static SessionException lostResponse() {
        return new SessionTransportException("reset", null, "s", "test", true);
    }

    private static CompletableFuture<String> script(ArrayDeque<SessionException> failures, AtomicInteger calls) {
        calls.incrementAndGet();
        SessionException e = failures.poll();
        return e == null ? CompletableFuture.completedFuture("ok") : CompletableFuture.failedFuture(e);
    }

    @Test
    void idempotentCallsAreRetriedWithGrowingJitteredBackoff() throws Exception {
        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(throttled(), throttled(), throttled()));
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> f = retrier.idempotent("getStatement", () -> script(failures, calls));
        assertThat(time.await(f, Duration.ofMinutes(1))).isEqualTo("ok");
        assertThat(calls.get()).isEqualTo(4);
        assertThat(retries).hasSize(3);
        assertThat(time.elapsed()).isBetween(Duration.ofMillis(350), Duration.ofMillis(1050));
    }

    @Test
    void nonRetryableErrorsFailAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        SessionException bad =
                new SessionBackendException("bad input", null, "s", "test", 400, "InvalidInput", null, false);
        CompletableFuture<String> f = retrier.idempotent("getSession", () -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(bad);
        });
        time.runPending();
        assertThat(f).isCompletedExceptionally();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> f = retrier.idempotent("getSession", () -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(throttled());
        });
        time.advance(Duration.ofMinutes(1));
        assertThat(f).isCompletedExceptionally();
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void aRefusedNonIdempotentCallIsSentAgainWithoutAsking() throws Exception {
        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(refused()));
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        CompletableFuture<String> f = retrier.nonIdempotent("submitStatement", () -> script(failures, calls), () -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.empty());
        });
        assertThat(time.await(f, Duration.ofMinutes(1))).isEqualTo("ok");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(asked.get()).isZero();
    }

    @Test
    void anAmbiguousFailureIsReconciledAndNotSentTwiceWhenItTookEffect() throws Exception {
        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(lostResponse()));
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> f = retrier.nonIdempotent(
                "submitStatement",
                () -> script(failures, calls),
                () -> CompletableFuture.completedFuture(Optional.of("found")));
        assertThat(time.await(f, Duration.ofMinutes(1))).isEqualTo("found");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aThrottleIsResentAtOnceAndALostAnswerOnlyAfterTheBackendHasNoTraceOfIt() throws Exception {
        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(throttled(), lostResponse()));
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        CompletableFuture<String> f = retrier.nonIdempotent("createSession", () -> script(failures, calls), () -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.empty());
        });
        assertThat(time.await(f, Duration.ofMinutes(1))).isEqualTo("ok");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(asked.get())
                .as("only the lost answer is ambiguous; a throttle proves no effect")
                .isEqualTo(1);
    }

    @Test
    void anInternalErrorIsAmbiguousButAProxysUnavailableIsNot() throws Exception {
        SessionException internal =
                new SessionBackendException("boom", null, "s", "test", 500, "ServerError", null, true);
        SessionException unavailable =
                new SessionBackendException("proxy", null, "s", "test", 503, "ServiceUnavailable", null, true);
        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(unavailable, internal, unavailable));
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        CompletableFuture<String> f = retrier.nonIdempotent("submitStatement", () -> script(failures, calls), () -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.empty());
        });
        assertThat(time.await(f, Duration.ofMinutes(1))).isEqualTo("ok");
        assertThat(calls.get()).isEqualTo(4);
        assertThat(asked.get()).isEqualTo(1);
        assertThat(Retrier.noEffect(unavailable)).isTrue();
        assertThat(Retrier.noEffect(internal)).isFalse();
        assertThat(Retrier.noEffect(refused())).isTrue();
        assertThat(Retrier.noEffect(lostResponse())).isFalse();
    }

    @Test
    void aFailingReconciliationIsRetriedWhileTheCallerPersistsThenFails() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(lostResponse()));
        java.util.concurrent.atomic.AtomicBoolean persist = new java.util.concurrent.atomic.AtomicBoolean(true);
        CompletableFuture<String> f = retrier.nonIdempotent(
                "submitStatement",
                () -> script(failures, calls),
                () -> {
                    if (asked.incrementAndGet() < 20) {
                        return CompletableFuture.failedFuture(throttled());
                    }
                    return CompletableFuture.completedFuture(Optional.of("found"));
                },
                persist::get);
        assertThat(time.await(f, Duration.ofMinutes(5))).isEqualTo("found");
        assertThat(calls.get()).as("never resent while it could have run").isEqualTo(1);
        assertThat(asked.get()).isEqualTo(20);

        persist.set(false);
        ArrayDeque<SessionException> again = new ArrayDeque<>(List.of(lostResponse()));
        CompletableFuture<String> g = retrier.nonIdempotent(
                "submitStatement",
                () -> script(again, calls),
                () -> CompletableFuture.failedFuture(throttled()),
                persist::get);
        time.advance(Duration.ofMinutes(1));
        assertThat(g).isCompletedExceptionally();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void anAmbiguousLastAttemptIsReconciledBeforeItIsReportedAsFailed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ArrayDeque<SessionException> failures =
                new ArrayDeque<>(List.of(throttled(), throttled(), throttled(), lostResponse()));
        CompletableFuture<String> f = retrier.nonIdempotent(
                "submitStatement",
                () -> script(failures, calls),
                () -> CompletableFuture.completedFuture(Optional.of("it ran")));
        assertThat(time.await(f, Duration.ofMinutes(1))).isEqualTo("it ran");
        assertThat(calls.get()).isEqualTo(4);

        ArrayDeque<SessionException> again =
                new ArrayDeque<>(List.of(throttled(), throttled(), throttled(), lostResponse()));
        CompletableFuture<String> g = retrier.nonIdempotent(
                "submitStatement",
                () -> script(again, calls),
                () -> CompletableFuture.completedFuture(Optional.empty()));
        time.advance(Duration.ofMinutes(1));
        assertThat(g).isCompletedExceptionally();
        assertThat(calls.get()).as("out of attempts: not resent").isEqualTo(8);
    }

    @Test
    void whileTheCallerPersistsRefusedSubmissionsAreResentPastTheAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ArrayDeque<SessionException> failures = new ArrayDeque<>();
        for (int i = 0; i < 10; i++) {
            failures.add(throttled());
        }
        CompletableFuture<String> f = retrier.nonIdempotent(
                "submitStatement",
                () -> script(failures, calls),
                () -> CompletableFuture.completedFuture(Optional.empty()),
                () -> true);
        assertThat(time.await(f, Duration.ofMinutes(5))).isEqualTo("ok");
        assertThat(calls.get()).isEqualTo(11);
    }

    @Test
    void jitterStaysWithinThePolicyBounds() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = retrier.policy().backoff(attempt).toMillis();
            for (int i = 0; i < 200; i++) {
                long d = retrier.delay(attempt).toMillis();
                assertThat(d).isBetween((long) (base * 0.5) - 1, (long) (base * 1.5) + 1);
            }
        }
        assertThat(retrier.policy().backoff(10)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void cancellingAnIdempotentCallCancelsTheAttemptInFlightAndSendsNoMore() {
        List<CompletableFuture<String>> sent = new ArrayList<>();
        CompletableFuture<String> f = retrier.idempotent("getSession", () -> {
            CompletableFuture<String> c = new CompletableFuture<>();
            sent.add(c);
            return c;
        });
        time.runPending();
        assertThat(sent).hasSize(1);
        f.cancel(true);
        assertThat(sent.get(0)).isCancelled();
        time.advance(Duration.ofMinutes(1));
        assertThat(sent).hasSize(1);
    }

    @Test
    void cancellingANonIdempotentCallCancelsTheAttemptOrLookupInFlight() {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        CompletableFuture<String> f = retrier.nonIdempotent(
                "createSession",
                () -> {
                    CompletableFuture<String> c = new CompletableFuture<>();
                    sent.add(c);
                    return c;
                },
                () -> CompletableFuture.completedFuture(Optional.empty()));
        f.cancel(true);
        assertThat(sent).singleElement().satisfies(c -> assertThat(c.isCancelled())
                .isTrue());

        ArrayDeque<SessionException> failures = new ArrayDeque<>(List.of(lostResponse()));
        AtomicInteger calls = new AtomicInteger();
        List<CompletableFuture<Optional<String>>> lookups = new ArrayList<>();
        CompletableFuture<String> g = retrier.nonIdempotent("createSession", () -> script(failures, calls), () -> {
            CompletableFuture<Optional<String>> c = new CompletableFuture<>();
            lookups.add(c);
            return c;
        });
        time.advance(Duration.ofSeconds(2));
        assertThat(lookups).hasSize(1);
        g.cancel(true);
        assertThat(lookups.get(0)).isCancelled();
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void exhaustedConnectionFailuresSayHowManyAttemptsOverHowLong() {
        CompletableFuture<String> f = retrier.idempotent("getSession", () -> CompletableFuture.failedFuture(refused()));
        time.advance(Duration.ofMinutes(1));
        Throwable e = f.handle((v, t) -> t).join();
        assertThat(e)
                .isInstanceOf(SessionTransportException.class)
                .hasMessageStartingWith("refused Gave up after 4 attempts over ")
                .hasMessageEndingWith("(RetryPolicy.maxAttempts).");
        assertThat(((SessionTransportException) e).mayHaveReachedBackend()).isFalse();
        assertThat(e.getCause()).isInstanceOf(SessionTransportException.class).hasMessage("refused");

        CompletableFuture<String> g = retrier.nonIdempotent(
                "submitStatement",
                () -> CompletableFuture.failedFuture(refused()),
                () -> CompletableFuture.completedFuture(Optional.empty()));
        time.advance(Duration.ofMinutes(1));
        assertThat(g.handle((v, t) -> t).join()).hasMessageContaining("Gave up after 4 attempts over");

        // a backend answer is not reworded: its own message says what happened
        CompletableFuture<String> h =
                retrier.idempotent("getSession", () -> CompletableFuture.failedFuture(throttled()));
        time.advance(Duration.ofMinutes(1));
        assertThat(h.handle((v, t) -> t).join()).hasMessage("Rate exceeded");
    }

    @Test
    void aFailedReconciliationFailsWithTheCallsOwnErrorAndTheLookupsSuppressed() {
        SessionException first = lostResponse();
        SessionException lookup = new SessionTransportException("lookup refused", null, "s", "test", false);
        CompletableFuture<String> f = retrier.nonIdempotent(
                "createSession",
                () -> CompletableFuture.failedFuture(first),
                () -> CompletableFuture.failedFuture(lookup));
        time.advance(Duration.ofMinutes(1));
        Throwable e = f.handle((v, t) -> t).join();
        assertThat(e).isSameAs(first);
        assertThat(e.getSuppressed()).containsExactly(lookup);
    }

    @Test
    void aLookupThatFindsTheSessionGoneSettlesItTheCallsErrorSuppressed() {
        SessionException first = lostResponse();
        SessionException gone =
                new dev.glivy.SessionLostException("Session s is lost", null, "s", "test", dev.glivy.SessionState.LOST);
        CompletableFuture<String> f = retrier.nonIdempotent(
                "submitStatement",
                () -> CompletableFuture.failedFuture(first),
                () -> CompletableFuture.failedFuture(gone));
        time.advance(Duration.ofMinutes(1));
        Throwable e = f.handle((v, t) -> t).join();
        assertThat(e).isSameAs(gone);
        assertThat(e.getSuppressed()).containsExactly(first);
    }
}
