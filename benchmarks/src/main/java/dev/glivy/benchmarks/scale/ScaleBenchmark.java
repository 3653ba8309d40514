package dev.glivy.benchmarks.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Many Livy sessions at once over loopback HTTP: for each session count (default 1, 10, 100, 1,000) and both
 * transport forms, {@code --statements} statements per session in flight together against {@link FastFakeLivy}
 * in a child JVM (statements finish {@code --delay-ms} after they are submitted). Reports wall time, HTTP requests
 * per statement, Glivy threads (peak while running, and while idle), threads started during the idle period
 * (churn), heap per idle session (after full GCs, with each session's history of finished statements), client CPU
 * per statement, and completion lag p50/p99 (when the client saw the result minus when the fake finished it).
 *
 * <p>Usage: {@code ScaleBenchmark [--sessions 1,10,100,1000] [--statements 10] [--delay-ms 200]
 * [--idle-seconds 0] [--out FILE]}. The largest session count then stays idle for {@code --idle-seconds} before
 * closing; above the 30 s keep-alive interval, the idle columns show whether keep-alives create threads. A
 * warm-up run (10 sessions x 3 statements) comes first and is not reported.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    /** Runs the benchmark; see the class comment. */
    public static void main(String[] args) throws Exception {
        List<Integer> counts = List.of(1, 10, 100, 1000);
        int statements = 10;
        long delay = 200;
        Duration idle = Duration.ZERO;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sessions" -> counts = parse(args[i + 1]);
                case "--statements" -> statements = Integer.parseInt(args[i + 1]);
                case "--delay-ms" -> delay = Long.parseLong(args[i + 1]);
                case "--idle-seconds" -> idle = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--out" -> out = Path.of(args[i + 1]);
                default ->
                    throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; usage: "
                            + "ScaleBenchmark [--sessions 1,10,100,1000] [--statements N] [--delay-ms N] "
                            + "[--idle-seconds N] [--out FILE]");
            }
        }
        List<ScaleRun.Result> results = new ArrayList<>();
        try (FakeLivyProcess fake = new FakeLivyProcess(delay)) {
            ScaleRun.run(fake, ScaleRun.Form.SHARED_TRANSPORT, 10, 3, Duration.ZERO);
            int largest = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int n : counts) {
                for (ScaleRun.Form form : ScaleRun.Form.values()) {
                    results.add(ScaleRun.run(fake, form, n, statements, n == largest ? idle : Duration.ZERO));
                }
            }
        }
        String text = markdown(results, statements, delay);
        System.out.print(text);
        if (out != null) {
            Files.writeString(out, text);
        }
    }

    private static List<Integer> parse(String csv) {
        List<Integer> l = new ArrayList<>();
        for (String s : csv.split(",")) {
            l.add(Integer.parseInt(s.strip()));
        }
        return l;
    }

    static String markdown(List<ScaleRun.Result> results, int statements, long delay) {
        StringBuilder b = new StringBuilder("# Scale benchmark results\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%d statements per session, all in flight at once; the fake Livy (own "
                        + "JVM, loopback) finishes each %d ms after it is submitted.%n%n",
                statements,
                delay));
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
                        .append(" Glivy threads still alive 10 s after the " + "last close | | | | | | | | | |\n");
            }
        }
        b.append("\nGlivy threads: live threads named `glivy-*` (scheduler, completion executor, Livy I/O). Heap per "
                + "idle session: heap after full GCs with the sessions open and idle (each holding its history of "
                + "finished statements), minus the heap before they were built, divided by the sessions. CPU per "
                + "statement: the client process's CPU time (all threads, GC and JIT included) during the statement "
                + "phase, divided by the statements. Lag: when the client's future completed minus the fake's "
                + "`completed` time. Requests per statement: every request the fake answered during the statement "
                + "phase (submits, polls, keep-alives), divided by the statements.\n\n");
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
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage()))
                .append(", ")
                .append(LocalDate.now())
                .append(".\n");
        return b.toString();
    }
}
