package dev.glivy.benchmarks.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the scale benchmarks share: their options, the run over every session count and form (after a warm-up),
 * and the results file, one {@code ## <backend>} section per backend so each benchmark rewrites only its own.
 */
final class ScaleReport {
    static final String TITLE = "# Scale benchmark results\n";

    private ScaleReport() {}

    /**
     * The options: {@code [--sessions 1,10,100,1000] [--statements 10] [--delay-ms 200] [--idle-seconds 0]
     * [--warm-up-sessions 10] [--warm-up-statements 3] [--out FILE]}.
     */
    record Options(
            List<Integer> counts,
            int statements,
            long delayMillis,
            Duration idle,
            int warmUpSessions,
            int warmUpStatements,
            Path out) {
        static Options parse(String program, String[] args) {
            List<Integer> counts = List.of(1, 10, 100, 1000);
            int statements = 10;
            long delay = 200;
            Duration idle = Duration.ZERO;
            int warmUpSessions = 10;
            int warmUpStatements = 3;
            Path out = null;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--sessions" -> counts = parse(value);
                    case "--statements" -> statements = Integer.parseInt(value);
                    case "--delay-ms" -> delay = Long.parseLong(value);
                    case "--idle-seconds" -> idle = Duration.ofSeconds(Long.parseLong(value));
                    case "--warm-up-sessions" -> warmUpSessions = Integer.parseInt(value);
                    case "--warm-up-statements" -> warmUpStatements = Integer.parseInt(value);
                    case "--out" -> out = Path.of(value);
                    default ->
                        throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; usage: " + program
                                + " [--sessions 1,10,100,1000] [--statements N] [--delay-ms N] "
                                + "[--idle-seconds N] [--warm-up-sessions N] [--warm-up-statements N] [--out FILE]");
                }
            }
            return new Options(counts, statements, delay, idle, warmUpSessions, warmUpStatements, out);
        }

        private static List<Integer> parse(String csv) {
            List<Integer> l = new ArrayList<>();
            for (String s : csv.split(",")) {
                l.add(Integer.parseInt(s.strip()));
            }
            return l;
        }
    }

    /**
     * A warm-up (by default 10 sessions x 3 statements, shared form, not reported), then every count in both forms,
     * the largest count idle for {@code --idle-seconds}; prints the section and, with {@code --out}, writes it into
     * the file.
     */
    static void runAndWrite(ScaleTarget target, Options o) throws Exception {
        List<ScaleRun.Result> results = new ArrayList<>();
        ScaleRun.run(target, ScaleRun.Form.SHARED_TRANSPORT, o.warmUpSessions(), o.warmUpStatements(), Duration.ZERO);
        int largest = o.counts().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int n : o.counts()) {
            for (ScaleRun.Form form : ScaleRun.Form.values()) {
                results.add(ScaleRun.run(target, form, n, o.statements(), n == largest ? o.idle() : Duration.ZERO));
            }
        }
        String text = section(target, results, o);
        System.out.print(text);
        if (o.out() != null) {
            write(o.out(), target.name, text);
        }
    }

    /** Replaces (or appends) the {@code ## <name>} section of {@code file}, keeping every other section. */
    static void write(Path file, String name, String section) throws IOException {
        String old = Files.exists(file) ? Files.readString(file) : TITLE;
        Files.writeString(file, merge(old, name, section));
    }

    static String merge(String old, String name, String section) {
        String text = old.startsWith(TITLE) ? old : TITLE + "\n" + old;
        String heading = "\n## " + name + "\n";
        int start = text.indexOf(heading);
        if (start < 0) {
            return text.stripTrailing() + "\n\n" + section;
        }
        int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(0, start + 1) + section + (end < 0 ? "" : "\n" + text.substring(end + 1));
    }

    /** The {@code ## <backend>} section: intro, table, the other threads seen, notes, environment. */
    static String section(ScaleTarget target, List<ScaleRun.Result> results, Options o) {
        StringBuilder b = new StringBuilder("## ").append(target.name).append("\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%d statements per session, all in flight at once; %s finishes each %d ms after it is submitted. "
                        + "Warm-up first (not reported): %,d sessions x %d statements.%n%n",
                o.statements(),
                target.backend,
                o.delayMillis(),
                o.warmUpSessions(),
                o.warmUpStatements()));
        b.append("| Sessions | Form | Wall | Requests / statement | Glivy threads (peak) | Glivy threads (idle) | "
                + "Threads started while idle | Heap / idle session | CPU / statement | Lag p50 | Lag p99 |\n");
        b.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleRun.Result r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %,d | %s | %.2f s | %.2f | %d | %d | %d in %.0f s | %.1f KB | "
                            + "%.3f ms | %.0f ms | %.0f ms |%n",
                    r.sessions(),
                    r.form().label,
                    r.wallSeconds(),
                    r.requestsPerStatement(),
                    r.peakThreads(),
                    r.idleThreads(),
                    r.threadsStartedWhileIdle(),
                    r.idleSeconds(),
                    r.heapPerIdleSessionBytes() / 1024,
                    r.cpuMillisPerStatement(),
                    r.lagP50Millis(),
                    r.lagP99Millis()));
            if (r.threadsAfterClose() != 0) {
                b.append("| | ")
                        .append(r.threadsAfterClose())
                        .append(" Glivy threads still alive 10 s after the last close | | | | | | | | | |\n");
            }
        }
        for (ScaleRun.Result r : results) {
            if (r.idleSeconds() > 1) {
                b.append(String.format(
                        Locale.ROOT,
                        "%nGlivy threads at the end of the %.0f s idle period (%,d sessions, %s): %d.%n",
                        r.idleSeconds(),
                        r.sessions(),
                        r.form().label,
                        r.idleThreadsAtEnd()));
            }
        }
        b.append("\nOther threads that came to life during a run (not Glivy's, not counted above; the most alive at "
                + "once):\n\n");
        for (ScaleRun.Result r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "- %,d sessions, %s: %s%n",
                    r.sessions(),
                    r.form().label,
                    others(r.otherThreadsPeak())));
        }
        b.append("\nGlivy threads: live threads named `glivy-*` (")
                .append(target.glivyThreads)
                .append("). Heap per "
                        + "idle session: heap after full GCs with the sessions open and idle (each holding its history "
                        + "of finished statements), minus the heap before they were built, divided by the sessions. "
                        + "CPU per statement: the client process's CPU time (all threads, GC and JIT included) during "
                        + "the statement phase, divided by the statements. Lag: when the client's future completed "
                        + "minus the backend's completion time. Requests per statement: every request the backend "
                        + "answered during the statement phase (submits, polls, keep-alives), divided by the "
                        + "statements.\n\n");
        b.append("Environment: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.vm.version"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPU(s) visible, max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MiB, load average ")
                .append(String.format(
                        Locale.ROOT,
                        "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(", ")
                .append(LocalDate.now())
                .append(".\n");
        return b.toString();
    }

    private static String others(Map<String, Integer> peak) {
        if (peak.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        peak.forEach((name, n) -> b.append(b.length() == 0 ? "" : ", ")
                .append('`')
                .append(name)
                .append("` ")
                .append(n));
        return b.toString();
    }
}
