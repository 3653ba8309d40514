package dev.glivy.benchmarks.local;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.StatementRequest;
import dev.glivy.local.LocalTransport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local transport side by side in one run: (1) heap after GC over open/SQL/close cycles on one transport (a
 * Dataset job with a case class, a temporary view, a {@code sql()} query per cycle), and (2) {@code sql(q)} with the
 * default limit next to the same query as a native SQL statement and through the generated Scala wrapper
 * ({@code sql(q, 1001)}, the path {@code sql(q)} took before), alternating, medians and ratios.
 *
 * <p>Run: {@code mvn -o -q -pl benchmarks -am verify -DskipTests -Plocal-benchmark}, with
 * {@code -Dlocal.bench.args="--cycles N --rounds M"} to change the defaults (50 cycles, 15 rounds); the JVM gets 3 GB
 * of heap ({@code -Dlocal.bench.heap}) so that a leak shows as growth instead of an OutOfMemoryError.
 */
public final class LocalBenchmark {
    private LocalBenchmark() {}

    public static void main(String[] args) throws Exception {
        int cycles = intArg(args, "--cycles", 50);
        int rounds = intArg(args, "--rounds", 15);
        PrintStream out = System.out;
        try (LocalTransport t = LocalTransport.create()) {
            out.println("## Local transport: open/SQL/close cycles (" + cycles + "), heap after GC");
            out.println();
            out.println("| after cycle | heap after GC (MB) | cycle time (ms) |");
            out.println("|---:|---:|---:|");
            long first = -1;
            long max = 0;
            long last = 0;
            for (int i = 1; i <= cycles; i++) {
                long t0 = System.nanoTime();
                cycle(t, i);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i == 1 || i % 5 == 0 || i == cycles) {
                    long used = usedAfterGc();
                    if (i >= 2 && first < 0) {
                        first = used;
                    }
                    if (first >= 0) {
                        max = Math.max(max, used);
                    }
                    last = used;
                    out.printf("| %d | %.1f | %d |%n", i, used / 1048576.0, ms);
                }
            }
            out.printf(
                    "%nFrom cycle 5 to cycle %d: %+.1f MB (largest value %+.1f MB above cycle 5).%n%n",
                    cycles, (last - first) / 1048576.0, (max - first) / 1048576.0);
            sqlPaths(t, rounds, out);
        }
    }

    private static void cycle(LocalTransport t, int i) {
        try (InteractiveSession s = session(t)) {
            s.execute("case class P(id: Long, name: String)\nval ds = spark.range(100).map(i => P(i, \"n\" + i))\n"
                    + "ds.filter(_.id % 2 == 0).count()");
            s.execute("ds.toDF.createOrReplaceTempView(\"people\")");
            long n = s.sql("select count(*) as n, max(name) as m from people where id > " + (i % 90))
                    .row(0)
                    .getLong("n");
            if (n != 99 - (i % 90)) {
                throw new IllegalStateException("cycle " + i + ": wrong count " + n);
            }
        }
    }

    private static void sqlPaths(LocalTransport t, int rounds, PrintStream out) {
        String q = "select id, id * id as square, concat('n', cast(id as string)) as name from range(200)";
        try (InteractiveSession s = session(t)) {
            StatementRequest nativeSql =
                    StatementRequest.builder().code(q).language(Language.SQL).build();
            for (int i = 0; i < 3; i++) {
                s.sql(q);
                s.sql(q, 1001);
                s.execute(nativeSql);
            }
            long[] byDefault = new long[rounds];
            long[] wrapper = new long[rounds];
            long[] statement = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                int rows = s.sql(q).rows().size();
                long t1 = System.nanoTime();
                int rowsWrapped = s.sql(q, 1001).rows().size();
                long t2 = System.nanoTime();
                s.execute(nativeSql).json().orElseThrow();
                long t3 = System.nanoTime();
                if (rows != 200 || rowsWrapped != 200) {
                    throw new IllegalStateException("wrong row counts " + rows + ", " + rowsWrapped);
                }
                byDefault[i] = t1 - t0;
                wrapper[i] = t2 - t1;
                statement[i] = t3 - t2;
            }
            double base = median(statement);
            out.println("## Local transport: SQL paths (" + rounds + " alternating rounds, 200 rows x 3 columns)");
            out.println();
            out.println("| path | median (ms) | vs native statement |");
            out.println("|---|---:|---:|");
            out.printf("| native SQL statement (`execute`, language sql) | %.1f | 1.00x |%n", base / 1e6);
            out.printf(
                    "| `sql(q)` (default limit 1000: native plan) | %.1f | %.2fx |%n",
                    median(byDefault) / 1e6, median(byDefault) / base);
            out.printf(
                    "| `sql(q, 1001)` (generated Scala wrapper) | %.1f | %.2fx |%n",
                    median(wrapper) / 1e6, median(wrapper) / base);
        }
    }

    private static InteractiveSession session(LocalTransport t) {
        return InteractiveSession.builder()
                .transport(t)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .startTimeout(Duration.ofMinutes(2))
                .start();
    }

    private static long usedAfterGc() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(50);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= last - (256 << 10)) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static int intArg(String[] args, String name, int dflt) {
        List<String> a = new ArrayList<>(List.of(args));
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : dflt;
    }
}
