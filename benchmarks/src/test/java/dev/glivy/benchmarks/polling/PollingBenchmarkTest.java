package dev.glivy.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glivy.Language;
import dev.glivy.SessionLostException;
import dev.glivy.config.PollingPolicy;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks that the harness measures what it claims, on a reduced mix (virtual time: nothing sleeps). */
class PollingBenchmarkTest {
    private static final StatementMix MIX = StatementMix.logUniform(
            300, PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST, PollingBenchmark.MIX_SEED);

    @Test
    void aFixedOneSecondScheduleHasLagUnderOneSecondAndPollsOncePerStartedSecond() {
        List<Outcome> glue = PeerRun.run(MIX, ProgressModel.none(), PeerSchedule.GLUE_KERNEL, 1);
        assertThat(glue).hasSize(MIX.size());
        for (Outcome o : glue) {
            long runMillis = o.runTime().toMillis();
            long polls = (runMillis + 999) / 1000;
            assertThat(o.polls()).as("polls for %d ms", runMillis).isEqualTo(polls);
            assertThat(o.lagNanos())
                    .isEqualTo(Duration.ofMillis(polls * 1000 - runMillis).toNanos())
                    .isLessThan(Duration.ofSeconds(1).toNanos());
        }
    }

    @Test
    void aLadderScheduleFirstSeesAStatementAtTheFirstStepPastItsEnd() {
        for (PeerSchedule s : List.of(PeerSchedule.SPARKMAGIC, PeerSchedule.PYLIVY)) {
            List<Outcome> outcomes = PeerRun.run(MIX, ProgressModel.noisy(0.1), s, 1);
            for (Outcome o : outcomes) {
                long at = 0;
                int polls = 0;
                while (at < o.runTime().toMillis()) {
                    at += s.delay(polls++).toMillis();
                }
                assertThat(o.polls()).as("%s, %s", s.name(), o.runTime()).isEqualTo(polls);
                assertThat(o.lagNanos())
                        .isEqualTo(Duration.ofMillis(at).minus(o.runTime()).toNanos());
            }
        }
    }

    @Test
    void withoutProgressGlivySeesEveryStatementWithinItsPolicysLagBound() {
        PollingPolicy policy = PollingPolicy.defaults();
        List<Outcome> outcomes = GlivyRun.run(MIX, ProgressModel.none(), policy, 3);
        assertThat(outcomes).hasSize(MIX.size());
        double slack = 1 + policy.jitter();
        for (Outcome o : outcomes) {
            double bound = Math.min(
                            policy.maxInterval().toNanos(),
                            Math.max(
                                    policy.initialInterval().toNanos(),
                                    policy.maxLagFraction() * o.runTime().toNanos()))
                    * slack;
            assertThat((double) o.lagNanos())
                    .as("lag of a %s statement", o.runTime())
                    .isLessThanOrEqualTo(bound);
            assertThat(o.polls()).isPositive();
        }
    }

    @Test
    void progressReportsSaveGlivyPollsAndLag() {
        PollingPolicy policy = PollingPolicy.defaults();
        Stats without = Stats.of(GlivyRun.run(MIX, ProgressModel.none(), policy, 3));
        Stats with = Stats.of(GlivyRun.run(MIX, ProgressModel.noisy(0.1), policy, 3));
        Stats glue = Stats.of(PeerRun.run(MIX, ProgressModel.none(), PeerSchedule.GLUE_KERNEL, 3));
        assertThat(with.meanPolls()).isLessThan(without.meanPolls() * 2 / 3);
        assertThat(with.medianLagNanos()).isLessThan(without.medianLagNanos());
        assertThat(with.p99LagNanos()).isLessThan(glue.p99LagNanos());
    }

    @Test
    void theReportIsTheSameOnEveryRun() {
        StatementMix small = StatementMix.logUniform(60, PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST, 5);
        String report = PollingBenchmark.report(small);
        assertThat(PollingBenchmark.report(small)).isEqualTo(report);
        assertThat(report)
                .contains(
                        "## Without progress reports",
                        "## With progress reports (progress ±10%)",
                        "| **Glivy (defaults)** |",
                        "| Glue kernel (1 s) |",
                        "| 1-10 min (");
    }

