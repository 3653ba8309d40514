package dev.glivy.local.internal;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one Spark SQL statement on a session and returns its {@code application/json} output ({@link RowJson}):
 * at most {@code rowLimit} rows, with {@code "truncated": true} when the query had more.
 *
 * <p>Thread-safe.
 */
public final class SqlRunner {
    private final RowJson json;
    private final int rowLimit;

    /** A runner returning at most {@code rowLimit} rows. */
    public SqlRunner(RowJson json, int rowLimit) {
        this.json = json;
        this.rowLimit = rowLimit;
    }

    /** The result of one query. */
    public record Result(String json, int rows, boolean truncated) {}

    /** Runs {@code query} (one statement; commands such as {@code CREATE} run eagerly and return no rows). */
    public Result run(SparkSession spark, String query) {
        Dataset<Row> df = spark.sql(query);
        List<Row> rows = df.takeAsList(rowLimit + 1);
        boolean truncated = rows.size() > rowLimit;
        List<Row> kept = truncated ? rows.subList(0, rowLimit) : rows;
        return new Result(json.encode(df.schema(), kept, truncated), kept.size(), truncated);
    }
}
