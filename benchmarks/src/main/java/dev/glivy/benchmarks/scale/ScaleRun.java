package dev.glivy.benchmarks.scale;

import com.sun.management.OperatingSystemMXBean;
import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.spi.SessionTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One measured configuration: {@code sessions} sessions on the backend, started one after the other, then
 * {@code statements} statements per session submitted at once (all in flight together), then an idle period, then
 * every session closed. Threads are sampled every 20 ms while statements run; CPU is the whole client process's
 * (every thread's, GC and JIT included, so an upper bound) during the statement phase. Besides Glivy's own threads
 * ({@code glivy-*}), the run counts the other threads that came to life while it ran (the HTTP client's, the AWS
 * SDK's, the JDK's), by name.
 */
final class ScaleRun {
    /** The two ways to give sessions a transport. */
    enum Form {
        /** {@code .transport(XTransport.builder()...)}: every session builds (and closes) its own transport. */
        BUILDER_PER_SESSION("builder per session"),
        /** {@code .transport(shared)}: one transport built once and passed to every session. */
        SHARED_TRANSPORT("one shared transport");

        final String label;

        Form(String label) {
            this.label = label;
        }
    }

    /** What one run measured. */
    record Result(
            Form form,
            int sessions,
            int statements,
            double wallSeconds,
            double requestsPerStatement,
            int peakThreads,
            int idleThreads,
            long threadsStartedWhileIdle,
            double idleSeconds,
            double heapPerIdleSessionBytes,
            double cpuMillisPerStatement,
            double lagP50Millis,
            double lagP99Millis,
            int threadsAfterClose,
            int idleThreadsAtEnd,
            Map<String, Integer> otherThreadsPeak) {}

    private ScaleRun() {}

    static Result run(ScaleTarget target, Form form, int sessions, int statements, Duration idle) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Set<Long> before = threadIds();
        Map<String, Integer> others = new TreeMap<>();
        long heapBefore = usedHeapAfterGc();
        SessionTransport shared =
                form == Form.SHARED_TRANSPORT ? target.builder().create() : null;
        List<InteractiveSession> all = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            SessionBuilder b = target.configure(
                    InteractiveSession.builder().useEnvironment(false).stopOnJvmShutdown(false));
            b = shared != null ? b.transport(shared) : b.transport(target.builder());
            all.add(b.start());
        }
        BackendProcess fake = target.process;
        int total = sessions * statements;
        double[] lag = new double[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> futures = new ArrayList<>(total);
        long requests0 = fake.requests();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (InteractiveSession s : all) {
            for (int k = 0; k < statements; k++) {
                futures.add(s.executeAsync("1").whenComplete((r, e) -> {
                    long now = System.currentTimeMillis();
                    if (e != null || r.completedAt().isEmpty()) {
                        failed.incrementAndGet();
                        return;
                    }
                    int i = done.getAndIncrement();
                    lag[i] = now - r.completedAt().get().toEpochMilli();
                }));
            }
        }
        int peak = 0;
        CompletableFuture<Void> allDone = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
        while (!allDone.isDone()) {
            peak = Math.max(peak, glivyThreads());
            countOthers(before, others);
            try {
                allDone.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // sample again
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        long requests1 = fake.requests();
        peak = Math.max(peak, glivyThreads());
        countOthers(before, others);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + total + " statements failed");
        }
        long started0 = mx.getTotalStartedThreadCount();
        long idle0 = System.nanoTime();
        int idleThreads = glivyThreads();
        while (System.nanoTime() - idle0 < idle.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(200);
            idleThreads = Math.max(idleThreads, glivyThreads());
        }
        long startedWhileIdle = mx.getTotalStartedThreadCount() - started0;
        int idleAtEnd = glivyThreads();
        double idleSeconds = (System.nanoTime() - idle0) / 1e9;
        long heapIdle = usedHeapAfterGc();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (InteractiveSession s : all) {
            closing.add(s.closeAsync());
        }
        CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
        if (shared != null) {
            shared.close();
        }
        int after = waitForGlivyThreadsToEnd(Duration.ofSeconds(10));
        double[] sorted = Arrays.copyOf(lag, done.get());
        Arrays.sort(sorted);
        return new Result(
                form,
                sessions,
                statements,
                (t1 - t0) / 1e9,
                (double) (requests1 - requests0) / total,
                peak,
                idleThreads,
                startedWhileIdle,
                idleSeconds,
                (double) (heapIdle - heapBefore) / sessions,
                (cpu1 - cpu0) / 1e6 / total,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                after,
                idleAtEnd,
                Map.copyOf(others));
    }

    private static Set<Long> threadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ids.add(t.getId());
        }
        return ids;
    }

    /**
     * Adds to {@code peak} the live threads not named {@code glivy-*} that did not exist before the run, by name with
     * digits shown as {@code N} (the most seen at once per name).
     */
    private static void countOthers(Set<Long> before, Map<String, Integer> peak) {
        Map<String, Integer> now = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().startsWith("glivy-") && !before.contains(t.getId())) {
                now.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
            }
        }
        now.forEach((name, n) -> peak.merge(name, n, Math::max));
    }

    private static int waitForGlivyThreadsToEnd(Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        int n = glivyThreads();
        while (n > 0 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(50);
            n = glivyThreads();
        }
        return n;
    }

    /** Heap in use after full collections (repeated until it stops shrinking, at most 5). */
    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(50);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /** Live threads whose name starts with {@code glivy-} (Glivy names every thread it starts so). */
    static int glivyThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("glivy-")) {
                n++;
            }
        }
        return n;
    }

    /** The {@code q} quantile (nearest rank) of sorted values; NaN when empty. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
