package dev.glivy.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private static final StatementMix MIX = StatementMix.logUniform(300, PollingBenchmark.SHORTEST,
            PollingBenchmark.LONGEST, PollingBenchmark.MIX_SEED);

    @Test
    void aFixedOneSecondScheduleHasLagUnderOneSecondAndPollsOncePerStartedSecond() {
        List<Outcome> glue = PeerRun.run(MIX, ProgressModel.none(), PeerSchedule.GLUE_KERNEL, 1);
        assertThat(glue).hasSize(MIX.size());
        for (Outcome o : glue) {
            long runMillis = o.runTime().toMillis();
            long polls = (runMillis + 999) / 1000;
            assertThat(o.polls()).as("polls for %d ms", runMillis).isEqualTo(polls);
            assertThat(o.lagNanos()).isEqualTo(Duration.ofMillis(polls * 1000 - runMillis).toNanos())
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
                assertThat(o.lagNanos()).isEqualTo(Duration.ofMillis(at).minus(o.runTime()).toNanos());
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
            double bound = Math.min(policy.maxInterval().toNanos(), Math.max(policy.initialInterval().toNanos(),
                    policy.maxLagFraction() * o.runTime().toNanos())) * slack;
            assertThat((double) o.lagNanos()).as("lag of a %s statement", o.runTime()).isLessThanOrEqualTo(bound);
            assertThat(o.polls()).isPositive();
        }
    }

    @Test
    void progressReportsSaveGlivyPollsAndLag() {
        PollingPolicy policy = PollingPolicy.defaults();
        Stats without = Stats.of(GlivyRun.run(MIX, ProgressModel.none(), policy, 3));
        Stats with = Stats.of(GlivyRun.run(MIX, ProgressModel.noisy(0.1), policy, 3));
        Stats glue = Stats.of(PeerRun.run(MIX, ProgressModel.none(), PeerSchedule.GLUE_KERNEL, 3));
        assertThat(with.meanPolls()).isLessThan(without.meanPolls() / 2);
        assertThat(with.medianLagNanos()).isLessThan(without.medianLagNanos());
        assertThat(with.p99LagNanos()).isLessThan(glue.p99LagNanos());
    }

    @Test
    void theReportIsTheSameOnEveryRun() {
        StatementMix small = StatementMix.logUniform(60, PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST, 5);
        String report = PollingBenchmark.report(small);
        assertThat(PollingBenchmark.report(small)).isEqualTo(report);
        assertThat(report).contains("## Without progress reports", "## With progress reports (progress ±10%)",
                "| **Glivy (defaults)** |", "| Glue kernel (1 s) |", "| 1-10 min (");
    }

    @Test
    void theBackendRejectsWhatItCannotRun() {
        BenchmarkBackend backend = new BenchmarkBackend(Clock.systemUTC(), MIX, ProgressModel.none(), 1);
        for (String code : List.of("print(1)", "run x", "run -1", "run " + MIX.size())) {
            assertThat(backend.submitStatement(BenchmarkBackend.SESSION,
                    SubmitStatementRequest.of(code, Language.PYTHON))).failsWithin(Duration.ZERO)
                    .withThrowableThat().havingCause().withMessageContaining("must be 'run <index>'");
        }
        assertThat(backend.getStatement(BenchmarkBackend.SESSION, "7")).failsWithin(Duration.ZERO)
                .withThrowableThat().havingCause().withMessageContaining("Statement 7 does not exist");
        assertThat(backend.getStatement("other", "7")).failsWithin(Duration.ZERO)
                .withThrowableThat().havingCause().isInstanceOf(SessionLostException.class);
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
        StatementMix again = StatementMix.logUniform(300, PollingBenchmark.SHORTEST, PollingBenchmark.LONGEST,
                PollingBenchmark.MIX_SEED);
        for (int i = 0; i < MIX.size(); i++) {
            assertThat(MIX.duration(i)).isEqualTo(again.duration(i))
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
            double p = m.report(500, 1_000, random).orElseThrow();
            assertThat(p).isBetween(0.45, 0.55);
            assertThat(m.report(999, 1_000, random).orElseThrow()).isLessThanOrEqualTo(0.99);
        }
        assertThat(ProgressModel.none().report(500, 1_000, random)).isEmpty();
        assertThatThrownBy(() -> ProgressModel.noisy(1.0)).hasMessageContaining("noise must be in [0, 1)");
    }
}
