package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Livy side of core's one redaction ({@link dev.glivy.internal.Redaction}): URI user-info is removed from
 * endpoints; logged request bodies have the values of secret-looking keys masked at any depth ({@code conf}
 * properties, {@code %%configure} fields such as {@code password}), URL user-info and presigned-URL parameters
 * masked in every string (jars, files), and the exact secrets the transport sends (the {@code Authorization}
 * value, custom header values) masked anywhere, statement code included.
 */
public final class Redaction {
    static final String MASK = dev.glivy.internal.Redaction.MASK;

    private Redaction() {}

    /** {@code uri} without user-info, query or fragment, as text. */
    public static String endpoint(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    /** A request body as text for logging, secrets masked (see the class comment). */
    static String body(JsonNode body, ObjectMapper json, List<String> secrets) {
        JsonNode copy = body.deepCopy();
        mask(copy, json);
        return text(copy.toString(), secrets);
    }

    /** {@code text} with core's redaction and every one of {@code secrets} masked. */
    static String text(String text, List<String> secrets) {
        return dev.glivy.internal.Redaction.text(text, secrets);
    }

    /**
     * The values the transport sends that are secrets: the {@code Authorization} header value (and its credential
     * part after the scheme) and every custom header value.
     */
    static List<String> secrets(HttpAuth auth, Map<String, String> headers) {
        List<String> out = new java.util.ArrayList<>(headers.values());
        auth.authorizationHeader().ifPresent(v -> {
            out.add(v);
            int space = v.indexOf(' ');
            if (space > 0) {
                out.add(v.substring(space + 1).strip());
            }
        });
        return List.copyOf(out);
    }

    private static void mask(JsonNode node, ObjectMapper json) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (dev.glivy.internal.Redaction.isSecretKey(e.getKey())) {
                    e.setValue(json.getNodeFactory().textNode(MASK));
                } else if (e.getValue().isTextual()) {
                    e.setValue(json.getNodeFactory().textNode(dev.glivy.internal.Redaction.url(
                            e.getValue().asText())));
                } else {
                    mask(e.getValue(), json);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, json.getNodeFactory().textNode(dev.glivy.internal.Redaction.url(a.get(i).asText())));
                } else {
                    mask(a.get(i), json);
                }
            }
        }
    }
}
