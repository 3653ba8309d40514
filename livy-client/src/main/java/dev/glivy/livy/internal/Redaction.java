package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of logs and messages: URI user-info is removed, and Spark properties whose names look secret
 * (Spark's own default {@code spark.redaction.regex}) are masked in logged request bodies.
 */
public final class Redaction {
    /** Spark's default {@code spark.redaction.regex}. */
    static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key|credential");
    static final String MASK = "*********(redacted)";

    private Redaction() {}

    /** {@code uri} without user-info, query or fragment, as text. */
    public static String endpoint(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    /** A request body as text for logging, with secret-looking {@code conf} values masked. */
    static String body(JsonNode body, ObjectMapper json) {
        JsonNode copy = body.deepCopy();
        if (copy instanceof ObjectNode o && o.get("conf") instanceof ObjectNode conf) {
            Iterator<Map.Entry<String, JsonNode>> it = conf.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET_KEY.matcher(e.getKey()).find()) {
                    e.setValue(json.getNodeFactory().textNode(MASK));
                }
            }
        }
        return copy.toString();
    }
}
