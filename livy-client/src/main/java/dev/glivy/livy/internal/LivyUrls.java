package dev.glivy.livy.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Request URIs below the Livy base URL (which may carry a path prefix, as behind Apache Knox), with path segments
 * and query values percent-encoded and the optional {@code doAs} impersonation parameter on every call.
 */
public final class LivyUrls {
    private final String base;
    private final String endpoint;
    private final @Nullable String doAs;

    /** URIs below {@code base} (no user-info, no trailing slash needed). */
    public LivyUrls(URI base, @Nullable String doAs) {
        String text = Redaction.endpoint(base);
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.endpoint = this.base;
        this.doAs = doAs;
    }

    /** The base URL for messages (never has credentials). */
    public String endpoint() {
        return endpoint;
    }

    /** The URI of {@code path} (already encoded) with {@code query} (not encoded). */
    public URI uri(String path, Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        if (doAs != null) {
            q.put("doAs", doAs);
        }
        StringBuilder sb = new StringBuilder(base).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                sb.append(c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
