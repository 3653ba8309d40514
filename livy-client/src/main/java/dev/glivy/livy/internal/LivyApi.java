package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.spi.RemoteStatement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Livy's REST endpoints as asynchronous calls with mapped results, one HTTP request each except the paged lists,
 * which follow {@code from}/{@code size} until {@code total} (or until a server that ignores paging, like Livy 0.7
 * for statements, repeats itself).
 */
public final class LivyApi {
    private final LivyHttp http;
    private final ObjectMapper json;
    private final LivyMapper mapper;
    private final int pageSize;

    /** Calls over {@code http}, listing {@code pageSize} items per page. */
    public LivyApi(LivyHttp http, ObjectMapper json, LivyMapper mapper, int pageSize) {
        this.http = http;
        this.json = json;
        this.mapper = mapper;
        this.pageSize = pageSize;
    }

    private static String seg(String id) {
        return LivyUrls.encode(id);
    }

    /** {@code GET /version}; {@link LivyVersion#UNKNOWN} when the server has no such endpoint or says nothing. */
    public CompletableFuture<LivyVersion> version() {
        LivyRequest req = LivyRequest.of("GET", "/version", "version", "get the server version", null, null);
        return http.send(req).thenApply(resp -> {
            if (resp.status() == 404) {
                return LivyVersion.UNKNOWN;
            }
            if (!resp.ok()) {
                throw http.errors().http(req, resp);
            }
            try {
                LivyDto.Version v = json.readValue(resp.body(), LivyDto.Version.class);
                return v == null || v.version() == null ? LivyVersion.UNKNOWN : LivyVersion.parse(v.version());
            } catch (IOException e) {
                return LivyVersion.UNKNOWN;
            }
        });
    }

    /** {@code POST /sessions}. */
    public CompletableFuture<SessionInfo> createSession(ObjectNode body) {
        LivyRequest req = LivyRequest.of("POST", "/sessions", "createSession", "create a session", null, null)
                .withBody(body);
        return http.call(req, LivyDto.Session.class).thenApply(mapper::session);
    }

    /** {@code GET /sessions/{id}}. */
    public CompletableFuture<SessionInfo> getSession(String id) {
        LivyRequest req = LivyRequest.of("GET", "/sessions/" + seg(id), "getSession", "get session " + id, id, null);
        return http.call(req, LivyDto.Session.class).thenApply(mapper::session);
    }

    /**
     * {@code GET /sessions/{id}/state}, Livy's cheap poll; it also refreshes the session's heartbeat. Fails with
     * {@link SessionLostException} when the session is gone or finished.
     */
    public CompletableFuture<SessionState> touch(String id) {
        LivyRequest req = LivyRequest.of("GET", "/sessions/" + seg(id) + "/state", "keepAlive",
                "send a keep-alive for session " + id, id, null);
        return http.call(req, LivyDto.State.class).thenApply(s -> {
            SessionState st = LivyStates.session(s.state());
            if (LivyStates.gone(st)) {
                throw new SessionLostException("Session " + id + " (" + LivyProtocol.BACKEND + ", "
                        + http.endpoint() + ") is " + s.state() + "; everything defined in it is lost. Its log "
                        + "(InteractiveSession.log) tells why.", null, id, LivyProtocol.BACKEND,
                        LivyStates.lostState(st));
            }
            return st;
        });
    }

    /** Every session, following pages. */
    public CompletableFuture<List<LivyDto.Session>> listSessions() {
        return sessionPage(0, new ArrayList<>(), new HashSet<>());
    }

    private CompletableFuture<List<LivyDto.Session>> sessionPage(int from, List<LivyDto.Session> acc,
            Set<String> seen) {
        LivyRequest req = LivyRequest.of("GET", "/sessions", "listSessions", "list sessions", null, null)
                .withQuery(Map.of("from", String.valueOf(from), "size", String.valueOf(pageSize)));
        return http.call(req, LivyDto.SessionPage.class).thenCompose(page -> {
            List<LivyDto.Session> items = page.sessions() == null ? List.of() : page.sessions();
            int added = 0;
            for (LivyDto.Session s : items) {
                if (s.id() != null && seen.add(s.id())) {
                    acc.add(s);
                    added++;
                }
            }
            boolean more = added > 0 && items.size() >= pageSize
                    && (page.total() == null || acc.size() < page.total());
            return more ? sessionPage(from + items.size(), acc, seen) : CompletableFuture.completedFuture(acc);
        });
    }

    /** {@code DELETE /sessions/{id}}; a session already gone (404) is success. */
    public CompletableFuture<Void> deleteSession(String id) {
        LivyRequest req = LivyRequest.of("DELETE", "/sessions/" + seg(id), "stopSession", "delete session " + id, id,
                null);
        return http.send(req).thenApply(resp -> {
            if (!resp.ok() && resp.status() != 404) {
                throw http.errors().http(req, resp);
            }
            return null;
        });
    }

