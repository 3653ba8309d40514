package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Glue operations of {@link GlueStub}, evaluated at one instant: request JSON in, response JSON out, errors as
 * {@link StubError}s with the service's error codes. Listings are paged with opaque tokens ({@link StubTokens})
 * whose cursors are positions in creation order, so statements or sessions created while a client pages neither
 * shift nor repeat entries. Called with the stub's lock held.
 */
final class StubOperations {
    private final ObjectMapper json;
    private final Instant now;
    private final StubTokens tokens;

    StubOperations(ObjectMapper json, Instant now, StubTokens tokens) {
        this.json = json;
        this.now = now;
        this.tokens = tokens;
    }

    ObjectNode wrap(String field, JsonNode value) {
        ObjectNode o = json.createObjectNode();
        o.set(field, value);
        return o;
    }

    StubSession create(JsonNode in, Duration provisioning, Map<String, StubSession> sessions, long seq) {
        String id = in.path("Id").asText("");
        if (id.isEmpty() || !in.hasNonNull("Role") || !in.has("Command")) {
            throw new StubError(400, "InvalidInputException", "Id, Role and Command are required");
        }
        if (in.has("MaxCapacity") && (in.has("NumberOfWorkers") || in.has("WorkerType"))) {
            throw new StubError(400, "InvalidInputException", "MaxCapacity cannot be set with workers");
        }
        if (sessions.containsKey(id)) {
            throw new StubError(400, "AlreadyExistsException", "Session with id " + id + " already exists");
        }
        StubSession s = new StubSession(id, seq, in, now, provisioning);
        sessions.put(id, s);
        return s;
    }

    StubSession find(Map<String, StubSession> sessions, String id) {
        StubSession s = sessions.get(id);
        if (s == null) {
            throw new StubError(400, "EntityNotFoundException", "Session " + id + " not found");
        }
        return s;
    }

    ObjectNode session(StubSession s) {
        ObjectNode o = json.createObjectNode();
        JsonNode r = s.request;
        String status = s.status(now);
        o.put("Id", s.id);
        o.put("CreatedOn", s.created.toEpochMilli() / 1000.0);
        o.put("Status", status);
        if (s.errorMessage != null) {
            o.put("ErrorMessage", s.errorMessage);
        }
        for (String f : new String[] {
            "Description",
            "Role",
            "Command",
            "DefaultArguments",
            "Connections",
            "SecurityConfiguration",
            "GlueVersion",
            "NumberOfWorkers",
            "WorkerType",
            "IdleTimeout"
        }) {
            if (r.has(f)) {
                o.set(f, r.get(f));
            }
        }
        o.put("MaxCapacity", r.has("MaxCapacity") ? r.get("MaxCapacity").asDouble() : s.dpus());
        o.put("Progress", status.equals("PROVISIONING") ? 0.5 : 1.0);
        double exec = s.executionSeconds(now);
        o.put("ExecutionTime", exec);
        o.put("DPUSeconds", exec * s.dpus());
        if (status.equals("STOPPED")) {
            o.put("CompletedOn", s.stopRequested.toEpochMilli() / 1000.0);
        }
        return o;
    }

    /** ListSessions: sessions in creation order, at most {@code pageSize} (or a smaller MaxResults) a page. */
    ObjectNode list(Map<String, StubSession> sessions, JsonNode in, int pageSize) {
        String scope = "ListSessions/" + in.path("Tags");
        long after = in.hasNonNull("NextToken")
                ? tokens.redeem(scope, in.get("NextToken").asText())
                : -1;
        int max = in.path("MaxResults").asInt(1000);
        if (max < 1 || max > 1000) {
            throw new StubError(400, "ValidationException", "MaxResults must be between 1 and 1000");
        }
        int size = Math.min(max, pageSize);
        List<StubSession> matching = new ArrayList<>();
        for (StubSession s : sessions.values()) {
            boolean all = s.seq > after;
            for (Iterator<Map.Entry<String, JsonNode>> it = in.path("Tags").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> t = it.next();
                all &= t.getValue().asText().equals(s.tags.get(t.getKey()));
            }
            if (all) {
                matching.add(s);
            }
        }
        matching.sort(Comparator.comparingLong(s -> s.seq));
        ObjectNode out = json.createObjectNode();
        ArrayNode ids = out.putArray("Ids");
        ArrayNode list = out.putArray("Sessions");
        for (StubSession s : matching.subList(0, Math.min(size, matching.size()))) {
            ids.add(s.id);
            list.add(session(s));
        }
        if (matching.size() > size) {
            out.put("NextToken", tokens.issue(scope, matching.get(size - 1).seq));
        }
        return out;
    }

    ObjectNode delete(Map<String, StubSession> sessions, String id) {
        find(sessions, id).endRepl(now);
        sessions.remove(id);
        return wrap("Id", json.getNodeFactory().textNode(id));
    }

