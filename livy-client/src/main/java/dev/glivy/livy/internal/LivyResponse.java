package dev.glivy.livy.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer, fully read (within the transport's size cap).
 *
 * @param status the HTTP status
 * @param reason the reason phrase, possibly empty
 * @param body the body bytes, possibly empty
 * @param requestId a request id header from a proxy or gateway ({@code X-Request-Id} and friends), or {@code null}
 * @param authenticate the {@code WWW-Authenticate} header, or {@code null}
 * @param location the {@code Location} header of a redirect, or {@code null}
 */
public record LivyResponse(
        int status,
        String reason,
        byte[] body,
        @Nullable String requestId,
        @Nullable String authenticate,
        @Nullable String location) {

    /** An answer without a {@code Location} header. */
    public LivyResponse(
            int status, String reason, byte[] body, @Nullable String requestId, @Nullable String authenticate) {
        this(status, reason, body, requestId, authenticate, null);
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Whether the status is a redirect (3xx). */
    public boolean redirect() {
        return status >= 300 && status < 400;
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
