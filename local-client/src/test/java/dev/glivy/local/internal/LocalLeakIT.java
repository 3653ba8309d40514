package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.local.LocalTransport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closed local sessions should be freed: their interpreter (compiler, class loader) and SparkSession must not stay
 * reachable after a Dataset job, so the heap after GC stays flat over open/SQL/close cycles on one transport.
 *
 * <p>Disabled because it fails: each cycle keeps about 39 MB (10 cycles: 97 -> 363 MB). Found so far: every closed
 * session's {@code IMain} stays alive although a heap dump shows no path to it from any GC root (only from the
 * finalizer list, and the finalizer thread is idle); the Janino class loaders of Spark's generated code stay alive
 * the same way, even after {@code CodeGenerator}'s cache is invalidated. So the holder is inside the JVM (class
 * loader dependencies or compiled code), not a Java field. Neither running statements with the router as context
 * class loader, nor dropping the session's generated classes, nor emptying its SparkSession's temporary views,
 * functions and listeners changed the numbers. Enable it to check a fix.
 */
@Disabled("known leak: about 39 MB per closed session that ran a Dataset job; see the class comment")
class LocalLeakIT {
    /** Cycles run here (the local benchmark runs 50). */
    static final int CYCLES = 10;
    /** A closed session's interpreter alone holds about 20 MB; ten leaked ones would be 200 MB. */
    static final long BOUND_BYTES = 40L << 20;

    @Test
    @Timeout(300)
    void heapAfterGcStaysFlatOverOpenSqlCloseCycles() throws Exception {
        List<Long> heap = new ArrayList<>();
        try (LocalTransport t = LocalTransport.create()) {
            for (int i = 0; i < CYCLES; i++) {
                cycle(t, i);
                if (i >= 1) {
                    heap.add(usedAfterGc());
                }
            }
            assertThat(SharedSpark.current().router().liveBlocks()).isZero();
        }
        long first = heap.get(0);
        long max = heap.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(max - first).as("heap growth after GC over %d cycles (MB after each: %s)", CYCLES,
                heap.stream().map(b -> b >> 20).toList()).isLessThan(BOUND_BYTES);
    }

    /** One open/SQL/close cycle: a Dataset job in Scala, a case class, a SQL query through sql(). */
    static void cycle(LocalTransport t, int i) {
        try (InteractiveSession s = InteractiveSession.builder().transport(t).useEnvironment(false)
                .stopOnJvmShutdown(false).startTimeout(Duration.ofMinutes(2))
                .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(200)))
                .start()) {
            s.execute("case class P(id: Long, name: String)\nval ds = spark.range(100).map(i => P(i, \"n\" + i))\n"
                    + "ds.filter(_.id % 2 == 0).count()");
            s.execute("ds.toDF.createOrReplaceTempView(\"people\")");
            assertThat(s.sql("select count(*) as n, max(name) as m from people where id > " + i).row(0)
                    .getLong("n")).isEqualTo(99 - i);
        }
    }

    /** Used heap after repeated full GCs (until it stops shrinking by more than 256 KB). */
    static long usedAfterGc() throws InterruptedException {
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
}
