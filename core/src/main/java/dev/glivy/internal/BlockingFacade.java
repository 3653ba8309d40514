package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.RowStream;
import dev.glivy.SessionInfo;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import java.util.concurrent.CompletableFuture;

/**
 * The blocking forms and convenience overloads of {@link InteractiveSession}, written once over the async core:
 * each blocking call waits through {@link Futures#await}, which cancels on interrupt and unwraps failures. Typed SQL
 * is planned by the transport, run as an ordinary statement and decoded.
 */
abstract class BlockingFacade implements InteractiveSession {

    /** The transport the session drives. */
    abstract SessionTransport transport();

    /** The session's default statement language. */
    abstract Language language();

    private <T> T await(CompletableFuture<T> f, String what) {
        return Futures.await(f, id().orElse(null), backend(), what);
    }

    @Override
    public InteractiveSession start() {
        return await(startAsync(), "the session to start");
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

    /**
     * Asks the transport for a plan (the SQL statement itself, a generated wrapper, or a plan with its own reader),
     * runs it as an ordinary statement with failOnError (after the plan's prelude, when it has one and the session
     * has not run it yet; see {@link SqlRun}), and reads the result into a table; history then keeps the statement
     * without its table text. Cancelling the returned future cancels the statement, as for executeAsync.
     */
    @Override
    public CompletableFuture<SqlResult> sqlAsync(SqlRequest request) {
        SqlPlan plan;
        try {
            plan = transport().planSql(request.query(), request.limit(), language());
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
        return cancellable(sqlRun().table(plan, request.timeout()), o -> {
            decoded(o.statement(), o.value().statement());
            return o.value();
        });
    }

    @Override
    public RowStream sqlStream(SqlRequest request) {
        return await(sqlStreamAsync(request), "a SQL query");
    }

    /** As {@link #sqlAsync(SqlRequest)}, but the result is opened as a stream instead of read into a table. */
    @Override
    public CompletableFuture<RowStream> sqlStreamAsync(SqlRequest request) {
        SqlPlan plan;
        try {
            plan = transport().planSql(request.query(), request.limit(), language());
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
        return cancellable(sqlRun().stream(plan, request.timeout()), o -> {
            o.value().statement().ifPresent(kept -> decoded(o.statement(), kept));
            return o.value();
        });
    }

    private static <T, R> CompletableFuture<R> cancellable(SqlRun.Handle<T> run,
            java.util.function.Function<SqlRun.Outcome<T>, R> done) {
        CompletableFuture<R> out = run.result.thenApply(done);
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                run.result.cancel(true);
                run.cancel();
            }
        });
        return out;
    }

    /** The session's SQL runner (it remembers which preludes the remote session has). */
    abstract SqlRun sqlRun();

    /** A SQL statement's result {@code raw} was decoded: from now on {@code kept} stands for it in history. */
    abstract void decoded(StatementResult raw, StatementResult kept);

    @Override
    public void cancel(String statementId) {
        await(cancelAsync(statementId), "statement " + statementId + " to cancel");
    }

    @Override
    public SessionInfo info() {
        return await(infoAsync(), "session info");
    }

    @Override
    public void close() {
        await(closeAsync(), "the session to stop");
    }
}
