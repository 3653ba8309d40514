package dev.glivy.benchmarks.polling;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.StatementResult;
import dev.glivy.livy.LivyTransport;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.testkit.DelegatingTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-statement overhead, GETs per statement and readiness lag on a real Livy server, Glivy's engine side by side
 * with pylivy's schedule emulated in Java (pylivy itself cannot be installed on the project machines). pylivy
 * 0.8's {@code LivySession.wait()} and {@code _execute} both poll after 0.1, 0.2, 0.3, 0.5 s and then every 1 s;
 * {@code wait()} reads the state once before its first sleep, {@code _execute} takes the POST answer as the first
 * state. Overhead: client latency (submit to result) minus the server's run time ({@code completed - started}).
 * "Seen after completed": the client's clock when it has the result minus the server's {@code completed} (same
 * machine, millisecond clocks). Readiness lag: from the moment a side poller (every 20 ms) first sees {@code idle}
 * to the client noticing.
 *
 * <p>Usage: {@code LivyOverhead URL [statements per round] [rounds]} against a server such as the repository's
 * {@code tools/livy-local} (Scala sessions). Not thread-safe; a measurement tool, not a library.
 */
public final class LivyOverhead {
    private static final List<Duration> PYLIVY =
            List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500));
    private static final Duration PYLIVY_THEN = Duration.ofSeconds(1);
    private static final String CODE = "val x = 1 + 1";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern STARTED = Pattern.compile("\"started\"\\s*:\\s*(\\d+)");
    private static final Pattern COMPLETED = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)");

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private LivyOverhead(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: LivyOverhead URL [statements per round] [rounds]");
        }
        int statements = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        LivyOverhead m = new LivyOverhead(args[0]);
        List<Long> glivyOver = new ArrayList<>();
        List<Long> pyOver = new ArrayList<>();
        List<Long> glivyLag = new ArrayList<>();
        List<Long> pyLag = new ArrayList<>();
        List<Long> glivyReady = new ArrayList<>();
        List<Long> pyReady = new ArrayList<>();
        int[] gets = new int[2];
        for (int r = 0; r < rounds; r++) {
            gets[0] += m.glivy(statements, glivyOver, glivyLag, glivyReady);
            gets[1] += m.pylivy(statements, pyOver, pyLag, pyReady);
        }
        int n = statements * rounds;
        System.out.printf(
                "| Client | overhead median | overhead p90 | seen after completed, median | p90 | GETs per "
                        + "statement | ready noticed after idle (median of %d) |%n|---|---:|---:|---:|---:|---:|---:|%n",
                rounds);
        System.out.printf(
                "| Glivy | %d ms | %d ms | %d ms | %d ms | %.2f | %d ms |%n",
                pct(glivyOver, 50),
                pct(glivyOver, 90),
                pct(glivyLag, 50),
                pct(glivyLag, 90),
                (double) gets[0] / n,
                pct(glivyReady, 50));
        System.out.printf(
                "| pylivy schedule | %d ms | %d ms | %d ms | %d ms | %.2f | %d ms |%n",
                pct(pyOver, 50),
                pct(pyOver, 90),
                pct(pyLag, 50),
                pct(pyLag, 90),
                (double) gets[1] / n,
                pct(pyReady, 50));
        System.out.printf(
                "%d statements per client (%d rounds of %d, alternating); readiness per round: Glivy %s ms, "
                        + "pylivy %s ms%n",
                n, rounds, statements, glivyReady, pyReady);
    }

    private static long pct(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        return s.get(Stats.rank(p, s.size()));
    }

    /** One Glivy session: readiness, then {@code statements} statements one after another; returns its GETs. */
    private int glivy(int statements, List<Long> over, List<Long> lag, List<Long> ready) throws Exception {
        AtomicInteger statementGets = new AtomicInteger();
        LivyTransport livy = LivyTransport.builder().url(url).build();
        DelegatingTransport counting = new DelegatingTransport(livy) {
            @Override
            public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
                statementGets.incrementAndGet();
                return super.getStatement(sessionId, statementId);
            }
        };
        try (livy;
                InteractiveSession s = InteractiveSession.builder()
                        .transport(counting)
                        .config(c -> c.language(Language.SCALA))
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .build()) {
            CompletableFuture<InteractiveSession> started = s.startAsync();
            AtomicLong idleAt = new AtomicLong();
            Thread side = sidePoller(() -> s.id().orElse(null), idleAt);
            started.join();
            long noticed = System.nanoTime();
            side.join();
            ready.add((noticed - idleAt.get()) / 1_000_000);
            s.execute(CODE); // warm-up: the first statement compiles the REPL
            statementGets.set(0);
            for (int i = 0; i < statements; i++) {
                long t0 = System.nanoTime();
                StatementResult r = s.execute(CODE);
                long latency = (System.nanoTime() - t0) / 1_000_000;
                lag.add(System.currentTimeMillis()
                        - r.completedAt().orElseThrow().toEpochMilli());
                long run = Duration.between(
                                r.startedAt().orElseThrow(), r.completedAt().orElseThrow())
                        .toMillis();
                over.add(latency - run);
            }
        }
        return statementGets.get();
    }

    /** The same with pylivy's schedule over plain HTTP; returns the statement GETs. */
    private int pylivy(int statements, List<Long> over, List<Long> lag, List<Long> ready) throws Exception {
        String created = send("POST", "/sessions", "{\"kind\":\"spark\"}");
        String id = group(ID, created);
        AtomicLong idleAt = new AtomicLong();
        Thread side = sidePoller(() -> id, idleAt);
        try {
            int step = 0;
            while (!"idle".equals(group(STATE, send("GET", "/sessions/" + id, null)))) {
                Thread.sleep(delay(step++).toMillis());
            }
            long noticed = System.nanoTime();
            side.join();
            ready.add((noticed - idleAt.get()) / 1_000_000);
            runRaw(id); // warm-up
            int gets = 0;
            for (int i = 0; i < statements; i++) {
                long t0 = System.nanoTime();
                String st = send("POST", "/sessions/" + id + "/statements", "{\"code\":\"" + CODE + "\"}");
                String sid = group(ID, st);
                int s2 = 0;
                while (!"available".equals(group(STATE, st))) {
                    Thread.sleep(delay(s2++).toMillis());
                    st = send("GET", "/sessions/" + id + "/statements/" + sid, null);
                    gets++;
                }
                long latency = (System.nanoTime() - t0) / 1_000_000;
                lag.add(System.currentTimeMillis() - Long.parseLong(group(COMPLETED, st)));
                over.add(latency - (Long.parseLong(group(COMPLETED, st)) - Long.parseLong(group(STARTED, st))));
            }
            return gets;
        } finally {
            send("DELETE", "/sessions/" + id, null);
        }
    }

    private void runRaw(String id) throws Exception {
        String st = send("POST", "/sessions/" + id + "/statements", "{\"code\":\"" + CODE + "\"}");
        String sid = group(ID, st);
        while (!"available".equals(group(STATE, st))) {
            Thread.sleep(100);
            st = send("GET", "/sessions/" + id + "/statements/" + sid, null);
        }
    }

    private static Duration delay(int step) {
        return step < PYLIVY.size() ? PYLIVY.get(step) : PYLIVY_THEN;
    }

    /** Polls the session's state every 20 ms until it is idle; records when it first saw that. */
    private Thread sidePoller(java.util.function.Supplier<String> id, AtomicLong idleAt) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            String sid = id.get();
                            if (sid != null
                                    && "idle".equals(group(STATE, send("GET", "/sessions/" + sid + "/state", null)))) {
                                idleAt.set(System.nanoTime());
                                return;
                            }
                            Thread.sleep(20);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "livy-side-poller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .header("X-Requested-By", "glivy-bench");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + text);
        }
        return m.group(1);
    }
}
