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
import java.util.Locale;
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
 * 3 rounds, 16 requests per round with a session each, 200 pooled requests per round). Requests per second are the
 * median over rounds; latencies are percentiles over every request of a mode.
 */
public final class PoolBenchmark {
    private PoolBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = intArg(args, "--threads", 2);
        int rounds = intArg(args, "--rounds", 3);
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
            try (SessionPool pool = SessionPool.builder()
                    .sessions(() -> sessions(t))
                    .minIdle(threads)
                    .maxSessions(threads)
                    .build()) {
                long deadline = w0 + Duration.ofMinutes(5).toNanos();
                while (pool.stats().idle() < threads) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "the pool did not start " + threads + " sessions in 5 minutes: " + pool.stats());
                    }
                    Thread.sleep(10);
                }
                double warmup = (System.nanoTime() - w0) / 1e9;
                // JIT warm-up of both paths, not timed
                run(clients, threads, threads, () -> sessionPerRequest(t));
                run(clients, threads, Math.min(threads * 10, pooled), () -> pooledRequest(pool));
                Mode direct = new Mode();
                Mode leased = new Mode();
                for (int r = 0; r < rounds; r++) {
                    direct.round(
                            run(clients, threads, perSession, () -> sessionPerRequest(t), direct.latencies),
                            perSession);
                    leased.round(run(clients, threads, pooled, () -> pooledRequest(pool), leased.latencies), pooled);
                }
                report(out, threads, rounds, warmup, direct, leased, pool.stats());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** One mode's figures: every request's latency and each round's requests per second. */
    private static final class Mode {
        final List<Long> latencies = new ArrayList<>();
        final List<Double> perSecond = new ArrayList<>();

        void round(long nanos, int requests) {
            perSecond.add(requests / (nanos / 1e9));
        }

        double medianPerSecond() {
            double[] s =
                    perSecond.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        String perSecondRange() {
            return String.format(
                    Locale.ROOT,
                    "%.2f-%.2f",
                    perSecond.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    perSecond.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
    }

    /** The same configuration for both modes: one builder per session (builders are not thread-safe). */
    private static SessionBuilder sessions(LocalTransport t) {
        return InteractiveSession.builder()
                .transport(t)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
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

    private static void report(
            PrintStream out,
            int threads,
            int rounds,
            double warmup,
            Mode direct,
            Mode leased,
            SessionPool.Stats stats) {
        double directRps = direct.medianPerSecond();
        double pooledRps = leased.medianPerSecond();
        double d50 = percentile(direct.latencies, 50);
        double d99 = percentile(direct.latencies, 99);
        double p50 = percentile(leased.latencies, 50);
        double p99 = percentile(leased.latencies, 99);
        out.println("## Session pool: one-statement requests on the local transport (" + threads + " client threads, "
                + rounds + " alternating rounds)");
        out.println();
        out.println("| mode | requests | requests/s (median of rounds) | rounds' range | p50 (ms) | p99 (ms) |");
        out.println("|---|---:|---:|---:|---:|---:|");
        out.printf(
                Locale.ROOT,
                "| a session per request (build, start, sql, close) | %d | %.2f | %s | %.0f | " + "%.0f |%n",
                direct.latencies.size(),
                directRps,
                direct.perSecondRange(),
                d50 / 1e6,
                d99 / 1e6);
        out.printf(
                Locale.ROOT,
                "| pooled (lease, sql, return; %d sessions) | %d | %.2f | %s | %.1f | %.1f |%n",
                threads,
                leased.latencies.size(),
                pooledRps,
                leased.perSecondRange(),
                p50 / 1e6,
                p99 / 1e6);
        out.printf(
                Locale.ROOT,
                "| ratio pooled / per request | | %.1fx | | %.2fx | %.2fx |%n",
                pooledRps / directRps,
                p50 / d50,
                p99 / d99);
        out.println();
        out.printf(
                Locale.ROOT,
                "Pool warm-up (%d sessions started in parallel on the running Spark): %.1f s. "
                        + "Pool at the end: %s, %d sessions started, %d leases.%n",
                threads,
                warmup,
                stats,
                stats.started(),
                stats.leases());
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
