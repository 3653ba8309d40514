package dev.glivy.livy.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The cross-field checks and resolution behind {@code LivyTransportBuilder.build()}: every problem is collected
 * into one {@link IllegalStateException}; user-info in the URL becomes Basic auth; a trust store becomes an
 * SSLContext; unset values take their defaults.
 *
 * @param url the Livy URL, or {@code null} when not set
 * @param auth the explicit auth, or {@code null}
 * @param headers custom headers
 * @param requestedBy {@code X-Requested-By} value, empty for none
 * @param doAs impersonated user, or {@code null}
 * @param connectTimeout explicit connect timeout, or {@code null}
 * @param responseTimeout explicit response timeout, or {@code null}
 * @param heartbeat heartbeat timeout, zero for none
 * @param pageSize list page size
 * @param threads I/O threads
 * @param maxConnections explicit pool size, or {@code null}
 * @param sslContext explicit TLS context, or {@code null}
 * @param trustStore trust store, or {@code null}
 * @param hostnameVerification explicit hostname verification, or {@code null}
 * @param httpClient the caller's client, or {@code null}
 * @param serverVersion the declared version, or {@code null}
 * @param limits the call deadline and answer size caps
 * @param extras request signer, default conf and extra unsupported-settings check
 */
public record SettingsAssembly(
        @Nullable URI url,
        @Nullable HttpAuth auth,
        Map<String, String> headers,
        String requestedBy,
        @Nullable String doAs,
        @Nullable Duration connectTimeout,
        @Nullable Duration responseTimeout,
        Duration heartbeat,
        int pageSize,
        int threads,
        @Nullable Integer maxConnections,
        @Nullable SSLContext sslContext,
        @Nullable KeyStore trustStore,
        @Nullable Boolean hostnameVerification,
        @Nullable CloseableHttpClient httpClient,
        @Nullable LivyVersion serverVersion,
        CallLimits limits,
        TransportSettings.Extras extras) {

    /**
     * Checks and resolves, with the given defaults for unset values.
     *
     * @throws IllegalStateException listing every problem
     */
    public TransportSettings resolve(Duration defaultConnect, Duration defaultResponse, int defaultMaxConnections) {
        List<String> problems = new ArrayList<>();
        if (url == null) {
            problems.add("url must be set, for example url(\"http://127.0.0.1:8998\")");
        }
        HttpAuth fromUrl = url == null ? null : userInfoAuth(url);
        if (fromUrl != null && auth != null) {
            problems.add("url contains credentials and auth(...) is set too; use one of them");
        }
        HttpAuth effective = auth != null ? auth : fromUrl != null ? fromUrl : new HttpAuth.None();
        if (sslContext != null && trustStore != null) {
            problems.add("sslContext(...) and trustStore(...) are both set; put the trust store into the SSLContext, "
                    + "or use one of them");
        }
        if (httpClient != null) {
            List<String> own = new ArrayList<>();
            addIf(own, connectTimeout != null, "connectTimeout");
            addIf(own, responseTimeout != null, "responseTimeout");
            addIf(own, maxConnections != null, "maxConnections");
            addIf(own, sslContext != null, "sslContext");
            addIf(own, trustStore != null, "trustStore");
            addIf(own, hostnameVerification != null, "hostnameVerification");
            addIf(own, effective instanceof HttpAuth.Kerberos, "auth(LivyAuth.kerberos())");
            if (!own.isEmpty()) {
                problems.add(String.join(", ", own) + " apply only to the HttpClient Glivy builds; configure them "
                        + "on the client you pass to httpClient(...)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("LivyTransport cannot be built: " + String.join("; ", problems));
        }
        HttpClientFactory.Options options = new HttpClientFactory.Options(
                connectTimeout != null ? connectTimeout : defaultConnect,
                responseTimeout != null ? responseTimeout : defaultResponse,
                maxConnections != null ? maxConnections : defaultMaxConnections,
                tlsContext(),
                hostnameVerification == null || hostnameVerification,
                effective);
        long hb = heartbeat.toMillis();
        int heartbeatSeconds = (int) Math.min(Integer.MAX_VALUE, (hb + 999) / 1000);
        return new TransportSettings(
                Objects.requireNonNull(url),
                doAs,
                effective,
                headers,
                requestedBy,
                httpClient,
                options,
                threads,
                pageSize,
                heartbeatSeconds,
                serverVersion,
                limits,
                extras);
    }

    /** Shows the URL without credentials only. */
    @Override
    public String toString() {
        return "SettingsAssembly{url=" + (url == null ? null : Redaction.endpoint(url)) + "}";
    }

    private @Nullable SSLContext tlsContext() {
        if (sslContext != null || trustStore == null) {
            return sslContext;
        }
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("trustStore cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    private static @Nullable HttpAuth userInfoAuth(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            return null;
        }
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? "" : decode(info.substring(colon + 1));
        return new HttpAuth.Basic(user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void addIf(List<String> list, boolean condition, String name) {
        if (condition) {
            list.add(name);
        }
    }
}
