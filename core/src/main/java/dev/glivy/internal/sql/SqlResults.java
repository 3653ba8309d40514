package dev.glivy.internal.sql;

import dev.glivy.ResultFormatException;
import dev.glivy.Row;
import dev.glivy.RowStream;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.internal.InternalApi;
import dev.glivy.spi.SqlPlan;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * Builds a {@link SqlResult} from a finished statement that ran a {@link SqlPlan}'s code: what sessions do for
 * {@code sql(...)}, and what the standard {@link SqlPlan.Reader} and core's tests and benchmarks call directly.
 * Not public API: users get results from {@code InteractiveSession.sql}. Stateless; thread-safe.
 */
@InternalApi
public final class SqlResults {
    private static final SqlAccess ACCESS = SqlAccess.get();

    private SqlResults() {}

    /**
     * Reads the output of a finished statement that ran {@code plan}'s code (a custom plan's reader is opened and
     * read to the end, blocking for its I/O).
     *
     * @throws ResultFormatException when the output cannot be read as the plan's format, naming the statement, row
     *     and column
     * @throws IllegalArgumentException when the statement did not succeed
     */
    public static SqlResult of(StatementResult statement, SqlPlan plan) {
        Objects.requireNonNull(statement, "statement must not be null");
        Objects.requireNonNull(plan, "plan must not be null");
        if (plan.output() != SqlPlan.Output.CUSTOM) {
            return SqlDecoder.decode(statement, plan);
        }
        if (!statement.succeeded()) {
            throw new IllegalArgumentException("statement " + statement.statementId() + " did not succeed (state "
                    + statement.state() + "); there is no table to read");
        }
        RowStream rows;
        try {
            rows = plan.reader().open(statement).join(); // a custom reader's I/O: this call blocks for it
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : e;
        }
        return of(rows, plan);
    }

    /**
     * Reads the rest of {@code rows}, a stream of {@code plan}'s result that carries its statement (as
     * {@link SqlPlan.Reader#open} returns it), into a table, and closes the stream.
     *
     * @throws IllegalArgumentException when {@code rows} carries no statement
     * @throws ResultFormatException when the rows cannot be read, or are more than the plan's limit
     */
    public static SqlResult of(RowStream rows, SqlPlan plan) {
        Objects.requireNonNull(rows, "rows must not be null");
        Objects.requireNonNull(plan, "plan must not be null");
        try (rows) {
            StatementResult statement = rows.statement()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "rows must carry the statement of the query (RowStream.statement()) but carry none"));
            List<Row> list = rows.toList();
            if (list.size() > plan.limit()) {
                throw new ResultFormatException(
                        "Cannot read the SQL result of statement "
                                + statement.statementId() + " in session " + statement.sessionId() + " ("
                                + statement.backend() + "): " + list.size() + " rows but the limit was " + plan.limit(),
                        null,
                        statement.sessionId(),
                        statement.backend());
            }
            return ACCESS.result(rows.schema(), list, rows.truncated(), plan.limit(), plan.query(), statement);
        }
    }
}
