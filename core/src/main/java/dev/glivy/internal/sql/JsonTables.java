package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.JsonParser;
import dev.glivy.internal.InternalApi;
import dev.glivy.spi.JsonOutput;
import java.io.IOException;

/**
 * Lets a transport decode a Spark JSON table ({@code {"schema": ..., "data": [...]}}, Livy's SQL output) while it
 * parses the backend's answer, so the rows are read in the same pass as the answer instead of being cut out, kept
 * as text and parsed again. This class is the one door the transports (other modules) use to the decoder
 * ({@link ColumnReader}). Stateless; thread-safe.
 */
@InternalApi
public final class JsonTables {
    private JsonTables() {}

    /**
     * Reads the JSON value whose {@code START_OBJECT} is {@code p}'s current token, leaving its {@code END_OBJECT}
     * current, and returns it as the exact bytes of {@code body} it spans ({@code p} must parse {@code body} from
     * offset 0). When the value is a Spark JSON table whose values all fit their columns, the result also carries
     * the rows decoded on the way; otherwise (any other JSON, a value that does not fit) only the bytes, and the SQL
     * decoder reports the problem with the statement's ids if someone reads it as a table.
     *
     * @throws IOException when the JSON is malformed or the value's bytes cannot be located
     */
    public static JsonOutput read(JsonParser p, byte[] body) throws IOException {
        return ColumnReader.readOutput(p, body);
    }
}
