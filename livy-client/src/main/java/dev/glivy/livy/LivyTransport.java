package dev.glivy.livy;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.internal.CallLimits;
import dev.glivy.livy.internal.EndpointRoute;
import dev.glivy.livy.internal.LivyProtocol;
import dev.glivy.livy.internal.LivyVersion;
import dev.glivy.livy.internal.Redaction;
import dev.glivy.livy.internal.SettingsAssembly;
import dev.glivy.livy.internal.StatementPaging;
import dev.glivy.livy.internal.TransportSettings;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import dev.glivy.internal.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Runs Glivy sessions on an Apache Livy server (0.5 or later; also Livy-compatible servers such as Lighter) through
 * its REST API. Pass its builder to {@code InteractiveSession.builder().transport(...)}:
 *
 * <pre>{@code
 * InteractiveSession.builder()
 *         .transport(LivyTransport.builder().url("http://127.0.0.1:8998").auth(LivyAuth.kerberos()))
 *         .start();
 * }</pre>
 *
 * <p>What it does: creates sessions with the configuration mapped to Livy's create body (see
 * {@link #unsupportedSettings}), sends every statement with its own kind ({@code spark}, {@code pyspark},
 * {@code sparkr}, {@code sql}), maps Livy's states, outputs and errors, reads session logs, and keeps sessions alive
 * with Livy's heartbeat while they are open. Every HTTP call has a connect and a response (per read) timeout, an
 * overall deadline ({@link Builder#callTimeout}) after which it is aborted, and a cap on the answer's size
 * ({@link Builder#maxResponseSize}, {@link Builder#maxStatementOutputSize}), and makes one attempt; Glivy's core
 * retries and polls. Redirects are never followed (see {@link Builder#url(URI)}).
 *
 * <p><b>Shared I/O resources.</b> Every transport built in the process, in either form (a builder passed to the
 * session builder, or {@link Builder#build()}), shares Glivy's Livy I/O resources: the I/O threads (one pool per
 * {@link Builder#threads} value, {@value #DEFAULT_THREADS} daemon threads by default, started on demand and ended
 * after 5 idle minutes), one HTTP client with its connection pool per distinct set of client options (timeouts,
 * pool size, TLS, Kerberos; Basic and bearer credentials are sent per request and never shared), one Jackson
 * ObjectMapper, and the server version learned per endpoint with {@code GET /version}. They are reference counted
 * and released when the last transport using them closes, so a thousand sessions with a transport each cost the
 * threads of one. To use your own connections, pass {@link Builder#httpClient}.
 *
 * <p><b>Signed and moving endpoints.</b> {@link Builder#requestSigner} signs every request attempt (AWS SigV4 for EMR
 * Serverless Livy endpoints: {@code EmrServerlessLivy} in {@code glivy-livy-aws}); {@link Builder#endpointResolver}
 * lets the transport follow a Livy server that was replaced ({@code EmrClusterLivy} there finds an EMR cluster by tag).
 *
 * <p>Thread-safe. <b>Ownership:</b> a transport built by a builder you pass to the session builder is closed when
 * the session closes. A transport you {@link Builder#build() build} yourself is yours to {@link #close()}. An HTTP
 * client you pass to {@link Builder#httpClient} is never closed by Glivy; the shared one Glivy builds is closed with
 * the last transport using it. Closing the transport never touches remote sessions.
 */
public final class LivyTransport implements SessionTransport {
    /** Connect timeout of the HTTP client Glivy builds: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Response (socket) timeout of the HTTP client Glivy builds: 60 seconds. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Heartbeat timeout sent as {@code heartbeatTimeoutInSecond}: 2 minutes. Livy deletes a session that heard
     * nothing for this long, so a session outlives a crashed client by at most this plus Livy's one-minute check.
     */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofMinutes(2);
    /** Value of the {@code X-Requested-By} header (Livy's CSRF protection): {@value}. */
    public static final String DEFAULT_REQUESTED_BY = "glivy";
    /** Sessions or statements asked for per page when listing: {@value}. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** I/O threads (most concurrent HTTP calls) shared by the transports with this setting: {@value}. */
    public static final int DEFAULT_THREADS = 4;
    /** Pooled connections of the HTTP client Glivy builds (shared by transports with the same options): {@value}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /**
     * Overall deadline of one HTTP call, from the moment it is queued until its answer is read whole: 2 minutes.
     * The call is aborted when it passes; Glivy's core may retry it.
     */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** Largest control answer (session, state, log, list) read, in bytes: {@value} (8 MiB). */
    public static final long DEFAULT_MAX_RESPONSE_SIZE = 8L * 1024 * 1024;
    /** Largest answer carrying statement output (a statement, a statement list) read, in bytes: {@value} (64 MiB). */
    public static final long DEFAULT_MAX_STATEMENT_OUTPUT_SIZE = 64L * 1024 * 1024;

    private static final Set<Language> LANGUAGES = Collections.unmodifiableSet(EnumSet.allOf(Language.class));

    private final EndpointRoute route;
    private final List<AutoCloseable> closeWith;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final int sqlRowCap;
    private final boolean sqlKind;
    private final String description;

    private LivyTransport(TransportSettings s, @Nullable Supplier<URI> resolver, List<AutoCloseable> closeWith,
            int sqlRowCap, boolean sqlKind) {
        this.route = new EndpointRoute(s, resolver);
        this.closeWith = List.copyOf(closeWith);
        this.sqlRowCap = sqlRowCap;
        this.sqlKind = sqlKind;
        this.description = ", auth=" + s.auth().scheme() + (s.extras().signer() != null ? ", signer="
                + s.extras().signer().scheme() : "") + ", headers=" + s.headers().keySet()
                + (s.httpClient() != null ? ", httpClient=caller's" : "") + (resolver != null
                ? ", endpointResolver" : "") + "}";
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code "livy"}. */
    @Override
    public String backend() {
        return LivyProtocol.BACKEND;
    }

    /** The Livy URL without credentials, query or fragment. */
    @Override
    public String endpoint() {
        return route.service().endpoint();
    }

    /** Scala, Python, R and SQL (Livy's {@code spark}, {@code pyspark}, {@code sparkr}, {@code sql} kinds). */
    @Override
    public Set<Language> languages() {
        return LANGUAGES;
    }

    /** {@link Language#SCALA}: Livy's {@code spark} kind. */
    @Override
    public Language defaultLanguage() {
        return Language.SCALA;
    }

    /**
     * The settings Livy cannot honour, one sentence each. Livy honours {@code %number_of_workers}
     * ({@code numExecutors}), {@code %extra_jars} ({@code jars}), {@code %extra_py_files} ({@code pyFiles}),
     * {@code %spark_conf} ({@code conf}), {@code %session_id_prefix}/{@code %session_id} (the session
     * {@code name}), {@code %session_language}, {@code %idle_timeout} (Livy 0.8+) and {@code %timeout} (Livy 0.9+),
     * and the {@code %%configure} Livy body (sparkmagic style: {@code kind, proxyUser, jars, pyFiles, files,
     * archives, driverMemory, driverCores, executorMemory, executorCores, numExecutors, queue, name, conf,
     * heartbeatTimeoutInSecond, ttl, idleTimeout}). AWS-only settings ({@code %iam_role}, {@code %worker_type},
     * {@code %%tags}, ...) are reported, as are {@code %%configure} values of the wrong type and keys Livy does not
     * document. Version-dependent settings are reported once the server version is known (declared with
     * {@link Builder#serverVersion}, or learned by an earlier session on this endpoint); otherwise they are checked
     * when the session is created and a setting the server cannot take is logged at WARN and not sent.
     */
    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return route.service().unsupportedSettings(config);
    }

    /**
     * {@code POST /sessions} with the planned body (see {@link #unsupportedSettings}); the first call of a transport
     * asks {@code GET /version} first unless {@link Builder#serverVersion} declared it or another transport learned it.
     *
     * <p>Answers that are not Livy's fail with a {@link dev.glivy.SessionBackendException}: a redirect (not
     * followed; not retryable), a 405 or 501 (not retryable, with a hint to check the URL path), and a 2xx answer
     * without a session id, or too large to read (retryable and possibly taken effect, so Glivy's core looks for the
     * session by its name with {@link #findSession} before it ever sends another create).
     */
    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return route.create(request);
    }

    /** Finds the session by its Livy {@code name} (the client token, or the {@code %%configure} name). */
    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return route.find(request);
    }

    /** {@code GET /sessions/{id}}; a 404 fails with {@link dev.glivy.SessionLostException}. */
    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return route.session(sessionId, api -> api.getSession(sessionId));
    }

    /** {@code GET /sessions?from&size}, every page. */
    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return route.service().list();
    }

    /** {@code DELETE /sessions/{id}}: Livy stops the Spark application and forgets the session. */
    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return route.stop(sessionId);
    }

    /** {@code POST /sessions/{id}/statements} with the code and its kind ({@code spark, pyspark, sparkr, sql}). */
    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return route.session(sessionId, api -> api.submit(sessionId, request.code(),
                LivyProtocol.kind(request.language())));
    }

    /**
     * {@code GET /sessions/{id}/statements/{statementId}}. A statement Livy does not keep (never created, or evicted
     * after {@code livy.rsc.retained-statements}) fails with {@link dev.glivy.StatementNotFoundException}.
     */
    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return route.session(sessionId, api -> api.getStatement(sessionId, statementId));
    }

    /**
     * One page of {@code GET /sessions/{id}/statements?from&size} (one request), oldest first, with each statement's
     * code. The token holds Livy's {@code from} position and the id expected there: Livy's positions move down when
     * it evicts old statements, and a page that finds them moved comes back empty with a token at the corrected
     * position, so a walk of the pages never skips a statement Livy still keeps.
     */
    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        return route.session(sessionId, api -> api.listStatements(sessionId, pageToken));
    }

    /** Livy numbers the statements of a session 0, 1, 2...: the id after {@code previousId}. */
    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return Optional.ofNullable(StatementPaging.idAfter(previousId));
    }

    /**
     * A listing that starts at the statement after {@code statementId}: Livy's {@code from} set to the next id, which
     * the page corrects when Livy evicted statements (see {@link #listStatements(String, String)}).
     */
    @Override
    public Optional<String> pageTokenAfter(String sessionId, String statementId) {
        return Optional.ofNullable(StatementPaging.tokenAfter(statementId));
    }

    /**
     * {@code POST /sessions/{id}/statements/{statementId}/cancel}. Livy 0.7 answers {@code "canceled"} even for a
     * statement it no longer keeps (the cancel then does nothing); a server that answers 404 for it fails with
     * {@link dev.glivy.StatementNotFoundException}.
     */
    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return route.session(sessionId, api -> api.cancel(sessionId, statementId));
    }

    /**
     * A quarter of the heartbeat timeout (the shortest one this transport has sent, at least one second), or empty
     * when the heartbeat is off.
     */
    @Override
    public Optional<Duration> keepAliveInterval() {
        return route.service().keepAliveInterval();
    }

    /**
     * {@code GET /sessions/{id}/state}: refreshes Livy's heartbeat for the session. Fails with
     * {@link dev.glivy.SessionLostException} when the session is gone (404) or finished (dead, error, killed).
     */
    @Override
    public CompletableFuture<Void> keepAlive(String sessionId) {
        return route.session(sessionId, api -> api.touch(sessionId)).thenApply(s -> null);
    }

    /**
     * {@code GET /sessions/{id}/log}: {@code size} lines from line {@code from}, or the last {@code size} lines when
     * {@code from} is negative.
     */
    @Override
    public CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be > 0 but was " + size);
        }
        return route.session(sessionId, api -> api.log(sessionId, from, size));
    }

    /**
     * Code completion ({@code POST /sessions/{id}/completion}, Livy 0.5+): the candidates at {@code cursor}.
     *
     * @param sessionId the session
     * @param code the code being edited
     * @param language its language
     * @param cursor the cursor position in {@code code}, 0 to {@code code.length()}
     * @return the candidates, possibly empty
     * @throws IllegalArgumentException when {@code cursor} is outside the code
     */
    public CompletableFuture<List<String>> completions(String sessionId, String code, Language language,
            int cursor) {
        Objects.requireNonNull(code, "code must not be null");
        if (cursor < 0 || cursor > code.length()) {
            throw new IllegalArgumentException("cursor must be between 0 and " + code.length() + " but was " + cursor);
        }
        return route.session(sessionId, api -> api.completion(sessionId, code, LivyProtocol.kind(language),
                cursor));
    }

    /**
     * By default generated code in the session's language (Scala or Python), which returns exactly {@code limit}
     * rows with every Spark type intact. Livy's own {@code sql} statement kind is lossy: Livy 0.7 serialises its rows
     * with json4s, so decimals arrive as doubles, timestamps as whole seconds, and a struct column (or an array or
     * map of structs) fails with {@code NoClassDefFoundError scala/tools/scalap/...} on Spark 2.4. With
     * {@link Builder#sqlKind(boolean) sqlKind(true)} the {@code sql} kind is used for limits below the server's SQL
     * row cap ({@link Builder#sqlRowCap}, default {@value SqlPlan#DEFAULT_SQL_ROW_CAP}). A query containing a
     * carriage return always runs as generated code: Livy stores statement code with {@code \r\n} and a lone
     * {@code \r} turned into {@code \n}, which would change a string literal of the query, while the generated code
     * carries the query base64-encoded ({@link SqlPlan#standard} decides so).
     */
    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        Set<Language> langs = languages();
        if (!sqlKind) {
            langs = EnumSet.copyOf(langs);
            langs.remove(Language.SQL);
        }
        return SqlPlan.standard(query, limit, sessionLanguage, langs, sqlRowCap);
    }

    /**
     * Fails this transport's pending calls and returns its share of the I/O resources; the last transport to close
     * ends the shared I/O threads and closes the shared HTTP client. Remote sessions are not touched. Idempotent.
     */
    @Override
    public void close() {
        route.close();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable c : closeWith) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger("dev.glivy.livy").debug("closing {} failed: {}",
                        c.getClass().getName(), e.toString());
            }
        }
    }

    /** The endpoint, auth scheme and custom header names; never credentials or header values. */
    @Override
    public String toString() {
        return "LivyTransport{endpoint=" + route.service().endpoint() + description;
    }

    /**
     * Builds a {@link LivyTransport}. As a {@link SessionTransport.Factory}, pass it to
     * {@code SessionBuilder.transport(...)} and the session creates (and closes) its own transport. Setters check
     * their argument at once; {@link #build()} checks the combination and reports every problem in one
     * {@link IllegalStateException}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder implements SessionTransport.Factory {
        private @Nullable URI url;
        private @Nullable LivyAuth auth;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String requestedBy = DEFAULT_REQUESTED_BY;
        private @Nullable String doAs;
        private @Nullable Duration connectTimeout;
        private @Nullable Duration responseTimeout;
        private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int threads = DEFAULT_THREADS;
        private @Nullable Integer maxConnections;
        private @Nullable SSLContext sslContext;
        private @Nullable KeyStore trustStore;
        private @Nullable Boolean hostnameVerification;
        private @Nullable CloseableHttpClient httpClient;
        private @Nullable LivyVersion serverVersion;
        private int sqlRowCap = SqlPlan.DEFAULT_SQL_ROW_CAP;
        private boolean sqlKind;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private long maxStatementOutputSize = DEFAULT_MAX_STATEMENT_OUTPUT_SIZE;
        private @Nullable LivyRequestSigner signer;
        private @Nullable Supplier<URI> endpointResolver;
        private final Map<String, String> defaultConf = new LinkedHashMap<>();
        private @Nullable Function<SessionConfig, List<String>> unsupportedCheck;
        private final List<AutoCloseable> closeWith = new java.util.ArrayList<>();

        private Builder() {}

        /**
         * The Livy base URL, for example {@code http://127.0.0.1:8998} or {@code https://gw:8443/gateway/x/livy}.
         * Required. User-info in the URL ({@code https://user:password@host}) becomes Basic authentication and is
         * never shown.
         *
         * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
         */
        public Builder url(String url) {
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
        public Builder url(URI url) {
            Objects.requireNonNull(url, "url must not be null");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("url must be an http or https URL with a host, like "
                        + "http://127.0.0.1:8998, but was '" + (url.getHost() == null ? "(no host)"
                        : Redaction.endpoint(url)) + "'");
            }
            this.url = url;
            return this;
        }

        /** How to authenticate. Default {@link LivyAuth#none()} (or Basic from the URL's user-info). */
        public Builder auth(LivyAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth must not be null");
            return this;
        }

        /**
         * A header sent with every request, for example a gateway's API key. Values are never logged or shown.
         *
         * @throws IllegalArgumentException when the name is blank or is one Glivy manages ({@code Content-Type},
         *     {@code Content-Length}, {@code Host})
         */
        public Builder header(String name, String value) {
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
        public Builder headers(Map<String, String> all) {
            Objects.requireNonNull(all, "headers must not be null").forEach(this::header);
            return this;
        }

        /**
         * The {@code X-Requested-By} header value Livy's CSRF protection ({@code livy.server.csrf-protection}) asks
         * for on POST and DELETE. Default {@value #DEFAULT_REQUESTED_BY}, on every request; an empty string sends no
         * such header.
         */
        public Builder requestedBy(String value) {
            this.requestedBy = Objects.requireNonNull(value, "requestedBy must not be null").strip();
            return this;
        }

        /**
         * Impersonation: adds {@code doAs=<user>} to every call (Livy superusers only; it wins over
         * {@code proxyUser}). Default none.
         */
        public Builder doAs(String user) {
            Objects.requireNonNull(user, "doAs must not be null");
            if (user.isBlank()) {
                throw new IllegalArgumentException("doAs must not be blank");
            }
            this.doAs = user.strip();
            return this;
        }

        /** TCP and TLS connect timeout of the client Glivy builds. Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long a call waits for response data on the client Glivy builds. Default
         * {@link #DEFAULT_RESPONSE_TIMEOUT}.
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Durations.positive("responseTimeout", timeout);
            return this;
        }

        /**
         * The heartbeat timeout sent as {@code heartbeatTimeoutInSecond}: Livy deletes a session that heard nothing
         * from its client for this long. While the session is open Glivy refreshes it every quarter of it from the
         * shared scheduler. Whole seconds (rounded up); {@link Duration#ZERO} sends no heartbeat and does no
         * keep-alive. Default {@link #DEFAULT_HEARTBEAT_TIMEOUT}.
         */
        public Builder heartbeatTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "heartbeatTimeout must not be null");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("heartbeatTimeout must be >= 0 but was " + timeout);
            }
            this.heartbeatTimeout = timeout;
            return this;
        }

        /** Sessions or statements asked for per page when listing. Default {@value #DEFAULT_PAGE_SIZE}. */
        public Builder pageSize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 10000 but was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * Most concurrent HTTP calls: the size of the I/O thread pool this transport shares with every transport of
         * the same setting (daemon threads, started on demand, ended after 5 idle minutes, longer than the
         * keep-alive interval, and when the last transport using them closes). Default {@value #DEFAULT_THREADS}.
         */
        public Builder threads(int count) {
            if (count < 1 || count > 64) {
                throw new IllegalArgumentException("threads must be between 1 and 64 but was " + count);
            }
            this.threads = count;
            return this;
        }

        /** Pooled connections of the client Glivy builds. Default {@value #DEFAULT_MAX_CONNECTIONS}. */
        public Builder maxConnections(int count) {
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
        public Builder sslContext(SSLContext context) {
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
        public Builder trustStore(Path file, char @Nullable [] password) {
            Objects.requireNonNull(file, "trustStore file must not be null");
            try {
                return trustStore(KeyStore.getInstance(file.toFile(), password));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("trustStore '" + file + "' cannot be read as a PKCS12 or JKS key "
                        + "store (" + e.getClass().getSimpleName() + "); check the path and password", e);
            }
        }

        /** Trusts the certificates of {@code store} instead of the JVM's defaults. */
        public Builder trustStore(KeyStore store) {
            this.trustStore = Objects.requireNonNull(store, "trustStore must not be null");
            return this;
        }

        /**
         * Whether the server certificate must match the URL's host. Default {@code true}; turn it off only for test
         * servers with certificates for another name.
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Uses your HttpClient instead of building one. <b>Glivy never closes it.</b> Its own timeouts, TLS, proxy
         * and auth schemes apply, so {@link #connectTimeout}, {@link #responseTimeout}, {@link #maxConnections},
         * TLS settings and {@link LivyAuth#kerberos()} cannot be combined with it. Turn off its automatic retries
         * ({@code disableAutomaticRetries()}) so that statements are never submitted twice behind Glivy's back.
         */
        public Builder httpClient(CloseableHttpClient client) {
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
        public Builder serverVersion(String version) {
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
        public Builder sqlRowCap(int rows) {
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
        public Builder sqlKind(boolean use) {
            this.sqlKind = use;
            return this;
        }

        /**
         * The overall deadline of one HTTP call, from the moment it is queued on the I/O threads until its answer is
         * read whole; the call is then aborted and fails with a retryable {@link dev.glivy.SessionTransportException}
         * (Livy may have received it). Unlike {@link #responseTimeout}, which bounds each wait for data, it holds
         * against a server that trickles its answer. It applies with a caller's {@link #httpClient} too. Glivy's own
         * deadlines (start, statement, close) still bound the whole operation. Default
         * {@link #DEFAULT_CALL_TIMEOUT}.
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Durations.positive("callTimeout", timeout);
            return this;
        }

        /**
         * The largest control answer read (sessions, states, logs, lists), in bytes. Answers are read as a stream:
         * one that declares or reaches more fails at once with a {@link dev.glivy.SessionBackendException} naming
         * the cap, and its connection is dropped unread. Default {@value #DEFAULT_MAX_RESPONSE_SIZE} (8 MiB).
         *
         * @throws IllegalArgumentException when it is below 1024
         */
        public Builder maxResponseSize(long bytes) {
            this.maxResponseSize = size("maxResponseSize", bytes);
            return this;
        }

        /**
         * The largest answer carrying statement output read ({@code GET} of a statement or of the statement list,
         * the submit answer), in bytes; see {@link #maxResponseSize}. A statement whose output is larger fails with
         * a {@link dev.glivy.SessionBackendException} naming the cap. Default
         * {@value #DEFAULT_MAX_STATEMENT_OUTPUT_SIZE} (64 MiB).
         *
         * @throws IllegalArgumentException when it is below 1024
         */
        public Builder maxStatementOutputSize(long bytes) {
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
        public Builder requestSigner(LivyRequestSigner signer) {
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
        public Builder endpointResolver(Supplier<URI> resolver) {
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
        public Builder defaultConf(String key, String value) {
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
        public Builder unsupportedSettings(Function<SessionConfig, List<String>> check) {
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
        public Builder closeWith(AutoCloseable resource) {
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
            return new LivyTransport(new SettingsAssembly(url, auth == null ? null : auth.internal(), headers,
                    requestedBy, doAs, connectTimeout, responseTimeout, heartbeatTimeout, pageSize, threads,
                    maxConnections, sslContext, trustStore, hostnameVerification, httpClient, serverVersion,
                    new CallLimits(callTimeout, maxResponseSize, maxStatementOutputSize),
                    new TransportSettings.Extras(signer, defaultConf, unsupportedCheck))
                    .resolve(DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, DEFAULT_MAX_CONNECTIONS),
                    endpointResolver, closeWith, sqlRowCap, sqlKind);
        }

    }
}
