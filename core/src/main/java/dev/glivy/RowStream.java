package dev.glivy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rows decoded one at a time from a stream, in bounded memory: only the current row and the parser's small buffer
 * are held, however large the input. Use it for results too large to materialise.
 *
 * <pre>{@code
 * try (RowStream rows = RowStream.jsonLines(in, schema)) {
 *     while (rows.hasNext()) {
 *         Row r = rows.next();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: iterate from one thread. <b>Ownership:</b> the stream owns the {@link InputStream} it reads
 * and closes it in {@link #close()}; you close the {@code RowStream}.
 */
public final class RowStream implements Iterator<Row>, AutoCloseable {
    private final Schema schema;
    private final InputStream in;
    private @Nullable JsonParser parser;
    private final JsonRowReader reader;
    private @Nullable Row next;
    private long read;
    private boolean done;

    private RowStream(Schema schema, InputStream in) {
        this.schema = schema;
        this.in = in;
        this.reader = new JsonRowReader(schema);
    }

    /**
     * Reads JSON lines in UTF-8: one JSON object per row keyed by column name, as Spark's {@code toJSON} and
     * {@code df.write.json} print them and {@link SqlResult#writeJsonLines} writes them. Missing fields are nulls.
     * Rows may also be positional JSON arrays. Whitespace between rows, including blank lines, is ignored.
     *
     * @param in the input; this stream closes it
     * @param schema the rows' schema, for example {@link Schema#fromJson} of the {@code df.schema.json} Spark printed
     */
    public static RowStream jsonLines(InputStream in, Schema schema) {
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        return new RowStream(schema, in);
    }

    /** The rows' schema. */
    public Schema schema() {
        return schema;
    }

    /**
     * Whether another row follows; reads ahead one row.
     *
     * @throws ResultFormatException when the next row is malformed or does not fit the schema (naming the row
     *     number and the column)
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
        try {
            JsonParser p = parser;
            if (p == null) {
                p = SqlDecoder.JSON.createParser(in);
                parser = p;
            }
            JsonToken t = p.nextToken();
            if (t == null) {
                done = true;
                return false;
            }
            next = SqlDecoder.row(reader, p, read + 1);
            read++;
            return true;
        } catch (DecodeError e) {
            done = true;
            throw new ResultFormatException("Cannot read the JSON lines stream: " + e.getMessage(), null, null,
                    "none");
        } catch (JsonProcessingException e) {
            done = true;
            throw new ResultFormatException("Cannot read the JSON lines stream: row " + (read + 1)
                    + " is malformed JSON" + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
                    + ": " + e.getOriginalMessage(),
                    e, null, "none");
        } catch (IOException e) {
            done = true;
            throw new UncheckedIOException("Reading the JSON lines stream failed after " + read + " rows", e);
        }
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

    /** Closes the input stream. Idempotent. */
    @Override
    public void close() {
        done = true;
        next = null;
        try {
            JsonParser p = parser;
            if (p != null) {
                p.close();
            } else {
                in.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the JSON lines stream failed", e);
        }
    }
}
