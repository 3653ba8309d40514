package dev.glivy.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small bounded scale run over loopback against the fake Livy in its own JVM: whatever the transport form and
 * the number of sessions, Glivy's threads stay few, every statement completes, and no thread outlives the sessions.
 */
class ScaleBenchmarkIT {
    @Test
    void fewThreadsInBothFormsAndNoneLeftAfterClose() throws Exception {
        try (FakeLivyProcess fake = new FakeLivyProcess(50)) {
            for (ScaleRun.Form form : ScaleRun.Form.values()) {
                ScaleRun.Result r = ScaleRun.run(fake, form, 60, 3, Duration.ofSeconds(1));
                assertThat(r.peakThreads())
                        .as("%s: Glivy threads while 180 statements run", form.label)
                        .isBetween(1, 8);
                assertThat(r.idleThreads())
                        .as("%s: Glivy threads while idle", form.label)
                        .isLessThanOrEqualTo(8);
                assertThat(r.threadsStartedWhileIdle())
                        .as("%s: no thread churn while idle", form.label)
                        .isZero();
                assertThat(r.threadsAfterClose())
                        .as("%s: threads after the last close", form.label)
                        .isZero();
                assertThat(r.requestsPerStatement())
                        .as("%s: a submit and a poll or two", form.label)
                        .isBetween(2.0, 4.0);
                assertThat(r.lagP50Millis()).as("%s: lag measured", form.label).isGreaterThanOrEqualTo(0);
                String table = ScaleBenchmark.markdown(List.of(r), 3, 50);
                assertThat(table).contains("| 60 | " + form.label + " |");
            }
        }
    }
}
