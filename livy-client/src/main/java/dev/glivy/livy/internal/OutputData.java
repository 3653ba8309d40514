package dev.glivy.livy.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a statement output's {@code data} (MIME type to value) without building a tree: a JSON string is kept as
 * its text, any other value (the {@code sql} kind's {@code {schema, data}} table, a JSON output) as the exact text
 * the server sent, cut out of the response bytes by the parser's byte offsets. A SQL table therefore costs one
 * token walk here and one parse in the row decoder, instead of a tree, a re-serialisation and a parse. Without the
 * response bytes (another source) the value is read as a tree and written back as compact JSON. {@code null}
 * values are left out.
 */
public final class OutputData extends JsonDeserializer<Map<String, String>> {
    /** The deserialisation attribute holding the response body bytes being parsed. */
    public static final String BODY = "glivy.livy.body";

    @Override
    public Map<String, String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            ctxt.handleUnexpectedToken(Map.class, p);
        }
        Object attr = ctxt.getAttribute(BODY);
        byte[] body = attr instanceof byte[] b ? b : null;
        Map<String, String> out = new LinkedHashMap<>();
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
            if (body != null && start >= 0 && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
                p.skipChildren();
                JsonLocation end = p.currentLocation();
                long stop = end.getByteOffset();
                if (stop > start && stop <= body.length) {
                    out.put(mime, new String(body, (int) start, (int) (stop - start), StandardCharsets.UTF_8));
                    continue;
                }
                throw new IOException("cannot locate the " + mime + " output in the response");
            }
            JsonNode tree = ctxt.readTree(p);
            out.put(mime, tree.isTextual() ? tree.asText() : tree.toString());
        }
        return out;
    }
}
