package dev.glivy.internal.sql;

import dev.glivy.internal.InternalApi;
import dev.glivy.spi.JsonOutput;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The byte form of {@link JsonOutput}: a UTF-8 slice of the backend's answer, and, when the transport let core's
 * table reader decode it during the response parse ({@link JsonTables}), the decoded table, so the SQL decoder
 * neither parses the bytes again nor builds a String. The slice keeps the whole answer array reachable; once a SQL
 * result is decoded its statement drops this output (see {@code SqlResult#statement()}).
 */
@InternalApi
public final class Utf8Json implements JsonOutput {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final @Nullable ColumnTable table;

    /** A slice, with the table decoded from it or {@code null}. */
    public Utf8Json(byte[] bytes, int offset, int length, @Nullable ColumnTable table) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.table = table;
    }

    /** The array holding the value. */
    public byte[] bytes() {
        return bytes;
    }

    /** Where the value starts in {@link #bytes()}. */
    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    /** The table decoded during the response parse, or {@code null} when it was not (or could not be). */
    public @Nullable ColumnTable table() {
        return table;
    }

    @Override
    public String text() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "JsonOutput{" + length + " bytes" + (table == null ? "" : ", " + table.size() + " rows decoded") + "}";
    }

    /** The text form of {@link JsonOutput}. */
    @InternalApi
    public record Text(String text) implements JsonOutput {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public String toString() {
            return "JsonOutput{" + text.length() + " characters}";
        }
    }
}
