package dev.glivy.spi;

import dev.glivy.internal.sql.Utf8Json;
import java.util.Objects;

/**
 * A statement's {@code application/json} output in the form the transport read it: JSON text, or the exact UTF-8
 * bytes of the value inside the backend's answer (not copied, so a large output costs no second copy and no
 * {@link String}). Core decodes SQL tables straight from these bytes; {@link #text()} turns them into text only when
 * someone asks for it. Give one to {@link RemoteStatement.Builder#jsonOutput(JsonOutput)}.
 *
 * <p>Glivy implements this interface; transports create instances with {@link #of(String)} and
 * {@link #utf8(byte[], int, int)}. Immutable; thread-safe as long as nobody modifies the bytes.
 *
 * @since 1.0
 */
public interface JsonOutput {
    /** The JSON text; for a byte form decoded anew on each call (keep the result if you need it twice). */
    String text();

    /** The output's size in bytes (UTF-8) or characters (text), for messages and limits. */
    int length();

    /** JSON text as is. */
    static JsonOutput of(String json) {
        Objects.requireNonNull(json, "json must not be null");
        return new Utf8Json.Text(json);
    }

    /**
     * The JSON value held in {@code bytes[offset, offset + length)} as UTF-8. The array is kept, not copied: you
     * must not modify it afterwards.
     *
     * @throws IndexOutOfBoundsException when the range is outside {@code bytes}
     */
    static JsonOutput utf8(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Utf8Json(bytes, offset, length, null);
    }
}
