package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Hedged statement polls on virtual time: when a second read goes out, who wins, and the budget. */
class HedgerTest {
    private final ManualScheduler time = new ManualScheduler();
    private final List<CompletableFuture<String>> sent = new ArrayList<>();

    /** A read that answers {@code answer} after {@code after}; every one sent is kept in {@link #sent}. */
    private Supplier<CompletableFuture<String>> answering(String answer, Duration after) {
        return () -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            sent.add(f);
            time.schedule(() -> f.complete(answer), after.toNanos(), TimeUnit.NANOSECONDS);
            return f;
        };
    }

    private void warm(Hedger h, int reads) {
        for (int i = 0; i < reads; i++) {
            CompletableFuture<String> r = h.read(answering("fast", Duration.ofMillis(10)));
            time.advance(Duration.ofMillis(10));
            assertThat(r).isCompletedWithValue("fast");
        }
        sent.clear();
    }

    @Test
    void aSlowReadIsSentOnceMoreAndTheFirstAnswerWins() {
        Hedger h = new Hedger(time, time.clock(), true);
        warm(h, Hedger.MIN_SAMPLES);
        List<Duration> answers = List.of(Duration.ofSeconds(2), Duration.ofMillis(10));
        int[] n = {0};
        CompletableFuture<String> r =
                h.read(() -> answering("read " + n[0], answers.get(n[0]++)).get());
        time.advance(Duration.ofMillis(39));
        assertThat(sent).as("no hedge before 4 x the usual 10 ms").hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(sent).hasSize(2);
        time.advance(Duration.ofMillis(10));
        assertThat(r).isCompletedWithValue("read 1");
        assertThat(sent.get(0)).as("the slow read is aborted").isCancelled();
        assertThat(h.hedges()).isEqualTo(1);
    }

    @Test
    void slowAnswersDoNotRaiseTheDelayAfterThem() {
        Hedger h = new Hedger(time, time.clock(), true);
        warm(h, Hedger.MIN_SAMPLES);
        for (int i = 0; i < 3; i++) { // three slow reads in a row, each answered before its hedge
            CompletableFuture<String> r = h.read(answering("slow", Duration.ofMillis(30)));
            time.advance(Duration.ofMillis(30));
            assertThat(r).isCompletedWithValue("slow");
        }
        sent.clear();
        List<Duration> answers = List.of(Duration.ofSeconds(2), Duration.ofMillis(10));
        int[] n = {0};
        CompletableFuture<String> r =
                h.read(() -> answering("read " + n[0], answers.get(n[0]++)).get());
        time.advance(Duration.ofMillis(39));
        assertThat(sent).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(sent)
                .as("still 4 x the median 10 ms, not 4 x a mean the slow answers raised")
                .hasSize(2);
        time.advance(Duration.ofMillis(10));
        assertThat(r).isCompletedWithValue("read 1");
    }

    @Test
    void aReadAnsweredInTimeLeavesNoTimerBehind() {
        Hedger h = new Hedger(time, time.clock(), true);
        warm(h, Hedger.MIN_SAMPLES);
        CompletableFuture<String> r = h.read(answering("fast", Duration.ofMillis(10)));
        assertThat(time.queued()).as("the answer and the hedge timer").isEqualTo(2);
        time.advance(Duration.ofMillis(10));
        assertThat(r).isCompletedWithValue("fast");
        assertThat(time.queued()).as("the hedge timer was cancelled").isZero();
        assertThat(sent).hasSize(1);
    }

    @Test
    void noHedgeBeforeEnoughAnswersNorWhenSwitchedOff() {
        Hedger cold = new Hedger(time, time.clock(), true);
        warm(cold, Hedger.MIN_SAMPLES - 1);
        CompletableFuture<String> r = cold.read(answering("slow", Duration.ofSeconds(1)));
        time.advance(Duration.ofSeconds(1));
        assertThat(r).isCompletedWithValue("slow");
        assertThat(sent).hasSize(1);

        Hedger off = new Hedger(time, time.clock(), false);
        warm(off, 50);
        r = off.read(answering("slow", Duration.ofSeconds(1)));
        time.advance(Duration.ofSeconds(1));
        assertThat(r).isCompletedWithValue("slow");
        assertThat(sent).hasSize(1);
        assertThat(off.hedges()).isZero();
    }

    @Test
    void aBackendSlowOnEveryReadGetsAtMostOneReadInTenMore() {
        Hedger h = new Hedger(time, time.clock(), true);
        warm(h, Hedger.MIN_SAMPLES);
        int reads = 200;
        for (int i = 0; i < reads; i++) {
            CompletableFuture<String> r = h.read(answering("slow", Duration.ofMillis(500)));
            time.advance(Duration.ofMillis(500));
            assertThat(r).isCompletedWithValue("slow");
        }
        assertThat(h.hedges())
                .isPositive()
                .isLessThanOrEqualTo((Hedger.MIN_SAMPLES + reads) / Hedger.READS_PER_HEDGE + 1);
    }

    @Test
    void whenOneReadFailsTheOtherMayStillAnswerAndBothFailingFails() {
        Hedger h = new Hedger(time, time.clock(), true);
        warm(h, Hedger.MIN_SAMPLES + 2 * Hedger.READS_PER_HEDGE); // budget for two hedges
        IllegalStateException boom = new IllegalStateException("boom");
        List<CompletableFuture<String>> reads = new ArrayList<>();
        CompletableFuture<String> r = h.read(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            reads.add(f);
            return f;
        });
        time.advance(Duration.ofMillis(40));
        assertThat(reads).hasSize(2);
        reads.get(0).completeExceptionally(boom);
        assertThat(r).isNotDone();
        reads.get(1).complete("second");
        assertThat(r).isCompletedWithValue("second");

        reads.clear();
        CompletableFuture<String> both = h.read(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            reads.add(f);
            return f;
        });
        time.advance(Duration.ofMillis(100));
        assertThat(reads).hasSize(2);
        reads.get(1).completeExceptionally(new IllegalStateException("first to fail"));
        assertThat(both).isNotDone();
        reads.get(0).completeExceptionally(boom);
        assertThat(both).isCompletedExceptionally();
    }
}
