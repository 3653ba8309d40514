package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A loopback "bad Livy": a raw-socket HTTP/1.1 server on 127.0.0.1 (ephemeral port) that speaks enough of Livy's REST
 * API to run a session ({@code GET /version}, {@code POST /sessions}, {@code GET /sessions}, {@code GET
 * /sessions/{id}}, {@code GET /sessions/{id}/state}, {@code DELETE /sessions/{id}}), and answers any route in one of
 * the bad ways a real server or proxy can ({@link Answer}): never, a byte at a time, a huge body (declared or
 * chunked), a redirect to another port, a create answer without an id, 405, 501, an HTML page.
 *
 * <p>It counts what matters for "no session left running": the sessions it created (also for a create it never
 * answers or answers without an id: the session exists, as with a real server) and the DELETEs of those sessions;
 * {@link #running()} lists the ones never deleted. It records every request's method, path and headers, and the
 * bytes it managed to write of each bad body. Raw sockets rather than the JDK's {@code HttpServer}, so a trickled or
 * lying answer is really written the way it is described. One daemon thread per connection; every answer closes its
 * connection.
 *
 * <p>Thread-safe. {@link #close()} closes the listening socket and every open connection and ends its threads.
 */
public final class BadLivyServer implements AutoCloseable {
    /** The ways a route can answer. */
    public enum Answer {
        /** Like Livy. */
        NORMAL,
        /** Reads the request (a create still creates its session) and never answers; the connection stays open. */
        NEVER,
        /** Headers at once, then the (valid) Livy body one byte every {@link #trickleEvery(Duration)}. */
        TRICKLE,
        /**
         * 200 declaring a {@link #hugeSize(long)}-byte body, then writes it as long as the client reads; the call
         * still takes effect (a create creates its session).
         */
        HUGE_DECLARED,
        /** 200 with a chunked body of {@link #hugeSize(long)} bytes and no length, written as long as it is read. */
        HUGE_CHUNKED,
        /** 302 to the same path on {@link #redirectTo(URI)} (another port). */
        REDIRECT,
        /** For {@code POST /sessions}: creates the session and answers 201 with its JSON without an {@code id}. */
        NO_ID,
        /** 405 Method Not Allowed with an HTML page, as a web server answers a POST to a page. */
        METHOD_NOT_ALLOWED,
        /** 501 Not Implemented with an HTML page. */
        NOT_IMPLEMENTED,
        /** 200 with an HTML page, as a web server or login proxy in front of nothing answers. */
        HTML
    }

    /** A request as received. */
    public record Request(String method, String path, Map<String, String> headers, long at) {
        /** A header by name, case-insensitively, or {@code null}. */
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final String HTML_PAGE = "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head>"
            + "<body><h1>Welcome to nginx!</h1><p>If you see this page, the web server works.</p></body></html>";

    private final ObjectMapper json = new ObjectMapper();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bad-livy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Integer, ObjectNode> sessions = new LinkedHashMap<>();
    private final List<Integer> deleted = new ArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong hugeWritten = new AtomicLong();
    private volatile Duration trickleEvery = Duration.ofSeconds(2);
    private volatile long hugeSize = 100L * 1024 * 1024;
    private volatile String sessionState = "idle";
    private volatile @Nullable URI redirectTo;
    private volatile boolean closed;

    /** Starts listening on 127.0.0.1 at an ephemeral port. */
    public BadLivyServer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The port listened on. */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * How {@code route} answers from now on. Routes: {@code "GET /version"}, {@code "POST /sessions"},
     * {@code "GET /sessions"}, {@code "GET /sessions/{id}"}, {@code "GET /sessions/{id}/state"},
     * {@code "DELETE /sessions/{id}"}, or {@code "*"} for every route without its own answer.
     */
    public BadLivyServer answer(String route, Answer answer) {
        answers.put(route, answer);
        return this;
    }

    /** The pause between trickled bytes (default 2 s). */
    public BadLivyServer trickleEvery(Duration d) {
        this.trickleEvery = d;
        return this;
    }

    /** The size of a huge body (default 100 MiB). */
    public BadLivyServer hugeSize(long bytes) {
        this.hugeSize = bytes;
        return this;
    }

    /** The state of new sessions, and what they keep reporting (default {@code idle}). */
    public BadLivyServer sessionState(String state) {
        this.sessionState = state;
        return this;
    }

    /** Where {@link Answer#REDIRECT} points (scheme, host and port; the request's path is kept). */
    public BadLivyServer redirectTo(URI base) {
        this.redirectTo = base;
        return this;
    }

    /** The sessions this server created, answered or not. */
    public synchronized int creates() {
        return sessions.size();
    }

    /** The DELETEs of sessions that existed (each session counted once). */
    public synchronized int deletes() {
        return deleted.size();
    }

    /** The names of the sessions never deleted. */
    public synchronized List<String> running() {
        List<String> out = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (!deleted.contains(id)) {
                out.add(id + " " + s.path("name").asText());
            }
        });
        return out;
    }

    /** The names of the sessions deleted. */
    public synchronized List<String> deletedNames() {
        List<String> out = new ArrayList<>();
        for (Integer id : deleted) {
            out.add(sessions.get(id).path("name").asText());
        }
        return out;
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests with {@code method} and a path starting with {@code pathPrefix}. */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    /** The bytes of huge bodies this server managed to write (the client stops reading at its cap). */
    public long hugeBytesWritten() {
        return hugeWritten.get();
    }

    /**
     * Waits (really, up to {@code limit}) until {@code condition} holds; for what the client does after a call
     * returned (a stop sent in the background). Returns whether it held.
     */
    public static boolean eventually(Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ serving

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            try {
                threads.execute(() -> serve(s));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(s);
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String line = readLine(in);
            if (line == null || line.isEmpty()) {
                return;
            }
            String[] parts = line.split(" ");
            String method = parts[0];
            String target = parts.length > 1 ? parts[1] : "/";
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = readLine(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            h.substring(colon + 1).strip());
                }
            }
            byte[] body = new byte[0];
            String length = headers.get("content-length");
            if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            }
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            requests.add(new Request(method, path, Map.copyOf(headers), System.nanoTime()));
            respond(s.getOutputStream(), method, path, body);
        } catch (IOException | RuntimeException e) {
            // the client went away (aborted a call, refused a body) or the server is closing
        } finally {
            open.remove(s);
        }
    }

    private void respond(OutputStream out, String method, String path, byte[] body) throws IOException {
        String route = route(method, path);
        Answer a = answers.getOrDefault(route, answers.getOrDefault("*", Answer.NORMAL));
        switch (a) {
            case REDIRECT -> {
                URI to = redirectTo;
                String location = (to == null ? url() : to).resolve(path).toString();
                write(out, 302, "Found", "text/plain", new byte[0], "Location: " + location + "\r\n");
                return;
            }
            case METHOD_NOT_ALLOWED -> {
                write(out, 405, "Method Not Allowed", "text/html", html("405 Not Allowed"), "Allow: GET, HEAD\r\n");
                return;
            }
            case NOT_IMPLEMENTED -> {
                write(out, 501, "Not Implemented", "text/html", html("501 Not Implemented"), "");
                return;
            }
            case HTML -> {
                write(out, 200, "OK", "text/html", HTML_PAGE.getBytes(StandardCharsets.UTF_8), "");
                return;
            }
            case HUGE_DECLARED, HUGE_CHUNKED -> {
                livy(method, path, body); // what it does still happens (a create creates), only the answer is huge
                huge(out, a == Answer.HUGE_CHUNKED);
                return;
            }
            default -> {
                // NORMAL, NEVER, TRICKLE and NO_ID answer (or not) after doing what Livy does
            }
        }
        Livy answer = livy(method, path, body);
        if (a == Answer.NO_ID && answer.json() instanceof ObjectNode o) {
            o.remove("id");
        }
        if (a == Answer.NEVER) {
            hold();
            return;
        }
        byte[] bytes = json.writeValueAsBytes(answer.json());
        if (a == Answer.TRICKLE) {
            out.write(head(
                    answer.status(), answer.status() == 200 ? "OK" : "Created", "application/json", bytes.length, ""));
            out.flush();
            for (byte b : bytes) {
                sleep(trickleEvery);
                out.write(b);
                out.flush();
            }
            return;
        }
        write(
                out,
                answer.status(),
                answer.status() == 201 ? "Created" : answer.status() == 200 ? "OK" : "Error",
                "application/json",
                bytes,
                "");
    }

    /** What Livy would answer, with its side effects (a create creates, a delete deletes). */
    private synchronized Livy livy(String method, String path, byte[] body) throws IOException {
        String[] seg = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
        if (method.equals("GET") && path.equals("/version")) {
            return new Livy(200, json.createObjectNode().put("version", "0.8.0-incubating"));
        }
        if (seg.length >= 1 && seg[0].equals("sessions")) {
            if (seg.length == 1 && method.equals("POST")) {
                JsonNode req = body.length == 0 ? json.createObjectNode() : json.readTree(body);
                int id = nextId.getAndIncrement();
                ObjectNode s = json.createObjectNode()
                        .put("id", id)
                        .put("name", req.path("name").asText(null))
                        .put("kind", req.path("kind").asText("shared"))
                        .put("state", sessionState);
                s.putNull("appId");
                s.putObject("appInfo");
                s.putArray("log");
                sessions.put(id, s);
                return new Livy(201, s.deepCopy());
            }
            if (seg.length == 1 && method.equals("GET")) {
                ObjectNode page = json.createObjectNode().put("from", 0);
                ArrayNode list = page.putArray("sessions");
                sessions.forEach((id, s) -> {
                    if (!deleted.contains(id)) {
                        list.add(s.deepCopy().put("state", sessionState));
                    }
                });
                page.put("total", list.size());
                return new Livy(200, page);
            }
            Integer id = seg.length >= 2 ? parse(seg[1]) : null;
            ObjectNode s = id == null || deleted.contains(id) ? null : sessions.get(id);
            if (s == null) {
                return new Livy(
                        404,
                        json.createObjectNode()
                                .put("msg", "Session '" + (seg.length >= 2 ? seg[1] : "") + "' not found."));
            }
            if (seg.length == 2 && method.equals("DELETE")) {
                deleted.add(id);
                return new Livy(200, json.createObjectNode().put("msg", "deleted"));
            }
            if (seg.length == 2 && method.equals("GET")) {
                return new Livy(200, s.deepCopy().put("state", sessionState));
            }
            if (seg.length == 3 && seg[2].equals("state") && method.equals("GET")) {
                return new Livy(200, json.createObjectNode().put("id", id).put("state", sessionState));
            }
        }
        return new Livy(404, json.createObjectNode().put("msg", "Not found: " + method + " " + path));
    }

    private record Livy(int status, JsonNode json) {}

    private static @Nullable Integer parse(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The route name of a request, as {@link #answer} takes it. */
    static String route(String method, String path) {
        String[] seg = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
        if (seg.length == 2 && seg[0].equals("sessions")) {
            return method + " /sessions/{id}";
        }
        if (seg.length == 3 && seg[0].equals("sessions") && seg[2].equals("state")) {
            return method + " /sessions/{id}/state";
        }
        return method + " " + path;
    }

    private void huge(OutputStream out, boolean chunked) throws IOException {
        long size = hugeSize;
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        chunk[0] = '{';
        chunk[1] = '"';
        out.write(
                chunked
                        ? ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                        + "Connection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII)
                        : head(200, "OK", "application/json", size, ""));
        long sent = 0;
        while (sent < size && !closed) {
            int n = (int) Math.min(chunk.length, size - sent);
            if (chunked) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(chunk, 0, n);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            sent += n;
            hugeWritten.addAndGet(n);
            chunk[0] = 'x';
            chunk[1] = 'x';
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private void hold() {
        while (!closed) {
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("server closing", e);
        }
    }

    private static byte[] html(String title) {
        return ("<html><head><title>" + title + "</title></head><body><center><h1>" + title
                        + "</h1></center><hr><center>nginx</center></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] head(int status, String reason, String type, long length, String extra) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                        + "\r\n" + extra + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, int status, String reason, String type, byte[] body, String extra)
            throws IOException {
        out.write(head(status, reason, type, body.length, extra));
        out.write(body);
        out.flush();
    }

    private static @Nullable String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
