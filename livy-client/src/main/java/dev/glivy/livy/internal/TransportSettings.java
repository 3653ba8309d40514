package dev.glivy.livy.internal;

import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What {@code LivyTransport.Builder} resolved and validated, handed to the transport.
 *
 * @param url the Livy base URL without user-info
 * @param doAs the {@code doAs} user for every call, or {@code null}
 * @param auth the auth scheme
 * @param headers custom headers for every request
 * @param requestedBy the {@code X-Requested-By} value, empty for none
 * @param httpClient the caller's client (never closed), or {@code null} to build one
 * @param clientOptions how to build the client when {@code httpClient} is {@code null}
 * @param threads most concurrent calls
 * @param pageSize items per page when listing
 * @param heartbeatSeconds the heartbeat timeout to send, 0 for none
 * @param serverVersion the declared server version, or {@code null} to probe it
 * @param limits the deadline and size caps of every call
 */
public record TransportSettings(URI url, @Nullable String doAs, HttpAuth auth, Map<String, String> headers,
        String requestedBy, @Nullable CloseableHttpClient httpClient, HttpClientFactory.Options clientOptions,
        int threads, int pageSize, int heartbeatSeconds, @Nullable LivyVersion serverVersion, CallLimits limits) {

    /** Copies the headers. */
    public TransportSettings {
        headers = Map.copyOf(headers);
    }

    /** Shows the URL without credentials, the auth scheme and header names only. */
    @Override
    public String toString() {
        return "TransportSettings{url=" + Redaction.endpoint(url) + ", auth=" + auth.scheme() + ", headers="
                + headers.keySet() + "}";
    }
}
