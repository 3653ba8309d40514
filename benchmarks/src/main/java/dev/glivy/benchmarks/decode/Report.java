package dev.glivy.benchmarks.decode;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The Markdown report: one line per mode, then the environment the numbers were taken in. */
final class Report {
    /** One mode's measured runs over a payload of {@code payload} bytes. */
    record Mode(String name, long payload, List<DecodeBenchmark.Run> runs) {}

    private final long rows;
    private final int runs;
    private final int warmup;
    private final List<Mode> modes = new ArrayList<>();

    Report(long rows, int runs, int warmup) {
        this.rows = rows;
        this.runs = runs;
        this.warmup = warmup;
    }

    void add(Mode mode) {
        modes.add(mode);
    }

    String markdown() {
        StringBuilder b = new StringBuilder("# Decode benchmark results\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%,d rows x 6 columns (long, string, decimal(18,2), date, timestamp, "
                        + "boolean) of Spark toJSON lines; %d warm-up and %d measured runs per mode; one decoding thread.%n%n",
                rows,
                warmup,
                runs));
        b.append("| Mode | Payload | Best MB/s | Median MB/s | Median MB/s of CPU time | Rows/s (median) | "
                + "Extra heap retained | Peak extra heap | Peak / payload | GCs (median) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Mode m : modes) {
            List<DecodeBenchmark.Run> byTime = new ArrayList<>(m.runs());
            byTime.sort(Comparator.comparingDouble(DecodeBenchmark.Run::seconds));
            DecodeBenchmark.Run best = byTime.get(0);
            DecodeBenchmark.Run median = byTime.get(byTime.size() / 2);
            List<Double> cpu = new ArrayList<>(
                    m.runs().stream().map(DecodeBenchmark.Run::cpuSeconds).toList());
            cpu.sort(Comparator.naturalOrder());
            double cpuMedian = cpu.get(cpu.size() / 2);
            long peak =
                    m.runs().stream().mapToLong(DecodeBenchmark.Run::peak).max().orElse(0);
            long retained = m.runs().stream()
                    .mapToLong(DecodeBenchmark.Run::retained)
                    .max()
                    .orElse(0);
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f MB | %.0f | %.0f | %.0f | %,.0f | %s | %s | %s | %d |%n",
                    m.name(),
                    m.payload() / 1e6,
                    m.payload() / 1e6 / best.seconds(),
                    m.payload() / 1e6 / median.seconds(),
                    m.payload() / 1e6 / cpuMedian,
                    rows / median.seconds(),
                    mb(retained),
                    mb(peak),
                    peak < 0.005 * m.payload()
                            ? "< 0.01x"
                            : String.format(Locale.ROOT, "%.2fx", (double) peak / m.payload()),
                    median.gcs()));
        }
        b.append("\nMB = 10^6 bytes. *MB/s of CPU time*: the payload over the CPU time the whole process used "
                + "during the run (the collector's included, other processes' load not), the steadier figure on a "
                + "shared machine. *Extra heap retained*: heap in use after a full GC with the result still "
                + "reachable, minus the heap in use before decoding (payload included); the most of all runs. "
                + "*Peak extra heap*: the highest heap occupancy any GC left behind during decoding (live data at "
                + "that moment), minus the same baseline, or the retained figure when higher; the most of all runs. "
                + "*stream-generated* reads rows generated while they are read, so no payload is ever in memory; "
                + "its time includes generating the text.\n\n");
        b.append("Environment: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPU(s) visible, max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MiB, GC ");
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(g.getName());
        }
        b.append(String.join(" + ", gcs))
                .append(", JVM flags ")
                .append(ManagementFactory.getRuntimeMXBean().getInputArguments())
                .append(", load average at the end ")
                .append(loadAverage())
                .append(", ")
                .append(LocalDate.now())
                .append(".\n");
        return b.toString();
    }

    private static String mb(long bytes) {
        return bytes < 100_000 ? "< 0.1 MB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
