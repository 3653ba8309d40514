package dev.glivy.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A small bounded scale run over loopback against each backend in its own JVM (the fake Livy, the Glue stub):
 * whatever the transport form and the number of sessions, Glivy's threads stay few, every statement completes, and
 * no thread outlives the sessions.
 */
class ScaleBenchmarkIT {
    @Test
    void livyFewThreadsInBothFormsAndNoneLeftAfterClose() throws Exception {
        check(BackendProcess.livy(50), ScaleTarget::livy);
    }

    @Test
    void glueFewThreadsInBothFormsAndNoneLeftAfterClose() throws Exception {
        check(BackendProcess.glue(50), ScaleTarget::glue);
    }

    private static void check(BackendProcess process, Function<BackendProcess, ScaleTarget> target) throws Exception {
        try (process) {
            ScaleTarget t = target.apply(process);
            for (ScaleRun.Form form : ScaleRun.Form.values()) {
                ScaleRun.Result r = ScaleRun.run(t, form, 60, 3, Duration.ofSeconds(1));
                String what = t.name + ", " + form.label;
                assertThat(r.peakThreads())
                        .as("%s: Glivy threads while 180 statements run", what)
                        .isBetween(1, 8);
                assertThat(r.idleThreads())
                        .as("%s: Glivy threads while idle", what)
                        .isLessThanOrEqualTo(8);
                assertThat(r.threadsStartedWhileIdle())
                        .as("%s: no thread churn while idle", what)
                        .isZero();
                assertThat(r.threadsAfterClose())
                        .as("%s: threads after the last close", what)
                        .isZero();
                assertThat(r.requestsPerStatement())
                        .as("%s: a submit and a poll or two", what)
                        .isBetween(2.0, 4.0);
                assertThat(r.lagP50Millis()).as("%s: lag measured", what).isGreaterThanOrEqualTo(0);
                assertThat(r.otherThreadsPeak().keySet())
                        .as("%s: the AWS SDK's clients start no timer pools of their own", what)
                        .noneMatch(name -> name.startsWith("sdk-"));
                String table = ScaleReport.section(t, List.of(r), ScaleReport.Options.parse("IT", new String[] {
                    "--statements", "3", "--delay-ms", "50"
                }));
                assertThat(table).startsWith("## " + t.name + "\n").contains("| 60 | " + form.label + " |");
            }
        } catch (IOException e) {
            throw new AssertionError("the backend process failed", e);
        }
    }
}
