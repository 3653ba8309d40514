package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.RowStream;
import dev.glivy.SessionInfo;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import java.util.concurrent.CompletableFuture;

/**
 * The blocking forms and convenience overloads of {@link InteractiveSession} over its async methods, written once
 * for every implementation in core (the engine's session and a pool's lease): each blocking call waits through
 * {@link Futures#await}, which cancels on interrupt and unwraps failures.
 */
abstract class SessionOverloads implements InteractiveSession {

    /** Waits for {@code f} on behalf of this session ({@code what} names it in a timeout or interrupt). */
    final <T> T await(CompletableFuture<T> f, String what) {
        return Futures.await(f, id().orElse(null), backend(), what);
    }

    @Override
    public StatementResult execute(String code) {
        return execute(StatementRequest.of(code));
    }

    @Override
    public StatementResult execute(String code, Language language) {
        return execute(StatementRequest.of(code, language));
    }

    @Override
    public StatementResult execute(StatementRequest request) {
        return await(executeAsync(request), "a statement");
    }

    @Override
    public CompletableFuture<StatementResult> executeAsync(String code) {
        return executeAsync(StatementRequest.of(code));
    }

    @Override
    public CompletableFuture<StatementResult> executeAsync(String code, Language language) {
        return executeAsync(StatementRequest.of(code, language));
    }

    @Override
    public SqlResult sql(String query) {
        return sql(SqlRequest.of(query));
    }

    @Override
    public SqlResult sql(String query, int limit) {
        return sql(SqlRequest.of(query, limit));
    }

    @Override
    public SqlResult sql(SqlRequest request) {
        return await(sqlAsync(request), "a SQL query");
    }

    @Override
    public CompletableFuture<SqlResult> sqlAsync(String query) {
        return sqlAsync(SqlRequest.of(query));
    }

    @Override
    public RowStream sqlStream(SqlRequest request) {
        return await(sqlStreamAsync(request), "a SQL query");
    }

    @Override
    public void cancel(String statementId) {
        await(cancelAsync(statementId), "statement " + statementId + " to cancel");
    }

    @Override
    public SessionInfo info() {
        return await(infoAsync(), "session info");
    }
}
