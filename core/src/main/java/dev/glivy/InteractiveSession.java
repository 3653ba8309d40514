package dev.glivy;

import dev.glivy.config.SessionConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A remote (or local) Spark session that runs statements: AWS Glue interactive sessions, Apache Livy, or Spark in
 * this JVM, chosen by {@link SessionBuilder#transport}.
 *
 * <p><b>Lifecycle.</b> {@link SessionBuilder#build()} makes no remote call and returns a session in state
 * {@link SessionState#NOT_STARTED}. {@link #start()} creates the remote session and waits until it is ready (or
 * use {@link SessionBuilder#start()} for both). Statements submitted before {@code start()} fail with a
 * {@link SessionStateException} saying to call {@code start()}; statements submitted while it is starting wait for
 * it. {@link #close()} stops the remote session, so you pay for nothing you are not using: use try-with-resources.
 * A JVM shutdown hook also stops sessions left open (see {@link SessionBuilder#stopOnJvmShutdown(boolean)}).
 *
 * <p><b>Errors.</b> {@code execute} throws {@link StatementFailedException} when the user code raised (set
 * {@link StatementRequest.Builder#failOnError(boolean)} to get the error as a result instead), and the other
 * {@link SessionException} subtypes for transport, backend, timeout and state problems. Async methods complete
 * exceptionally with the same exceptions. Cancelling a returned future cancels the statement on the backend.
 *
 * <p>Thread-safe: statements may be submitted from many threads; backends that run one statement at a time
 * (Livy, Glue) queue them.
 */
public interface InteractiveSession extends AutoCloseable {

    /** A new builder. */
    static SessionBuilder builder() {
        return SessionBuilder.create();
    }

    /** The backend's session id; empty until the backend has assigned one. */
    Optional<String> id();

    /** The backend name, for example {@code "livy"}. */
    String backend();

    /** The last known state (no remote call). */
    SessionState state();

    /** The effective configuration, every value with the layer it came from. */
    SessionConfig config();

    /**
     * Creates the remote session (or attaches to the one given to {@link SessionBuilder#attach(String)}) and waits
     * until it is ready. Idempotent: a second call waits for the same start. When starting fails, any session
     * already created remotely is stopped before this throws.
     *
     * @return this session
     * @throws SessionTimeoutException when the session was not ready within the start timeout
     * @throws SessionLostException when the session failed while starting (the message carries its last log lines)
     */
    InteractiveSession start();

    /** Async form of {@link #start()}. */
    CompletableFuture<InteractiveSession> startAsync();

    /** Describes the session now (a remote call): state, cost counters, dashboard link, attributes. */
    SessionInfo info();

    /** Async form of {@link #info()}. */
    CompletableFuture<SessionInfo> infoAsync();

    /**
     * Runs {@code code} in the session's default language and waits for the result.
     *
     * @throws IllegalArgumentException when {@code code} is blank (nothing is sent)
     */
    StatementResult execute(String code);

    /** Runs {@code code} in {@code language} and waits for the result. */
    StatementResult execute(String code, Language language);

    /** Runs a statement and waits for its result. */
    StatementResult execute(StatementRequest request);

    /**
     * Submits {@code code} in the session's default language. Statements of one session reach the backend one after
     * another in the order of these calls.
     *
     * @throws IllegalArgumentException when {@code code} is blank (nothing is sent)
     */
    CompletableFuture<StatementResult> executeAsync(String code);

    /** Submits {@code code} in {@code language}. */
    CompletableFuture<StatementResult> executeAsync(String code, Language language);

    /** Submits a statement; cancelling the future cancels the statement on the backend. */
    CompletableFuture<StatementResult> executeAsync(StatementRequest request);

    /**
     * Runs a Spark SQL query and returns its result as a typed table, keeping at most
     * {@value SqlRequest#DEFAULT_LIMIT} rows ({@link SqlResult#truncated()} says whether there were more). The same
     * as {@code sql(SqlRequest.of(query))}.
     *
     * @throws IllegalArgumentException when the query is blank or has an unpaired surrogate
     * @throws StatementFailedException when the query failed (syntax, missing table...): the message and
     *     {@link StatementFailedException#error()} carry Spark's error
     * @throws ResultFormatException when the output could not be read as a table
     */
    SqlResult sql(String query);

    /**
     * Runs a Spark SQL query keeping at most {@code limit} rows; the same as
     * {@code sql(SqlRequest.of(query, limit))}.
     *
     * @throws IllegalArgumentException also unless {@code 1 <= limit <= SqlRequest.MAX_LIMIT}
     */
    SqlResult sql(String query, int limit);

    /**
     * Runs a Spark SQL query and waits for its typed result.
     *
     * <p>How the query runs depends on the backend (see {@code SessionTransport.planSql}): as a {@link Language#SQL}
     * statement where the backend runs SQL (Livy's {@code sql} kind, local Spark), or as generated Python or Scala
     * code that runs {@code spark.sql(query)} and prints the schema and rows as JSON (Glue, or limits above Livy's
     * SQL row cap). The query is never pasted into code unescaped: any text is safe. Either way the result is the
     * same table: see {@link SqlResult} and {@link Row} for how Spark types map to Java. The statement appears in
     * {@link #history()} like any other and is cancelled the same way.
     *
     * @throws StatementFailedException when the query failed
     * @throws ResultFormatException when the output could not be read as a table (for example, cut off by the
     *     backend's output size limit: ask for fewer rows)
     */
    SqlResult sql(SqlRequest request);

    /**
     * Runs a Spark SQL query and returns its rows as a stream read in bounded memory, for results too large to hold:
     * on a backend that writes results elsewhere (Glue with {@code GlueTransportBuilder.resultsS3Uri}) the rows are
     * read from there one at a time; elsewhere the statement's output is decoded first and streamed from memory.
     * Blocks until the statement finished and the result is open. At most {@link SqlRequest#limit()} rows come;
     * {@link RowStream#truncated()} says whether there were more.
     *
     * <p><b>Ownership:</b> you close the stream; closing it releases what holds the result (Glue deletes the S3
     * objects, also when reading fails).
     *
     * @throws StatementFailedException when the query failed (whatever it left is released)
     * @throws ResultFormatException when the result could not be opened
     * @since 0.3
     */
    RowStream sqlStream(SqlRequest request);

    /**
     * Async form of {@link #sqlStream(SqlRequest)}; cancelling the future cancels the statement (and a stream opened
     * meanwhile is closed).
     *
     * @since 0.3
     */
    CompletableFuture<RowStream> sqlStreamAsync(SqlRequest request);

    /** Async form of {@link #sql(String)}; cancelling the future cancels the statement. */
    CompletableFuture<SqlResult> sqlAsync(String query);

    /** Async form of {@link #sql(SqlRequest)}; cancelling the future cancels the statement. */
    CompletableFuture<SqlResult> sqlAsync(SqlRequest request);

    /** Asks the backend to cancel a running statement and waits for the request to be accepted. */
    void cancel(String statementId);

    /** Async form of {@link #cancel(String)}. */
    CompletableFuture<Void> cancelAsync(String statementId);

    /** The statements submitted through this object, oldest first, each with its latest known result. */
    List<StatementResult> history();

    /**
     * Up to {@code size} lines of the backend's session log starting at line {@code from}, or the last
     * {@code size} lines when {@code from} is negative. Empty for backends without a log.
     */
    List<String> log(int from, int size);

    /**
     * Stops the remote session (waiting at most the close timeout), fails statements still running, and releases
     * what this session owns (its transport if built from a factory, its share of the default runtime).
     * Idempotent; never throws for a session that is already gone.
     *
     * @throws SessionException when the backend could not be told to stop the session; it will stop itself at its
     *     idle timeout
     */
    @Override
    void close();

    /** Async form of {@link #close()}; the same future is returned on every call. */
    CompletableFuture<Void> closeAsync();
}
