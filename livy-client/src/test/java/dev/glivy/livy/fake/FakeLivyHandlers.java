package dev.glivy.livy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints of {@link FakeLivyServer}: each request's effect on the server's state and Livy's JSON answer
 * (including its error shapes: {@code {"msg": ...}} objects, bare JSON strings and a plain-text 500). Called under the
 * server's lock.
 */
final class FakeLivyHandlers {
    private static final Set<String> BASE_FIELDS = Set.of(
            "kind",
            "proxyUser",
            "jars",
            "pyFiles",
            "files",
            "driverMemory",
            "driverCores",
            "executorMemory",
            "executorCores",
            "numExecutors",
            "archives",
            "queue",
            "name",
            "conf",
            "heartbeatTimeoutInSecond");
    /** Livy's answer for a statement it does not keep: {@code NotFound("Statement not found")}, a JSON string. */
    static final String STATEMENT_NOT_FOUND = "\"Statement not found\"";

    private final FakeLivyServer srv;

    FakeLivyHandlers(FakeLivyServer srv) {
        this.srv = srv;
    }

    /** An answer; {@code contentType} is JSON unless Livy sends something else. */
    record Answer(int status, String body, String contentType) {
        Answer(int status, String body) {
            this(status, body, "application/json;charset=utf-8");
        }
    }

    Answer dispatch(String op, List<String> seg, Map<String, String> q, String body) throws IOException {
        switch (op) {
            case "version":
                return ok(
                        srv.json.createObjectNode().put("version", srv.version).put("branch", "fake"));
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
                putId(st, "id", id);
                return ok(st.put("state", s.state()));
            case "stopSession":
                s.advance();
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
            List<FakeLivySession.Statement> all = s.retained();
            int from = Math.min(all.size(), Math.max(0, Integer.parseInt(q.getOrDefault("from", "0"))));
            int size = Integer.parseInt(q.getOrDefault("size", String.valueOf(all.size())));
            ObjectNode page = srv.json.createObjectNode().put("total_statements", all.size());
            ArrayNode items = page.putArray("statements");
            all.subList(from, Math.min(all.size(), from + capped(size))).forEach(x -> items.add(x.toJson(srv.json)));
            return ok(page);
        }
        int sid;
        try {
            sid = Integer.parseInt(seg.get(3));
        } catch (NumberFormatException e) {
            return new Answer(404, STATEMENT_NOT_FOUND);
        }
        FakeLivySession.Statement st = s.statement(sid);
        if (op.equals("cancelStatement")) {
            if (st == null) {
                return srv.unknownCancel404
                        ? new Answer(404, STATEMENT_NOT_FOUND)
                        : ok(srv.json.createObjectNode().put("msg", "canceled"));
            }
            s.cancel(st);
            return ok(srv.json.createObjectNode().put("msg", "canceled"));
        }
        return st == null ? new Answer(404, STATEMENT_NOT_FOUND) : ok(st.toJson(srv.json));
    }

    private int capped(int size) {
        int cap = srv.faultPlan().pageSizeCap();
        return Math.max(0, cap > 0 ? Math.min(cap, size) : size);
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
                boolean known = BASE_FIELDS.contains(f)
                        || (f.equals("ttl") && versionAtLeast(0, 8))
                        || (f.equals("idleTimeout") && versionAtLeast(0, 9));
                if (!known) {
                    return new Answer(
                            400,
                            "\"Unrecognized field \\\"" + f + "\\\" (class org.apache.livy.server."
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

    private Answer listSessions(Map<String, String> q) {
        List<FakeLivySession> all = new ArrayList<>(srv.sessions.values());
        int from = Math.min(all.size(), Integer.parseInt(q.getOrDefault("from", "0")));
        int size = capped(Integer.parseInt(q.getOrDefault("size", "100")));
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
        putId(page, "id", s.id);
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
        String kind = req.path("kind").asText(null);
        if (kind == null) {
            if (s.kind().equals("shared")) {
                return new Answer(
                        500,
                        "java.util.concurrent.ExecutionException: java.lang.RuntimeException: "
                                + "java.lang.IllegalArgumentException: Code type should be specified if session kind is "
                                + "shared\norg.apache.livy.repl.Session.execute(Session.scala:151)\n"
                                + "org.apache.livy.repl.ReplDriver.handle(ReplDriver.scala:54)\n",
                        "text/plain;charset=utf-8");
            }
            kind = s.kind();
        }
        FakeLivySession.Statement st =
                s.submit(FakeLivyOutput.normalise(req.path("code").asText("")), kind);
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

    private boolean versionAtLeast(int major, int minor) {
        String[] p = srv.version.split("[.-]");
        int ma = Integer.parseInt(p[0]);
        int mi = Integer.parseInt(p[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    /** Writes an id as Livy does: a number when it is one, else a string (Lighter's UUIDs). */
    static void putId(ObjectNode node, String field, String id) {
        if (!id.isEmpty() && id.length() < 10 && id.chars().allMatch(Character::isDigit)) {
            node.put(field, Integer.parseInt(id));
        } else {
            node.put(field, id);
        }
    }

    private Answer ok(JsonNode node) {
        try {
            return new Answer(200, srv.json.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
