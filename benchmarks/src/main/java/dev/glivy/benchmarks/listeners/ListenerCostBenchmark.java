package dev.glivy.benchmarks.listeners;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionListener;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementProgress;
import dev.glivy.micrometer.GlivyMetrics;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What listeners cost the engine, side by side in one run: the same statements (20 s each, with linear progress, on
 * the fake backend in virtual time, so every configuration makes the same polls) with no listener, a listener that
 * does not override {@code onProgress}, a progress listener, and {@code GlivyMetrics} on a
 * {@code SimpleMeterRegistry}. Everything runs on the calling thread (the virtual-time scheduler is also the
 * executor), so the CPU time and the bytes allocated by that thread are the whole engine's. Configurations alternate
 * within each round; the report gives the median over rounds and the ratio to "none".
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am verify -DskipTests -Plistener-benchmark}
 */
public final class ListenerCostBenchmark {
    static final int STATEMENTS = 200;
    static final int ROUNDS = 9;
    static final int WARMUP_ROUNDS = 3;

    private ListenerCostBenchmark() {}

    /** One round's numbers for one configuration. */
    record Sample(double nanosPerPoll, double bytesPerPoll, double pollsPerStatement, double eventsPerStatement) {}

    /** Runs the benchmark and prints a Markdown table. */
    public static void main(String[] args) {
        Map<String, Supplier<Config>> configs = new LinkedHashMap<>();
        configs.put("none", () -> new Config(List.of(), null));
        configs.put(
                "plain listener (no onProgress)",
                () -> new Config(
                        List.of(new SessionListener() {
                            @Override
                            public void onStateChange(
                                    String sessionId, dev.glivy.SessionState from, dev.glivy.SessionState to) {
                                // counted nowhere: only the cost of the events
                            }
                        }),
                        null));
        configs.put("progress listener", () -> {
            AtomicLong events = new AtomicLong();
            return new Config(
                    List.of(new SessionListener() {
                        @Override
                        public void onProgress(StatementProgress progress) {
                            events.incrementAndGet();
                        }
                    }),
                    events);
        });
        configs.put("GlivyMetrics (SimpleMeterRegistry)", () -> {
            GlivyMetrics m = GlivyMetrics.create();
            m.bindTo(new SimpleMeterRegistry());
            return new Config(List.of(m), null);
        });
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        configs.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            for (Map.Entry<String, Supplier<Config>> c : configs.entrySet()) {
                Sample s = run(c.getValue().get());
                if (round >= WARMUP_ROUNDS) {
                    samples.get(c.getKey()).add(s);
                }
            }
        }
        print(samples, System.out);
    }

    /** Listeners to register, and the progress event count when one of them counts events. */
    record Config(List<SessionListener> listeners, AtomicLong events) {}

    static Sample run(Config config) {
        ManualScheduler time = new ManualScheduler();
        SessionRuntime runtime = SessionRuntime.builder()
                .scheduler(time)
                .executor(time)
                .clock(time.clock())
                .random(new Random(11))
                .build();
        FakeSessionTransport fake = new FakeSessionTransport(time.clock());
        var b = InteractiveSession.builder()
                .transport(fake)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false);
        config.listeners().forEach(b::listener);
        InteractiveSession s = b.build();
        await(time, s.startAsync());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int pollsBefore = fake.calls("getStatement");
        long bytes0 = mx.getThreadAllocatedBytes(thread);
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < STATEMENTS; i++) {
            await(time, s.executeAsync("sleep:20000"));
        }
        time.runPending();
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long bytes = mx.getThreadAllocatedBytes(thread) - bytes0;
        int polls = fake.calls("getStatement") - pollsBefore;
        await(time, s.closeAsync());
        long events = config.events() == null ? 0 : config.events().get();
        return new Sample(
                (double) cpu / polls,
                (double) bytes / polls,
                (double) polls / STATEMENTS,
                (double) events / STATEMENTS);
    }

    private static <T> T await(ManualScheduler time, CompletableFuture<T> f) {
        try {
            return time.await(f, Duration.ofHours(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void print(Map<String, List<Sample>> samples, PrintStream out) {
        out.printf(
                "Listener cost: %d statements of 20 s (virtual time) per round, median of %d rounds after %d "
                        + "warm-up rounds%n%n",
                STATEMENTS, ROUNDS, WARMUP_ROUNDS);
        out.println("| listeners | polls/statement | progress events/statement | CPU ns/poll | ratio | bytes/poll "
                + "| ratio |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        double baseNanos = 0;
        double baseBytes = 0;
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            double nanos = median(
                    e.getValue().stream().mapToDouble(Sample::nanosPerPoll).toArray());
            double bytes = median(
                    e.getValue().stream().mapToDouble(Sample::bytesPerPoll).toArray());
            double polls = median(
                    e.getValue().stream().mapToDouble(Sample::pollsPerStatement).toArray());
            double events = median(e.getValue().stream()
                    .mapToDouble(Sample::eventsPerStatement)
                    .toArray());
            if (baseNanos == 0) {
                baseNanos = nanos;
                baseBytes = bytes;
            }
            out.println(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.0f | %.2f | %.0f | %.2f |",
                    e.getKey(),
                    polls,
                    events,
                    nanos,
                    nanos / baseNanos,
                    bytes,
                    bytes / baseBytes));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
