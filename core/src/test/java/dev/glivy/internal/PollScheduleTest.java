package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glivy.config.PollingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    /** The defaults without jitter, so every delay is exact. */
    private static final PollingPolicy EXACT = PollingPolicy.builder().jitter(0).build();

    private static final OptionalDouble NONE = OptionalDouble.empty();

    private static PollSchedule exact() {
        return new PollSchedule(EXACT, new Random(1));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static OptionalDouble progress(double p) {
        return OptionalDouble.of(p);
    }

    /** Asserts a delay to the microsecond: the schedule computes in double milliseconds. */
    private static void assertMillis(Duration actual, double expectedMillis) {
        assertThat(actual.toNanos() / 1e6).isCloseTo(expectedMillis, within(0.001));
    }

    @Test
    void firstPollComesAfterTheInitialInterval() {
        assertThat(exact().first()).isEqualTo(PollingPolicy.DEFAULT_INITIAL_INTERVAL);
    }

    @Test
    void withoutProgressTheIntervalIsCappedByTheLagFractionOfTheTimeWaited() {
        PollSchedule s = exact();
        s.first();
        assertMillis(s.next(ms(100), NONE), 100);
        assertMillis(s.next(ms(2_000), NONE), 150);
        assertMillis(s.next(ms(10_000), NONE), 225);
        assertMillis(s.next(ms(10_000), NONE), 337.5);
        assertMillis(s.next(ms(3_000), NONE), 450);
    }

    @Test
    void withoutProgressTheIntervalNeverExceedsMaxInterval() {
        PollSchedule s = exact();
        Duration d = s.first();
        for (int i = 0; i < 200; i++) {
            d = s.next(Duration.ofMinutes(30), NONE);
        }
        assertThat(d).isEqualTo(PollingPolicy.DEFAULT_MAX_INTERVAL);
    }

    @Test
    void withoutProgressAStatementIsSeenWithinTheLagFractionOfItsRunTimeOrTheCap() {
        for (long duration = 150; duration < 1_200_000; duration = duration * 13 / 10) {
            PollSchedule s = exact();
            long t = s.first().toMillis();
            long before = 0;
            while (t < duration) {
                before = t;
                t += s.next(ms(t), NONE).toMillis();
            }
            long lag = t - duration;
            assertThat(lag)
                    .as("lag of a %d ms statement polled last at %d ms", duration, before)
                    .isLessThanOrEqualTo(Math.min(4_000, Math.max(100, (long) (0.15 * duration))));
        }
    }

    @Test
    void progressSteersTheNextPollToJustBeforeThePredictedEndOnceItGivesARate() {
        PollSchedule s = exact();
        s.first();
        // One report gives no rate: the ratio alone (20 s) may be far too late (progress that started late), so the
        // wait is at most the near-end interval (0.6 s), not 17.4 s.
        assertMillis(s.next(ms(2_000), progress(0.1)), 600);
        // 10% -> 20% in 2 s: both ratio and rate predict 20 s; aim 3% early (19.4 s), 15.4 s from now, but a jump is
        // at most twice the time the statement has run: 8 s.
        assertMillis(s.next(ms(4_000), progress(0.2)), 8_000);
        // At 12 s, 60%: still 20 s; 7.4 s to go is within the 2 x 12 s limit.
        assertMillis(s.next(ms(12_000), progress(0.6)), 7_400);
    }

    @Test
    void aProgressSteeredWaitIsCappedByTheRunningTimeAndByMaxInterval() {
        PollSchedule early = exact();
        early.first();
        early.next(ms(100), progress(0.001));
        // 0.2% done after 200 ms predicts 100 s, but a jump is at most 2 x 200 ms.
        assertMillis(early.next(ms(200), progress(0.002)), 400);

        PollSchedule late = exact();
        late.first();
        late.next(ms(5_000), progress(0.05));
        // 10% done after 10 s predicts 100 s, but a jump is at most 15 x maxInterval = 60 s (and 2 x 10 s = 20 s).
        assertMillis(late.next(ms(10_000), progress(0.1)), 20_000);
        assertMillis(late.next(ms(40_000), progress(0.4)), 57_000);
    }

    @Test
    void nearThePredictedEndItPollsAtTheFineCadence() {
        PollSchedule s = exact();
        s.first();
        s.next(ms(25_000), progress(0.25));
        assertMillis(s.next(ms(50_000), progress(0.5)), 47_000);
        // At 97 s the predicted end (100 s, less 3%) is here: the interval grows from the last one by the multiplier
        // up to 0.15 x maxInterval = 600 ms, and stays there.
        assertMillis(s.next(ms(97_000), progress(0.97)), 337.5);
        assertMillis(s.next(ms(97_338), progress(0.97)), 506.25);
        assertMillis(s.next(ms(97_844), progress(0.97)), 600);
        assertMillis(s.next(ms(98_444), progress(0.98)), 600);
    }

    @Test
    void theFineCadenceIsNeverSlowerThanTheNormalOne() {
        PollSchedule s = exact();
        s.first();
        for (int i = 0; i < 10; i++) {
            s.next(ms(100), NONE);
        }
        // 97% after 1 s: the normal cadence (15% of 1 s = 150 ms) is finer than 600 ms.
        assertMillis(s.next(ms(1_000), progress(0.97)), 150);
    }

    @Test
    void itAimsAtTheMostOptimisticPredictionSoFar() {
        PollSchedule s = exact();
        s.first();
        s.next(ms(25_000), progress(0.25));
        assertMillis(s.next(ms(50_000), progress(0.5)), 47_000);
        // The newer report predicts 150 s; the older ones still say 100 s, so aim at 97 s.
        assertMillis(s.next(ms(60_000), progress(0.4)), 37_000);
    }

    @Test
    void aStatementThatOutlivesThePredictionFallsBackToTheNormalCadence() {
        PollSchedule s = exact();
        s.first();
        s.next(ms(25_000), progress(0.25));
        s.next(ms(50_000), progress(0.5));
        // Still running at 129 s (within 30% of the predicted 100 s): fine cadence, growing from 225 ms.
        assertMillis(s.next(ms(129_000), progress(0.5)), 337.5);
        // At 131 s the prediction has proven wrong: normal cadence again, growing from the fine one to the cap.
        assertMillis(s.next(ms(131_000), progress(0.5)), 506.25);
        for (int i = 0; i < 6; i++) {
            s.next(ms(132_000), progress(0.5));
        }
        assertMillis(s.next(ms(133_000), progress(0.5)), 4_000);
    }

    @Test
    void aQueuedStatementPollsLikeOneWithoutProgressAndIgnoresProgress() {
        PollSchedule queued = exact();
        PollSchedule plain = exact();
        queued.first();
        plain.first();
        for (long t = 100; t < 20_000; t += 700) {
            assertThat(queued.next(ms(t), null, progress(0.5))).isEqualTo(plain.next(ms(t), NONE));
        }
    }

    @Test
    void theCadenceCountsFromTheWaitButPredictionsFromTheStatementsOwnStart() {
        PollSchedule s = exact();
        s.first();
        for (int i = 0; i < 20; i++) {
            s.next(ms(60_000), null, NONE); // waited a minute: 4 s intervals
        }
        // It started 1 s ago without progress: 15% of the caller's 61 s wait, capped at 4 s.
        assertMillis(s.next(ms(61_000), ms(1_000), NONE), 4_000);
        // With progress, the prediction counts from its start: 10% after 1 s, then 20% after 2 s predicts 10 s of
        // running, 8 s from now less the 3% margin, capped at twice the 2 s it has run.
        s.next(ms(61_000), ms(1_000), progress(0.1));
        assertMillis(s.next(ms(62_000), ms(2_000), progress(0.2)), 4_000);
        // A running time beyond the time waited (a backend clock behind ours) counts as the time waited: the jump is
        // at most twice the 2 s waited, not twice the 50 s the skewed clock claims (which would allow 60 s).
        PollSchedule skewed = exact();
        skewed.first();
        skewed.next(ms(1_000), ms(50_000), progress(0.01));
        assertMillis(skewed.next(ms(2_000), ms(50_000), progress(0.02)), 4_000);
    }

    @Test
    void theEightSecondPlusOneSecondCaseIsSeenWithinAFractionOfASecond() {
        // Statement B is submitted at 0, waits behind an 8 s statement, starts at 8 s and runs 1 s with exact
        // progress. The old schedule predicted 57.5 s from next(9 s, progress 0.013).
        PollSchedule s = exact();
        long t = s.first().toMillis();
        while (true) {
            boolean started = t >= 8_000;
            if (t >= 9_000) {
                break;
            }
            Duration running = started ? ms(t - 8_000) : null;
            OptionalDouble p = started ? progress(Math.max(0.0011, (t - 8_000) / 1_000.0)) : NONE;
            t += s.next(ms(t), running, p).toMillis();
        }
        assertThat(t - 9_000).as("lag after the end at 9 s").isLessThanOrEqualTo(600);
    }

    @Test
    void progressThatStartsLateIsPredictedFromItsRateNotItsRatio() {
        // 20 s statement; its Spark job runs from 10 s to 20 s. At 12 s progress is 0.2 (ratio predicts 60 s), at
        // 14 s 0.4: the rate (0.1 per second) predicts the true 20 s.
        PollSchedule s = exact();
        s.first();
        s.next(ms(12_000), ms(12_000), progress(0.2));
        assertMillis(s.next(ms(14_000), ms(14_000), progress(0.4)), 20_000 * 0.97 - 14_000);
    }

    @Test
    void stalledProgressCostsPollsNotLag() {
        // Progress runs to 90% in 5 s and then stalls; the statement really takes 60 s.
        PollSchedule s = exact();
        long t = s.first().toMillis();
        long maxGap = 0;
        while (t < 60_000) {
            double p = Math.min(0.9, t / 5_555.0);
            long d = s.next(ms(t), ms(t), progress(Math.max(0.0011, p))).toMillis();
            maxGap = Math.max(maxGap, d);
            t += d;
        }
        assertThat(t - 60_000).isLessThanOrEqualTo(4_000);
        assertThat(maxGap).isLessThanOrEqualTo(4_000);
    }

    @Test
    void aRestartCountsTheWaitFromThereAndStartsTheRampAgain() {
        PollSchedule s = exact();
        s.first();
        for (int i = 0; i < 20; i++) {
            s.next(ms(60_000), null, NONE);
        }
        s.restart(ms(60_000));
        assertMillis(s.next(ms(60_100), null, NONE), 100);
        assertMillis(s.blocked(), 4_000);
    }

    @Test
    void unusableProgressIsIgnored() {
        for (double p : new double[] {0.0, 0.0009, 1.0, 1.5, Double.NaN}) {
            PollSchedule s = exact();
            s.first();
            assertThat(s.next(ms(2_000), progress(p)).toNanos() / 1e6)
                    .as("progress %s", p)
                    .isCloseTo(150, within(0.001));
        }
    }

    @Test
    void progressIsIgnoredWhenThePolicySaysSo() {
        PollSchedule s = new PollSchedule(EXACT.toBuilder().useProgress(false).build(), new Random(1));
        s.first();
        assertMillis(s.next(ms(2_000), progress(0.1)), 150);
    }

    @Test
    void jitterStaysWithinThePolicyAndNeverDelaysAJump() {
        PollSchedule s = new PollSchedule(PollingPolicy.defaults(), new Random(7));
        s.first();
        for (int i = 0; i < 20; i++) {
            s.next(Duration.ofMinutes(10), NONE);
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(s.next(Duration.ofMinutes(10), NONE)).isBetween(ms(3_600), ms(4_400));
        }
        for (int i = 0; i < 1_000; i++) {
            PollSchedule fresh = new PollSchedule(PollingPolicy.defaults(), new Random(i));
            fresh.first();
            fresh.next(ms(1_000), progress(0.05));
            assertThat(fresh.next(ms(2_000), progress(0.1))).isBetween(ms(3_600), ms(4_000));
        }
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertThat(delays(new Random(42))).isEqualTo(delays(new Random(42))).isNotEqualTo(delays(new Random(43)));
    }

    private static List<Duration> delays(Random random) {
        PollSchedule s = new PollSchedule(PollingPolicy.defaults(), random);
        List<Duration> out = new ArrayList<>();
        out.add(s.first());
        long t = out.get(0).toMillis();
        for (int i = 0; i < 50; i++) {
            Duration d = s.next(ms(t), i % 3 == 0 ? NONE : progress(Math.min(0.99, t / 60_000.0)));
            out.add(d);
            t += d.toMillis();
        }
        return out;
    }
}