    /** GetDashboardUrl and GetTags of a session. */
    ObjectNode sessionExtra(String op, Map<String, StubSession> sessions, JsonNode in) {
        if (op.equals("GetDashboardUrl")) {
            find(sessions, in.path("ResourceId").asText());
            return wrap(
                    "Url",
                    json.getNodeFactory()
                            .textNode("https://stub.local/dashboard/"
                                    + in.path("ResourceId").asText() + "?authToken=stub-token"));
        }
        String arn = in.path("ResourceArn").asText();
        StubSession tagged = find(sessions, arn.substring(arn.indexOf("session/") + 8));
        ObjectNode tags = json.createObjectNode();
        tagged.tags.forEach(tags::put);
        return wrap("Tags", tags);
    }

    ObjectNode stop(StubSession s) {
        String status = s.status(now);
        if (status.equals("STOPPING") || status.equals("STOPPED")) {
            throw new StubError(400, "IllegalSessionStateException", "Session is in " + status + " status");
        }
        s.forcedStatus = null;
        s.stopRequested = now;
        s.endRepl(now);
        return wrap("Id", json.getNodeFactory().textNode(s.id));
    }

    ObjectNode run(StubSession s, String code, Map<String, String> scripted, Duration normal, StubS3Sql.Writer s3) {
        String status = s.status(now);
        if (status.equals("TIMEOUT") || status.equals("PROVISIONING") || status.equals("FAILED")) {
            throw new StubError(
                    400,
                    "InvalidInputException",
                    "Session " + s.id + " is not ready to accept " + "statements, status=" + status);
        }
        if (!status.equals("READY")) {
            throw new StubError(400, "IllegalSessionStateException", "Session is in " + status + " status");
        }
        if (code.length() > 68_000) {
            throw new StubError(400, "ValidationException", "Code must be at most 68000 characters");
        }
        int id = s.statements.size();
        s.statements.add(new StubStatement(id, code, StubCode.decide(code, scripted, normal, s3), now));
        s.schedule();
        ObjectNode o = json.createObjectNode();
        o.put("Id", id);
        return o;
    }

    private StubStatement statementOf(StubSession s, int id) {
        if (id < 0 || id >= s.statements.size()) {
            throw new StubError(400, "EntityNotFoundException", "Statement " + id + " not found in session " + s.id);
        }
        return s.statements.get(id);
    }

    ObjectNode statement(StubSession s, int id) {
        s.schedule();
        StubStatement st = statementOf(s, id);
        String state = st.state(now);
        ObjectNode o = json.createObjectNode();
        o.put("Id", st.id);
        o.put("Code", st.code);
        o.put("State", state);
        o.put("Progress", st.progress(now));
        if (!state.equals("WAITING")) {
            o.put("StartedOn", st.start.toEpochMilli());
        }
        if (state.equals("AVAILABLE") || state.equals("CANCELLED")) {
            o.put("CompletedOn", st.end().toEpochMilli());
        }
        if (state.equals("AVAILABLE")) {
            ObjectNode out = o.putObject("Output");
            out.putObject("Data").put("TextPlain", st.outcome.text());
            out.put("ExecutionCount", st.id + 1);
            StubCode.Outcome oc = st.outcome;
            out.put("Status", oc.failed() ? "error" : "ok");
            if (oc.failed()) {
                out.put("ErrorName", oc.errorName());
                out.put("ErrorValue", oc.errorValue());
                ArrayNode tb = out.putArray("Traceback");
                oc.traceback().forEach(tb::add);
            }
        }
        return o;
    }

    /**
     * ListStatements: {@code pageSize} statements a page in {@code order}; for {@link GlueStub.StatementOrder#SHUFFLED}
     * the pages go newest first and each page is shuffled (the same way every time).
     */
    ObjectNode statements(StubSession s, JsonNode in, int pageSize, GlueStub.StatementOrder order) {
        s.schedule();
        boolean oldestFirst = order == GlueStub.StatementOrder.OLDEST_FIRST;
        String scope = "ListStatements/" + s.id + "/" + order;
        int n = s.statements.size();
        long cursor = in.hasNonNull("NextToken")
                ? tokens.redeem(scope, in.get("NextToken").asText())
                : oldestFirst ? 0 : n;
        List<Integer> ids = new ArrayList<>();
        if (oldestFirst) {
            for (long i = cursor; i < Math.min(n, cursor + pageSize); i++) {
                ids.add((int) i);
            }
        } else {
            for (long i = Math.min(cursor, n) - 1; i >= Math.max(0, cursor - pageSize); i--) {
                ids.add((int) i);
            }
        }
        if (order == GlueStub.StatementOrder.SHUFFLED) {
            Collections.shuffle(ids, new Random(s.id.hashCode() * 31L + cursor));
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("Statements");
        ids.forEach(id -> list.add(statement(s, id)));
        long next = oldestFirst ? cursor + pageSize : cursor - pageSize;
        if (oldestFirst ? next < n : next > 0) {
            out.put("NextToken", tokens.issue(scope, next));
        }
        return out;
    }

    void cancel(StubSession s, int id) {
        s.schedule();
        StubStatement st = statementOf(s, id);
        String state = st.state(now);
        if (state.equals("WAITING") || state.equals("RUNNING")) {
            st.cancelRequested = now;
            s.schedule();
        }
    }
}
