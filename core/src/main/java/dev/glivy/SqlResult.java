package dev.glivy;

import dev.glivy.internal.sql.CsvWriter;
import dev.glivy.internal.sql.JsonLinesWriter;
import dev.glivy.internal.sql.RecordMapper;
import dev.glivy.spi.SqlPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The typed table a SQL query returned: its {@link Schema} (column names, Spark types, nullability) and its rows,
 * at most {@link #limit()} of them, with {@link #truncated()} saying whether the query produced more.
 *
 * <p>The same query gives the same table on every transport (Livy, Glue, local Spark): values keep their types as
 * {@link SparkType} describes. The statement (its code, timings and any output besides the table) stays available
 * through {@link #statement()}. Results come from {@link InteractiveSession#sql(SqlRequest)} and its async form;
 * there is no public factory.
 *
 * <p>Export with {@link #writeCsv(Appendable)} (RFC 4180) and {@link #writeJsonLines(Appendable)}; map rows to your
 * own records or POJOs with {@link #asRecords(Class)}.
 *
 * <p>Immutable; thread-safe.
 */
public final class SqlResult {
    private final Schema schema;
    private final List<Row> rows;
    private final boolean truncated;
    private final int limit;
    private final String query;
    private final StatementResult statement;

    /** Built by the decoders in {@code dev.glivy.internal.sql} (through {@code SqlAccessor}). */
    SqlResult(Schema schema, List<Row> rows, boolean truncated, int limit, String query, StatementResult statement) {
        this.schema = schema;
        this.rows = Collections.unmodifiableList(rows);
        this.truncated = truncated;
        this.limit = limit;
        this.query = query;
        this.statement = statement;
    }

    /** The columns. */
    public Schema schema() {
        return schema;
    }

    /** The columns as a list (the same as {@code schema().columns()}). */
    public List<Column> columns() {
        return schema.columns();
    }

    /** The rows, in the order the query returned them (unmodifiable; at most {@link #limit()}). */
    public List<Row> rows() {
        return rows;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The row at {@code index}. @throws IndexOutOfBoundsException when out of range */
    public Row row(int index) {
        return rows.get(index);
    }

    /**
     * {@code true} when the query produced more rows than this result holds: either more than {@link #limit()},
     * or (on a backend that caps SQL results without saying so, see {@link SqlPlan}) as many as the cap, so that
     * more may exist. {@code false} means these are all the rows.
     */
    public boolean truncated() {
        return truncated;
    }

    /** The row limit the query ran with. */
    public int limit() {
        return limit;
    }

    /** The query as the caller wrote it. */
    public String query() {
        return query;
    }

    /**
     * The statement that ran the query: its code (the query, the generated wrapper, or the one-line call of the
     * wrapper the session defined), outputs and timings. The output the table was read from is not kept once its rows
     * are decoded: an {@code application/json} table is removed from {@link StatementResult#outputs()}, and of a
     * {@code text/plain} envelope only its two marker lines and whatever the statement printed around them stay. So a
     * result holds its rows once, not also as text. {@link InteractiveSession#history()} keeps the same form.
     */
    public StatementResult statement() {
        return statement;
    }

    /**
     * Maps every row to a {@code type}: a record or a POJO (public no-argument constructor with setters or public
     * fields, or a {@code @JsonCreator}), using Jackson with Java time support. Nested structs map to nested
     * records/POJOs, arrays to {@link List}s or arrays, maps to {@link java.util.Map}s.
     *
     * <p><b>Names.</b> Each property of {@code type} takes the column whose name matches it exactly; otherwise the
     * one matching case-insensitively; otherwise the one whose snake_case name, in camelCase, matches it
     * ({@code order_id} fills {@code orderId}). Columns no property takes are ignored; a property no column fills is
     * an error, so is a property two columns fit equally well.
     *
     * <p><b>Values.</b> Types convert as Jackson does, but never lossily: a decimal or floating-point value never
     * fills an integer property, an out-of-range number fails, and a null never fills a primitive. Timestamps fill
     * {@link java.time.Instant}, {@link java.time.OffsetDateTime} (UTC) and {@link String} (ISO-8601) properties;
     * dates {@link java.time.LocalDate} and {@link String}; binary {@code byte[]}.
     *
     * @throws IllegalArgumentException naming the row, the column, its Spark type, and the property with its Java
     *     type when a value does not fit, or the properties without a column
     */
    public <T> List<T> asRecords(Class<T> type) {
        Objects.requireNonNull(type, "type must not be null");
        return RecordMapper.map(schema, rows, type);
    }

    /**
     * Writes the table as CSV (RFC 4180): a header line with the column names, then one line per row, lines ending
     * in CRLF. Fields holding a comma, double quote, CR, LF or leading/trailing space are quoted, quotes doubled; a
     * null is an empty field and an empty string a quoted empty field ({@code ""}). Values print as: decimals
     * without exponent, dates and timestamps ISO-8601 (timestamps in UTC, {@code Z}), binary as base64, arrays,
     * maps and structs as JSON. {@code out} is not closed or flushed.
     *
     * @throws IOException when {@code out} fails
     */
    public void writeCsv(Appendable out) throws IOException {
        CsvWriter.write(schema, rows, out);
    }

    /** The table as CSV text; see {@link #writeCsv(Appendable)}. */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        try {
            writeCsv(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /**
     * Writes one JSON object per row, keyed by column name, each line ending in {@code \n} (the format of Spark's
     * {@code toJSON}, readable back with {@link RowStream#jsonLines}). Nulls are written as {@code null}; decimals
     * as exact JSON numbers; dates, timestamps (UTC, {@code Z}) and {@code timestamp_ntz} as ISO-8601 strings;
     * binary as base64; NaN and infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
     * map keys as their text. Non-ASCII characters are written as is (UTF-16 in, your encoding out). {@code out} is
     * not closed or flushed.
     *
     * @throws IOException when {@code out} fails
     */
    public void writeJsonLines(Appendable out) throws IOException {
        JsonLinesWriter.write(rows, out);
    }

    /** The table as JSON lines; see {@link #writeJsonLines(Appendable)}. */
    public String toJsonLines() {
        StringBuilder b = new StringBuilder();
        try {
            writeJsonLines(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "SqlResult{columns=" + schema + ", rows=" + rows.size() + ", truncated=" + truncated + ", limit=" + limit
                + ", statement=" + statement.statementId() + "}";
    }
}
