package dev.glivy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementProgress;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.micrometer.GlivyMetrics;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The progress line and the metrics report of {@link ProgressAndMetrics}, on the fake backend in virtual time. */
class ProgressAndMetricsTest {
    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(time)
            .executor(time)
            .clock(time.clock())
            .random(new Random(3))
            .build();
    private final FakeSessionTransport fake = new FakeSessionTransport(time.clock());
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aLineShowsTheBarThePercentageTheStateAndTheElapsedTime() {
        StatementProgress p = StatementProgress.builder()
                .sessionId("s")
                .statementId("3")
                .backend("livy")
                .state(StatementState.RUNNING)
                .progress(0.3)
                .elapsed(Duration.ofMillis(12_400))
                .build();
        assertThat(ConsoleProgress.line(p))
                .isEqualTo("[#########.....................]  30%  running      12.4 s  " + "statement 3");
        StatementProgress unknown = StatementProgress.builder()
                .sessionId("s")
                .statementId("4")
                .backend("glue")
                .state(StatementState.WAITING)
                .build();
        assertThat(ConsoleProgress.line(unknown))
                .startsWith("[" + ".".repeat(ConsoleProgress.WIDTH) + "]    ?  " + "waiting");
    }

    @Test
    void aRunningStatementRedrawsItsLineUntilItEndsAndTheMetricsReportListsTheMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GlivyMetrics metrics = GlivyMetrics.builder().clock(time.clock()).build();
        metrics.bindTo(registry);
        InteractiveSession s = InteractiveSession.builder()
                .transport(fake)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .listener(metrics)
                .build();
        time.await(s.startAsync(), Duration.ofMinutes(5));
        // the example's run() blocks; in virtual time the statement runs through executeAsync with the same line
        StatementResult r = time.await(
                s.executeAsync(StatementRequest.builder()
                        .code("sleep:20000")
                        .onProgress(new ConsoleProgress(out))
                        .build()),
                Duration.ofMinutes(5));
        time.runPending();
        time.await(s.closeAsync(), Duration.ofMinutes(1));
        time.runPending();

        String printed = bytes.toString(StandardCharsets.UTF_8);
        List<String> redraws =
                Arrays.stream(printed.split("\r")).filter(x -> !x.isEmpty()).toList();
        assertThat(redraws.size()).isGreaterThanOrEqualTo(4);
        assertThat(redraws.get(0)).contains("waiting");
        assertThat(redraws.subList(1, redraws.size() - 1)).anyMatch(x -> x.contains("running"));
        assertThat(redraws.get(redraws.size() - 1))
                .startsWith("[" + "#".repeat(ConsoleProgress.WIDTH) + "] 100%")
                .contains("available")
                .contains("statement " + r.statementId())
                .endsWith(System.lineSeparator());
        assertThat(printed.chars().filter(c -> c == '\n').count()).isEqualTo(1);

        bytes.reset();
        MetricsReport.print(registry, out);
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("glivy.statement.duration{backend=fake,outcome=success} count=1")
                .contains("glivy.session.start.duration{backend=fake,outcome=success} count=1")
                .contains("glivy.sessions{backend=fake,state=idle} 0.00");
    }
}
