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
            assertThat(lag).as("lag of a %d ms statement polled last at %d ms", duration, before)
                    .isLessThanOrEqualTo(Math.min(4_000, Math.max(100, (long) (0.15 * duration))));
        }
    }

    @Test
    void progressSteersTheNextPollToJustBeforeThePredictedEnd() {
        PollSchedule s = exact();
        s.first();
        // 10% done after 2 s predicts 20 s in total; aim 3% early: 19.4 s, i.e. 17.4 s from now.
        assertMillis(s.next(ms(2_000), progress(0.1)), 17_400);
    }

    @Test
    void aProgressSteeredWaitIsCappedByTheTimeWaitedAndByMaxInterval() {
        PollSchedule early = exact();
        early.first();
        // 0.2% done after 200 ms predicts 100 s, but a jump is at most 16 x 200 ms.
        assertMillis(early.next(ms(200), progress(0.002)), 3_200);

        PollSchedule late = exact();
        late.first();
        // 10% done after 10 s predicts 100 s, but a jump is at most 15 x maxInterval = 60 s.
        assertMillis(late.next(ms(10_000), progress(0.1)), 60_000);
    }

    @Test
    void nearThePredictedEndItPollsAtTheFineCadence() {
        PollSchedule s = exact();
        s.first();
        assertMillis(s.next(ms(50_000), progress(0.5)), 47_000);
        // At 97 s the predicted end (100 s, less 3%) is here: the interval grows from the last normal one (150 ms)
        // by the multiplier up to 0.15 x maxInterval = 600 ms, and stays there.
        assertMillis(s.next(ms(97_000), progress(0.97)), 225);
        assertMillis(s.next(ms(97_225), progress(0.97)), 337.5);
        assertMillis(s.next(ms(97_563), progress(0.97)), 506.25);
        assertMillis(s.next(ms(98_069), progress(0.97)), 600);
        assertMillis(s.next(ms(98_669), progress(0.98)), 600);
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
        assertMillis(s.next(ms(50_000), progress(0.5)), 47_000);
        // The newer report predicts 150 s; the older one still says 100 s, so aim at 97 s.
        assertMillis(s.next(ms(60_000), progress(0.4)), 37_000);
    }

    @Test
    void aStatementThatOutlivesThePredictionFallsBackToTheNormalCadence() {
        PollSchedule s = exact();
        s.first();
        s.next(ms(50_000), progress(0.5));
        // Still running at 129 s (within 30% of the predicted 100 s): fine cadence, growing from 150 ms.
        assertMillis(s.next(ms(129_000), progress(0.5)), 225);
        // At 131 s the prediction has proven wrong: normal cadence again, growing from the fine one to the cap.
        assertMillis(s.next(ms(131_000), progress(0.5)), 337.5);
        for (int i = 0; i < 6; i++) {
            s.next(ms(132_000), progress(0.5));
        }
        assertMillis(s.next(ms(133_000), progress(0.5)), 4_000);
    }

    @Test
    void unusableProgressIsIgnored() {
        for (double p : new double[] {0.0, 0.0009, 1.0, 1.5, Double.NaN}) {
            PollSchedule s = exact();
            s.first();
            assertThat(s.next(ms(2_000), progress(p)).toNanos() / 1e6).as("progress %s", p)
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
            assertThat(fresh.next(ms(2_000), progress(0.1))).isBetween(ms(15_660), ms(17_400));
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
