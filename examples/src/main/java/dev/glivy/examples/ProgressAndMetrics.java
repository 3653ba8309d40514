package dev.glivy.examples;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.micrometer.GlivyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;

/**
 * A long statement with a live console progress line, then the session's Micrometer meters. What a service does
 * with its own registry (Prometheus, OTLP...): bind {@code GlivyMetrics} once, register it on every session.
 *
 * <p>Prerequisites: none for the default local Spark; {@code --transport livy} or {@code --transport glue} as in the
 * other examples (the statement is SQL, so it runs on every backend; on AWS Glue it costs a few cents).
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Pprogress}
 */
public final class ProgressAndMetrics {
    /** Several Spark jobs' worth of work: a cross join of two ranges, a few seconds on one core. */
    static final String QUERY = "SELECT COUNT(*) AS pairs, SUM(a.id * b.id) % 1000003 AS checksum "
            + "FROM range(0, 40000, 1, 8) a CROSS JOIN range(0, 4000, 1, 4) b WHERE (a.id + b.id) % 7 = 0";

    private ProgressAndMetrics() {}

    /** Runs the example. */
    public static void main(String[] args) {
        ExampleOptions o = ExampleOptions.parse(args, System.getenv());
        MeterRegistry registry = new SimpleMeterRegistry();
        GlivyMetrics metrics = GlivyMetrics.create();
        metrics.bindTo(registry);
        try (InteractiveSession s = Backends.builder(o).listener(metrics).start()) {
            run(s, StatementRequest.builder().code(QUERY).language(Language.SQL), System.out);
        }
        System.out.println("Meters:");
        MetricsReport.print(registry, System.out);
    }

    /** Runs {@code request} with a progress line on {@code out}, then prints its output. */
    static StatementResult run(InteractiveSession s, StatementRequest.Builder request, PrintStream out) {
        out.println("Session " + s.id().orElse("?") + " on " + s.backend() + " is ready; running the statement:");
        StatementResult r =
                s.execute(request.onProgress(new ConsoleProgress(out)).build());
        out.println("Output: " + r.json().orElse(r.text()).strip());
        return r;
    }
}
