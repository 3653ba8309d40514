package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.RowStream;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import java.util.concurrent.CompletableFuture;

/**
 * The engine session's start, close and typed SQL over the async core (the blocking forms and overloads are in
 * {@link SessionOverloads}). Typed SQL is planned by the transport, run as an ordinary statement and decoded.
 */
abstract class BlockingFacade extends SessionOverloads {

    /** The transport the session drives. */
    abstract SessionTransport transport();

    /** The session's default statement language. */
    abstract Language language();

    @Override
    public InteractiveSession start() {
        return await(startAsync(), "the session to start");
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

    private static <T, R> CompletableFuture<R> cancellable(
            SqlRun.Handle<T> run, java.util.function.Function<SqlRun.Outcome<T>, R> done) {
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
    public void close() {
        await(closeAsync(), "the session to stop");
    }
}
