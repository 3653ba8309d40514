package dev.glivy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.glivy.internal.sql.DecodeError;
import dev.glivy.internal.sql.JsonRowReader;
import dev.glivy.internal.sql.SqlDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Rows decoded one at a time, in bounded memory: only the current row and the parser's small buffer are held,
 * however large the input. {@link InteractiveSession#sqlStream(SqlRequest)} returns one for results too large to
 * materialise; {@link #jsonLines(InputStream, Schema)} reads any JSON-lines input.
 *
 * <pre>{@code
 * try (RowStream rows = session.sqlStream(SqlRequest.of("select * from sales", 5_000_000))) {
 *     while (rows.hasNext()) {
 *         Row r = rows.next();
 *         ...
 *     }
 * }   // releases what the rows came from (on Glue's S3 side channel: deletes the objects)
 * }</pre>
 *
 * <p>A stream of a SQL query also says how many rows it yields ({@link #rowCount()}), whether the query produced
 * more than the request's limit ({@link #truncated()}) and which statement ran it ({@link #statement()}).
 *
 * <p>Not thread-safe: iterate from one thread. <b>Ownership:</b> the stream owns the {@link InputStream} it reads
 * and closes it in {@link #close()}; you close the {@code RowStream}.
 */
public final class RowStream implements Iterator<Row>, AutoCloseable {
    private final Schema schema;
    private final Source source;
    private final long expected;
    private final boolean truncated;
    private final @Nullable StatementResult statement;
    private @Nullable Row next;
    private long read;
    private boolean done;

    /** Where the rows come from: the next row (its 1-based number given), or {@code null} at the end. */
    private interface Source extends AutoCloseable {
        @Nullable
        Row next(long number) throws IOException;

        @Override
        void close() throws IOException;
    }

    private RowStream(
            Schema schema, Source source, long expected, boolean truncated, @Nullable StatementResult statement) {
        this.schema = schema;
        this.source = source;
        this.expected = expected;
        this.truncated = truncated;
        this.statement = statement;
    }

    /**
     * Reads JSON lines in UTF-8: one JSON object per row keyed by column name, as Spark's {@code toJSON} and
     * {@code df.write.json} print them and {@link SqlResult#writeJsonLines} writes them. Missing fields are nulls.
     * Rows may also be positional JSON arrays. Whitespace between rows, including blank lines, is ignored. The
     * stream ends where the input ends; it has no {@link #statement()} and is never {@link #truncated()}.
     *
     * @param in the input; this stream closes it
     * @param schema the rows' schema, for example {@link Schema#fromJson} of the {@code df.schema.json} Spark printed
     */
    public static RowStream jsonLines(InputStream in, Schema schema) {
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        return new RowStream(schema, new JsonLines(in, schema), -1, false, null);
    }

    /**
     * Reads the {@code rows} rows a SQL statement wrote as JSON lines (see {@link #jsonLines(InputStream, Schema)}):
     * exactly that many, the input past them unread; an input that ends earlier fails with a
     * {@link ResultFormatException}. For transports whose {@code SqlPlan.Reader} streams a result from elsewhere
     * (Glue reads it from S3).
     *
     * @param in the input; this stream closes it
     * @param schema the rows' schema
     * @param rows how many rows the statement wrote, {@code >= 0}
     * @param truncated whether the query produced more rows than the request's limit
     * @param statement the statement that ran the query
     */
    public static RowStream jsonLines(
            InputStream in, Schema schema, long rows, boolean truncated, StatementResult statement) {
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(statement, "statement must not be null");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0 but was " + rows);
        }
        return new RowStream(schema, new JsonLines(in, schema), rows, truncated, statement);
    }

    /** The rows of a table already in memory, with its truncation and statement; closing it releases nothing. */
    public static RowStream of(SqlResult table) {
        Objects.requireNonNull(table, "table must not be null");
        Iterator<Row> it = table.rows().iterator();
        Source s = new Source() {
            @Override
            public @Nullable Row next(long number) {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {}
        };
        return new RowStream(table.schema(), s, table.size(), table.truncated(), table.statement());
    }

    /** The rows' schema. */
    public Schema schema() {
        return schema;
    }

    /** How many rows this stream yields, when known (the rows a SQL statement wrote, at most its limit). */
    public OptionalLong rowCount() {
        return expected < 0 ? OptionalLong.empty() : OptionalLong.of(expected);
    }

    /** {@code true} when the query produced more rows than this stream yields (more than the request's limit). */
    public boolean truncated() {
        return truncated;
    }

    /** The statement that ran the query, for streams of a SQL query; empty for {@link #jsonLines(InputStream, Schema)}. */
    public Optional<StatementResult> statement() {
        return Optional.ofNullable(statement);
    }

    /**
     * Whether another row follows; reads ahead one row.
     *
     * @throws ResultFormatException when the next row is malformed or does not fit the schema (naming the row
     *     number and the column), or the input ends before {@link #rowCount()} rows
     * @throws UncheckedIOException when reading fails
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        if (expected >= 0 && read >= expected) {
            done = true;
            return false;
        }
        try {
            Row r = source.next(read + 1);
            if (r == null) {
                done = true;
                if (expected >= 0) {
                    throw failure(
                            "the input ends after " + read + " rows but the statement wrote " + expected
                                    + " (objects are missing or were changed)",
                            null);
                }
                return false;
            }
            next = r;
            read++;
            return true;
        } catch (DecodeError e) {
            done = true;
            throw failure(e.getMessage(), null);
        } catch (JsonProcessingException e) {
            done = true;
            throw failure(
                    "row " + (read + 1) + " is malformed JSON"
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr()) + ": " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            done = true;
            throw new UncheckedIOException("Reading the JSON lines stream failed after " + read + " rows", e);
        }
    }

    private ResultFormatException failure(@Nullable String problem, @Nullable Throwable cause) {
        StatementResult s = statement;
        String what = s == null
                ? "the JSON lines stream"
                : "the SQL result of statement " + s.statementId() + " in session " + s.sessionId() + " (" + s.backend()
                        + ")";
        return new ResultFormatException(
                "Cannot read " + what + ": " + problem,
                cause,
                s == null ? null : s.sessionId(),
                s == null ? "none" : s.backend());
    }

    /** The next row. @throws NoSuchElementException when there is none */
    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows (read " + read + ")");
        }
        Row r = Objects.requireNonNull(next);
        next = null;
        return r;
    }

    /** How many rows have been read so far (including one read ahead by {@link #hasNext()}). */
    public long rowsRead() {
        return read;
    }

    /**
     * Reads every remaining row into a list: the whole result in memory, only when you ask for it. Does not close
     * the stream.
     */
    public List<Row> toList() {
        List<Row> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
        }
        return out;
    }

    /** Stops reading and closes the input (on Glue's S3 side channel, also deletes the objects). Idempotent. */
    @Override
    public void close() {
        done = true;
        next = null;
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the row stream failed", e);
        }
    }

    @Override
    public String toString() {
        return "RowStream{columns=" + schema.size() + ", read=" + read + (expected < 0 ? "" : ", rows=" + expected)
                + (truncated ? ", truncated" : "") + "}";
    }

    /** JSON lines from an input stream, parsed lazily. */
    private static final class JsonLines implements Source {
        private final InputStream in;
        private final JsonRowReader reader;
        private @Nullable JsonParser parser;
        private boolean closed;

        JsonLines(InputStream in, Schema schema) {
            this.in = in;
            this.reader = new JsonRowReader(schema);
        }

        @Override
        public @Nullable Row next(long number) throws IOException {
            JsonParser p = parser;
            if (p == null) {
                p = SqlDecoder.JSON.createParser(in);
                parser = p;
            }
            JsonToken t = p.nextToken();
            return t == null ? null : SqlDecoder.row(reader, p, number);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            JsonParser p = parser;
            if (p != null) {
                p.close();
            } else {
                in.close();
            }
        }
    }
}
