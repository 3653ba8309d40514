package dev.glivy.glue;

import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.CatalogOps;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.glue.internal.IoExecutor;
import dev.glivy.glue.internal.Options;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 * Give it the {@link GlueClientConfig} your transport uses ({@code GlueCatalog.builder().clientConfig(aws)}) to
 * browse with the same region and credentials.
 *
 * <p><b>Paging.</b> Every listing follows Glue's {@code NextToken} to the last page; each page is one call with
 * {@link Builder#pageSize(int)} entries at most. A listing that still has a next page after 10,000 pages fails with
 * an {@link IllegalStateException} instead of reading on.
 *
 * <p><b>Retries.</b> Each call (each page) is retried by Glivy's core retrier with
 * {@link GlueClientConfig#retryPolicy()} (default {@code RetryPolicy.defaults()}: exponential backoff with jitter)
 * when it fails retryably: throttling ({@code ThrottlingException}, "Rate exceeded"), {@code InternalServiceException}, {@code OperationTimeoutException},
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
 * closed.
 */
public final class GlueCatalog implements AutoCloseable {
    /** Default page size of GetDatabases and GetTables: {@value} (Glue's maximum). */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final CatalogOps ops;
    private final List<AutoCloseable> owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GlueCatalog(CatalogOps ops, List<AutoCloseable> owned) {
        this.ops = ops;
        this.owned = List.copyOf(owned);
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

    /** Releases the clients and threads this catalog built. Idempotent. */
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
    }

    @Override
    public String toString() {
        return "GlueCatalog{" + ops + "}";
    }

    /**
     * Builds a {@link GlueCatalog}. Every setting is optional; how to reach AWS is one {@link GlueClientConfig},
     * shared with {@link GlueTransport} and {@link GlueAdmin}. Not thread-safe.
     */
    public static final class Builder {
        private GlueClientConfig.Builder clientConfig = GlueClientConfig.builder();
        private int pageSize = DEFAULT_PAGE_SIZE;
        private @Nullable String catalogId;

        private Builder() {}

        /**
         * How to reach AWS (region, endpoint, credentials or profile, Glue client, executor, timeouts, retry policy);
         * replaces the client configuration set so far. Default {@link GlueClientConfig#defaults()}.
         */
        public Builder clientConfig(GlueClientConfig config) {
            this.clientConfig = Objects.requireNonNull(config, "clientConfig must not be null").toBuilder();
            return this;
        }

        /** Changes the client configuration set so far, for example {@code c -> c.profile("analytics")}. */
        public Builder clientConfig(Consumer<GlueClientConfig.Builder> change) {
            Objects.requireNonNull(change, "clientConfig must not be null").accept(clientConfig);
            return this;
        }

        /** Shortcut for {@code clientConfig(c -> c.region(region))}. */
        public Builder region(String region) {
            clientConfig.region(region);
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

        /** The catalog to browse: another account's id (shared catalogs). Default: the caller's account. */
        public Builder catalogId(String catalogId) {
            Objects.requireNonNull(catalogId, "catalogId must not be null");
            if (!catalogId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException(
                        "catalogId must be a 12-digit AWS account id but was '" + catalogId + "'");
            }
            this.catalogId = catalogId;
            return this;
        }

        /**
         * Builds the catalog. No AWS call is made: the client is built on first use.
         *
         * @throws IllegalStateException listing every conflicting client setting
         */
        public GlueCatalog build() {
            GlueClientConfig config = clientConfig.build();
            IoExecutor io = new IoExecutor(config.executor().orElse(null), 2, "glue-catalog");
            Options o = config.options(
                    io.executor(),
                    GlueTransport.DEFAULT_PRICE_PER_DPU_HOUR,
                    pageSize,
                    GlueTransport.DEFAULT_REQUEST_ORIGIN,
                    Clock.systemUTC(),
                    null);
            ClientRegistry registry = new ClientRegistry(o);
            BlockingRetry retry = new BlockingRetry(config.retryPolicy(), io.executor());
            CatalogOps ops =
                    new CatalogOps(() -> registry.clients(registry.defaultSettings()), retry, pageSize, catalogId);
            return new GlueCatalog(ops, List.of(retry, registry, io));
        }
    }
}
