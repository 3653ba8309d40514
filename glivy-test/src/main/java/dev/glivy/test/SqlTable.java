package dev.glivy.test;

import dev.glivy.Column;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import dev.glivy.test.internal.JsonText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed table a {@link ScriptedTransport} returns for a SQL statement, as the real backends do: Livy's
 * {@code application/json} {@code {"schema": <Spark StructType JSON>, "data": [[...], ...]}}, which Glivy decodes into
 * a {@link dev.glivy.SqlResult} exactly as it decodes real results.
 *
 * <pre>{@code
 * SqlTable people = SqlTable.builder()
 *         .column("name", SparkType.STRING)
 *         .column("age", SparkType.INTEGER)
 *         .row("ann", 31)
 *         .row("bob", 42)
 *         .build();
 * }</pre>
 *
 * <p>Cell values: {@code null}, {@link Boolean}, any {@link Number} (exact decimals as {@link java.math.BigDecimal}),
 * {@link String}, {@link java.time.LocalDate} and {@link java.time.Instant} (written as ISO text, as Spark does),
 * {@link List} for arrays and {@link java.util.Map} with string keys for maps. Immutable.
 *
 * @since 0.2
 */
public final class SqlTable {
    private final Schema schema;
    private final List<List<@Nullable Object>> rows;

    private SqlTable(Schema schema, List<List<@Nullable Object>> rows) {
        this.schema = schema;
        this.rows = rows;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The columns. */
    public Schema schema() {
        return schema;
    }

    /** The rows, each with one value per column. */
    public List<List<@Nullable Object>> rows() {
        return rows;
    }

    /** The table as Livy's {@code sql} statement output, keeping at most {@code maxRows} rows. */
    public String toJson(int maxRows) {
        StringBuilder b =
                new StringBuilder("{\"schema\":").append(schema.toJson()).append(",\"data\":[");
        int n = Math.min(maxRows, rows.size());
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            JsonText.append(b, rows.get(i));
        }
        return b.append("]}").toString();
    }

    @Override
    public String toString() {
        return "SqlTable" + schema.names() + " with " + rows.size() + " rows";
    }

    /** Builder for {@link SqlTable}. Not thread-safe. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<List<@Nullable Object>> rows = new ArrayList<>();

        private Builder() {}

        /** Adds a nullable column. */
        public Builder column(String name, SparkType type) {
            return column(name, type, true);
        }

        /** Adds a column. */
        public Builder column(String name, SparkType type, boolean nullable) {
            columns.add(Column.of(
                    Objects.requireNonNull(name, "name must not be null"),
                    Objects.requireNonNull(type, "type must not be null"),
                    nullable));
            return this;
        }

        /**
         * Adds a row.
         *
         * @throws IllegalArgumentException when the number of values is not the number of columns so far
         */
        public Builder row(@Nullable Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(
                        "row must have " + columns.size() + " values (one per column) but " + "had " + values.length);
            }
            rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))));
            return this;
        }

        /** Adds {@code count} rows made by {@code row} from the row index 0..count-1. */
        public Builder rows(int count, java.util.function.IntFunction<@Nullable Object[]> row) {
            for (int i = 0; i < count; i++) {
                row(row.apply(i));
            }
            return this;
        }

        /**
         * Builds the table.
         *
         * @throws IllegalStateException when it has no column
         */
        public SqlTable build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a table needs at least one column");
            }
            return new SqlTable(Schema.of(List.copyOf(columns)), List.copyOf(rows));
        }
    }
}
