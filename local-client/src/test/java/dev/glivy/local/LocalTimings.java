package dev.glivy.local;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the local transport by hand (not a test): time from JVM start to the first Scala and SQL results, later
 * statements, extra sessions, and memory. Run it with the Spark JVM flags, for example
 * {@code java $(SPARK_FLAGS) -Xmx1g -cp <test classpath> dev.glivy.local.LocalTimings}; it prints one line per
 * measurement.
 */
public final class LocalTimings {
    private LocalTimings() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.currentTimeMillis();
        print("JVM start to main", t0 - jvmStart);
        try (LocalTransport transport = LocalTransport.create();
                InteractiveSession s = InteractiveSession.builder()
                        .transport(transport)
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .start()) {
            long ready = System.currentTimeMillis();
            print("first session ready (Spark + interpreter), since JVM start", ready - jvmStart);
            timed("first Scala statement (1 + 1)", () -> s.execute("1 + 1").text());
            print("first Scala result, since JVM start", System.currentTimeMillis() - jvmStart);
            timed("first SQL statement", () -> s.execute("select count(*) from range(1000)", Language.SQL)
                    .text());
            timed("first Spark job from Scala", () -> s.execute("sc.parallelize(1 to 1000, 4).sum")
                    .text());
            List<Long> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(timed(null, () -> s.execute("val x" + " = 21 * 2").text()));
            }
            print(
                    "later Scala statements (median of 5)",
                    later.stream().sorted().toList().get(2));
            later.clear();
            for (int i = 0; i < 5; i++) {
                later.add(timed(null, () -> s.execute("spark.range(100000).selectExpr(\"sum(id)\").collect()")
                        .text()));
            }
            print(
                    "later Spark jobs from Scala (median of 5)",
                    later.stream().sorted().toList().get(2));
            later.clear();
            for (int i = 0; i < 5; i++) {
                later.add(timed(null, () -> s.execute("select sum(id) from range(100000)", Language.SQL)
                        .text()));
            }
            print(
                    "later SQL statements (median of 5)",
                    later.stream().sorted().toList().get(2));
            List<InteractiveSession> more = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long a = System.currentTimeMillis();
                more.add(InteractiveSession.builder()
                        .transport(transport)
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .start());
                print("additional session " + (i + 2) + " ready", System.currentTimeMillis() - a);
            }
            memory("with 4 sessions open");
            more.forEach(InteractiveSession::close);
            memory("with 1 session open");
        }
        memory("after close");
    }

    private interface Body {
        String run() throws Exception;
    }

    private static long timed(String what, Body body) throws Exception {
        long a = System.nanoTime();
        body.run();
        long ms = (System.nanoTime() - a) / 1_000_000;
        if (what != null) {
            print(what, ms);
        }
        return ms;
    }

    private static void print(String what, long millis) {
        System.out.printf("%-60s %6d ms%n", what, millis);
    }

    private static void memory(String when) throws IOException {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).strip();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).strip();
            }
        }
        System.out.printf("memory %-25s heap used after GC %d MiB, RSS %s, RSS peak %s%n", when, heap, rss, peak);
    }
}
