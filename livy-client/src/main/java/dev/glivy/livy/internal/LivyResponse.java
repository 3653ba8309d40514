package dev.glivy.livy.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer, fully read.
 *
 * @param status the HTTP status
 * @param reason the reason phrase, possibly empty
 * @param body the body bytes, possibly empty
 * @param requestId a request id header from a proxy or gateway ({@code X-Request-Id} and friends), or {@code null}
 * @param authenticate the {@code WWW-Authenticate} header, or {@code null}
 */
public record LivyResponse(int status, String reason, byte[] body, @Nullable String requestId,
        @Nullable String authenticate) {

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