    /**
     * {@code GET /sessions/{id}/log}: {@code size} lines from line {@code from}, or the last {@code size} lines when
     * {@code from < 0} (Livy's own default; checked against {@code total} for servers that start at 0 instead).
     */
    public CompletableFuture<List<String>> log(String id, int from, int size) {
        LivyRequest base = LivyRequest.of("GET", "/sessions/" + seg(id) + "/log", "sessionLog",
                "read the log of session " + id, id, null);
        if (from >= 0) {
            return http.call(base.withQuery(Map.of("from", String.valueOf(from), "size", String.valueOf(size))),
                    LivyDto.LogPage.class).thenApply(LivyApi::lines);
        }
        return http.call(base.withQuery(Map.of("size", String.valueOf(size))), LivyDto.LogPage.class)
                .thenCompose(page -> {
                    List<String> lines = lines(page);
                    Integer total = page.total();
                    int start = page.from() == null ? 0 : page.from();
                    if (total == null || start + lines.size() >= total) {
                        return CompletableFuture.completedFuture(lines);
                    }
                    int last = Math.max(0, total - size);
                    return http.call(base.withQuery(Map.of("from", String.valueOf(last), "size",
                            String.valueOf(size))), LivyDto.LogPage.class).thenApply(LivyApi::lines);
                });
    }

    private static List<String> lines(LivyDto.LogPage page) {
        return page.log() == null ? List.of() : List.copyOf(page.log());
    }

    /** {@code POST /sessions/{id}/statements} with the code's kind; returns the statement id. */
    public CompletableFuture<String> submit(String id, String code, String kind) {
        ObjectNode body = json.createObjectNode().put("code", code).put("kind", kind);
        LivyRequest req = LivyRequest.of("POST", "/sessions/" + seg(id) + "/statements", "submitStatement",
                "submit a " + kind + " statement to session " + id, id, null).withBody(body);
        return http.call(req, LivyDto.Statement.class).thenApply(st -> mapper.statement(st).id());
    }

    /** {@code GET /sessions/{id}/statements/{statementId}}. */
    public CompletableFuture<RemoteStatement> getStatement(String id, String statementId) {
        LivyRequest req = LivyRequest.of("GET", "/sessions/" + seg(id) + "/statements/" + seg(statementId),
                "getStatement", "get statement " + statementId + " of session " + id, id, statementId);
        return http.call(req, LivyDto.Statement.class).thenApply(mapper::statement);
    }

    /** Every statement of a session, oldest first, following pages. */
    public CompletableFuture<List<RemoteStatement>> listStatements(String id) {
        return statementPage(id, 0, new ArrayList<>(), new HashSet<>());
    }

    private CompletableFuture<List<RemoteStatement>> statementPage(String id, int from, List<RemoteStatement> acc,
            Set<String> seen) {
        LivyRequest req = LivyRequest.of("GET", "/sessions/" + seg(id) + "/statements", "listStatements",
                "list the statements of session " + id, id, null)
                .withQuery(Map.of("from", String.valueOf(from), "size", String.valueOf(pageSize)));
        return http.call(req, LivyDto.StatementPage.class).thenCompose(page -> {
            List<LivyDto.Statement> items = page.statements() == null ? List.of() : page.statements();
            int added = 0;
            for (LivyDto.Statement st : items) {
                RemoteStatement r = mapper.statement(st);
                if (seen.add(r.id())) {
                    acc.add(r);
                    added++;
                }
            }
            Integer total = page.totalStatements();
            boolean more = added > 0 && items.size() >= pageSize && (total == null || acc.size() < total);
            return more ? statementPage(id, from + items.size(), acc, seen) : CompletableFuture.completedFuture(acc);
        });
    }

    /** {@code POST /sessions/{id}/statements/{statementId}/cancel}. */
    public CompletableFuture<Void> cancel(String id, String statementId) {
        LivyRequest req = LivyRequest.of("POST", "/sessions/" + seg(id) + "/statements/" + seg(statementId)
                + "/cancel", "cancelStatement", "cancel statement " + statementId + " of session " + id, id,
                statementId);
        return http.send(req).thenApply(resp -> {
            if (!resp.ok()) {
                throw http.errors().http(req, resp);
            }
            return null;
        });
    }

    /** {@code POST /sessions/{id}/completion}: completion candidates at {@code cursor}. */
    public CompletableFuture<List<String>> completion(String id, String code, String kind, int cursor) {
        ObjectNode body = json.createObjectNode().put("code", code).put("kind", kind)
                .put("cursor", String.valueOf(cursor));
        LivyRequest req = LivyRequest.of("POST", "/sessions/" + seg(id) + "/completion", "completion",
                "complete code in session " + id, id, null).withBody(body);
        return http.call(req, LivyDto.Completion.class)
                .thenApply(c -> c.candidates() == null ? List.of() : List.copyOf(c.candidates()));
    }
}
