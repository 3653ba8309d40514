package dev.glivy.micrometer;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A {@link dev.glivy.test.ScriptedTransport} (or any transport) that bills like AWS Glue: a fixed cost rate. */
final class PricedTransport implements SessionTransport {
    private final SessionTransport target;
    private final CostRate rate;
    private final String backend;

    PricedTransport(SessionTransport target, CostRate rate) {
        this(target, rate, target.backend());
    }

    /** Also names the backend {@code backend} (the target's own name otherwise). */
    PricedTransport(SessionTransport target, CostRate rate, String backend) {
        this.target = target;
        this.rate = rate;
        this.backend = backend;
    }

    @Override
    public Optional<CostRate> costRate(SessionConfig config) {
        return Optional.of(rate);
    }

    @Override
    public String backend() {
        return backend;
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
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        return target.planSql(query, limit, sessionLanguage);
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
    public Optional<String> statementIdAfter(String previousId) {
        return target.statementIdAfter(previousId);
    }

    @Override
    public Optional<String> pageTokenAfter(String sessionId, String statementId) {
        return target.pageTokenAfter(sessionId, statementId);
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return target.cancelStatement(sessionId, statementId);
    }

    @Override
    public void close() {
        target.close();
    }
}
