package dev.glivy.livy;

import dev.glivy.config.SessionConfig;
import dev.glivy.internal.Durations;
import dev.glivy.livy.internal.CallLimits;
import dev.glivy.livy.internal.LivyVersion;
import dev.glivy.livy.internal.Redaction;
import dev.glivy.livy.internal.SettingsAssembly;
import dev.glivy.livy.internal.TransportSettings;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link LivyTransport}. As a {@link SessionTransport.Factory}, pass it to
 * {@code SessionBuilder.transport(...)} and the session creates (and closes) its own transport. Setters check
 * their argument at once; {@link #build()} checks the combination and reports every problem in one
 * {@link IllegalStateException}.
 *
 * <p>Not thread-safe.
 */
public final class LivyTransportBuilder implements SessionTransport.Factory {
    private @Nullable URI url;
    private @Nullable LivyAuth auth;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String requestedBy = LivyTransport.DEFAULT_REQUESTED_BY;
    private @Nullable String doAs;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration responseTimeout;
    private Duration heartbeatTimeout = LivyTransport.DEFAULT_HEARTBEAT_TIMEOUT;
    private int pageSize = LivyTransport.DEFAULT_PAGE_SIZE;
    private int threads = LivyTransport.DEFAULT_THREADS;
    private @Nullable Integer maxConnections;
    private @Nullable SSLContext sslContext;
    private @Nullable KeyStore trustStore;
    private @Nullable Boolean hostnameVerification;
    private @Nullable CloseableHttpClient httpClient;
    private @Nullable LivyVersion serverVersion;
    private int sqlRowCap = SqlPlan.DEFAULT_SQL_ROW_CAP;
    private boolean sqlKind;
    private Duration callTimeout = LivyTransport.DEFAULT_CALL_TIMEOUT;
    private long maxResponseSize = LivyTransport.DEFAULT_MAX_RESPONSE_SIZE;
    private long maxStatementOutputSize = LivyTransport.DEFAULT_MAX_STATEMENT_OUTPUT_SIZE;
    private @Nullable LivyRequestSigner signer;
    private @Nullable Supplier<URI> endpointResolver;
    private final Map<String, String> defaultConf = new LinkedHashMap<>();
    private @Nullable Function<SessionConfig, List<String>> unsupportedCheck;
    private final List<AutoCloseable> closeWith = new java.util.ArrayList<>();

    /** Use {@link LivyTransport#builder()}. */
    LivyTransportBuilder() {}

    /**
     * The Livy base URL, for example {@code http://127.0.0.1:8998} or {@code https://gw:8443/gateway/x/livy}.
     * Required. User-info in the URL ({@code https://user:password@host}) becomes Basic authentication and is
     * never shown.
     *
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
     */
    public LivyTransportBuilder url(String url) {
        Objects.requireNonNull(url, "url must not be null");
        try {
            return url(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url must be an http or https URL like http://127.0.0.1:8998 but "
                    + "is not a valid URI: " + e.getReason());
        }
    }

    /**
     * The Livy base URL; see {@link #url(String)}. Redirects from this URL are not followed: HttpClient would
     * send the {@code Authorization} and custom headers to whatever host the server names and replay a
     * {@code POST /sessions} as a {@code GET}. A redirect answer fails with a
     * {@link dev.glivy.SessionBackendException} (not retryable) naming the target, so you can set the URL to
     * it if you trust it.
     */
    public LivyTransportBuilder url(URI url) {
        Objects.requireNonNull(url, "url must not be null");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an http or https URL with a host, like "
                    + "http://127.0.0.1:8998, but was '"
                    + (url.getHost() == null ? "(no host)" : Redaction.endpoint(url)) + "'");
        }
        this.url = url;
        return this;
    }

    /** How to authenticate. Default {@link LivyAuth#none()} (or Basic from the URL's user-info). */
    public LivyTransportBuilder auth(LivyAuth auth) {
        this.auth = Objects.requireNonNull(auth, "auth must not be null");
        return this;
    }

    /**
     * A header sent with every request, for example a gateway's API key. Values are never logged or shown.
     *
     * @throws IllegalArgumentException when the name is blank or is one Glivy manages ({@code Content-Type},
     *     {@code Content-Length}, {@code Host})
     */
    public LivyTransportBuilder header(String name, String value) {
        Objects.requireNonNull(name, "header name must not be null");
        Objects.requireNonNull(value, () -> "value of header " + name + " must not be null");
        String n = name.strip();
        if (n.isEmpty() || Set.of("content-type", "content-length", "host").contains(n.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header name must be a custom header (not blank, Content-Type, "
                    + "Content-Length or Host) but was '" + name + "'");
        }
        headers.put(n, value);
        return this;
    }

    /** Adds every header of {@code all}; see {@link #header(String, String)}. */
    public LivyTransportBuilder headers(Map<String, String> all) {
        Objects.requireNonNull(all, "headers must not be null").forEach(this::header);
        return this;
    }

    /**
     * The {@code X-Requested-By} header value Livy's CSRF protection ({@code livy.server.csrf-protection}) asks
     * for on POST and DELETE. Default {@value LivyTransport#DEFAULT_REQUESTED_BY}, on every request; an empty string sends no
     * such header.
     */
    public LivyTransportBuilder requestedBy(String value) {
        this.requestedBy =
                Objects.requireNonNull(value, "requestedBy must not be null").strip();
        return this;
    }

    /**
     * Impersonation: adds {@code doAs=<user>} to every call (Livy superusers only; it wins over
     * {@code proxyUser}). Default none.
     */
    public LivyTransportBuilder doAs(String user) {
        Objects.requireNonNull(user, "doAs must not be null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("doAs must not be blank");
        }
        this.doAs = user.strip();
        return this;
    }

    /** TCP and TLS connect timeout of the client Glivy builds. Default {@link LivyTransport#DEFAULT_CONNECT_TIMEOUT}. */
    public LivyTransportBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Durations.positive("connectTimeout", timeout);
        return this;
    }

    /**
     * How long a call waits for response data on the client Glivy builds. Default
     * {@link LivyTransport#DEFAULT_RESPONSE_TIMEOUT}.
     */
    public LivyTransportBuilder responseTimeout(Duration timeout) {
        this.responseTimeout = Durations.positive("responseTimeout", timeout);
        return this;
    }

    /**
     * The heartbeat timeout sent as {@code heartbeatTimeoutInSecond}: Livy deletes a session that heard nothing
     * from its client for this long. While the session is open Glivy refreshes it every quarter of it from the
     * shared scheduler. Whole seconds (rounded up); {@link Duration#ZERO} sends no heartbeat and does no
     * keep-alive. Default {@link LivyTransport#DEFAULT_HEARTBEAT_TIMEOUT}.
     */
    public LivyTransportBuilder heartbeatTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "heartbeatTimeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("heartbeatTimeout must be >= 0 but was " + timeout);
        }
        this.heartbeatTimeout = timeout;
        return this;
    }

    /** Sessions or statements asked for per page when listing. Default {@value LivyTransport#DEFAULT_PAGE_SIZE}. */
    public LivyTransportBuilder pageSize(int size) {
        if (size < 1 || size > 10_000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 10000 but was " + size);
        }
        this.pageSize = size;
        return this;
    }

    /**
     * Most concurrent HTTP calls: the size of the I/O thread pool this transport shares with every transport of
     * the same setting (daemon threads, started on demand, ended after 5 idle minutes, longer than the
     * keep-alive interval, and when the last transport using them closes). Default {@value LivyTransport#DEFAULT_THREADS}.
     */
    public LivyTransportBuilder threads(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64 but was " + count);
        }
        this.threads = count;
        return this;
    }

    /** Pooled connections of the client Glivy builds. Default {@value LivyTransport#DEFAULT_MAX_CONNECTIONS}. */
    public LivyTransportBuilder maxConnections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxConnections must be > 0 but was " + count);
        }
        this.maxConnections = count;
        return this;
    }

    /**
     * The TLS context (trusted certificates, client certificate for mutual TLS) of the client Glivy builds.
     * Default: the JVM's. Exclusive with {@link #trustStore}.
     */
    public LivyTransportBuilder sslContext(SSLContext context) {
        this.sslContext = Objects.requireNonNull(context, "sslContext must not be null");
        return this;
    }

    /**
     * Trusts the certificates of a key store file (PKCS12 or JKS, detected) instead of the JVM's defaults.
     *
     * @param file the key store file
     * @param password its password, or {@code null} when it has none; never logged or shown
     * @throws IllegalArgumentException when the file cannot be read as a key store
     */
    public LivyTransportBuilder trustStore(Path file, char @Nullable [] password) {
        Objects.requireNonNull(file, "trustStore file must not be null");
        try {
            return trustStore(KeyStore.getInstance(file.toFile(), password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "trustStore '" + file + "' cannot be read as a PKCS12 or JKS key " + "store ("
                            + e.getClass().getSimpleName() + "); check the path and password",
                    e);
        }
    }

    /** Trusts the certificates of {@code store} instead of the JVM's defaults. */
    public LivyTransportBuilder trustStore(KeyStore store) {
        this.trustStore = Objects.requireNonNull(store, "trustStore must not be null");
        return this;
    }

    /**
     * Whether the server certificate must match the URL's host. Default {@code true}; turn it off only for test
     * servers with certificates for another name.
     */
    public LivyTransportBuilder hostnameVerification(boolean verify) {
        this.hostnameVerification = verify;
        return this;
    }

    /**
     * Uses your HttpClient instead of building one. <b>Glivy never closes it.</b> Its own timeouts, TLS, proxy
     * and auth schemes apply, so {@link #connectTimeout}, {@link #responseTimeout}, {@link #maxConnections},
     * TLS settings and {@link LivyAuth#kerberos()} cannot be combined with it. Turn off its automatic retries
     * ({@code disableAutomaticRetries()}) so that statements are never submitted twice behind Glivy's back.
     */
    public LivyTransportBuilder httpClient(CloseableHttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
        return this;
    }

    /**
     * Declares the server's Livy version (for example {@code "0.7.1"}) so Glivy need not ask {@code GET /version}
     * and can report version-dependent settings when the session is built. Default: asked once per endpoint while
     * any transport for it is open.
     *
     * @throws IllegalArgumentException when it holds no {@code major.minor} version
     */
    public LivyTransportBuilder serverVersion(String version) {
        LivyVersion v = LivyVersion.parse(Objects.requireNonNull(version, "serverVersion must not be null"));
        if (!v.known()) {
            throw new IllegalArgumentException("serverVersion must look like 0.7.1 but was '" + version + "'");
        }
        this.serverVersion = v;
        return this;
    }

    /**
     * The most rows the server's {@code sql} statements return: set it to the server's
     * {@code livy.rsc.sql.num-rows}. With {@link #sqlKind(boolean) sqlKind(true)}, queries asking for fewer rows
     * run as {@code sql} statements; others run as generated Scala or Python code. Default {@value SqlPlan#DEFAULT_SQL_ROW_CAP} (Livy's default).
     */
    public LivyTransportBuilder sqlRowCap(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("sqlRowCap must be > 0 but was " + rows);
        }
        this.sqlRowCap = rows;
        return this;
    }

    /**
     * Whether {@code InteractiveSession.sql} may use Livy's own {@code sql} statement kind (for limits below
     * {@link #sqlRowCap}) instead of generated Scala or Python code. Default {@code false}: the {@code sql} kind
     * is lossy on Livy 0.7 (decimals as doubles, timestamps cut to seconds, struct columns fail; see
     * {@link LivyTransport#planSql}). Turn it on for a session that cannot run Scala or Python, or when those
     * types do not occur and a server-side row cap is acceptable.
     *
     * @since 0.2
     */
    public LivyTransportBuilder sqlKind(boolean use) {
        this.sqlKind = use;
        return this;
    }

    /**
     * The overall deadline of one HTTP call, from the moment it is queued on the I/O threads until its answer is
     * read whole; the call is then aborted and fails with a retryable {@link dev.glivy.SessionTransportException}
     * (Livy may have received it). Unlike {@link #responseTimeout}, which bounds each wait for data, it holds
     * against a server that trickles its answer. It applies with a caller's {@link #httpClient} too. Glivy's own
     * deadlines (start, statement, close) still bound the whole operation. Default
     * {@link LivyTransport#DEFAULT_CALL_TIMEOUT}.
     */
    public LivyTransportBuilder callTimeout(Duration timeout) {
        this.callTimeout = Durations.positive("callTimeout", timeout);
        return this;
    }

    /**
     * The largest control answer read (sessions, states, logs, lists), in bytes. Answers are read as a stream:
     * one that declares or reaches more fails at once with a {@link dev.glivy.SessionBackendException} naming
     * the cap, and its connection is dropped unread. Default {@value LivyTransport#DEFAULT_MAX_RESPONSE_SIZE} (8 MiB).
     *
     * @throws IllegalArgumentException when it is below 1024
     */
    public LivyTransportBuilder maxResponseSize(long bytes) {
        this.maxResponseSize = size("maxResponseSize", bytes);
        return this;
    }

    /**
     * The largest answer carrying statement output read ({@code GET} of a statement or of the statement list,
     * the submit answer), in bytes; see {@link #maxResponseSize}. A statement whose output is larger fails with
     * a {@link dev.glivy.SessionBackendException} naming the cap. Default
     * {@value LivyTransport#DEFAULT_MAX_STATEMENT_OUTPUT_SIZE} (64 MiB).
     *
     * @throws IllegalArgumentException when it is below 1024
     */
    public LivyTransportBuilder maxStatementOutputSize(long bytes) {
        this.maxStatementOutputSize = size("maxStatementOutputSize", bytes);
        return this;
    }

    private static long size(String name, long bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException(name + " must be >= 1024 but was " + bytes);
        }
        return bytes;
    }

    /**
     * Signs every request attempt (retries, pages and polls included, each anew) with {@code signer}, for
     * endpoints that require signed requests, such as AWS SigV4 on EMR Serverless Livy endpoints
     * ({@code glivy-livy-aws}). The headers it returns are sent and treated as secrets. Default: none.
     *
     * @since 0.3
     */
    public LivyTransportBuilder requestSigner(LivyRequestSigner signer) {
        this.signer = Objects.requireNonNull(signer, "requestSigner must not be null");
        return this;
    }

    /**
     * Asks {@code resolver} again for the Livy URL when the server may have moved: before a session is created
     * after one of this transport's calls found a session lost or the server unreachable, and when a call about
     * a session cannot reach the server at all. When it names a new URL, the transport moves there and the
     * sessions of the old server fail with {@link dev.glivy.SessionLostException} (which
     * {@code SessionBuilder.recreateLostSession(true)} turns into a new session on the new server).
     * {@link #url} stays required: it is the first answer, so {@link #build()} makes no call. The resolver runs
     * on Glivy's I/O threads, one call at a time; an exception it throws fails the call that needed it with a
     * retryable {@link dev.glivy.SessionTransportException}. Give each session its own transport (pass this
     * builder to the session builder) when you use it: a server that replaced another reuses its session ids.
     * Default: none, the URL never changes.
     *
     * @since 0.3
     */
    public LivyTransportBuilder endpointResolver(Supplier<URI> resolver) {
        this.endpointResolver = Objects.requireNonNull(resolver, "endpointResolver must not be null");
        return this;
    }

    /**
     * A Spark property put into the {@code conf} of every session this transport creates, unless the session
     * sets it itself ({@code %spark_conf}, {@code %%configure}). For what a Livy flavour requires, such as EMR
     * Serverless's execution role. The value is sent as is; it is logged like any {@code conf} value (masked
     * when its key looks secret). Default: none.
     *
     * @since 0.3
     */
    public LivyTransportBuilder defaultConf(String key, String value) {
        Objects.requireNonNull(key, "defaultConf key must not be null");
        Objects.requireNonNull(value, () -> "value of defaultConf " + key + " must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("defaultConf key must not be blank");
        }
        defaultConf.put(key.strip(), value);
        return this;
    }

    /**
     * More settings this server cannot honour, added to {@link LivyTransport#unsupportedSettings}: one sentence
     * each, reported like the Glue-only settings (listener warnings, errors with {@code strict(true)}). For
     * Livy flavours that refuse what plain Livy accepts. It must not call the server and must not throw.
     * Default: none.
     *
     * @since 0.3
     */
    public LivyTransportBuilder unsupportedSettings(Function<SessionConfig, List<String>> check) {
        this.unsupportedCheck = Objects.requireNonNull(check, "unsupportedSettings must not be null");
        return this;
    }

    /**
     * A resource closed when the transport closes (after its own I/O resources), for what a wrapper such as
     * {@code glivy-livy-aws} created for this transport (its credentials provider, its EMR client). Every
     * transport built by this builder closes it, so build one transport per builder when you use it. Default:
     * none.
     *
     * @since 0.3
     */
    public LivyTransportBuilder closeWith(AutoCloseable resource) {
        closeWith.add(Objects.requireNonNull(resource, "closeWith must not be null"));
        return this;
    }

    /** Same as {@link #build()}: a new transport the caller owns. */
    @Override
    public SessionTransport create() {
        return build();
    }

    /**
     * Builds the transport (no network call is made).
     *
     * @throws IllegalStateException listing every problem: no URL, settings that conflict with a caller's
     *     HttpClient, credentials both in the URL and in {@link #auth}, both an SSL context and a trust store
     */
    public LivyTransport build() {
        return new LivyTransport(
                new SettingsAssembly(
                                url,
                                auth == null ? null : auth.internal(),
                                headers,
                                requestedBy,
                                doAs,
                                connectTimeout,
                                responseTimeout,
                                heartbeatTimeout,
                                pageSize,
                                threads,
                                maxConnections,
                                sslContext,
                                trustStore,
                                hostnameVerification,
                                httpClient,
                                serverVersion,
                                new CallLimits(callTimeout, maxResponseSize, maxStatementOutputSize),
                                new TransportSettings.Extras(signer, defaultConf, unsupportedCheck))
                        .resolve(
                                LivyTransport.DEFAULT_CONNECT_TIMEOUT,
                                LivyTransport.DEFAULT_RESPONSE_TIMEOUT,
                                LivyTransport.DEFAULT_MAX_CONNECTIONS),
                endpointResolver,
                closeWith,
                sqlRowCap,
                sqlKind);
    }
}