    @Test
    void theBackendRejectsWhatItCannotRun() {
        BenchmarkBackend backend = new BenchmarkBackend(Clock.systemUTC(), MIX, ProgressModel.none(), 1);
        for (String code : List.of("print(1)", "run x", "run -1", "run " + MIX.size())) {
            assertThat(backend.submitStatement(
                            BenchmarkBackend.SESSION, SubmitStatementRequest.of(code, Language.PYTHON)))
                    .failsWithin(Duration.ZERO)
                    .withThrowableThat()
                    .havingCause()
                    .withMessageContaining("must be 'run <index>'");
        }
        assertThat(backend.getStatement(BenchmarkBackend.SESSION, "7"))
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .withMessageContaining("Statement 7 does not exist");
        assertThat(backend.getStatement("other", "7"))
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(SessionLostException.class);
        assertThatThrownBy(() -> backend.doneAt("7")).hasMessageContaining("No statement 7 was submitted");
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            outcomes.add(new Outcome(Duration.ofSeconds(1), i * 1_000_000L, i));
        }
        Stats s = Stats.of(outcomes);
        assertThat(s.medianLagNanos()).isEqualTo(100_000_000L);
        assertThat(s.p99LagNanos()).isEqualTo(198_000_000L);
        assertThat(s.medianPolls()).isEqualTo(100);
        assertThat(s.p99Polls()).isEqualTo(198);
        assertThat(s.meanPolls()).isEqualTo(100.5);
        assertThat(Stats.rank(99, 1)).isZero();
    }

    @Test
    void theMixIsSeededAndWithinItsBounds() {
        StatementMix again = StatementMix.logUniform(
                300, PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST, PollingBenchmark.MIX_SEED);
        for (int i = 0; i < MIX.size(); i++) {
            assertThat(MIX.duration(i))
                    .isEqualTo(again.duration(i))
                    .isBetween(PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST);
        }
        assertThatThrownBy(() -> StatementMix.logUniform(0, Duration.ofMillis(1), Duration.ofMillis(2), 1))
                .hasMessageContaining("count must be > 0 but was 0");
        assertThatThrownBy(() -> StatementMix.logUniform(1, Duration.ofMillis(5), Duration.ofMillis(5), 1))
                .hasMessageContaining("1 ms <= min < max");
    }

    @Test
    void bucketsSplitAtOneTenAndSixtySeconds() {
        assertThat(Bucket.of(Duration.ofMillis(999))).isEqualTo(Bucket.UNDER_1_S);
        assertThat(Bucket.of(Duration.ofSeconds(1))).isEqualTo(Bucket.S_1_TO_10);
        assertThat(Bucket.of(Duration.ofSeconds(10))).isEqualTo(Bucket.S_10_TO_60);
        assertThat(Bucket.of(Duration.ofSeconds(60))).isEqualTo(Bucket.MIN_1_TO_10);
    }

    @Test
    void noisyProgressStaysWithinItsBandAndBelowOne() {
        Random random = new Random(1);
        ProgressModel m = ProgressModel.noisy(0.1);
        for (int i = 0; i < 1_000; i++) {
            double p = m.report(500, 1_000, 0.5, random).orElseThrow();
            assertThat(p).isBetween(0.45, 0.55);
            assertThat(m.report(999, 1_000, 0.5, random).orElseThrow()).isLessThanOrEqualTo(0.99);
        }
        assertThat(ProgressModel.none().report(500, 1_000, 0.5, random)).isEmpty();
        assertThatThrownBy(() -> ProgressModel.noisy(1.0)).hasMessageContaining("noise must be in [0, 1)");
    }

    @Test
    void lateProgressIsZeroUntilItsStartThenTheJobsFraction() {
        Random random = new Random(1);
        ProgressModel m = ProgressModel.lateStart(0, 0.6);
        // shape 0.5: progress starts at 30% of the run time and then runs over the remaining 70%.
        assertThat(m.report(299, 1_000, 0.5, random).orElseThrow()).isZero();
        assertThat(m.report(650, 1_000, 0.5, random).orElseThrow()).isCloseTo(0.5, within(1e-9));
        assertThat(m.label()).contains("starting after up to 60%");
    }

    @Test
    void stallingProgressRunsAheadThenStaysAtItsLevel() {
        Random random = new Random(1);
        ProgressModel m = ProgressModel.stalls(0);
        // shape 0: the level is 0.3, reached at 15% of the run time.
        assertThat(m.report(100, 1_000, 0, random).orElseThrow()).isCloseTo(0.2, within(1e-9));
        assertThat(m.report(150, 1_000, 0, random).orElseThrow()).isCloseTo(0.3, within(1e-9));
        assertThat(m.report(900, 1_000, 0, random).orElseThrow()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void burstsCoverTheMixAndQueueOnTheBackend() {
        StatementMix queued = MIX.inBursts(4, 2);
        assertThat(queued.bursts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(MIX.size());
        assertThat(queued.bursts()).allMatch(b -> b >= 1 && b <= 4).anyMatch(b -> b > 1);
        dev.glivy.testkit.ManualScheduler time = new dev.glivy.testkit.ManualScheduler();
        BenchmarkBackend backend = new BenchmarkBackend(time.clock(), queued, ProgressModel.none(), 1);
        String a = backend.submitStatement(
                        BenchmarkBackend.SESSION, SubmitStatementRequest.of("run 0", Language.PYTHON))
                .join();
        String b = backend.submitStatement(
                        BenchmarkBackend.SESSION, SubmitStatementRequest.of("run 1", Language.PYTHON))
                .join();
        assertThat(backend.doneAt(b)).isEqualTo(backend.doneAt(a).plus(MIX.duration(1)));
        assertThat(backend.getStatement(BenchmarkBackend.SESSION, b).join().state())
                .isEqualTo(dev.glivy.StatementState.WAITING);
        assertThat(backend.getStatement(BenchmarkBackend.SESSION, b).join().startedAt())
                .isEmpty();
    }

    @Test
    void onQueuedStatementsWithProgressGlivyBeatsEveryPeerOnLagAndPolls() {
        // The benchmark's own seeds on its first 2,000 statements (on fewer the 99th percentile is a handful).
        StatementMix queued = StatementMix.logUniform(
                        2_000, PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST, PollingBenchmark.MIX_SEED)
                .inBursts(PollingBenchmark.MAX_BURST, PollingBenchmark.BURST_SEED);
        ProgressModel progress = ProgressModel.lateStart(PollingBenchmark.NOISE, PollingBenchmark.MAX_LATE);
        Stats glivy = Stats.of(GlivyRun.run(queued, progress, PollingPolicy.defaults(), PollingBenchmark.RUN_SEED));
        for (PeerSchedule p : List.of(PeerSchedule.GLUE_KERNEL, PeerSchedule.SPARKMAGIC, PeerSchedule.PYLIVY)) {
            Stats peer = Stats.of(PeerRun.run(queued, progress, p, PollingBenchmark.RUN_SEED));
            assertThat(glivy.medianLagNanos()).as(p.name()).isLessThan(peer.medianLagNanos());
            assertThat(glivy.p99LagNanos()).as(p.name()).isLessThan(peer.p99LagNanos());
            assertThat(glivy.meanPolls()).as(p.name()).isLessThan(peer.meanPolls());
        }
    }
}
