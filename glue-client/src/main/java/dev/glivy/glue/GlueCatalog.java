package dev.glivy.glue;

import dev.glivy.config.RetryPolicy;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.CatalogOps;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.glue.internal.ClientSettings;
import dev.glivy.glue.internal.Options;
import java.net.URI;
import java.time.Clock;
import dev.glivy.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Browses the AWS Glue Data Catalog straight through its API: databases, tables and a table's schema, location,
 * format and partition keys. No session is started and nothing is billed beyond the catalog's free API calls; this
 * is the "which table was it again?" step of a notebook ({@code show tables in `covid-19`}) without waiting for
 * Spark.
 *
 * <pre>{@code
 * try (GlueCatalog catalog = GlueCatalog.builder().region("us-east-1").build()) {
 *     List<GlueTable> found = catalog.tables("covid-19", "county*");
 *     GlueTable t = catalog.table("covid-19", "county_populations");
 *     t.columns();        // id string, id2 string, county string, state string, population estimate 2018 string
 *     t.location();       // s3://covid19-lake/static-datasets/csv/CountyPopulation/
 *     t.format();         // csv
 *     t.partitionKeys();  // []
 * }
 * }</pre>
 * Or from a transport you have: {@link GlueTransport#catalog()} (same clients, closed with the transport).
 *
 * <p><b>Paging.</b> Every listing follows Glue's {@code NextToken} to the last page; each page is one call with
 * {@link Builder#pageSize(int)} entries at most.
 *
 * <p><b>Retries.</b> Each call (each page) is retried by Glivy's core retrier with {@link Builder#retryPolicy}
 * (default {@link RetryPolicy#defaults()}: exponential backoff with jitter) when it fails retryably: throttling
 * ({@code ThrottlingException}, "Rate exceeded"), {@code InternalServiceException}, {@code OperationTimeoutException},
 * 5xx answers, connection failures. The clients Glivy builds have the SDK's own retries off, so attempts do not
 * multiply; switch them off on a client you pass in too.
 *
 * <p><b>Errors.</b> A missing database or table raises {@link GlueCatalogNotFoundException} naming it and how to
 * list what exists; other AWS errors are {@link dev.glivy.SessionBackendException}s, I/O failures
 * {@link dev.glivy.SessionTransportException}s, missing credentials or region {@link IllegalStateException}s.
 *
 * <p><b>IAM.</b> {@code glue:GetDatabases}, {@code glue:GetDatabase}, {@code glue:GetTables}, {@code glue:GetTable}
 * (and Lake Formation permissions where it governs the catalog).
 *
 * <p>Blocking; thread-safe. <b>Ownership:</b> a catalog from {@link #builder()} owns the clients and threads it
 * builds and {@link #close()} releases them; clients, HTTP clients, credentials and executors passed in are never
 * closed. A catalog from {@link GlueTransport#catalog()} belongs to the transport: its {@code close()} does nothing.
 */
public final class GlueCatalog implements AutoCloseable {
    /** Default page size of GetDatabases and GetTables: {@value} (Glue's maximum). */
    public static final int DEFAULT_PAGE_SIZE = 100;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final CatalogOps ops;
    private final List<AutoCloseable> owned;
    private final @Nullable ExecutorService ownedExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();

    GlueCatalog(CatalogOps ops, List<AutoCloseable> owned, @Nullable ExecutorService ownedExecutor) {
        this.ops = ops;
        this.owned = List.copyOf(owned);
        this.ownedExecutor = ownedExecutor;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A catalog with every default: the SDK's region and credentials chains. */
    public static GlueCatalog create() {
        return builder().build();
    }

    /** Every database of the catalog (all pages), in the catalog's order. */
    public List<GlueDatabase> databases() {
        return ops.databases();
    }

    /**
     * The databases whose name matches {@code namePattern}: {@code *} matches any characters, {@code ?} one,
     * everything else itself, ignoring case; the whole name must match ({@code "covid*"}). Filtered by Glivy after
     * listing every page (Glue's GetDatabases has no name filter).
     */
    public List<GlueDatabase> databases(String namePattern) {
        Pattern p = glob(requireText(namePattern, "namePattern"));
        return databases(d -> p.matcher(d.name()).matches());
    }

    /** The databases {@code filter} accepts (every page is listed, then filtered). */
    public List<GlueDatabase> databases(Predicate<GlueDatabase> filter) {
        Objects.requireNonNull(filter, "filter must not be null");
        List<GlueDatabase> out = new ArrayList<>();
        for (GlueDatabase d : databases()) {
            if (filter.test(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * One database.
     *
     * @throws GlueCatalogNotFoundException when the catalog has no such database
     */
    public GlueDatabase database(String name) {
        return ops.database(requireText(name, "database"));
    }

    /**
     * Every table of {@code database} (all pages), views included.
     *
     * @throws GlueCatalogNotFoundException when the catalog has no such database
     */
    public List<GlueTable> tables(String database) {
        return ops.tables(requireText(database, "database"), null);
    }

    /**
     * The tables of {@code database} whose names match {@code expression}, filtered by Glue itself (GetTables'
     * {@code Expression}): a regular expression over the table name, where {@code *} also works as a wildcard
     * ({@code "county*"}, {@code "sales_.*"}). All pages.
     *
     * @throws GlueCatalogNotFoundException when the catalog has no such database
     */
    public List<GlueTable> tables(String database, String expression) {
        return ops.tables(requireText(database, "database"), requireText(expression, "expression"));
    }

    /**
     * The tables of {@code database} that {@code filter} accepts, for example
     * {@code t -> t.format().equals(Optional.of("parquet")) && t.partitioned()}. Every page is listed, then
     * filtered by Glivy.
     *
     * @throws GlueCatalogNotFoundException when the catalog has no such database
     */
    public List<GlueTable> tables(String database, Predicate<GlueTable> filter) {
        Objects.requireNonNull(filter, "filter must not be null");
        List<GlueTable> out = new ArrayList<>();
        for (GlueTable t : tables(database)) {
            if (filter.test(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * One table: columns, partition keys, location, formats, SerDe, inferred format, type, times, parameters.
     *
     * @throws GlueCatalogNotFoundException when the catalog has no such database or table (see
     *     {@link GlueCatalogNotFoundException#table()})
     */
    public GlueTable table(String database, String name) {
        return ops.table(requireText(database, "database"), requireText(name, "table"));
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** Releases the clients and threads this catalog built (none for a transport's catalog). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort: closing clients only releases local resources
            }
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "GlueCatalog{" + (owned.isEmpty() ? "transport's clients" : "own clients") + "}";
    }

    /**
     * Builds a {@link GlueCatalog}. Every setting is optional; the client settings mean what they mean on
     * {@link GlueTransport.Builder}. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String region;
        private @Nullable URI endpoint;
        private @Nullable AwsCredentialsProvider credentials;
        private @Nullable String profile;
        private @Nullable GlueClient glueClient;
        private @Nullable GlueAsyncClient glueAsyncClient;
        private @Nullable SdkHttpClient httpClient;
        private @Nullable Executor executor;
        private Duration connectTimeout = GlueTransport.DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = GlueTransport.DEFAULT_REQUEST_TIMEOUT;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable String catalogId;

        private Builder() {}

        /** The AWS region, for example {@code "us-east-1"}. Default: the SDK's default region chain. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region must not be null");
            return this;
        }

        /** The Glue endpoint (a VPC endpoint or a local stand-in). Default: the regional endpoint. */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
            return this;
        }

        /** The credentials. <b>Not closed by Glivy.</b> Default: {@link #profile(String)}, else the SDK's chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentialsProvider must not be null");
            return this;
        }

        /** The AWS config profile whose credentials to use. Default: the SDK's default credentials chain. */
        public Builder profile(String profile) {
            this.profile = Objects.requireNonNull(profile, "profile must not be null");
            return this;
        }

        /** A sync Glue client to use instead of building one. <b>Never closed by Glivy.</b> */
        public Builder glueClient(GlueClient client) {
            this.glueClient = Objects.requireNonNull(client, "glueClient must not be null");
            return this;
        }

        /** An async Glue client to use instead of building one. <b>Never closed by Glivy.</b> */
        public Builder glueClient(GlueAsyncClient client) {
            this.glueAsyncClient = Objects.requireNonNull(client, "glueClient must not be null");
            return this;
        }

        /** The HTTP client of the Glue client Glivy builds. <b>Never closed by Glivy.</b> */
        public Builder httpClient(SdkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
            return this;
        }

        /**
         * The executor blocking calls run on. <b>Never shut down by Glivy.</b> Default: up to two daemon threads
         * owned by the catalog, ending when idle.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /** Connection timeout of the HTTP client Glivy builds. Default 10 seconds. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.positive("connectTimeout", timeout);
            return this;
        }

        /** Time limit of one call of the client Glivy builds. Default 60 seconds. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive("requestTimeout", timeout);
            return this;
        }

        /** Entries per GetDatabases/GetTables page, 1 to 100. Default {@value GlueCatalog#DEFAULT_PAGE_SIZE}. */
        public Builder pageSize(int size) {
            if (size < 1 || size > 100) {
                throw new IllegalArgumentException("pageSize must be between 1 and 100 but was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /** How failed calls are retried. Default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} never. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy must not be null");
            return this;
        }

        /** The catalog to browse: another account's id (shared catalogs). Default: the caller's account. */
        public Builder catalogId(String catalogId) {
            Objects.requireNonNull(catalogId, "catalogId must not be null");
            if (!catalogId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("catalogId must be a 12-digit AWS account id but was '"
                        + catalogId + "'");
            }
            this.catalogId = catalogId;
            return this;
        }

        /**
         * Builds the catalog. No AWS call is made: the client is built on first use.
         *
         * @throws IllegalStateException listing every conflicting setting
         */
        public GlueCatalog build() {
            List<String> problems = new ArrayList<>();
            boolean passed = glueClient != null || glueAsyncClient != null;
            if (glueClient != null && glueAsyncClient != null) {
                problems.add("glueClient(GlueClient) and glueClient(GlueAsyncClient) are exclusive; pass one");
            }
            if (passed && (region != null || endpoint != null || credentials != null || profile != null
                    || httpClient != null)) {
                problems.add("region(...), endpointOverride(...), credentialsProvider(...), profile(...) and "
                        + "httpClient(...) have no effect with glueClient(...): configure the client you pass");
            }
            if (credentials != null && profile != null) {
                problems.add("credentialsProvider(...) and profile(...) are exclusive; pass one");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid GlueCatalog configuration: " + String.join("; ", problems));
            }
            ExecutorService pool = null;
            Executor ex = executor;
            if (ex == null) {
                ThreadPoolExecutor p = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "glivy-glue-catalog-" + THREADS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                p.allowCoreThreadTimeOut(true);
                pool = p;
                ex = p;
            }
            Options o = new Options(region, endpoint, null, credentials, glueClient, glueAsyncClient, null,
                    httpClient, ex, connectTimeout, requestTimeout, GlueTransport.DEFAULT_PRICE_PER_DPU_HOUR, pageSize,
                    GlueTransport.DEFAULT_REQUEST_ORIGIN, Clock.systemUTC());
            ClientRegistry registry = new ClientRegistry(o, ex);
            ClientSettings settings = passed ? ClientSettings.of(o) : new ClientSettings(region, endpoint, profile,
                    null);
            BlockingRetry retry = new BlockingRetry(retryPolicy, ex);
            CatalogOps ops = new CatalogOps(() -> registry.clients(settings), retry, pageSize, catalogId);
            return new GlueCatalog(ops, List.of(retry, registry), pool);
        }
    }
}
