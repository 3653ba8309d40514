package dev.glivy.livy.internal;

import dev.glivy.config.SessionConfig;
import dev.glivy.livy.LivyRequestSigner;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What {@code LivyTransportBuilder} resolved and validated, handed to the transport.
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
 * @param extras what a Livy flavour adds (request signing, default conf, its own unsupported settings)
 */
public record TransportSettings(
        URI url,
        @Nullable String doAs,
        HttpAuth auth,
        Map<String, String> headers,
        String requestedBy,
        @Nullable CloseableHttpClient httpClient,
        HttpClientFactory.Options clientOptions,
        int threads,
        int pageSize,
        int heartbeatSeconds,
        @Nullable LivyVersion serverVersion,
        CallLimits limits,
        Extras extras) {

    /** Copies the headers. */
    public TransportSettings {
        headers = Map.copyOf(headers);
    }

    /** These settings for another Livy URL (the endpoint resolver's new answer). */
    public TransportSettings withUrl(URI other) {
        return new TransportSettings(
                other,
                doAs,
                auth,
                headers,
                requestedBy,
                httpClient,
                clientOptions,
                threads,
                pageSize,
                heartbeatSeconds,
                serverVersion,
                limits,
                extras);
    }

    /**
     * What a Livy flavour (EMR Serverless, say) adds to plain Livy.
     *
     * @param signer signs every request attempt, or {@code null}
     * @param conf Spark properties added to every create body's {@code conf} unless the session sets them
     * @param unsupported more sentences for {@code unsupportedSettings}, or {@code null}
     */
    public record Extras(
            @Nullable LivyRequestSigner signer,
            Map<String, String> conf,
            @Nullable Function<SessionConfig, List<String>> unsupported) {
        /** Nothing added. */
        public static final Extras NONE = new Extras(null, Map.of(), null);

        /** Copies the conf. */
        public Extras {
            conf = Map.copyOf(conf);
        }

        /** Shows the signer's scheme and the conf keys only. */
        @Override
        public String toString() {
            return "Extras{signer=" + (signer == null ? "none" : signer.scheme()) + ", conf=" + conf.keySet() + "}";
        }
    }

    /** Shows the URL without credentials, the auth scheme and header names only. */
    @Override
    public String toString() {
        return "TransportSettings{url=" + Redaction.endpoint(url) + ", auth=" + auth.scheme() + ", headers="
                + headers.keySet() + "}";
    }
}
