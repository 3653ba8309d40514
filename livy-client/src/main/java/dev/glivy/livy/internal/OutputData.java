package dev.glivy.livy.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glivy.StatementResult;
import dev.glivy.internal.sql.JsonTables;
import dev.glivy.spi.JsonOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a statement output's {@code data} (MIME type to value) without building a tree. A JSON string is kept as
 * its text. The {@code application/json} object (the {@code sql} kind's {@code {schema, data}} table) is read by
 * core's table reader in the same pass ({@link JsonTables#read}): it becomes a {@link JsonOutput} holding the exact
 * bytes of the response it spans, with the rows already decoded when it is a Spark JSON table, so a SQL result costs
 * one parse of the answer and neither a String nor a second parse. Any other non-string value is kept as the exact
 * text the server sent, cut out of the response bytes by the parser's byte offsets. Without the response bytes
 * (another source) values are read as trees and written back as compact JSON. {@code null} values are left out.
 */
public final class OutputData extends JsonDeserializer<OutputData.Values> {
    /** The deserialisation attribute holding the response body bytes being parsed. */
    public static final String BODY = "glivy.livy.body";

    /**
     * The outputs read.
     *
     * @param text outputs by MIME type, as text
     * @param json the {@code application/json} output as bytes (not also in {@code text}), or {@code null}
     */
    public record Values(Map<String, String> text, @Nullable JsonOutput json) {}

    @Override
    public Values deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            ctxt.handleUnexpectedToken(Map.class, p);
        }
        Object attr = ctxt.getAttribute(BODY);
        byte[] body = attr instanceof byte[] b ? b : null;
        Map<String, String> out = new LinkedHashMap<>();
        JsonOutput json = null;
        String mime;
        while ((mime = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t == JsonToken.VALUE_STRING) {
                out.put(mime, p.getText());
                continue;
            }
            long start = p.currentTokenLocation().getByteOffset();
            if (body != null
                    && start >= 0
                    && t == JsonToken.START_OBJECT
                    && mime.equals(StatementResult.APPLICATION_JSON)) {
                json = JsonTables.read(p, body);
                continue;
            }
            if (body != null && start >= 0 && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
                p.skipChildren();
                long stop = p.currentLocation().getByteOffset();
                if (stop > start && stop <= body.length) {
                    out.put(mime, new String(body, (int) start, (int) (stop - start), StandardCharsets.UTF_8));
                    continue;
                }
                throw new IOException("cannot locate the " + mime + " output in the response");
            }
            JsonNode tree = ctxt.readTree(p);
            out.put(mime, tree.isTextual() ? tree.asText() : tree.toString());
        }
        if (json != null) {
            out.remove(StatementResult.APPLICATION_JSON);
        }
        return new Values(out, json);
    }
}
