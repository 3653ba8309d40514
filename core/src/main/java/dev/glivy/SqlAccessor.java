package dev.glivy;

import dev.glivy.internal.sql.ColumnTable;
import dev.glivy.internal.sql.SqlAccess;
import dev.glivy.spi.JsonOutput;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link SqlAccess}: hands the package-private constructors and accessors of this package's
 * result types to the decoders in {@code dev.glivy.internal.sql}. Stateless; thread-safe.
 */
final class SqlAccessor extends SqlAccess {
    static {
        SqlAccess.install(new SqlAccessor());
    }

    private SqlAccessor() {}

    @Override
    public Row row(Schema schema, @Nullable Object[] values) {
        return new Row(schema, values);
    }

    @Override
    public List<Row> rows(ColumnTable table) {
        return new TableRows(table);
    }

    @Override
    public SqlResult result(
            Schema schema, List<Row> rows, boolean truncated, int limit, String query, StatementResult statement) {
        return new SqlResult(schema, rows, truncated, limit, query, statement);
    }

    @Override
    public int exactIndex(Schema schema, String name) {
        return schema.exactIndex(name);
    }

    @Override
    public boolean hasDuplicateNames(Schema schema) {
        return schema.hasDuplicateNames();
    }

    @Override
    public @Nullable JsonOutput jsonOutput(StatementResult statement) {
        return statement.jsonOutput();
    }

    @Override
    public Map<String, String> textOutputs(StatementResult statement) {
        return statement.textOutputs();
    }
}
