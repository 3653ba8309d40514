package dev.glivy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.internal.NamedThreads;
import dev.glivy.local.internal.JvmEnvironment;
import dev.glivy.local.internal.LocalContext;
import dev.glivy.local.internal.LocalEngine;
import dev.glivy.local.internal.LocalErrors;
import dev.glivy.local.internal.LocalSettings;
import dev.glivy.local.internal.RowJson;
import dev.glivy.local.internal.SharedSpark;
import dev.glivy.local.internal.SparkLogging;
import dev.glivy.local.internal.SparkRoot;
import dev.glivy.local.internal.SparkSettings;
import dev.glivy.local.internal.SqlRunner;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.spi.Watch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs session statements on an Apache Spark started inside this JVM in local mode: no cluster, no account. Switching
 * a session between local Spark, Livy and AWS Glue is one builder line:
 *
 * <pre>{@code
 * try (InteractiveSession session = InteractiveSession.builder()
 *         .transport(LocalTransport.builder())
 *         .start()) {
 *     session.execute("val xs = spark.range(10)");
 *     String text = session.execute("xs.count()").text();           // res0: Long = 10
 *     int one = session.sql("select 1 as one").row(0).getInt("one");   // 1
 * }
 * }</pre>
 *
 * <h2>What runs</h2>
 * <ul>
 *   <li><b>Scala</b> ({@link Language#SCALA}, the default) through Scala's interpreter with class-based wrappers, as in
 *   {@code spark-shell}. State carries over between statements: a value, function or case class defined in one
 *   statement is visible in the next. {@code spark}, {@code sc} and {@code sqlContext} are bound, and
 *   {@code spark.implicits._}, {@code spark.sql} and {@code org.apache.spark.sql.functions._} are imported, as on Livy.
 *   Like Livy, a statement runs top-level statement by top-level statement, joining lines until they are complete;
 *   each output is appended to the {@code text/plain} output ({@code res0: Int = 2}, {@code println} output), and the
 *   first error stops the statement. A line that only continues a complete statement (starting with
 *   {@code .map(...)}) therefore fails, as on Livy: put the dot at the end of the previous line.</li>
 *   <li><b>SQL</b> ({@link Language#SQL}): one Spark SQL statement; the {@code application/json} output has Livy's
 *   shape, {@code {"schema": <StructType JSON>, "data": [[...], ...], "truncated": false}}, with at most
 *   {@link Builder#sqlRowLimit(int)} rows ({@value #DEFAULT_SQL_ROW_LIMIT} by default; {@code "truncated"} is
 *   {@code true} when the query had more). Values are JSON-typed: numbers (decimals exact), booleans, strings; dates
 *   as ISO dates, timestamps as ISO instants in UTC; arrays, maps and structs as JSON arrays and objects.</li>
 *   <li>Python and R statements are refused ({@link #languages()} is {@code scala, sql}).</li>
 * </ul>
 * Failures carry the exception class as name, its first message line as value (Spark's embedded stack traces and
 * plans trimmed) and the full stack trace as traceback; Scala compilation errors are named {@code CompileError}.
 * Cancelling a statement cancels its Spark jobs (one job group per statement) and interrupts its thread; driver code
 * that ignores interrupts and runs no Spark job cannot be stopped.
 *
 * <h2>Sessions, Spark and isolation</h2>
 * Spark allows one SparkContext per JVM. All {@code LocalTransport}s open at the same time share one: the first one
 * used starts it (about 4 seconds), and it stops when the last transport closes. Transports opened while another is
 * open must have the same master, application name, Spark configuration and warehouse directory. When Spark starts, a
 * tiny query warms Spark SQL up while the first session's interpreter starts. Each session gets
 * {@code spark.newSession()} (its own temporary views, SQL configuration and registered functions) and its own
 * Scala interpreter (its own definitions; a value defined in one session is not visible in another, and tasks of
 * both run their own classes). Shared between the sessions: the SparkContext (cores, memory, cache), the catalog of
 * tables in the warehouse, and global temporary views. A session starts in about 1-3 seconds on an already running
 * Spark; statements of one session run one at a time in submission order, on at most {@link Builder#threads(int)}
 * threads for all sessions of the transport.
 *
 * <p>To share one Spark across many sessions (for example a test suite), keep one transport open and pass it with
 * {@code SessionBuilder.transport(SessionTransport)}; a session given a transport builder instead owns its transport
 * and closes it (stopping Spark if it was the last user).
 *
 * <h2>JVM flags</h2>
 * Spark needs these flags on Java 17 and later ({@link #JVM_FLAGS}; the list {@code spark-submit} adds). Add them to
 * the JVM that runs your application or tests, for example to the {@code argLine} of Maven Surefire/Failsafe or to
 * {@code jvmArgs} of a Gradle {@code Test} task:
 * <pre>
 * -XX:+IgnoreUnrecognizedVMOptions
 * --add-opens=java.base/java.lang=ALL-UNNAMED
 * --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 * --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 * --add-opens=java.base/java.io=ALL-UNNAMED
 * --add-opens=java.base/java.net=ALL-UNNAMED
 * --add-opens=java.base/java.nio=ALL-UNNAMED
 * --add-opens=java.base/java.util=ALL-UNNAMED
 * --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 * --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
 * --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 * --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 * --add-opens=java.base/sun.security.action=ALL-UNNAMED
 * --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 * --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
 * -Djdk.reflect.useDirectMethodHandle=false
 * </pre>
 * {@link Builder#build()} checks the {@code --add-opens} flags and fails with the list of missing ones. Give the JVM
 * about 1 GB of heap or more ({@code -Xmx1g}); each open session's interpreter takes some tens of MB.
 *
 * <h2>Class path</h2>
 * The Scala interpreter compiles against {@code java.class.path} (plus the URLs of URL class loaders above the
 * application's class loader and {@link Builder#interpreterClasspath(List)}), so code in statements can use your
 * application's classes. Spark runs with its defaults apart from: {@code spark.ui.enabled=false},
 * {@code spark.ui.showConsoleProgress=false}, {@code spark.driver.host} and {@code spark.driver.bindAddress}
 * {@code 127.0.0.1} (loopback only), {@code spark.sql.shuffle.partitions=4} and the in-memory catalog; override any
 * of them with {@link Builder#sparkConf(String, String)}.
 *
 * <h2>Logging</h2>
 * Spark logs through SLF4J (this module ships no binding and excludes Spark's Log4j 2 binding), so Spark's lines go
 * to your binding. At INFO, Spark prints some 160 lines per run, so by default ({@link Builder#quietSpark(boolean)})
 * the transport sets Spark's known-noise loggers ({@code org.apache.spark}, {@code org.sparkproject},
 * {@code org.apache.hadoop} to WARN, Hadoop's "Unable to load native-hadoop library" line to ERROR) when you build
 * it, following one rule: <b>a level your logging configuration sets for such a logger, or for a parent package of
 * it, always wins</b>, and a default level already at least as quiet is left as it is. This works with slf4j-simple
 * (through {@code org.slf4j.simpleLogger.log.*} system properties, looking at your system properties and
 * {@code simplelogger.properties}) and Logback (levels of loggers that have none of their own); other bindings are
 * left alone: configure them yourself. Spark is also told that its host name is the driver host
 * ({@code 127.0.0.1}), so it does not warn that the machine's host name resolves to a loopback address (unless
 * {@code SPARK_LOCAL_IP} or {@code SPARK_LOCAL_HOSTNAME} is set, which Spark then uses). Glivy's own lines
 * ({@code dev.glivy.local}) at DEBUG show session start timings, statement durations and cancellations.
 *
 * <p>Thread-safe. <b>Ownership:</b> the transport owns its threads, its sessions (local sessions cannot outlive it:
 * {@link #close()} stops them) and its share of the in-process Spark; close it when done. A transport built by a
 * session from {@link #builder()} is closed by the session.
 */
public final class LocalTransport implements SessionTransport {
    /** The backend name in messages and results: {@value}. */
    public static final String BACKEND = LocalErrors.BACKEND;
    /** Default Spark master: two cores. */
    public static final String DEFAULT_MASTER = "local[2]";
    /** Default Spark application name. */
    public static final String DEFAULT_APP_NAME = "glivy-local";
    /**
     * Default maximum rows of a SQL result: 10,000, ten times Livy's default {@code livy.rsc.sql.num-rows}, so that
     * {@code session.sql(query)} with its default limit of 1000 runs as a native SQL statement (see
     * {@link #planSql}).
     */
    public static final int DEFAULT_SQL_ROW_LIMIT = 10_000;
    /** Largest accepted SQL row limit. */
    public static final int MAX_SQL_ROW_LIMIT = 10_000_000;
    /** By default Spark's known-noise loggers are quieted (see the class documentation, Logging). */
    public static final boolean DEFAULT_QUIET_SPARK = true;
    /** Default number of threads running statements (of all sessions of a transport) at the same time. */
    public static final int DEFAULT_THREADS = 4;
    /** The JVM flags Spark needs on Java 17 and later (see the class documentation). */
    public static final List<String> JVM_FLAGS = JvmEnvironment.SPARK_JVM_FLAGS;

    private static final Pattern LOCAL_MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?");

    private final String master;
    private final int sqlRowLimit;
    private final LocalEngine engine;

    private LocalTransport(String master, int sqlRowLimit, LocalEngine engine) {
        this.master = master;
        this.sqlRowLimit = sqlRowLimit;
        this.engine = engine;
    }

    /** A builder with all defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A transport with all defaults (master {@value #DEFAULT_MASTER}). */
    public static LocalTransport create() {
        return builder().build();
    }

    /** Returns {@value #BACKEND}. */
    @Override
    public String backend() {
        return BACKEND;
    }

    /** The Spark master, for example {@code local[2]}. */
    @Override
    public String endpoint() {
        return master;
    }

    /** {@link Language#SCALA} and {@link Language#SQL}. */
    @Override
    public Set<Language> languages() {
        return LocalEngine.LANGUAGES;
    }

    /** {@link Language#SCALA}. */
    @Override
    public Language defaultLanguage() {
        return Language.SCALA;
    }

    /**
     * Everything except the session language, {@code %session_id}, {@code %session_id_prefix} and the per-session
     * keys of {@code %spark_conf} (runtime {@code spark.sql.*} settings and keys outside {@code spark.*}, applied to
     * the session's own SQL configuration).
     */
    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return LocalSettings.unsupported(config);
    }

    /**
     * Creates a session whose id is the request's client token; it reports {@code STARTING} until its Spark session
     * and interpreter are ready (Spark itself starts with the first session).
     */
    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return engine.createSession(request);
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return engine.findSession(request);
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return engine.getSession(sessionId);
    }

    /** The open sessions of this transport (not those of other transports sharing the Spark). */
    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return engine.listSessions();
    }

    /** Stops a session, cancelling its statements and releasing its interpreter; it is then unknown. */
    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return engine.stopSession(sessionId);
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return engine.submitStatement(sessionId, request);
    }

    /** A statement; while it runs, progress is completed over total tasks of its Spark jobs. */
    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return engine.getStatement(sessionId, statementId);
    }

    /** The session's statements, all on one page (the local transport keeps them in memory). */
    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        return engine.listStatements(sessionId).thenApply(StatementPage::last);
    }

    /**
     * Pushes changes (the engine is in this JVM): the listener's {@code sessionChanged()} is called when the session
     * becomes ready, fails or stops (and once at registration when it is no longer starting), and
     * {@code statementChanged(id)} when a statement starts, its Spark jobs start, progress (at most every 50 ms per
     * statement) or end, it is cancelled, or it finishes. Calls come from the transport's statement threads, Spark's
     * listener thread or the thread stopping the session; an exception thrown by the listener is ignored (logged at
     * DEBUG). Empty when the session is unknown or the transport is closed. Closing the watch stops the calls.
     */
    @Override
    public Optional<Watch> watch(String sessionId, ChangeListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        return engine.watch(sessionId, listener);
    }

    /** Statement ids are 0, 1, 2... in submission order. */
    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return Optional.of(String.valueOf(Integer.parseInt(previousId) + 1));
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return engine.cancelStatement(sessionId, statementId);
    }

    /**
     * A {@link Language#SQL} statement when {@code limit} is below {@link Builder#sqlRowLimit(int)} (the most rows a
     * SQL statement returns here, {@value #DEFAULT_SQL_ROW_LIMIT} by default, so {@code session.sql(query)} with its
     * default limit of 1000 runs natively), otherwise Glivy's generated Scala wrapper, which returns exactly
     * {@code limit} rows. Below the row limit the native statement is exact: its rows past {@code limit} prove
     * truncation. It returns the same schema and values as the wrapper (both encode Spark's own rows exactly).
     * Queries containing <code>${</code> always take the wrapper, which turns Spark's variable substitution off so
     * the text runs as written.
     */
    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        return SqlPlan.standard(query, limit, sessionLanguage, languages(), sqlRowLimit);
    }

    /** The session's own log: start timings, failures, cancellations, truncated results (last 500 lines). */
    @Override
    public CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        return engine.sessionLog(sessionId, from, size);
    }

    /**
     * Stops this transport's sessions (local sessions cannot outlive their transport), waits up to 10 seconds for
     * running statements to end after cancelling them, stops its threads, and stops Spark when no other transport
     * uses it. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "LocalTransport{master=" + master + ", sessions=" + engine.sessionCount() + "}";
    }

    /**
     * Builds {@link LocalTransport}s. As a {@link SessionTransport.Factory}, pass it to
     * {@code SessionBuilder.transport(...)}: the session then owns the transport and closes it.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder implements SessionTransport.Factory {
        private String master = DEFAULT_MASTER;
        private String appName = DEFAULT_APP_NAME;
        private final Map<String, String> sparkConf = new LinkedHashMap<>();
        private @Nullable Path warehouseDir;
        private int sqlRowLimit = DEFAULT_SQL_ROW_LIMIT;
        private int threads = DEFAULT_THREADS;
        private final List<Path> interpreterClasspath = new ArrayList<>();
        private boolean quietSpark = DEFAULT_QUIET_SPARK;

        private Builder() {}

        /**
         * The Spark master: {@code local}, {@code local[N]}, {@code local[*]} or {@code local[N,maxFailures]}.
         * Default {@value #DEFAULT_MASTER}.
         */
        public Builder master(String master) {
            this.master =
                    Objects.requireNonNull(master, "master must not be null").trim();
            return this;
        }

        /** The Spark application name. Default {@value #DEFAULT_APP_NAME}. */
        public Builder appName(String appName) {
            this.appName = Objects.requireNonNull(appName, "appName must not be null");
            return this;
        }

        /**
         * Sets one Spark configuration entry for the in-process Spark (overriding the transport's defaults listed in
         * the class documentation). Use {@link #master(String)}, {@link #appName(String)} and
         * {@link #warehouseDir(Path)} for those three.
         */
        public Builder sparkConf(String key, String value) {
            Objects.requireNonNull(key, "sparkConf key must not be null");
            Objects.requireNonNull(value, "sparkConf value must not be null (key " + key + ")");
            if (key.isBlank()) {
                throw new IllegalArgumentException("sparkConf key must not be blank");
            }
            sparkConf.put(key, value);
            return this;
        }

        /** Sets several Spark configuration entries (see {@link #sparkConf(String, String)}). */
        public Builder sparkConf(Map<String, String> conf) {
            Objects.requireNonNull(conf, "sparkConf must not be null").forEach(this::sparkConf);
            return this;
        }

        /**
         * The directory of Spark SQL's warehouse (tables created with {@code CREATE TABLE} / {@code saveAsTable}).
         * Default: a temporary directory, deleted when Spark stops. A directory you set is never deleted.
         */
        public Builder warehouseDir(Path dir) {
            this.warehouseDir = Objects.requireNonNull(dir, "warehouseDir must not be null");
            return this;
        }

        /**
         * The most rows a SQL statement returns; results with more rows are cut and marked {@code "truncated": true}.
         * Default {@value #DEFAULT_SQL_ROW_LIMIT}; at most {@value #MAX_SQL_ROW_LIMIT}.
         */
        public Builder sqlRowLimit(int rows) {
            if (rows < 1 || rows > MAX_SQL_ROW_LIMIT) {
                throw new IllegalArgumentException(
                        "sqlRowLimit must be between 1 and " + MAX_SQL_ROW_LIMIT + " but was " + rows);
            }
            this.sqlRowLimit = rows;
            return this;
        }

        /**
         * How many statements (of different sessions) may run at the same time, which is also the number of
         * threads the transport may keep (idle ones end after 30 seconds). Default {@value #DEFAULT_THREADS}.
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be > 0 but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Extra jars or class directories the Scala interpreter compiles against, before {@code java.class.path}.
         * Needed only when your classes are not on {@code java.class.path} (for example in an application server).
         */
        public Builder interpreterClasspath(List<Path> entries) {
            Objects.requireNonNull(entries, "interpreterClasspath must not be null");
            entries.forEach(p -> interpreterClasspath.add(
                    Objects.requireNonNull(p, "interpreterClasspath entries must not be null")));
            return this;
        }

        /**
         * Whether {@link #build()} quiets Spark's known-noise loggers in your SLF4J binding (slf4j-simple or
         * Logback), leaving alone every logger your logging configuration gives a level, itself or through a parent
         * package (see the class documentation, Logging). Default {@value #DEFAULT_QUIET_SPARK}; {@code false}
         * leaves all logging configuration to you. Settings made this way stay for the life of the JVM.
         */
        public Builder quietSpark(boolean quietSpark) {
            this.quietSpark = quietSpark;
            return this;
        }

        /**
         * Builds the transport. Spark starts later, with the first session.
         *
         * @throws IllegalStateException when settings conflict, when the JVM lacks the {@code --add-opens} flags
         *     Spark needs ({@link LocalTransport#JVM_FLAGS}), or when another open transport runs Spark with other
         *     settings
         */
        public LocalTransport build() {
            List<String> problems = new ArrayList<>();
            if (!LOCAL_MASTER.matcher(master).matches()) {
                problems.add("master must be local, local[N], local[*] or local[N,maxFailures] but was '" + master
                        + "' (the local transport runs Spark inside this JVM)");
            }
            for (String key : List.of("spark.master", "spark.app.name", "spark.sql.warehouse.dir")) {
                if (sparkConf.containsKey(key)) {
                    problems.add("sparkConf must not set " + key + "; use master(...), appName(...) or "
                            + "warehouseDir(...)");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid LocalTransport settings: " + String.join("; ", problems));
            }
            List<String> missing = JvmEnvironment.missingOpens(SparkContext.class.getModule());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Spark cannot run in this JVM: it lacks " + missing.size()
                        + " of the flags Spark needs on Java 17+: " + String.join(" ", missing) + ". Add all of "
                        + "LocalTransport.JVM_FLAGS to the JVM command line (for tests: the argLine of Surefire/"
                        + "Failsafe, or jvmArgs of Gradle's Test task).");
            }
            if (quietSpark) {
                SparkLogging.quiet();
            }
            ClassLoader appLoader = appLoader();
            SparkSettings settings = new SparkSettings(master, appName, sparkConf, warehouseDir);
            SparkRoot root = SharedSpark.acquire(settings, appLoader);
            try {
                ThreadPoolExecutor pool = NamedThreads.pool(threads, "glivy-local-", Duration.ofSeconds(30));
                ScheduledThreadPoolExecutor timer =
                        new ScheduledThreadPoolExecutor(1, NamedThreads.numbered("glivy-local-timer-"));
                timer.setRemoveOnCancelPolicy(true);
                SqlRunner sql = new SqlRunner(new RowJson(new ObjectMapper().getFactory()), sqlRowLimit);
                String classpath = JvmEnvironment.interpreterClasspath(interpreterClasspath, appLoader);
                LocalContext ctx = new LocalContext(root, pool, timer, sql, classpath, appLoader, Clock.systemUTC());
                return new LocalTransport(master, sqlRowLimit, new LocalEngine(ctx));
            } catch (RuntimeException e) {
                SharedSpark.release(root);
                throw e;
            }
        }

        /** Same as {@link #build()}: the caller (a session) owns and closes the transport. */
        @Override
        public SessionTransport create() {
            return build();
        }

        private static ClassLoader appLoader() {
            ClassLoader mine = LocalTransport.class.getClassLoader();
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context == null) {
                return mine;
            }
            try {
                return Class.forName(SparkContext.class.getName(), false, context) == SparkContext.class
                        ? context
                        : mine;
            } catch (ClassNotFoundException | LinkageError e) {
                return mine;
            }
        }
    }
}
