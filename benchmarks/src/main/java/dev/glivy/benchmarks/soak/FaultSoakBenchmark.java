package dev.glivy.benchmarks.soak;

import dev.glivy.testkit.FaultSoak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The exactly-once fault soak at benchmark size: per backend (the real Livy transport against the fake Livy; the
 * real Glue transport through the AWS SDK against the Glue stub) the testkit's {@link FaultSoak} workload runs once
 * without faults and once with the soak ITs' fault mix (throttling every 7th request of every operation, every 10th
 * submission's answer cut after it was applied, 500s after applying, proxy 503s/502s, slow answers, pages of 3),
 * each on a fresh fake, after a small unmeasured warm-up. It prints one Markdown table per backend, side by side.
 *
 * <p>Default workload: 10,000 statements over 20 sessions, 10 sequential and 10 keeping 8 statements in flight.
 * Ambiguous submissions and reconciliation requests are counted on the client by {@link CountingTransport}.
 *
 * <p>Usage: {@code FaultSoakBenchmark [--statements N] [--sessions N] [--in-flight N] [--backends livy,glue]
 * [--warmup N] [--out FILE]} ({@code --warmup 0} skips the warm-up).
 */
public final class FaultSoakBenchmark {
    private FaultSoakBenchmark() {}

    /** One measured run. */
    record Run(
            FaultSoak.Report report,
            Map<String, Integer> injected,
            long submits,
            long ambiguous,
            int appliedButFailed,
            long reconcileGets,
            long reconcileLists,
            long reconcileAnswered,
            long slowSubmitChecks) {
        long reconciliation() {
            return reconcileGets + reconcileLists;
        }
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int statements = 10_000;
        int sessions = 20;
        int inFlight = 8;
        int warmup = 100;
        List<String> backends = List.of("livy", "glue");
        @Nullable Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--statements" -> statements = Integer.parseInt(args[i + 1]);
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--in-flight" -> inFlight = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--backends" -> backends = List.of(args[i + 1].split(","));
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (sessions < 1 || statements < sessions) {
            throw new IllegalArgumentException("need at least one statement per session");
        }
        FaultSoak.Workload w = new FaultSoak.Workload(sessions, statements / sessions, inFlight, Duration.ofMinutes(5));
        StringBuilder md = new StringBuilder();
        md.append("# Fault soak\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%,d statements over %d sessions (%d "
                                + "sequential, %d with %d in flight), %d per session; JVM %s, %d processors.%n%n",
                        w.sessions() * w.statementsPerSession(),
                        sessions,
                        (sessions + 1) / 2,
                        sessions / 2,
                        inFlight,
                        w.statementsPerSession(),
                        System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors()));
        System.out.print(md);
        boolean allClean = true;
        for (String backend : backends) {
            if (warmup > 0) {
                run(backend, false, new FaultSoak.Workload(2, Math.max(1, warmup / 2), inFlight, w.statementTimeout()));
            }
            System.err.printf("%s: without faults...%n", backend);
            Run clean = run(backend, false, w);
            System.err.printf("%s: %s%n%s: with faults...%n", backend, clean.report(), backend);
            Run faulty = run(backend, true, w);
            System.err.printf("%s: %s%n", backend, faulty.report());
            String table = table(backend, clean, faulty);
            System.out.print(table);
            System.out.flush();
            md.append(table);
            allClean &= clean.report().clean() && faulty.report().clean();
        }
        md.append(
                allClean
                        ? "Every statement had exactly one right outcome, in order.\n"
                        : "**NOT CLEAN**: see the examples above.\n");
        if (out != null) {
            Files.writeString(out, md.toString());
            System.out.println("wrote " + out);
        }
    }

    static Run run(String backend, boolean faults, FaultSoak.Workload w) throws InterruptedException {
        try (SoakTarget t = SoakTarget.create(backend, faults)) {
            FaultSoak.Report r = FaultSoak.run(t.backend(), w);
            return new Run(
                    r,
                    t.injected(),
                    t.counts.submits.get(),
                    t.counts.ambiguousSubmits.get(),
                    t.appliedButFailedSubmits(),
                    t.counts.reconcileGets.get(),
                    t.counts.reconcileLists.get(),
                    t.counts.reconcileAnswered.get(),
                    t.counts.slowSubmitChecks.get());
        }
    }

    static int exactlyOneRight(FaultSoak.Report r) {
        return Math.max(
                0,
                r.statements()
                        - r.unfinished()
                        - r.wrongResults()
                        - r.ranButReportedFailed()
                        - r.failedAndNotRun()
                        - r.reportedButNeverRan());
    }

    static String table(String backend, Run a, Run b) {
        FaultSoak.Report x = a.report();
        FaultSoak.Report y = b.report();
        StringBuilder s = new StringBuilder();
        s.append("## ")
                .append(
                        backend.equals("livy")
                                ? "Livy transport vs fake Livy"
                                : "Glue transport (AWS SDK) vs Glue stub")
                .append("\n\n");
        s.append("| | without faults | with faults |\n|---|---:|---:|\n");
        row(s, "statements", x.statements(), y.statements());
        row(s, "**exactly one right outcome**", exactlyOneRight(x), exactlyOneRight(y));
        row(s, "unfinished (no outcome in time)", x.unfinished(), y.unfinished());
        row(s, "wrong-result attributions", x.wrongResults(), y.wrongResults());
        row(s, "ran but reported failed", x.ranButReportedFailed(), y.ranButReportedFailed());
        row(s, "failed and did not run", x.failedAndNotRun(), y.failedAndNotRun());
        row(s, "duplicates (extra runs)", x.duplicates(), y.duplicates());
        row(s, "reported but never ran", x.reportedButNeverRan(), y.reportedButNeverRan());
        row(s, "order violations", x.orderViolations(), y.orderViolations());
        row(s, "requests", x.requests(), y.requests());
        s.append(String.format(
                Locale.ROOT,
                "| requests per statement | %.2f | %.2f |%n",
                x.requestsPerStatement(),
                y.requestsPerStatement()));
        s.append(String.format(
                Locale.ROOT,
                "| wall time | %.1f s | %.1f s |%n",
                x.wall().toMillis() / 1000.0,
                y.wall().toMillis() / 1000.0));
        s.append(String.format(
                Locale.ROOT,
                "| wall time, with / without faults | | **%.2f×** |%n",
                (double) y.wall().toNanos() / Math.max(1, x.wall().toNanos())));
        row(s, "submissions sent (attempts)", a.submits(), b.submits());
        row(s, "ambiguous submissions (client: failed, may have taken effect)", a.ambiguous(), b.ambiguous());
        row(s, "submissions applied then answered 500 / cut (injected)", a.appliedButFailed(), b.appliedButFailed());
        s.append(String.format(
                Locale.ROOT,
                "| reconciliation requests (getStatement + listStatements) | %d + %d | " + "%d + %d |%n",
                a.reconcileGets(),
                a.reconcileLists(),
                b.reconcileGets(),
                b.reconcileLists()));
        s.append(String.format(
                Locale.ROOT,
                "| **reconciliation requests per ambiguous submission** | %s | %s |%n",
                perAmbiguous(a),
                perAmbiguous(b)));
        s.append(String.format(
                Locale.ROOT,
                "| answered reconciliation reads per ambiguous submission (without the "
                        + "repeats of reads that met an injected fault) | %s | %s |%n",
                ratio(a.reconcileAnswered(), a.ambiguous()),
                ratio(b.reconcileAnswered(), b.ambiguous())));
        s.append(String.format(
                Locale.ROOT,
                "| slow-submission checks (one read of the next id while a submission's "
                        + "answer is slow; not reconciliation) | %d | %d |%n%n",
                a.slowSubmitChecks(),
                b.slowSubmitChecks()));
        s.append("Faults injected: ")
                .append(b.injected().isEmpty() ? "none" : b.injected().toString())
                .append(".\n\n");
        for (Run r : List.of(a, b)) {
            if (!r.report().clean()) {
                s.append(r == a ? "Without" : "With").append(" faults, examples:\n\n");
                for (String e : r.report().examples()) {
                    s.append("- `")
                            .append(e.replace("`", "'").replace("\n", "\\n").replace("\r", "\\r"))
                            .append("`\n");
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static String perAmbiguous(Run r) {
        return ratio(r.reconciliation(), r.ambiguous());
    }

    private static String ratio(long n, long d) {
        return d == 0 ? "–" : String.format(Locale.ROOT, "%.2f", (double) n / d);
    }

    private static void row(StringBuilder s, String name, long a, long b) {
        s.append(String.format(Locale.ROOT, "| %s | %,d | %,d |%n", name, a, b));
    }
}
