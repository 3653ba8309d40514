package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.glivy.testkit.TransportFaults.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP side of {@link FakeLivyServer}: routes Livy's REST paths, checks auth and the CSRF header, applies queued
 * faults, and answers with Livy's JSON (including its error shapes: {@code {"msg": ...}} objects and bare JSON
 * strings).
 */
final class FakeLivyRoutes implements HttpHandler {
    private static final Set<String> BASE_FIELDS = Set.of("kind", "proxyUser", "jars", "pyFiles", "files",
            "driverMemory", "driverCores", "executorMemory", "executorCores", "numExecutors", "archives", "queue",
            "name", "conf", "heartbeatTimeoutInSecond");

    private final FakeLivyServer srv;
    private final String basePath;

    FakeLivyRoutes(FakeLivyServer srv, String basePath) {
        this.srv = srv;
        this.basePath = basePath;
    }

    /** The SPI operation a request serves. */
    static String operation(String method, String path) {
        List<String> s = segments(path);
        int n = s.size();
        if (n == 1 && s.get(0).equals("version")) {
            return "version";
        }
        if (n == 0 || !s.get(0).equals("sessions")) {
            return "unknown";
        }
        if (n == 1) {
            return method.equals("POST") ? "createSession" : "listSessions";
        }
        if (n == 2) {
            return method.equals("DELETE") ? "stopSession" : "getSession";
        }
        String what = s.get(2);
        if (n == 3) {
            switch (what) {
                case "state":
                    return "keepAlive";
                case "log":
                    return "sessionLog";
                case "completion":
                    return "completion";
                case "statements":
                    return method.equals("POST") ? "submitStatement" : "listStatements";
                default:
                    return "unknown";
            }
        }
        if (what.equals("statements")) {
            return n == 4 ? "getStatement" : "cancelStatement";
        }
        return "unknown";
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                out.add(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** An answer. */
    record Answer(int status, String body) {}

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String raw = ex.getRequestURI().getRawPath();
            String path = raw.startsWith(basePath) ? raw.substring(basePath.length()) : raw;
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String method = ex.getRequestMethod();
            String op = operation(method, path);
            srv.requests.add(new RecordedRequest(op, method, path, query, headers, body));
            String auth = srv.requiredAuthorization;
            if (auth != null && !auth.equals(headers.get("authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", String.valueOf(srv.challenge));
                send(ex, new Answer(401, "{\"msg\":\"Unauthorized\"}"));
                return;
            }
            if (srv.csrf && (method.equals("POST") || method.equals("DELETE"))
                    && headers.get("x-requested-by") == null) {
                send(ex, new Answer(400, "{\"msg\":\"Missing Required Header for CSRF protection.\"}"));
                return;
            }
            Object fault = srv.nextFault(op);
            if (fault instanceof Duration d) {
                Thread.sleep(d.toMillis());
            } else if (fault == Fault.THROTTLE) {
                send(ex, new Answer(429, "{\"msg\":\"Too many requests (fake " + op + ")\"}"));
                return;
            } else if (fault == Fault.SERVER_ERROR) {
                send(ex, new Answer(500, "\"java.lang.RuntimeException: injected server error (" + op + ")\""));
                return;
            } else if (fault instanceof FakeLivyServer.Canned c) {
                send(ex, new Answer(c.status(), c.body()));
                return;
            }
            Answer a;
            synchronized (srv) {
                a = dispatch(op, method, segments(path), query, body);
            }
            if (fault == Fault.RESPONSE_LOST) {
                ex.close();
                return;
            }
            send(ex, a);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        } catch (RuntimeException e) {
            send(ex, new Answer(500, "\"fake livy failed: " + e.toString().replace("\"", "'") + "\""));
        }
    }

    private void send(HttpExchange ex, Answer a) throws IOException {
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private Answer dispatch(String op, String method, List<String> seg, Map<String, String> q, String body)
            throws IOException {
        switch (op) {
            case "version":
                return ok(srv.json.createObjectNode().put("version", srv.version).put("branch", "fake"));
            case "createSession":
                return create(body);
            case "listSessions":
                return listSessions(q);
            case "unknown":
                return new Answer(404, "{\"msg\":\"no such resource\"}");
            default:
                break;
        }
        String id = seg.get(1);
        FakeLivySession s = srv.sessions.get(id);
        if (s == null) {
            return new Answer(404, "{\"msg\":\"Session '" + id + "' not found.\"}");
        }
        switch (op) {
            case "getSession":
                return ok(s.toJson(srv.json));
            case "keepAlive":
                ObjectNode st = srv.json.createObjectNode();
                FakeLivyServer.putId(st, "id", id);
                return ok(st.put("state", s.state()));
            case "stopSession":
                srv.sessions.remove(id);
                return ok(srv.json.createObjectNode().put("msg", "deleted"));
            case "sessionLog":
                return log(s, q);
            case "submitStatement":
                return submit(s, body);
            case "completion":
                return completion(body);
            default:
                return statements(op, s, seg, q);
        }
    }

    private Answer statements(String op, FakeLivySession s, List<String> seg, Map<String, String> q) {
        if (!s.active()) {
            return op.equals("cancelStatement")
                    ? new Answer(500, "\"java.lang.IllegalStateException: Session is in state " + s.state() + "\"")
                    : new Answer(400, "{\"msg\":\"requirement failed: Session isn't active.\"}");
        }
        s.advance();
        if (op.equals("listStatements")) {
            List<FakeLivySession.Statement> all = s.statements;
            int from = 0;
            int size = all.size();
            if (versionAtLeast(0, 8)) {
                from = Math.min(all.size(), Integer.parseInt(q.getOrDefault("from", "0")));
                size = Integer.parseInt(q.getOrDefault("size", String.valueOf(all.size())));
            }
            ObjectNode page = srv.json.createObjectNode().put("total_statements", all.size());
            ArrayNode items = page.putArray("statements");
            all.subList(from, Math.min(all.size(), from + size)).forEach(x -> items.add(x.toJson(srv.json)));
            return ok(page);
        }
        int sid;
        try {
            sid = Integer.parseInt(seg.get(3));
        } catch (NumberFormatException e) {
            return new Answer(404, "\"Statement not found\"");
        }
        if (sid < 0 || sid >= s.statements.size()) {
            return new Answer(404, "\"Statement not found\"");
        }
        FakeLivySession.Statement st = s.statements.get(sid);
        if (op.equals("cancelStatement")) {
            st.cancel();
            return ok(srv.json.createObjectNode().put("msg", "canceled"));
        }
        return ok(st.toJson(srv.json));
    }

    private Answer create(String body) throws IOException {
        JsonNode parsed = body.isBlank() ? srv.json.createObjectNode() : srv.json.readTree(body);
        if (!(parsed instanceof ObjectNode req)) {
            return new Answer(400, "\"Cannot parse the request body\"");
        }
        if (srv.strictCreateFields) {
            Iterator<String> names = req.fieldNames();
            while (names.hasNext()) {
                String f = names.next();
                boolean known = BASE_FIELDS.contains(f) || (f.equals("ttl") && versionAtLeast(0, 8))
                        || (f.equals("idleTimeout") && versionAtLeast(0, 9));
                if (!known) {
                    return new Answer(400, "\"Unrecognized field \\\"" + f + "\\\" (class org.apache.livy.server."
                            + "interactive.CreateInteractiveRequest), not marked as ignorable\"");
                }
            }
        }
        String name = req.path("name").asText(null);
        if (name != null) {
            Set<String> names = new HashSet<>();
            srv.sessions.values().forEach(x -> names.add(x.name));
            if (names.contains(name)) {
                return new Answer(400, "{\"msg\":\"Duplicate session name: Some(" + name + ")\"}");
            }
        }
        FakeLivySession s = srv.newSession(name, req);
        return new Answer(201, srv.json.writeValueAsString(s.toJson(srv.json)));
    }

    private boolean versionAtLeast(int major, int minor) {
        String[] p = srv.version.split("[.-]");
        int ma = Integer.parseInt(p[0]);
        int mi = Integer.parseInt(p[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    private Answer listSessions(Map<String, String> q) {
        List<FakeLivySession> all = new ArrayList<>(srv.sessions.values());
        int from = Math.min(all.size(), Integer.parseInt(q.getOrDefault("from", "0")));
        int size = Integer.parseInt(q.getOrDefault("size", "100"));
        ObjectNode page = srv.json.createObjectNode().put("from", from).put("total", all.size());
        ArrayNode items = page.putArray("sessions");
        all.subList(from, Math.min(all.size(), from + size)).forEach(s -> items.add(s.toJson(srv.json)));
        return ok(page);
    }

    private Answer log(FakeLivySession s, Map<String, String> q) {
        List<String> lines = s.log;
        int size = Integer.parseInt(q.getOrDefault("size", "100"));
        int from = Integer.parseInt(q.getOrDefault("from", "-1"));
        if (from == -1) {
            from = Math.max(0, lines.size() - size);
        }
        from = Math.min(from, lines.size());
        ObjectNode page = srv.json.createObjectNode();
        FakeLivyServer.putId(page, "id", s.id);
        page.put("from", from).put("total", lines.size());
        ArrayNode items = page.putArray("log");
        lines.subList(from, Math.min(lines.size(), from + size)).forEach(items::add);
        return ok(page);
    }

    private Answer submit(FakeLivySession s, String body) throws IOException {
        String state = s.state();
        if (!state.equals("idle") && !state.equals("busy")) {
            return new Answer(500, "\"java.lang.IllegalStateException: Session is in state " + state + "\"");
        }
        JsonNode req = srv.json.readTree(body);
        String kind = req.path("kind").asText(s.createBody.path("kind").asText("spark"));
        FakeLivySession.Statement st = s.submit(req.path("code").asText(""), kind);
        return new Answer(201, srv.json.writeValueAsString(st.toJson(srv.json)));
    }

    private Answer completion(String body) throws IOException {
        JsonNode req = srv.json.readTree(body);
        String code = req.path("code").asText("");
        int cursor = Math.min(code.length(), Integer.parseInt(req.path("cursor").asText("0")));
        String prefix = code.substring(0, cursor).replaceAll(".*[^A-Za-z0-9_]", "");
        ObjectNode out = srv.json.createObjectNode();
        ArrayNode c = out.putArray("candidates");
        for (String w : List.of("sc", "spark", "sparkContext", "sql", "sqlContext")) {
            if (!prefix.isEmpty() && w.startsWith(prefix)) {
                c.add(w);
            }
        }
        return ok(out);
    }

    private Answer ok(JsonNode node) {
        try {
            return new Answer(200, srv.json.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
