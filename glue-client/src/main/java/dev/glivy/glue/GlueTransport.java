package dev.glivy.glue;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.glue.internal.ClientSettings;
import dev.glivy.glue.internal.CreateSessionMapper;
import dev.glivy.glue.internal.CreatedSessions;
import dev.glivy.glue.internal.GlueErrorMapper;
import dev.glivy.glue.internal.IoExecutor;
import dev.glivy.glue.internal.Options;
import dev.glivy.glue.internal.S3ResultChannel;
import dev.glivy.glue.internal.SessionMapper;
import dev.glivy.glue.internal.SessionOps;
import dev.glivy.glue.internal.SqlCode;
import dev.glivy.glue.internal.StatementOps;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The AWS Glue interactive sessions transport (AWS SDK for Java v2): sessions are Glue sessions, statements are Glue
 * statements. It speaks Glue's session protocol and nothing else; the operations that are not session verbs
 * (status with cost, reap, whoami, tag listing, delete, dashboard link) are on {@link GlueAdmin}, catalog browsing on
 * {@link GlueCatalog}, jobs on {@link GlueJobs}: all built from the same {@link GlueClientConfig}.
 *
 * <pre>{@code
 * try (InteractiveSession s = InteractiveSession.builder()
 *         .transport(GlueTransport.builder().region("us-east-1"))
 *         .magics("%glue_version 4.0\n%number_of_workers 2\n%worker_type G.1X\n%idle_timeout 15")
 *         .config(c -> c.iamRole("arn:aws:iam::123456789012:role/GlueInteractiveRole"))
 *         .start()) {
 *     long n = s.sql("select count(*) as n from range(10)").row(0).getLong("n");
 * }
 * }</pre>
 *
 * <p><b>Languages.</b> {@link Language#PYTHON} (the default) or {@link Language#SCALA}; a session runs only its
 * own language. Glue has no SQL statement kind: {@code sql(...)} runs Glivy's generated wrapper (see
 * {@link #planSql}) and a {@link Language#SQL} statement runs {@code spark.sql(...).show()} in session-language code;
 * either way the query travels base64-encoded. Attach to a Scala session with
 * {@code .config(c -> c.language(Language.SCALA))}.
 *
 * <p><b>Region, endpoint, credentials.</b> {@link GlueClientConfig} values win; otherwise the configuration's
 * {@code %region}, {@code %endpoint}, {@code %profile} and {@code %%assume_role} choose the clients of the session
 * created with it; otherwise the SDK's default chains. Calls that carry no session configuration, attaching to a
 * session ({@code SessionBuilder.attach}, {@code %reconnect}) and {@link #listSessions()}, use the
 * {@code GlueClientConfig} alone: to attach to a session in another region, set that region there.
 *
 * <p><b>Role and owner.</b> {@code %iam_role}, else, when the caller is an assumed role, that role (see
 * {@link GlueCallerIdentity#derivedRoleArn()}). Every session is tagged {@code created-by=glivy} and
 * {@code owner=<owner>} ({@link GlueTransportBuilder#owner(String)}, else the STS user id, else the access key id).
 *
 * <p><b>Retries.</b> One attempt per call: Glivy's core retries what {@code GlueErrorMapper} marks retryable. Service
 * errors say whether the refused call may still have taken effect, so a RunStatement Glue refused is resent and one
 * whose answer was lost is reconciled (GetStatement of the next id), never sent twice.
 *
 * <p><b>Threads, clients and ownership.</b> Thread-safe. Blocking SDK calls run on the configuration's executor,
 * else on {@link GlueClientConfig#DEFAULT_IO_THREADS} daemon {@code glivy-glue-<n>} threads (ended after 30 idle
 * seconds) that every transport in the JVM shares. The AWS clients Glivy builds (Glue, STS, S3, each with its HTTP
 * client) are shared too: one set per distinct client configuration (region, endpoints, profile, role to assume,
 * timeouts, whether S3 is used, and the <i>identity</i> of each credentials provider, client, HTTP client or executor
 * passed in), so a thousand sessions each with its own transport built from the same configuration use one set and
 * four I/O threads; their call timeouts are timed on Glivy's shared scheduler thread, so the SDK starts no timer
 * threads. Both are reference counted: {@link #close()} returns this transport's leases, and the last
 * transport to let go of a set closes its clients, the last one of the pool ends its threads. Clients, HTTP clients,
 * credentials providers and executors <b>passed in are never closed by Glivy</b>. {@link #close()} also <b>stops the
 * Glue sessions this transport created that are still open</b>.
 */
public final class GlueTransport implements SessionTransport {
    /** The backend name: {@value}. */
    public static final String BACKEND = GlueErrorMapper.BACKEND;
    /** Default price of one DPU-hour for cost estimates: {@value} USD (us-east-1, 2025). */
    public static final double DEFAULT_PRICE_PER_DPU_HOUR = 0.44;
    /** Default ListSessions page size: {@value}. */
    public static final int DEFAULT_LIST_PAGE_SIZE = 100;
    /** Default Glue {@code RequestOrigin}: {@value}. */
    public static final String DEFAULT_REQUEST_ORIGIN = "glivy";

    private final Options options;
    private final IoExecutor io;
    private final ClientRegistry registry;
    private final SessionOps sessions;
    private final StatementOps statements;
    private final @Nullable S3ResultChannel results;
    private final BlockingRetry s3Retry;
    private final boolean newerWorkerTypes;
    private final CreatedSessions created = new CreatedSessions();

    GlueTransport(GlueClientConfig config, GlueTransportBuilder b) {
        this.io = IoExecutor.shared(config.executor().orElse(null), GlueClientConfig.DEFAULT_IO_THREADS);
        this.options =
                config.options(io.executor(), b.pricePerDpuHour, b.listPageSize, b.requestOrigin, b.clock, b.resultsS3);
        this.newerWorkerTypes = b.newerWorkerTypes;
        this.registry = ClientRegistry.shared(options);
        this.sessions = new SessionOps(registry, b.owner);
        this.statements = new StatementOps(registry, sessions);
        this.s3Retry = new BlockingRetry(config.retryPolicy(), io.executor());
        this.results = b.resultsS3 == null
                ? null
                : new S3ResultChannel(b.resultsS3, options.clock(), registry::s3For, io.executor(), s3Retry);
    }

    /** A new builder. */
    public static GlueTransportBuilder builder() {
        return new GlueTransportBuilder();
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
        return registry.defaultSettings().endpointForDisplay();
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
     * Glue has no SQL statement kind, so every query runs as Glivy's generated wrapper in the session's language
     * that prints the typed table (no row cap, exact truncation). With {@link GlueTransportBuilder#resultsS3Uri}
     * set, the plan runs the S3 variant: its code writes gzip JSON lines under a fresh prefix and prints a pointer,
     * and its reader streams the objects back and deletes them once read (or when the statement failed).
     */
    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        Language lang = sessionLanguage == Language.SCALA ? Language.SCALA : Language.PYTHON;
        S3ResultChannel r = results;
        return r == null ? SqlPlan.wrapper(query, limit, lang) : r.plan(query, limit, lang);
    }

    /** This session's DPUs (see {@link GlueSessionStatus#dpus()}) at the builder's price per DPU-hour. */
    @Override
    public Optional<CostRate> costRate(SessionConfig config) {
        return Optional.of(CostRate.of(SessionMapper.dpus(config), "DPU", options.pricePerDpuHour()));
    }

    /** The settings the client configuration overrides, and {@code %session_language r}. No side effect. */
    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return ClientSettings.unsupported(options, config);
    }

    /**
     * What Glue would refuse, found without any AWS call: an unknown {@code %worker_type} (unless
     * {@link GlueTransportBuilder#newerWorkerTypes(boolean)}), {@code %worker_type} without
     * {@code %number_of_workers} or the reverse, more than {@value CreateSessionMapper#MAX_TAGS} tags with Glivy's.
     */
    @Override
    public List<String> configProblems(SessionConfig config) {
        return CreateSessionMapper.problems(config, newerWorkerTypes);
    }

    /**
     * CreateSession. Before it, STS GetCallerIdentity (once per set of clients, remembered) unless an owner is
     * configured and {@code %iam_role} is set, for the owner tag and the role. With a fixed {@code %session_id}
     * that Glue answers AlreadyExists for, GetSession: a stopped, failed or timed-out session of that id is deleted
     * (DeleteSession) and created again; a live one fails, pointing at attach. When the answer carries no session,
     * one GetSession by the id sent.
     */
    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        if (created.closed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed"));
        }
        return sessions.create(request).thenApply(info -> {
            created.add(info.id());
            return info;
        });
    }

    /** GetSession on the client token of a create whose answer was lost; a live session found is ours to stop. */
    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return sessions.find(request).thenApply(found -> {
            found.ifPresent(info -> created.add(info.id()));
            return found;
        });
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return sessions.get(sessionId);
    }

    /** ListSessions, every page. Tag filters are on {@link GlueAdmin#listSessions(Map)}. */
    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return sessions.list(Map.of());
    }

    /**
     * StopSession; a session already stopping or gone is success (a StopSession refused as such: one GetSession).
     * After {@link #close()}, the StopSession close sent for a session it created, else a failure.
     */
    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return created.stop(sessionId, sessions::stop);
    }

    /**
     * RunStatement. The session's language (how SQL is wrapped, which language is refused) is known from
     * CreateSession or any GetSession of it; only for a session this transport has never seen does one GetSession
     * come first. When Glue refuses because the session is gone or not ready, one GetSession says why.
     */
    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return statements.submit(sessionId, request);
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return statements.get(sessionId, statementId);
    }

    /** One ListStatements request; Glue's {@code NextToken} is the page token; the page is sorted oldest first. */
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

    /** A {@link Language#SQL} statement is sent as session-language code running the query. */
    @Override
    public boolean echoes(SubmitStatementRequest submitted, String echoed) {
        return submitted.language() == Language.SQL
                && SqlCode.query(echoed).filter(q -> q.equals(submitted.code())).isPresent();
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return statements.cancel(sessionId, statementId);
    }

    /** The S3 location SQL results go through, {@code s3://bucket/prefix/}, when the side channel is on. */
    public Optional<String> resultsS3Uri() {
        S3ResultChannel r = results;
        return r == null ? Optional.empty() : Optional.of(r.base().uri());
    }

    /**
     * Stops the Glue sessions this transport created that are still open (StopSession each, a WARN names any that
     * fail), then, once those calls have answered, returns its leases on the shared clients and I/O threads (the
     * last transport using them closes the clients and ends the threads); with the S3 side channel on, objects of
     * SQL results not yet read are deleted first (best effort). Does not block; idempotent (a second close returns
     * nothing twice).
     */
    @Override
    public void close() {
        created.close(sessions::stop, this::release);
    }

    private void release() {
        S3ResultChannel r = results;
        if (r != null) {
            r.deleteOutstanding();
        }
        s3Retry.close();
        registry.close();
        io.close();
    }

    /** The client registry (for tests in this package). */
    ClientRegistry clientRegistry() {
        return registry;
    }

    @Override
    public String toString() {
        return "GlueTransport{" + options + "}";
    }
}
