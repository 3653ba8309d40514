package dev.glivy.glue;

import dev.glivy.ResultFormatException;
import dev.glivy.Row;
import dev.glivy.RowStream;
import dev.glivy.Schema;
import dev.glivy.StatementResult;
import dev.glivy.glue.internal.PartsInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a SQL query that the session wrote to S3 ({@link GlueTransport#sqlStream}), read back one at a time:
 * the S3 objects are streamed (gzip decompressed on the fly) and decoded row by row, so memory stays bounded however
 * large the result (one row, the JSON parser's and decompressor's buffers, and the HTTP connection's).
 *
 * <pre>{@code
 * try (GlueResultStream rows = glue.sqlStream(session, SqlRequest.of("select * from sales", 5_000_000))) {
 *     while (rows.hasNext()) {
 *         Row r = rows.next();
 *         ...
 *     }
 * }   // deletes the objects under rows.location()
 * }</pre>
 *
 * <p><b>Rows.</b> At most {@link #rowCount()} rows come, in the order Spark wrote them; {@link #truncated()} says
 * whether the query produced more than the request's limit. Values have the same Java types as in
 * {@link dev.glivy.SqlResult}.
 *
 * <p><b>Cleanup.</b> {@link #close()} stops reading (the open S3 response is aborted, not drained) and deletes every
 * object under {@link #location()}; a deletion that fails is logged (WARN, with the keys), never thrown. An object
 * left behind (a crash before {@code close()}, a missing {@code s3:DeleteObject} permission) stays until you delete
 * it or an S3 lifecycle rule on the prefix expires it.
 *
 * <p>Not thread-safe: iterate from one thread. Errors while reading: {@link ResultFormatException} (a row does not
 * fit the schema, objects hold fewer rows than the session wrote) and {@link java.io.UncheckedIOException} (the
 * connection failed; a failed read is not retried).
 */
public final class GlueResultStream implements Iterator<Row>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final Schema schema;
    private final long rowCount;
    private final boolean truncated;
    private final String location;
    private final StatementResult statement;
    private final PartsInputStream parts;
    private final RowStream rows;
    private final Runnable cleanup;
    private long read;
    private boolean closed;

    GlueResultStream(Schema schema, long rowCount, boolean truncated, String location, StatementResult statement,
            PartsInputStream parts, Runnable cleanup) {
        this.schema = schema;
        this.rowCount = rowCount;
        this.truncated = truncated;
        this.location = location;
        this.statement = statement;
        this.parts = parts;
        this.rows = RowStream.jsonLines(parts, schema);
        this.cleanup = cleanup;
    }

    /** The columns. */
    public Schema schema() {
        return schema;
    }

    /** How many rows this stream yields: the rows the query produced, at most the request's limit. */
    public long rowCount() {
        return rowCount;
    }

    /** {@code true} when the query produced more rows than the request's limit. */
    public boolean truncated() {
        return truncated;
    }

    /** Where the rows are, {@code s3://bucket/prefix/glivy-<time>-<id>/}; deleted by {@link #close()}. */
    public String location() {
        return location;
    }

    /** The statement that ran the generated code; its output is the small pointer to {@link #location()}. */
    public StatementResult statement() {
        return statement;
    }

    /** How many rows have been returned by {@link #next()} so far. */
    public long rowsRead() {
        return read;
    }

    /** Bytes fetched from S3 so far, as stored (compressed). */
    public long bytesRead() {
        return parts.bytesRead();
    }

    /**
     * Whether another row follows.
     *
     * @throws ResultFormatException when the objects end before {@link #rowCount()} rows, or a row does not fit
     *     the schema
     */
    @Override
    public boolean hasNext() {
        if (closed || read >= rowCount) {
            return false;
        }
        if (!rows.hasNext()) {
            throw new ResultFormatException("Cannot read the SQL result under " + location + ": the objects end "
                    + "after " + read + " rows but the session wrote " + rowCount + " (objects are missing or were "
                    + "changed)", null, statement.sessionId(), statement.backend());
        }
        return true;
    }

    /** The next row. @throws NoSuchElementException when there is none */
    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows (read " + read + " of " + rowCount + ")");
        }
        read++;
        return rows.next();
    }

    /**
     * Reads every remaining row into a list: the whole result in memory, only when you ask for it. The objects are
     * still deleted only by {@link #close()}.
     */
    public List<Row> toList() {
        List<Row> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
        }
        return out;
    }

    /** Stops reading and deletes the objects under {@link #location()}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the S3 result stream under {} failed: {}", location, e.toString());
        }
        cleanup.run();
    }

    @Override
    public String toString() {
        return "GlueResultStream{location=" + location + ", rows=" + rowCount + ", truncated=" + truncated
                + ", read=" + read + "}";
    }
}
