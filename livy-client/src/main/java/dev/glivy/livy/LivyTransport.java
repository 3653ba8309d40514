package dev.glivy.livy;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.internal.EndpointRoute;
import dev.glivy.livy.internal.LivyProtocol;
import dev.glivy.livy.internal.StatementPaging;
import dev.glivy.livy.internal.TransportSettings;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
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
 * overall deadline ({@link LivyTransportBuilder#callTimeout}) after which it is aborted, and a cap on the answer's size
 * ({@link LivyTransportBuilder#maxResponseSize}, {@link LivyTransportBuilder#maxStatementOutputSize}), and makes one attempt; Glivy's core
 * retries and polls. Redirects are never followed (see {@link LivyTransportBuilder#url(URI)}).
 *
 * <p><b>Shared I/O resources.</b> Every transport built in the process, in either form (a builder passed to the
 * session builder, or {@link LivyTransportBuilder#build()}), shares Glivy's Livy I/O resources: the I/O threads (one pool per
 * {@link LivyTransportBuilder#threads} value, {@value #DEFAULT_THREADS} daemon threads by default, started on demand and ended
 * after 5 idle minutes), one HTTP client with its connection pool per distinct set of client options (timeouts,
 * pool size, TLS, Kerberos; Basic and bearer credentials are sent per request and never shared), one Jackson
 * ObjectMapper, and the server version learned per endpoint with {@code GET /version}. They are reference counted
 * and released when the last transport using them closes, so a thousand sessions with a transport each cost the
 * threads of one. To use your own connections, pass {@link LivyTransportBuilder#httpClient}.
 *
 * <p><b>Signed and moving endpoints.</b> {@link LivyTransportBuilder#requestSigner} signs every request attempt (AWS SigV4 for EMR
 * Serverless Livy endpoints: {@code EmrServerlessLivy} in {@code glivy-livy-aws}); {@link LivyTransportBuilder#endpointResolver}
 * lets the transport follow a Livy server that was replaced ({@code EmrClusterLivy} there finds an EMR cluster by tag).
 *
 * <p>Thread-safe. <b>Ownership:</b> a transport built by a builder you pass to the session builder is closed when
 * the session closes. A transport you {@link LivyTransportBuilder#build() build} yourself is yours to {@link #close()}. An HTTP
 * client you pass to {@link LivyTransportBuilder#httpClient} is never closed by Glivy; the shared one Glivy builds is closed with
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

    LivyTransport(
            TransportSettings s,
            @Nullable Supplier<URI> resolver,
            List<AutoCloseable> closeWith,
            int sqlRowCap,
            boolean sqlKind) {
        this.route = new EndpointRoute(s, resolver);
        this.closeWith = List.copyOf(closeWith);
        this.sqlRowCap = sqlRowCap;
        this.sqlKind = sqlKind;
        this.description = ", auth=" + s.auth().scheme()
                + (s.extras().signer() != null
                        ? ", signer=" + s.extras().signer().scheme()
                        : "") + ", headers=" + s.headers().keySet()
                + (s.httpClient() != null ? ", httpClient=caller's" : "")
                + (resolver != null ? ", endpointResolver" : "") + "}";
    }

    /** A new builder. */
    public static LivyTransportBuilder builder() {
        return new LivyTransportBuilder();
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
     * {@link LivyTransportBuilder#serverVersion}, or learned by an earlier session on this endpoint); otherwise they are checked
     * when the session is created and a setting the server cannot take is logged at WARN and not sent.
     */
    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return route.service().unsupportedSettings(config);
    }

    /**
     * {@code POST /sessions} with the planned body (see {@link #unsupportedSettings}); the first call of a transport
     * asks {@code GET /version} first unless {@link LivyTransportBuilder#serverVersion} declared it or another transport learned it.
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
        return route.session(
                sessionId, api -> api.submit(sessionId, request.code(), LivyProtocol.kind(request.language())));
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
    public CompletableFuture<List<String>> completions(String sessionId, String code, Language language, int cursor) {
        Objects.requireNonNull(code, "code must not be null");
        if (cursor < 0 || cursor > code.length()) {
            throw new IllegalArgumentException("cursor must be between 0 and " + code.length() + " but was " + cursor);
        }
        return route.session(sessionId, api -> api.completion(sessionId, code, LivyProtocol.kind(language), cursor));
    }

    /**
     * By default generated code in the session's language (Scala or Python), which returns exactly {@code limit}
     * rows with every Spark type intact. Livy's own {@code sql} statement kind is lossy: Livy 0.7 serialises its rows
     * with json4s, so decimals arrive as doubles, timestamps as whole seconds, and a struct column (or an array or
     * map of structs) fails with {@code NoClassDefFoundError scala/tools/scalap/...} on Spark 2.4. With
     * {@link LivyTransportBuilder#sqlKind(boolean) sqlKind(true)} the {@code sql} kind is used for limits below the server's SQL
     * row cap ({@link LivyTransportBuilder#sqlRowCap}, default {@value SqlPlan#DEFAULT_SQL_ROW_CAP}). A query containing a
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
                org.slf4j.LoggerFactory.getLogger("dev.glivy.livy")
                        .debug("closing {} failed: {}", c.getClass().getName(), e.toString());
            }
        }
    }

    /** The endpoint, auth scheme and custom header names; never credentials or header values. */
    @Override
    public String toString() {
        return "LivyTransport{endpoint=" + route.service().endpoint() + description;
    }
}
