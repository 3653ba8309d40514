package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.internal.Paging;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Livy's REST endpoints as asynchronous calls with mapped results, one HTTP request each except the session list,
 * which follows {@code from}/{@code size} until {@code total} (or until a server that ignores paging repeats itself).
 * The statement list is one page per call; Glivy's core walks its pages.
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
        return Linked.map(http.send(req), resp -> {
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
        return http.call(req, LivyDto.Session.class, mapper::session);
    }

    /** {@code GET /sessions/{id}}. */
    public CompletableFuture<SessionInfo> getSession(String id) {
        LivyRequest req = LivyRequest.of("GET", "/sessions/" + seg(id), "getSession", "get session " + id, id, null);
        return http.call(req, LivyDto.Session.class, mapper::session);
    }

    /**
     * {@code GET /sessions/{id}/state}, Livy's cheap poll; it also refreshes the session's heartbeat. Fails with
     * {@link SessionLostException} when the session is gone or finished.
     */
    public CompletableFuture<SessionState> touch(String id) {
        LivyRequest req = LivyRequest.of(
                "GET", "/sessions/" + seg(id) + "/state", "keepAlive", "send a keep-alive for session " + id, id, null);
        return http.call(req, LivyDto.State.class, s -> {
            SessionState st = LivyStates.session(s.state());
            if (LivyStates.gone(st)) {
                throw new SessionLostException(
                        "Session " + id + " (" + LivyProtocol.BACKEND + ", "
                                + http.endpoint() + ") is " + s.state() + "; everything defined in it is lost. Its log "
                                + "(InteractiveSession.log) tells why.",
                        null,
                        id,
                        LivyProtocol.BACKEND,
                        LivyStates.lostState(st));
            }
            return st;
        });
    }

    /**
     * Every session, following pages: the next page starts where this one ended, until a page is short, adds no
     * session not seen before (a server that ignores {@code from}), or the listing reaches Livy's {@code total}.
     */
    public CompletableFuture<List<LivyDto.Session>> listSessions() {
        Set<String> seen = new HashSet<>();
        return Paging.all(0, from -> sessionPage(from, seen), "the Livy session listing");
    }

    /** The page at {@code from}: the sessions not in {@code seen} (added to it) and where the next page starts. */
    private CompletableFuture<Paging.Page<Integer, LivyDto.Session>> sessionPage(int from, Set<String> seen) {
        LivyRequest req = LivyRequest.of("GET", "/sessions", "listSessions", "list sessions", null, null)
                .withQuery(Map.of("from", String.valueOf(from), "size", String.valueOf(pageSize)));
        return Linked.map(http.call(req, LivyDto.SessionPage.class), page -> {
            List<LivyDto.Session> items = page.sessions() == null ? List.of() : page.sessions();
            List<LivyDto.Session> added = new ArrayList<>();
            for (LivyDto.Session s : items) {
                if (s.id() != null && seen.add(s.id())) {
                    added.add(s);
                }
            }
            boolean more = !added.isEmpty()
                    && items.size() >= pageSize
                    && (page.total() == null || seen.size() < page.total());
            return new Paging.Page<>(added, more ? from + items.size() : null);
        });
    }

    /** {@code DELETE /sessions/{id}}; a session already gone (404) is success. */
    public CompletableFuture<Void> deleteSession(String id) {
        LivyRequest req =
                LivyRequest.of("DELETE", "/sessions/" + seg(id), "stopSession", "delete session " + id, id, null);
        return Linked.map(http.send(req), resp -> {
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
        LivyRequest base = LivyRequest.of(
                "GET", "/sessions/" + seg(id) + "/log", "sessionLog", "read the log of session " + id, id, null);
        if (from >= 0) {
            return http.call(
                    base.withQuery(Map.of("from", String.valueOf(from), "size", String.valueOf(size))),
                    LivyDto.LogPage.class,
                    LivyApi::lines);
        }
        return Linked.compose(
                http.call(base.withQuery(Map.of("size", String.valueOf(size))), LivyDto.LogPage.class), page -> {
                    List<String> lines = lines(page);
                    Integer total = page.total();
                    int start = page.from() == null ? 0 : page.from();
                    if (total == null || start + lines.size() >= total) {
                        return CompletableFuture.completedFuture(lines);
                    }
                    int last = Math.max(0, total - size);
                    return http.call(
                            base.withQuery(Map.of("from", String.valueOf(last), "size", String.valueOf(size))),
                            LivyDto.LogPage.class,
                            LivyApi::lines);
                });
    }

    private static List<String> lines(LivyDto.LogPage page) {
        return page.log() == null ? List.of() : List.copyOf(page.log());
    }

    /** {@code POST /sessions/{id}/statements} with the code's kind; returns the statement id. */
    public CompletableFuture<String> submit(String id, String code, String kind) {
        ObjectNode body = json.createObjectNode().put("code", code).put("kind", kind);
        LivyRequest req = LivyRequest.of(
                        "POST",
                        "/sessions/" + seg(id) + "/statements",
                        "submitStatement",
                        "submit a " + kind + " statement to session " + id,
                        id,
                        null)
                .withBody(body);
        return http.call(
                req, LivyDto.Statement.class, st -> mapper.statement(st).id());
    }

    /** {@code GET /sessions/{id}/statements/{statementId}}. */
    public CompletableFuture<RemoteStatement> getStatement(String id, String statementId) {
        LivyRequest req = LivyRequest.of(
                "GET",
                "/sessions/" + seg(id) + "/statements/" + seg(statementId),
                "getStatement",
                "get statement " + statementId + " of session " + id,
                id,
                statementId);
        return http.call(req, LivyDto.Statement.class, mapper::statement);
    }

    /**
     * One page of a session's statements, oldest first: {@code GET /sessions/{id}/statements?from&size} at the
     * token's position (see {@link StatementPaging}). One request.
     */
    public CompletableFuture<StatementPage> listStatements(String id, @Nullable String pageToken) {
        StatementPaging.Token token;
        try {
            token = StatementPaging.parse(pageToken);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        LivyRequest req = LivyRequest.of(
                        "GET",
                        "/sessions/" + seg(id) + "/statements",
                        "listStatements",
                        "list the statements of session " + id
                                + (token.from() == 0 ? "" : " from position " + token.from()),
                        id,
                        null)
                .withQuery(Map.of("from", String.valueOf(token.from()), "size", String.valueOf(pageSize)));
        return http.call(req, LivyDto.StatementPage.class, page -> {
            List<RemoteStatement> items = new ArrayList<>();
            if (page.statements() != null) {
                page.statements().forEach(st -> items.add(mapper.statement(st)));
            }
            return StatementPaging.page(token, items, page.totalStatements(), pageSize);
        });
    }

    /** {@code POST /sessions/{id}/statements/{statementId}/cancel}. */
    public CompletableFuture<Void> cancel(String id, String statementId) {
        LivyRequest req = LivyRequest.of(
                "POST",
                "/sessions/" + seg(id) + "/statements/" + seg(statementId) + "/cancel",
                "cancelStatement",
                "cancel statement " + statementId + " of session " + id,
                id,
                statementId);
        return Linked.map(http.send(req), resp -> {
            if (!resp.ok()) {
                throw http.errors().http(req, resp);
            }
            return null;
        });
    }

    /** {@code POST /sessions/{id}/completion}: completion candidates at {@code cursor}. */
    public CompletableFuture<List<String>> completion(String id, String code, String kind, int cursor) {
        ObjectNode body =
                json.createObjectNode().put("code", code).put("kind", kind).put("cursor", String.valueOf(cursor));
        LivyRequest req = LivyRequest.of(
                        "POST",
                        "/sessions/" + seg(id) + "/completion",
                        "completion",
                        "complete code in session " + id,
                        id,
                        null)
                .withBody(body);
        return http.call(
                req,
                LivyDto.Completion.class,
                c -> c.candidates() == null ? List.<String>of() : List.copyOf(c.candidates()));
    }
}
