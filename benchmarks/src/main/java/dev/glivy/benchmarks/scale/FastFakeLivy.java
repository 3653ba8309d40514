package dev.glivy.benchmarks.scale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal, fast Livy for the scale benchmark, run in its own JVM: sessions are idle as soon as they exist,
 * statements are {@code waiting}, then {@code running}, then {@code available} (output {@code text/plain "ok"}) a
 * fixed delay after they were submitted, with Livy's {@code started}/{@code completed} epoch milliseconds, so the
 * client's completion lag can be measured against the moment the backend finished. Answers {@code /version},
 * sessions (create, get, state, delete, list) and statements (submit, get, list, cancel). Talks to the benchmark
 * over its standard input and output ({@link BackendProcess#serve}: the port, the request count) and exits when
 * its standard input closes.
 *
 * <p>Usage: {@code FastFakeLivy <statement delay ms>}.
 */
public final class FastFakeLivy {
    private final long delayMillis;
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Map<Integer, Long>> statements = new ConcurrentHashMap<>();

    private FastFakeLivy(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    /** Starts the server; see the class comment. */
    public static void main(String[] args) throws IOException {
        long delay = args.length > 0 ? Long.parseLong(args[0]) : 200;
        FastFakeLivy fake = new FastFakeLivy(delay);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        server.setExecutor(pool);
        server.createContext("/", fake::handle);
        server.start();
        BackendProcess.serve(server.getAddress().getPort(), fake.requests::get);
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            String method = x.getRequestMethod();
            String[] p = x.getRequestURI().getPath().split("/");
            requests.incrementAndGet();
            answer(x, method, p);
        }
    }

    private void answer(HttpExchange x, String method, String[] p) throws IOException {
        long now = System.currentTimeMillis();
        if (p.length == 2 && p[1].equals("version")) {
            send(x, 200, "{\"version\":\"0.7.1-incubating\"}");
        } else if (p.length == 2 && p[1].equals("sessions")) {
            if (method.equals("POST")) {
                String id = Integer.toString(sessionIds.getAndIncrement());
                statements.put(id, new ConcurrentHashMap<>());
                send(x, 201, session(id));
            } else {
                send(x, 200, "{\"from\":0,\"total\":0,\"sessions\":[]}");
            }
        } else if (p.length >= 3 && p[1].equals("sessions")) {
            Map<Integer, Long> sts = statements.get(p[2]);
            if (sts == null) {
                send(x, 404, "{\"msg\":\"Session '" + p[2] + "' not found.\"}");
            } else if (p.length == 3 && method.equals("DELETE")) {
                statements.remove(p[2]);
                send(x, 200, "{\"msg\":\"deleted\"}");
            } else if (p.length == 3) {
                send(x, 200, session(p[2]));
            } else if (p.length == 4 && p[3].equals("state")) {
                send(x, 200, "{\"id\":" + p[2] + ",\"state\":\"idle\"}");
            } else if (p.length == 4 && p[3].equals("statements") && method.equals("POST")) {
                int id;
                synchronized (sts) {
                    id = sts.size();
                    sts.put(id, now);
                }
                send(x, 201, statement(id, now, now));
            } else if (p.length == 4 && p[3].equals("statements")) {
                StringBuilder b = new StringBuilder("{\"total_statements\":" + sts.size() + ",\"statements\":[");
                for (int i = 0; i < sts.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(statement(i, sts.get(i), now));
                }
                send(x, 200, b.append("]}").toString());
            } else if (p.length >= 5 && p[3].equals("statements")) {
                Long submitted = sts.get(Integer.parseInt(p[4]));
                if (submitted == null) {
                    send(x, 404, "{\"msg\":\"Statement not found\"}");
                } else {
                    send(
                            x,
                            200,
                            p.length == 6
                                    ? "{\"msg\":\"canceled\"}"
                                    : statement(Integer.parseInt(p[4]), submitted, now));
                }
            } else {
                send(x, 404, "{\"msg\":\"no route\"}");
            }
        } else {
            send(x, 404, "{\"msg\":\"no route\"}");
        }
    }

    private static String session(String id) {
        return "{\"id\":" + id + ",\"name\":null,\"appId\":null,\"owner\":null,\"proxyUser\":null,\"kind\":\"shared\","
                + "\"state\":\"idle\",\"appInfo\":{},\"log\":[]}";
    }

    private String statement(int id, long submitted, long now) {
        long started = submitted + 1;
        long completed = submitted + delayMillis;
        if (now < started) {
            return "{\"id\":" + id + ",\"code\":\"1\",\"state\":\"waiting\",\"output\":null,\"progress\":0.0,"
                    + "\"started\":0,\"completed\":0}";
        }
        if (now < completed) {
            return "{\"id\":" + id + ",\"code\":\"1\",\"state\":\"running\",\"output\":null,\"progress\":"
                    + Math.min(0.99, (double) (now - started) / delayMillis) + ",\"started\":" + started
                    + ",\"completed\":0}";
        }
        return "{\"id\":" + id + ",\"code\":\"1\",\"state\":\"available\",\"output\":{\"status\":\"ok\","
                + "\"execution_count\":" + id + ",\"data\":{\"text/plain\":\"ok\"}},\"progress\":1.0,\"started\":"
                + started + ",\"completed\":" + completed + "}";
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
