package dev.glivy.benchmarks.pool;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionPool;
import dev.glivy.local.LocalTransport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-statement request ({@code sql("select ...")}) on the local transport, served from a {@link SessionPool}
 * next to a session started and closed per request, side by side in one run: the same Spark, the same client threads,
 * rounds alternating between the two modes. Reports requests per second and p50/p99 latency per mode and their
 * ratios. The pool is warmed up ({@code minIdle} = client threads) before its rounds are timed, which is what a pool
 * is for; the warm-up time is reported too.
 *
 * <p>Run: {@code mvn -o -q -pl benchmarks -am verify -DskipTests -Ppool-benchmark}, with
 * {@code -Dpool.bench.args="--threads T --rounds R --per-session N --pooled M"} to change the defaults (2 threads,
 * 2 rounds, 16 requests per round with a session each, 200 pooled requests per round).
 */
public final class PoolBenchmark {
    private PoolBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = intArg(args, "--threads", 2);
        int rounds = intArg(args, "--rounds", 2);
        int perSession = intArg(args, "--per-session", 16);
        int pooled = intArg(args, "--pooled", 200);
        PrintStream out = System.out;
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try (LocalTransport t = LocalTransport.create()) {
            // Spark itself starts with the first session: not part of either mode
            try (InteractiveSession first = sessions(t).start()) {
                first.sql("select 1 as one");
            }
            long w0 = System.nanoTime();
            try (SessionPool pool = SessionPool.builder().sessions(() -> sessions(t)).minIdle(threads).maxSessions(threads)
                    .build()) {
                while (pool.stats().idle() < threads) {
                    Thread.sleep(10);
                }
                double warmup = (System.nanoTime() - w0) / 1e9;
                List<Long> direct = new ArrayList<>();
                List<Long> leased = new ArrayList<>();
                long directNanos = 0;
                long pooledNanos = 0;
                run(clients, threads, Math.min(threads * 2, pooled), () -> pooledRequest(pool)); // JIT warm-up
                for (int r = 0; r < rounds; r++) {
                    directNanos += run(clients, threads, perSession, () -> sessionPerRequest(t), direct);
                    pooledNanos += run(clients, threads, pooled, () -> pooledRequest(pool), leased);
                }
                report(out, threads, rounds, warmup, direct, directNanos, leased, pooledNanos, pool.stats());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** The same configuration for both modes: one builder per session (builders are not thread-safe). */
    private static SessionBuilder sessions(LocalTransport t) {
        return InteractiveSession.builder().transport(t).useEnvironment(false).stopOnJvmShutdown(false)
                .startTimeout(Duration.ofMinutes(5))
                .polling(p -> p.initialInterval(Duration.ofMillis(10)).maxInterval(Duration.ofMillis(200)));
    }

    private static void sessionPerRequest(LocalTransport t) {
        try (InteractiveSession session = sessions(t).start()) {
            check(session.sql("select 1 as one").row(0).getInt("one"));
        }
    }

    private static void pooledRequest(SessionPool pool) {
        try (SessionPool.Lease lease = pool.lease()) {
            check(lease.session().sql("select 1 as one").row(0).getInt("one"));
        }
    }

    private static void check(int one) {
        if (one != 1) {
            throw new IllegalStateException("wrong answer " + one);
        }
    }

    private static long run(ExecutorService clients, int threads, int requests, Runnable request) throws Exception {
        return run(clients, threads, requests, request, new ArrayList<>());
    }

    /** Runs {@code requests} requests on {@code threads} client threads; adds each latency; returns the wall time. */
    private static long run(ExecutorService clients, int threads, int requests, Runnable request, List<Long> into)
            throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        List<Future<List<Long>>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            workers.add(clients.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                    long s = System.nanoTime();
                    request.run();
                    mine.add(System.nanoTime() - s);
                }
                return mine;
            }));
        }
        for (Future<List<Long>> w : workers) {
            into.addAll(w.get());
        }
        return System.nanoTime() - t0;
    }

    private static void report(PrintStream out, int threads, int rounds, double warmup, List<Long> direct,
            long directNanos, List<Long> leased, long pooledNanos, SessionPool.Stats stats) {
        double directRps = direct.size() / (directNanos / 1e9);
        double pooledRps = leased.size() / (pooledNanos / 1e9);
        double d50 = percentile(direct, 50);
        double d99 = percentile(direct, 99);
        double p50 = percentile(leased, 50);
        double p99 = percentile(leased, 99);
        out.println("## Session pool: one-statement requests on the local transport (" + threads
                + " client threads, " + rounds + " alternating rounds)");
        out.println();
        out.println("| mode | requests | requests/s | p50 (ms) | p99 (ms) |");
        out.println("|---|---:|---:|---:|---:|");
        out.printf("| a session per request (build, start, sql, close) | %d | %.2f | %.0f | %.0f |%n",
                direct.size(), directRps, d50 / 1e6, d99 / 1e6);
        out.printf("| pooled (lease, sql, return; %d sessions) | %d | %.2f | %.0f | %.0f |%n", threads,
                leased.size(), pooledRps, p50 / 1e6, p99 / 1e6);
        out.printf("| pooled vs per request | | %.1fx | %.1fx faster | %.1fx faster |%n", pooledRps / directRps,
                d50 / p50, d99 / p99);
        out.println();
        out.printf("Pool warm-up (%d sessions started in parallel on the running Spark): %.1f s. Pool at the end: %s,"
                + " %d sessions started, %d leases.%n", threads, warmup, stats, stats.started(), stats.leases());
    }

    private static double percentile(List<Long> xs, int p) {
        long[] s = xs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static int intArg(String[] args, String name, int dflt) {
        List<String> a = new ArrayList<>(List.of(args));
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : dflt;
    }
}
