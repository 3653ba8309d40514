package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.StatementNotFoundException;
import dev.glivy.internal.ErrorText;
import dev.glivy.internal.Paging;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.model.GetStatementRequest;
import software.amazon.awssdk.services.glue.model.GetStatementResponse;
import software.amazon.awssdk.services.glue.model.ListStatementsRequest;
import software.amazon.awssdk.services.glue.model.ListStatementsResponse;
import software.amazon.awssdk.services.glue.model.RunStatementRequest;
import software.amazon.awssdk.services.glue.model.Statement;

/**
 * The statement verbs: RunStatement (SQL turned into session-language code, the 68,000-character limit checked first,
 * a statement in the other language refused), GetStatement, ListStatements (one page per call, sorted oldest first:
 * Glue does not specify the order) and CancelStatement (a finished statement is success). When Glue answers that the
 * session cannot take statements, or does not know the statement, the session is looked up so the caller gets
 * {@link SessionLostException} with the real reason (expired, failed, stopped, gone), or
 * {@link StatementNotFoundException} when the session is alive but the statement unknown. Thread-safe.
 */
public final class StatementOps {
    private final ClientRegistry registry;
    private final SessionOps sessions;

    /** Statement verbs over {@code registry}'s clients. */
    public StatementOps(ClientRegistry registry, SessionOps sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /**
     * RunStatement; returns the statement id. The session's language decides how a SQL statement is wrapped and
     * which other language is refused: as remembered from CreateSession or an earlier GetSession, else one
     * GetSession first (a session this transport did not create).
     */
    public CompletableFuture<String> submit(String sessionId, SubmitStatementRequest request) {
        return registry.clientsFor(sessionId)
                .thenCompose(aws -> language(aws, sessionId).thenCompose(lang -> {
                    String code = code(sessionId, request, lang);
                    RunStatementRequest r = RunStatementRequest.builder()
                            .sessionId(sessionId)
                            .code(code)
                            .requestOrigin(registry.origin(sessionId))
                            .build();
                    return aws.glue(g -> g.runStatement(r), a -> a.runStatement(r))
                            .thenApply(resp -> String.valueOf(resp.id()))
                            .exceptionallyCompose(e -> sessionProblem(
                                    aws, sessionId, null, e, "Glue RunStatement in session " + sessionId));
                }));
    }

    private CompletableFuture<Language> language(AwsClients aws, String sessionId) {
        return registry.session(sessionId)
                .map(m -> CompletableFuture.completedFuture(m.language()))
                .orElseGet(() -> sessions.raw(aws, sessionId).thenApply(SessionMapper::language));
    }

    /** The code to send: SQL wrapped in session-language code; the other language refused; the limit checked. */
    static String code(String sessionId, SubmitStatementRequest request, Language sessionLanguage) {
        String code;
        if (request.language() == Language.SQL) {
            code = SqlCode.code(request.code(), sessionLanguage);
        } else if (request.language() != sessionLanguage) {
            throw new IllegalArgumentException("Statement language "
                    + request.language().label() + " is not "
                    + "supported by Glue session " + sessionId + ", which runs " + sessionLanguage.label() + ": a "
                    + "Glue session has one language, fixed when it is created (--session-language). Build a "
                    + "session with .language(Language." + request.language().name() + ") for "
                    + request.language().label() + " code; SQL runs in either.");
        } else {
            code = request.code();
        }
        int characters = code.length() <= CreateSessionMapper.MAX_CODE ? 0 : code.codePointCount(0, code.length());
        if (characters > CreateSessionMapper.MAX_CODE) {
            throw new IllegalArgumentException("Statement code has " + characters + " characters"
                    + (request.language() == Language.SQL ? " once the SQL is wrapped (base64) for Glue" : "")
                    + " but Glue's RunStatement accepts at most " + CreateSessionMapper.MAX_CODE
                    + "; split it, or put large code in a file (%extra_py_files) and call it.");
        }
        return code;
    }

    /** GetStatement. */
    public CompletableFuture<RemoteStatement> get(String sessionId, String statementId) {
        int id = statementId(statementId);
        return registry.clientsFor(sessionId).thenCompose(aws -> {
            GetStatementRequest r = GetStatementRequest.builder()
                    .sessionId(sessionId)
                    .id(id)
                    .requestOrigin(registry.origin(sessionId))
                    .build();
            return aws.glue(g -> g.getStatement(r), a -> a.getStatement(r))
                    .exceptionallyCompose(e -> this.<GetStatementResponse>sessionProblem(
                            aws,
                            sessionId,
                            statementId,
                            e,
                            "Glue GetStatement for statement " + statementId + " in session " + sessionId))
                    .thenApply(resp -> StatementMapper.remote(resp.statement()));
        });
    }

    /** One ListStatements request: the page's statements sorted oldest first, and Glue's next token. */
    public CompletableFuture<StatementPage> page(String sessionId, @Nullable String token) {
        return registry.clientsFor(sessionId).thenCompose(aws -> {
            ListStatementsRequest r = ListStatementsRequest.builder()
                    .sessionId(sessionId)
                    .nextToken(token)
                    .requestOrigin(registry.origin(sessionId))
                    .build();
            return aws.glue(g -> g.listStatements(r), a -> a.listStatements(r))
                    .exceptionallyCompose(e -> this.<ListStatementsResponse>sessionProblem(
                            aws, sessionId, null, e, "Glue ListStatements in session " + sessionId))
                    .thenApply(resp -> StatementPage.of(
                            sorted(resp.hasStatements() ? resp.statements() : List.of()), resp.nextToken()));
        });
    }

    /** Every page, sorted oldest first as a whole (Glue orders neither a page nor the pages). */
    public CompletableFuture<List<RemoteStatement>> all(String sessionId) {
        return Paging.statements(null, token -> page(sessionId, token), "Glue ListStatements in session " + sessionId)
                .thenApply(out -> {
                    out.sort(Comparator.comparingLong(StatementOps::order));
                    return List.copyOf(out);
                });
    }

    private List<RemoteStatement> sorted(List<Statement> raw) {
        List<Statement> page = new ArrayList<>(raw);
        page.sort(Comparator.comparing(s -> s.id() == null ? Integer.MIN_VALUE : s.id()));
        List<RemoteStatement> out = new ArrayList<>(page.size());
        page.forEach(s -> out.add(StatementMapper.remote(s)));
        return out;
    }

    private static long order(RemoteStatement s) {
        try {
            return Long.parseLong(s.id());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Glue numbers a session's statements one after another (0, 1, 2...): the id after {@code previousId}, or empty
     * when {@code previousId} is not a Glue statement id.
     */
    public static Optional<String> idAfter(String previousId) {
        try {
            int id = Integer.parseInt(previousId);
            return id < 0 || id == Integer.MAX_VALUE ? Optional.empty() : Optional.of(String.valueOf(id + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** CancelStatement; cancelling a finished statement is success. */
    public CompletableFuture<Void> cancel(String sessionId, String statementId) {
        int id = statementId(statementId);
        String what = "Glue CancelStatement for statement " + statementId + " in session " + sessionId;
        return registry.clientsFor(sessionId).thenCompose(aws -> aws.glue(
                        g -> g.cancelStatement(
                                r -> r.sessionId(sessionId).id(id).requestOrigin(registry.origin(sessionId))),
                        a -> a.cancelStatement(
                                r -> r.sessionId(sessionId).id(id).requestOrigin(registry.origin(sessionId))))
                .<Void>thenApply(resp -> null)
                .exceptionallyCompose(e -> {
                    if (!GlueErrorMapper.is(e, "IllegalSessionStateException", "InvalidInputException")) {
                        return sessionProblem(aws, sessionId, statementId, e, what);
                    }
                    return get(sessionId, statementId).handle((s, e2) -> {
                        if (s != null && s.state().isTerminal()) {
                            return null;
                        }
                        throw e2 != null
                                ? GlueErrorMapper.map(e2, what, sessionId)
                                : GlueErrorMapper.map(e, what, sessionId);
                    });
                }));
    }

    private static int statementId(String statementId) {
        try {
            return Integer.parseInt(statementId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Glue statement ids are integers but was '" + statementId + "'", e);
        }
    }

    /**
     * Turns a statement call's failure into the right exception: when Glue says the session (or statement) is
     * unknown, not ready or in an illegal state, the session is looked up, and a session that is gone, expired,
     * failed or stopped becomes a {@link SessionLostException}; an unknown entity in a session that is alive becomes
     * a {@link StatementNotFoundException} when the call named a statement; anything else is mapped as is.
     */
    <T> CompletableFuture<T> sessionProblem(
            AwsClients aws, String sessionId, @Nullable String statementId, Throwable e, String what) {
        if (!GlueErrorMapper.is(
                e, "EntityNotFoundException", "IllegalSessionStateException", "InvalidInputException")) {
            return CompletableFuture.failedFuture(GlueErrorMapper.map(e, what, sessionId));
        }
        return sessions.raw(aws, sessionId).handle((s, e2) -> {
            if (e2 != null) {
                Throwable c = GlueErrorMapper.unwrap(e2);
                throw c instanceof SessionLostException lost ? lost : GlueErrorMapper.map(e, what, sessionId);
            }
            SessionState st = SessionMapper.state(s.statusAsString());
            if (st == SessionState.EXPIRED
                    || st == SessionState.FAILED
                    || st == SessionState.STOPPED
                    || st == SessionState.STOPPING) {
                SessionState lostAs = st == SessionState.EXPIRED || st == SessionState.FAILED ? st : SessionState.LOST;
                String reason = st == SessionState.EXPIRED
                        ? "expired (Glue status TIMEOUT: its idle timeout or maximum lifetime passed)"
                        : st == SessionState.FAILED
                                ? "failed" + (s.errorMessage() == null ? "" : ": " + s.errorMessage())
                                : "stopped (Glue status " + s.statusAsString() + ")";
                throw new SessionLostException(
                        what + " failed: the session " + reason + ". " + ErrorText.LOST_SESSION_HINT,
                        GlueErrorMapper.cause(e),
                        sessionId,
                        GlueErrorMapper.BACKEND,
                        lostAs);
            }
            if (statementId != null && GlueErrorMapper.is(e, "EntityNotFoundException")) {
                AwsServiceException ae = (AwsServiceException) GlueErrorMapper.unwrap(e);
                throw new StatementNotFoundException(
                        GlueErrorMapper.text(what + " failed: Glue does not know "
                                + "statement " + statementId + " in session " + sessionId + " (" + s.statusAsString()
                                + "): "
                                + message(ae) + " (HTTP " + ae.statusCode()
                                + (ae.requestId() == null ? "" : ", request id " + ae.requestId())
                                + "). It was never created in this session."),
                        GlueErrorMapper.cause(ae),
                        sessionId,
                        statementId,
                        GlueErrorMapper.BACKEND,
                        ae.statusCode(),
                        ae.requestId());
            }
            throw GlueErrorMapper.map(e, what, sessionId);
        });
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }
}
