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
     * The values a transport sends that are secrets: every custom header value, and the {@code Authorization} values
     * (and their credential part after the scheme) of the most recent requests, {@linkplain #sent recorded} as they
     * are sent, since a bearer token may change between requests. Thread-safe.
     */
    static final class Known {
        private static final int RECENT = 8;
        private final List<String> fixed;
        private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();

        Known(Map<String, String> headers) {
            this.fixed = List.copyOf(headers.values());
        }

        /** Records an {@code Authorization} value just sent. */
        synchronized void sent(String authorization) {
            if (recent.remove(authorization)) {
                // a value sent again (a signer's access key id, say) moves to the front instead of ageing out
                recent.addFirst(authorization);
                return;
            }
            recent.addFirst(authorization);
            int space = authorization.indexOf(' ');
            if (space > 0) {
                recent.addFirst(authorization.substring(space + 1).strip());
            }
            while (recent.size() > 2 * RECENT) {
                recent.removeLast();
            }
        }

        /** Every known secret value. */
        synchronized List<String> all() {
            List<String> out = new java.util.ArrayList<>(fixed);
            out.addAll(recent);
            return out;
        }
    }

    private static void mask(JsonNode node, ObjectMapper json) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (dev.glivy.internal.Redaction.isSecretKey(e.getKey())) {
                    e.setValue(json.getNodeFactory().textNode(MASK));
                } else if (e.getValue().isTextual()) {
                    e.setValue(json.getNodeFactory()
                            .textNode(dev.glivy.internal.Redaction.url(
                                    e.getValue().asText())));
                } else {
                    mask(e.getValue(), json);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(
                            i,
                            json.getNodeFactory()
                                    .textNode(dev.glivy.internal.Redaction.url(
                                            a.get(i).asText())));
                } else {
                    mask(a.get(i), json);
                }
            }
        }
    }
}
