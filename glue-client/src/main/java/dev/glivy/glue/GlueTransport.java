package dev.glivy.glue;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.SqlRequest;
import dev.glivy.config.RetryPolicy;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.internal.AwsClients;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.CatalogOps;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.glue.internal.ClientSettings;
import dev.glivy.glue.internal.CreateSessionMapper;
import dev.glivy.glue.internal.SessionMapper;
import dev.glivy.glue.internal.GlueErrorMapper;
import dev.glivy.glue.internal.Options;
import dev.glivy.glue.internal.Reaper;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.glue.internal.S3ResultChannel;
import dev.glivy.glue.internal.SessionOps;
import dev.glivy.glue.internal.SqlCode;
import dev.glivy.glue.internal.StatementOps;
import dev.glivy.glue.internal.StatusOps;
import dev.glivy.internal.Futures;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.net.URI;
import java.time.Clock;
import dev.glivy.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS Glue interactive sessions transport (AWS SDK for Java v2): sessions are Glue sessions, statements are Glue
 * statements.
 *
 * <pre>{@code
 * try (InteractiveSession s = InteractiveSession.builder()
 *         .transport(GlueTransport.builder().region("us-east-1"))
 *         .magics("%glue_version 4.0\n%number_of_workers 2\n%worker_type G.1X\n%idle_timeout 15")
 *         .iamRole("arn:aws:iam::123456789012:role/GlueInteractiveRole")
 *         .start()) {
 *     s.execute("df = spark.range(10)");
 *     long n = s.sql("select count(*) as n from range(10)").row(0).getLong("n");
 * }
 * }</pre>
 *
 * <p><b>Languages.</b> {@link Language#PYTHON} (the default) or {@link Language#SCALA} (a session created with
 * {@code .language(Language.SCALA)}, sent as {@code --session-language scala}); a session runs only its own
 * language. Glue has no SQL statement kind: {@code sql(...)} returns a typed table through Glivy's generated wrapper
 * (see {@link #planSql}), and a {@link Language#SQL} statement ({@code execute(query, Language.SQL)}, the Glue
 * kernel's {@code %%sql}) is wrapped in session-language code that runs {@code spark.sql(...).show()} and returns the
 * same text table as the kernel. Either way the query travels base64-encoded, so no quoting in it can break out.
 * When you attach to an existing Scala session, build it with {@code .language(Language.SCALA)} too.
 *
 * <p><b>Region, endpoint, credentials.</b> Values given to the builder win; otherwise the session configuration's
 * {@code %region}, {@code %endpoint} and {@code %profile} apply; otherwise the SDK's default region and credentials
 * chains. {@code %%assume_role} makes the Glue calls with the role's temporary credentials (STS AssumeRole). Calls
 * that carry no session configuration ({@link #listSessions()}, {@link #reap}, {@link #whoami()}, and attaching to
 * an existing session) use the last configuration the transport was shown by {@code SessionBuilder.build()}, else
 * the builder's values alone.
 *
 * <p><b>Role.</b> {@code %iam_role}, else, when the caller is an assumed role, that role (see
 * {@link GlueCallerIdentity#derivedRoleArn()} for the limits), else starting fails naming the three ways to set one.
 * Every session is tagged {@code created-by=glivy} and {@code owner=<owner>}, which {@link #reap} uses. The owner
 * is {@link Builder#owner(String)} when set, else the caller's STS user id, else, when STS cannot be reached (and
 * {@code %iam_role} is given, so the role does not depend on the caller), the access key id the credentials resolve
 * to, with a WARN. A session is never created without an owner tag.
 *
 * <p><b>Retries.</b> One attempt per call: Glivy's core retries throttling ({@code ThrottlingException},
 * "Rate exceeded"), {@code InternalServiceException}, {@code OperationTimeoutException}, 5xx answers and connection
 * failures with backoff and jitter. The clients Glivy builds have the SDK's own retries switched off so attempts do
 * not multiply; <b>for a client you pass in, switch them off yourself</b>
 * ({@code overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))}), or each Glivy attempt
 * becomes several. Service errors say whether the refused call may still have taken effect (throttling, 4xx,
 * 502 and 503: no; {@code InternalServiceException}, {@code OperationTimeoutException}, other 5xx: yes), so Glivy
 * resends a RunStatement Glue refused and reconciles one whose answer was lost (GetStatement of the next id, which
 * Glue numbers sequentially; ListStatements otherwise), never sending it twice.
 *
 * <p><b>Large SQL results through S3</b> (opt-in, {@link Builder#resultsS3Uri(String)}). A Glue statement's output
 * is one text field, so large results need a side channel: with a results URI set, {@code sql(...)} runs generated
 * code that writes the result as gzip JSON lines under a fresh prefix {@code <uri>glivy-<time>-<id>/} and prints
 * only a pointer; Glivy reads the objects back with the S3 client and deletes them. {@code sql(...)} still returns
 * an in-memory {@code SqlResult}; {@code InteractiveSession.sqlStream(SqlRequest)} streams the rows in bounded
 * memory. The session's role needs {@code s3:PutObject}, {@code s3:GetObject}, {@code s3:ListBucket} and
 * {@code s3:DeleteObject} on the prefix, the caller {@code s3:ListBucket}, {@code s3:GetObject} and
 * {@code s3:DeleteObject}.
 *
 * <p><b>Data Catalog.</b> {@link #catalog()} browses databases and tables without a session.
 *
 * <p><b>Threads and ownership.</b> Thread-safe. Blocking SDK calls run on an executor the transport owns
 * ({@link #DEFAULT_IO_THREADS} daemon threads that end when idle) unless you pass one. Clients, HTTP clients,
 * credentials providers and executors <b>passed in are never closed by Glivy</b>; everything the transport builds is
 * closed by {@link #close()}. <b>Closing the transport stops the Glue sessions it created that are still open</b>
 * (normally none: closing an {@code InteractiveSession} stops its Glue session, and a session that built its own
 * transport closes it after that); a session's later {@code close()} then succeeds.
 */
public final class GlueTransport implements SessionTransport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.glivy.glue");
    /** The backend name: {@value}. */
    public static final String BACKEND = GlueErrorMapper.BACKEND;
    /** Default price of one DPU-hour for cost estimates: {@value} USD (us-east-1, 2025). */
    public static final double DEFAULT_PRICE_PER_DPU_HOUR = 0.44;
    /** Default connection timeout of the HTTP clients Glivy builds: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time limit of one AWS call (the SDK's API call timeout and socket timeout): 60 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Threads of the executor Glivy creates for blocking SDK calls: {@value}. */
    public static final int DEFAULT_IO_THREADS = 4;
    /** Default ListSessions page size: {@value}. */
    public static final int DEFAULT_LIST_PAGE_SIZE = 100;
    /** Default Glue {@code RequestOrigin}: {@value}. */
    public static final String DEFAULT_REQUEST_ORIGIN = "glivy";

    private final Options options;
    private final @Nullable ExecutorService ownedExecutor;
    private final ClientRegistry registry;
    private final SessionOps sessions;
    private final StatementOps statements;
    private final StatusOps status;
    private final Reaper reaper;
    private final @Nullable S3ResultChannel results;
    private final BlockingRetry extrasRetry;
    private @Nullable GlueCatalog catalog;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Sessions this transport created and has not seen stopped. */
    private final Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The stops {@link #close()} sent, by session id, so a session's own close afterwards waits for them. */
    private final Map<String, CompletableFuture<Void>> stoppedAtClose = new java.util.concurrent.ConcurrentHashMap<>();

    private final boolean newerWorkerTypes;

    private GlueTransport(Options options, @Nullable String owner, boolean newerWorkerTypes) {
        this.options = options;
        this.newerWorkerTypes = newerWorkerTypes;
        Executor executor = options.executor();
        if (executor == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_IO_THREADS, DEFAULT_IO_THREADS, 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
            pool.allowCoreThreadTimeOut(true);
            this.ownedExecutor = pool;
            executor = pool;
        } else {
            this.ownedExecutor = null;
        }
        this.registry = new ClientRegistry(options, executor);
        this.sessions = new SessionOps(registry, owner);
        S3Location s3 = options.resultsS3();
        this.extrasRetry = new BlockingRetry(RetryPolicy.defaults(), executor);
        this.results = s3 == null ? null : new S3ResultChannel(s3, options.clock(), sid -> (sid == null
                ? registry.clients(registry.defaultSettings()) : registry.clientsFor(sid)).thenApply(a -> a.s3()),
                executor, extrasRetry);
        this.statements = new StatementOps(registry, sessions);
        this.status = new StatusOps(registry, sessions);
        this.reaper = new Reaper(registry, sessions);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "glivy-glue-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A transport with every default: the SDK's region and credentials chains. */
    public static GlueTransport create() {
        return builder().build();
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String endpoint() {
        ClientSettings s = registry.defaultSettings();
        if (s.endpoint() != null) {
            return s.endpoint().toString();
        }
        return s.region() == null ? "AWS Glue (SDK default region)" : "https://glue." + s.region() + ".amazonaws.com";
    }

    @Override
    public Set<Language> languages() {
        return EnumSet.of(Language.PYTHON, Language.SCALA, Language.SQL);
    }

    @Override
    public Language defaultLanguage() {
        return Language.PYTHON;
    }

    /**
     * Glue has no SQL statement kind, so every {@code InteractiveSession.sql(...)} query runs as Glivy's generated
     * wrapper in the session's language (Python, or Scala for a Scala session) that prints the typed table; no row
     * cap applies and truncation is exact. The query travels base64-encoded.
     *
     * <p>With {@link Builder#resultsS3Uri(String)} set, the plan runs the S3 variant instead: its code writes the
     * result as gzip JSON lines under a fresh prefix and prints only a pointer, and its reader streams the objects
     * back (on the transport's I/O threads, then on the reading thread) and deletes them once read; a statement
     * that failed or was cancelled has its objects deleted.
     */
    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        Language lang = sessionLanguage == Language.SCALA ? Language.SCALA : Language.PYTHON;
        S3ResultChannel r = results;
        return r == null ? SqlPlan.wrapper(query, limit, lang) : r.plan(query, limit, lang);
    }

    /** This session's DPUs (see {@link GlueSessionStatus#dpus()}) at {@link #pricePerDpuHour()}. */
    @Override
    public Optional<CostRate> costRate(SessionConfig config) {
        return Optional.of(CostRate.of(SessionMapper.dpus(config), "DPU", options.pricePerDpuHour()));
    }

    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        registry.remember(config);
        List<String> out = new ArrayList<>(ClientSettings.ignored(options, config));
        config.language().filter(l -> l == Language.R).ifPresent(l -> out.add("%session_language r is not "
                + "supported: Glue sessions run python or scala (and SQL through them)"));
        return out;
    }

    /**
     * What Glue would refuse in {@code config}, found without any AWS call: a {@code %worker_type} Glivy does not
     * know (unless {@link Builder#newerWorkerTypes(boolean)}), {@code %worker_type} and {@code %number_of_workers}
     * not set together, more than {@value CreateSessionMapper#MAX_TAGS} tags once Glivy's {@code created-by} and
     * {@code owner} tags are added, and a Scala or Python session language Glue cannot run.
     */
    @Override
    public List<String> configProblems(SessionConfig config) {
        return CreateSessionMapper.problems(config, newerWorkerTypes);
    }

    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed"));
        }
        return sessions.create(request).thenApply(info -> {
            open.add(info.id());
            return info;
        });
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return sessions.find(request).thenApply(found -> {
            found.ifPresent(info -> open.add(info.id())); // a create whose answer was lost: still ours to stop
            return found;
        });
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return sessions.get(sessionId);
    }

    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return sessions.list(Map.of());
    }

    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        CompletableFuture<Void> atClose = stoppedAtClose.get(sessionId);
        if (atClose != null) {
            return atClose;
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed, and "
                    + "session " + sessionId + " is not one it created, so it was not stopped when the transport "
                    + "closed; stop it with a new GlueTransport, or let its idle timeout end it"));
        }
        return sessions.stop(sessionId).thenRun(() -> open.remove(sessionId));
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return statements.submit(sessionId, request);
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return statements.get(sessionId, statementId);
    }

    /**
     * One ListStatements request. Glue's {@code NextToken} is passed through as the page token. Glue does not
     * specify the order of statements, so the page is sorted oldest first here; the pages themselves come in Glue's
     * order (a caller that needs all statements in order sorts them, as {@link #listStatements(String)} does).
     */
    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        return statements.page(sessionId, pageToken);
    }

    /** Every page, all statements sorted oldest first (without retries). */
    @Override
    public CompletableFuture<List<RemoteStatement>> listStatements(String sessionId) {
        return statements.all(sessionId);
    }

    /** Glue numbers a session's statements 0, 1, 2...: {@code previousId + 1}. */
    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return StatementOps.idAfter(previousId);
    }

    /**
     * A {@link Language#SQL} statement is sent as session-language code running the query (see the class
     * comment): {@code echoed} is such code for {@code submitted}'s query.
     */
    @Override
    public boolean echoes(SubmitStatementRequest submitted, String echoed) {
        return submitted.language() == Language.SQL
                && SqlCode.query(echoed).filter(q -> q.equals(submitted.code())).isPresent();
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return statements.cancel(sessionId, statementId);
    }

    // ------------------------------------------------------------------ Glue-only extras (blocking)

    /**
     * STS {@code GetCallerIdentity}: who the Glue calls are made as (after {@code %%assume_role}). Blocking; the
     * answer is remembered.
     */
    public GlueCallerIdentity whoami() {
        return await(registry.clients(registry.defaultSettings()).thenCompose(a -> a.whoami())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        GlueErrorMapper.map(e, "STS GetCallerIdentity (whoami)", null))), null, "whoami");
    }

    /**
     * {@code %status}: the session's state, configuration, tags, dashboard link and cost so far. Blocking. Tags and
     * the dashboard link are best effort (see {@link GlueSessionStatus#notes()}).
     *
     * @throws dev.glivy.SessionLostException when Glue does not know the session
     */
    public GlueSessionStatus status(String sessionId) {
        return await(status.status(sessionId), sessionId, "the session status");
    }

    /** Glue {@code GetDashboardUrl}: the Spark monitoring dashboard link of a session. Blocking. */
    public String dashboardUrl(String sessionId) {
        return await(status.dashboardUrl(sessionId), sessionId, "the dashboard link");
    }

    /**
     * {@code %list_sessions} with a tag filter: the sessions carrying every one of {@code tags} (all pages).
     * Blocking. Use {@code Map.of("created-by", "glivy")} for the sessions Glivy created.
     */
    public List<SessionInfo> listSessions(Map<String, String> tags) {
        Objects.requireNonNull(tags, "tags must not be null");
        return await(sessions.list(tags), null, "the session list");
    }

    /**
     * Glue {@code DeleteSession}: removes a session (stopping it if it still runs); a session already gone is
     * success. Blocking. {@code InteractiveSession.close()} only stops sessions, so their status and cost stay
     * visible until Glue forgets them.
     */
    public void deleteSession(String sessionId) {
        await(sessions.delete(sessionId), sessionId, "the session to be deleted");
    }

    /**
     * Stops the caller's live sessions tagged {@code created-by=glivy} that were created more than
     * {@code olderThan} ago: a safety net for sessions a crashed program left running. Blocking.
     *
     * @return what was found and stopped
     */
    public ReapReport reap(Duration olderThan) {
        return reap(ReapOptions.olderThan(olderThan));
    }

    /** Stops (or, with {@link ReapOptions#dryRun()}, lists) the sessions {@code options} select. Blocking. */
    public ReapReport reap(ReapOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return await(reaper.reap(options), null, "the reaper");
    }

    /**
     * The Glue Data Catalog through this transport's clients (region, endpoint, credentials; calls without a
     * session use the last configuration the transport was shown): databases, tables, schemas, no session needed.
     * Page size {@value GlueCatalog#DEFAULT_PAGE_SIZE}, retries {@link RetryPolicy#defaults()}; for other settings
     * build one with {@link GlueCatalog#builder()}. The same instance every time; it belongs to the transport and
     * is closed with it.
     */
    public synchronized GlueCatalog catalog() {
        GlueCatalog c = catalog;
        if (c == null) {
            c = new GlueCatalog(new CatalogOps(() -> registry.clients(registry.defaultSettings()), extrasRetry,
                    GlueCatalog.DEFAULT_PAGE_SIZE, null), List.of(), null);
            catalog = c;
        }
        return c;
    }

    /** The S3 location SQL results go through, {@code s3://bucket/prefix/}, when the side channel is on. */
    public Optional<String> resultsS3Uri() {
        S3ResultChannel r = results;
        return r == null ? Optional.empty() : Optional.of(r.base().uri());
    }

    /** The price per DPU-hour used for cost estimates, in USD. */
    public double pricePerDpuHour() {
        return options.pricePerDpuHour();
    }

    private static <T> T await(CompletableFuture<T> f, @Nullable String sessionId, String what) {
        return Futures.await(f, sessionId, BACKEND, what);
    }

    /**
     * Stops the Glue sessions this transport created that are still open (StopSession for each, sent now; a WARN
     * names any that fail), then closes the clients and threads the transport created once those calls have
     * answered (each is bounded by {@link Builder#requestTimeout(Duration)}); clients and executors passed in are
     * left open. A session's {@code close()} after this waits for that same StopSession instead of failing. With the
     * S3 side channel on, the objects of SQL statements submitted but not yet read are deleted first (best effort).
     * Does not block; idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<String> still = List.copyOf(open);
        if (still.isEmpty()) {
            release();
            return;
        }
        LOG.info("Closing the Glue transport: stopping the {} session(s) it created that are still open: {}",
                still.size(), String.join(", ", still));
        List<CompletableFuture<Void>> stops = new java.util.ArrayList<>();
        for (String id : still) {
            CompletableFuture<Void> stop = sessions.stop(id).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("Closing the Glue transport: could not stop session {}: {}", id,
                            Futures.unwrap(e).getMessage());
                } else {
                    open.remove(id);
                }
            });
            stoppedAtClose.put(id, stop);
            stops.add(stop);
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> release());
    }

    private void release() {
        S3ResultChannel r = results;
        if (r != null) {
            r.deleteOutstanding();
        }
        extrasRetry.close();
        registry.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "GlueTransport{" + options + "}";
    }

    /**
     * Builds a {@link GlueTransport}; also a {@link SessionTransport.Factory}, so
     * {@code SessionBuilder.transport(GlueTransport.builder().region("us-east-1"))} gives each session its own
     * transport, closed with the session. Every setting is optional. Not thread-safe.
     */
    public static final class Builder implements SessionTransport.Factory {
        private @Nullable String region;
        private @Nullable URI endpoint;
        private @Nullable URI stsEndpoint;
        private @Nullable AwsCredentialsProvider credentials;
        private @Nullable GlueClient glueClient;
        private @Nullable GlueAsyncClient glueAsyncClient;
        private @Nullable StsClient stsClient;
        private @Nullable SdkHttpClient httpClient;
        private @Nullable Executor executor;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private double pricePerDpuHour = DEFAULT_PRICE_PER_DPU_HOUR;
        private boolean newerWorkerTypes;
        private int listPageSize = DEFAULT_LIST_PAGE_SIZE;
        private String requestOrigin = DEFAULT_REQUEST_ORIGIN;
        private Clock clock = Clock.systemUTC();
        private @Nullable String owner;
        private @Nullable S3Location resultsS3;
        private @Nullable S3Client s3Client;
        private @Nullable URI s3Endpoint;

        private Builder() {}

        /**
         * The AWS region, for example {@code "us-east-1"}; wins over {@code %region}. Default: {@code %region}, else
         * the SDK's default region chain ({@code AWS_REGION}, the profile's {@code region}, instance metadata).
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region must not be null");
            return this;
        }

        /**
         * The Glue endpoint, for example a VPC endpoint or a local stand-in; wins over {@code %endpoint}. Default:
         * {@code %endpoint}, else the regional endpoint. STS keeps its own endpoint (see
         * {@link #stsEndpointOverride(URI)}).
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
            return this;
        }

        /** The STS endpoint (whoami, {@code %%assume_role}). Default: the regional STS endpoint. */
        public Builder stsEndpointOverride(URI endpoint) {
            this.stsEndpoint = Objects.requireNonNull(endpoint, "stsEndpoint must not be null");
            return this;
        }

        /**
         * The credentials for the clients Glivy builds; wins over {@code %profile}. <b>Not closed by Glivy.</b>
         * Default: {@code %profile}, else the SDK's default credentials chain (environment, system properties,
         * profile files, SSO, container and instance roles).
         */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentialsProvider must not be null");
            return this;
        }

        /**
         * A sync Glue client to use instead of building one: its region, endpoint and credentials then apply, and
         * {@code %region}, {@code %endpoint}, {@code %profile}, {@code %%assume_role} are reported as ignored.
         * <b>Never closed by Glivy.</b> Switch its SDK retries off (see the class comment). Calls run on the
         * transport's executor.
         */
        public Builder glueClient(GlueClient client) {
            this.glueClient = Objects.requireNonNull(client, "glueClient must not be null");
            return this;
        }

        /**
         * An async Glue client to use instead of building one, as {@link #glueClient(GlueClient)}. <b>Never closed
         * by Glivy.</b>
         */
        public Builder glueClient(GlueAsyncClient client) {
            this.glueAsyncClient = Objects.requireNonNull(client, "glueClient must not be null");
            return this;
        }

        /**
         * An STS client for whoami and {@code %%assume_role}. <b>Never closed by Glivy.</b> Default: one built with
         * the same region and credentials as the Glue client. Pass one with the same credentials as a Glue client
         * you pass in, or the owner tag and role derivation describe the default chain's identity.
         */
        public Builder stsClient(StsClient client) {
            this.stsClient = Objects.requireNonNull(client, "stsClient must not be null");
            return this;
        }

        /**
         * The HTTP client for the Glue and STS clients Glivy builds (for example one with a proxy, or another SDK
         * HTTP implementation). <b>Never closed by Glivy.</b> Default: a JDK {@code HttpURLConnection} client per set
         * of clients, with {@link #connectTimeout(Duration)} and {@link #requestTimeout(Duration)}.
         */
        public Builder httpClient(SdkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
            return this;
        }

        /**
         * The executor blocking SDK calls run on. <b>Never shut down by Glivy.</b> Default: {@link #DEFAULT_IO_THREADS}
         * daemon threads owned by the transport.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /** Connection timeout of the HTTP clients Glivy builds. Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.positive("connectTimeout", timeout);
            return this;
        }

        /** Time limit of one AWS call of the clients Glivy builds. Default {@link #DEFAULT_REQUEST_TIMEOUT}. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive("requestTimeout", timeout);
            return this;
        }

        /** USD per DPU-hour for cost estimates. Default {@value #DEFAULT_PRICE_PER_DPU_HOUR}. */
        public Builder pricePerDpuHour(double usd) {
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new IllegalArgumentException("pricePerDpuHour must be >= 0 but was " + usd);
            }
            this.pricePerDpuHour = usd;
            return this;
        }

        /** ListSessions page size, 1 to 1000. Default {@value #DEFAULT_LIST_PAGE_SIZE}. */
        public Builder listPageSize(int size) {
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("listPageSize must be between 1 and 1000 but was " + size);
            }
            this.listPageSize = size;
            return this;
        }

        /**
         * The value of the {@code owner} tag on every session this transport creates, and the owner
         * {@link GlueTransport#reap(ReapOptions)} matches by default, so neither needs STS to learn who the caller
         * is (for example a team or CI job name). Tag characters only: letters, digits, spaces and
         * {@code _.:/=+-@}; other characters are replaced. Default: not set (the STS user id, else the access key
         * id; see the class comment).
         */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner must not be null");
            if (owner.isBlank() || owner.length() > 256) {
                throw new IllegalArgumentException("owner must be 1 to 256 non-blank characters but was "
                        + (owner.isBlank() ? "blank" : owner.length() + " characters"));
            }
            this.owner = owner;
            return this;
        }

        /**
         * The Glue {@code RequestOrigin} sent when the session configuration sets none. Default
         * {@value #DEFAULT_REQUEST_ORIGIN}.
         */
        public Builder requestOrigin(String origin) {
            this.requestOrigin = Objects.requireNonNull(origin, "requestOrigin must not be null");
            return this;
        }

        /**
         * Turns on the S3 side channel for SQL results (see the class comment): {@code sql(...)} and
         * {@code InteractiveSession.sqlStream(...)} write results under {@code uri}, for example
         * {@code "s3://my-bucket/glivy-results/"}, each in its own {@code glivy-<UTC time>-<id>/} prefix that Glivy
         * deletes after reading. Default: off (results travel in the statement output). Use a prefix of its own and
         * add an S3 lifecycle rule expiring it after a day, for objects a crash leaves behind. The bucket should be
         * in the session's region.
         *
         * @throws IllegalArgumentException unless {@code uri} is {@code s3://<bucket>/<prefix>} with a valid bucket
         *     name and a prefix of {@code A-Z a-z 0-9 . _ = - /}
         */
        public Builder resultsS3Uri(String uri) {
            this.resultsS3 = S3Location.parse(uri);
            return this;
        }

        /**
         * The S3 client for the results side channel. <b>Never closed by Glivy.</b> Switch its SDK retries off as for
         * a Glue client. Default: one built with the Glue calls' region and credentials (cross-region bucket access
         * on), with the HTTP client and timeouts of the other clients.
         */
        public Builder s3Client(S3Client client) {
            this.s3Client = Objects.requireNonNull(client, "s3Client must not be null");
            return this;
        }

        /**
         * The S3 endpoint for the client Glivy builds (a VPC endpoint or a local stand-in); path-style addressing is
         * used with it. Default: the regional endpoint.
         */
        public Builder s3EndpointOverride(URI endpoint) {
            this.s3Endpoint = Objects.requireNonNull(endpoint, "s3Endpoint must not be null");
            return this;
        }

        /**
         * Whether {@code %worker_type} may name a type this version of Glivy does not know (of the service's form
         * {@code <letter>.<n>X}, such as a future {@code G.16X}); it is then sent to Glue as is. Default
         * {@code false}: an unknown type is refused by {@code SessionBuilder.build()}, with the list of known types,
         * before any AWS call.
         */
        public Builder newerWorkerTypes(boolean allow) {
            this.newerWorkerTypes = allow;
            return this;
        }

        /** The clock the reaper measures session age with (for tests). Default: the system clock. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the transport. No AWS call is made: clients are built on first use.
         *
         * @throws IllegalStateException listing every conflicting setting
         */
        public GlueTransport build() {
            List<String> problems = new ArrayList<>();
            if (glueClient != null && glueAsyncClient != null) {
                problems.add("glueClient(GlueClient) and glueClient(GlueAsyncClient) are exclusive; pass one");
            }
            boolean passed = glueClient != null || glueAsyncClient != null;
            if (passed && (region != null || endpoint != null || credentials != null)) {
                problems.add("region(...), endpointOverride(...) and credentialsProvider(...) have no effect with "
                        + "glueClient(...): configure the client you pass instead");
            }
            if (passed && httpClient != null && stsClient != null && (resultsS3 == null || s3Client != null)) {
                problems.add("httpClient(...) has no effect when both glueClient(...) and stsClient(...) are given");
            }
            if (resultsS3 == null && (s3Client != null || s3Endpoint != null)) {
                problems.add("s3Client(...) and s3EndpointOverride(...) have no effect without resultsS3Uri(...)");
            }
            if (s3Client != null && s3Endpoint != null) {
                problems.add("s3EndpointOverride(...) has no effect with s3Client(...): configure the client you pass");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid GlueTransport configuration: " + String.join("; ", problems));
            }
            return new GlueTransport(new Options(region, endpoint, stsEndpoint, credentials, glueClient,
                    glueAsyncClient, stsClient, httpClient, executor, connectTimeout, requestTimeout,
                    pricePerDpuHour, listPageSize, requestOrigin, clock, resultsS3, s3Client, s3Endpoint), owner,
                    newerWorkerTypes);
        }

        /** Builds a transport that the caller (the session, when used as a factory) owns and closes. */
        @Override
        public SessionTransport create() {
            return build();
        }
    }
}
