package dev.glivy.testkit;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.spi.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Forwards every call to another transport; tests subclass it and override the one behaviour they need (a
 * keep-alive, a SQL plan, a failure). Designed for extension; thread-safe when the target is.
 */
public class DelegatingTransport implements SessionTransport {
    private final SessionTransport target;

    /** Forwards to {@code target}; closing this closes it. */
    public DelegatingTransport(SessionTransport target) {
        this.target = target;
    }

    @Override
    public String backend() {
        return target.backend();
    }

    @Override
    public String endpoint() {
        return target.endpoint();
    }

    @Override
    public Set<Language> languages() {
        return target.languages();
    }

    @Override
    public Language defaultLanguage() {
        return target.defaultLanguage();
    }

    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return target.unsupportedSettings(config);
    }

    @Override
    public List<String> configProblems(SessionConfig config) {
        return target.configProblems(config);
    }

    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return target.createSession(request);
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return target.findSession(request);
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return target.getSession(sessionId);
    }

    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return target.listSessions();
    }

    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return target.stopSession(sessionId);
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return target.submitStatement(sessionId, request);
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return target.getStatement(sessionId, statementId);
    }

    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        return target.listStatements(sessionId, pageToken);
    }

    @Override
    public CompletableFuture<List<RemoteStatement>> listStatements(String sessionId) {
        return target.listStatements(sessionId);
    }

    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return target.statementIdAfter(previousId);
    }

    @Override
    public Optional<String> pageTokenAfter(String sessionId, String statementId) {
        return target.pageTokenAfter(sessionId, statementId);
    }

    @Override
    public Optional<Watch> watch(String sessionId, ChangeListener listener) {
        return target.watch(sessionId, listener);
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return target.cancelStatement(sessionId, statementId);
    }

    @Override
    public Optional<dev.glivy.spi.CostRate> costRate(dev.glivy.config.SessionConfig config) {
        return target.costRate(config);
    }

    @Override
    public Optional<Duration> keepAliveInterval() {
        return target.keepAliveInterval();
    }

    @Override
    public CompletableFuture<Void> keepAlive(String sessionId) {
        return target.keepAlive(sessionId);
    }

    @Override
    public CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        return target.sessionLog(sessionId, from, size);
    }

    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        return target.planSql(query, limit, sessionLanguage);
    }

    @Override
    public void close() {
        target.close();
    }
}
