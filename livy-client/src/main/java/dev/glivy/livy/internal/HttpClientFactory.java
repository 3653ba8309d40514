package dev.glivy.livy.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.KerberosConfig;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.SPNegoSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link CloseableHttpClient} a transport owns: pooled connections with a connect timeout and a socket
 * (response) timeout on every call, stale-connection checks, no automatic retries (Glivy's core retries, so that
 * calls that are not idempotent are never repeated blindly), no redirects followed (HttpClient would resend the
 * Authorization and custom headers to whatever host the server names, and replay a {@code POST} as a {@code GET};
 * Glivy reports the redirect instead), TLS with the given context and hostname verification
 * on unless turned off, and a SPNEGO scheme for Kerberos.
 */
public final class HttpClientFactory {
    /** Pooled connections are checked before reuse after this much idleness. */
    static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);
    /** How long a call waits for a pooled connection. */
    static final Timeout CONNECTION_REQUEST_TIMEOUT = Timeout.ofSeconds(30);

    private HttpClientFactory() {}

    /**
     * What the built client needs.
     *
     * @param connectTimeout TCP (and TLS) connect timeout
     * @param responseTimeout socket timeout waiting for response data
     * @param maxConnections pool size (total and per route)
     * @param sslContext TLS context, or {@code null} for the JVM default
     * @param hostnameVerification whether the server's certificate must match the host name
     * @param auth the auth scheme; Kerberos registers SPNEGO
     */
    public record Options(
            Duration connectTimeout,
            Duration responseTimeout,
            int maxConnections,
            @Nullable SSLContext sslContext,
            boolean hostnameVerification,
            HttpAuth auth) {

        /**
         * What decides whether two transports can share one client: these options with the auth reduced to what
         * the client itself holds (only Kerberos registers a scheme; Basic and bearer are a header per request, so
         * their credentials never become part of a key).
         */
        public Options sharingKey() {
            return auth instanceof HttpAuth.Kerberos
                    ? this
                    : new Options(
                            connectTimeout,
                            responseTimeout,
                            maxConnections,
                            sslContext,
                            hostnameVerification,
                            new HttpAuth.None());
        }
    }

    /** Builds a client; {@code interceptor}, when given, runs first in the exec chain (used by test fixtures). */
    public static CloseableHttpClient build(Options o, @Nullable ExecChainHandler interceptor) {
        HttpClientBuilder b = HttpClients.custom()
                .setConnectionManager(connectionManager(o))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout(o.responseTimeout()))
                        .setConnectionRequestTimeout(CONNECTION_REQUEST_TIMEOUT)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent("glivy-livy");
        if (o.auth() instanceof HttpAuth.Kerberos k) {
            spnego(b, k);
        }
        if (interceptor != null) {
            b.addExecInterceptorFirst("glivy-test", interceptor);
        }
        return b.build();
    }

    private static PoolingHttpClientConnectionManager connectionManager(Options o) {
        PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(o.maxConnections())
                .setMaxConnPerRoute(o.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(o.connectTimeout()))
                        .setSocketTimeout(timeout(o.responseTimeout()))
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build());
        SSLContext ctx = o.sslContext();
        if (ctx != null || !o.hostnameVerification()) {
            SSLContext use = ctx != null ? ctx : defaultContext();
            cm.setTlsSocketStrategy(
                    o.hostnameVerification()
                            ? new DefaultClientTlsStrategy(use)
                            : new DefaultClientTlsStrategy(
                                    use, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE));
        }
        return cm.build();
    }

    /** HttpClient 5.4 marks its GSS schemes deprecated; they are still the only SPNEGO it ships. */
    @SuppressWarnings("deprecation")
    private static void spnego(HttpClientBuilder b, HttpAuth.Kerberos k) {
        KerberosConfig config = KerberosConfig.custom()
                .setUseCanonicalHostname(
                        k.useCanonicalHostname() ? KerberosConfig.Option.ENABLE : KerberosConfig.Option.DISABLE)
                .setStripPort(KerberosConfig.Option.ENABLE)
                .build();
        b.setDefaultAuthSchemeRegistry(RegistryBuilder.<AuthSchemeFactory>create()
                .register(StandardAuthScheme.SPNEGO, new SPNegoSchemeFactory(config, null))
                .build());
        b.setDefaultCredentialsProvider(new BasicCredentialsProvider());
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    private static Timeout timeout(Duration d) {
        return Timeout.of(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
