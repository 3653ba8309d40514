package dev.glivy.spi;

import dev.glivy.Language;
import dev.glivy.RowStream;
import dev.glivy.SqlRequest;
import dev.glivy.StatementResult;
import dev.glivy.internal.sql.SqlCodegen;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.internal.sql.SqlText;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * How one SQL query runs on a backend and how its result is read back as a typed table: the statement to submit
 * (code and language, sent as is, so also what Glivy reconciles a lost submission against), and the
 * {@link Reader} that turns the finished statement into rows. {@link SessionTransport#planSql} makes one per query.
 *
 * <p><b>Two ways to run a query.</b>
 * <ul>
 *   <li>{@link #sqlStatement}: the query itself as a {@link Language#SQL} statement; the backend answers
 *       {@code application/json} {@code {"schema": <Spark StructType JSON>, "data": [[v1, v2, ...], ...]}} (Livy's
 *       {@code sql} kind). Such backends return at most some number of rows (Livy: {@code livy.rsc.sql.num-rows},
 *       default {@value #DEFAULT_SQL_ROW_CAP}) without saying whether they dropped any. Glivy reports truncation
 *       honestly from the cap: with a limit below the cap, more rows than the limit proves truncation and fewer
 *       proves completeness; with a limit at or above the cap, a full cap of rows is reported as truncated (it may
 *       be exactly complete; Glivy cannot tell).
 *   <li>{@link #wrapper}: generated Python or Scala code that runs {@code spark.sql(query)}, takes
 *       {@code limit + 1} rows and prints the schema and the rows as JSON lines between markers
 *       ({@code text/plain}); truncation is exact. The query travels base64-encoded, so no query text can break out
 *       of the generated code. {@link #sessionWrapper} is the same split in two: a {@link #prelude()} that
 *       defines the wrapper as a function once per session, and a one-line call of it per query.
 * </ul>
 * {@link #standard} chooses: the SQL statement when the backend runs SQL, the limit is below its cap and the query
 * has neither <code>${</code> (which Spark would substitute) nor a carriage return (which Livy rewrites to
 * {@code \n}); otherwise a {@link #sessionWrapper} in the session's language (Python or Scala), otherwise in
 * Scala, otherwise in Python; otherwise the SQL statement with the cap caveat above.
 *
 * <p><b>A plan with its own reader.</b> {@link #custom} lets a transport run its own code and read the result its
 * own way, for example from where the statement wrote it (Glue's S3 side channel): the session submits
 * {@link #code()} unchanged, and once the statement succeeded hands it to the plan's {@link Reader}; when the
 * statement failed, was cancelled or never ran, it calls {@link Reader#discard} instead. The standard plans read
 * the statement's own output ({@link Output}).
 *
 * <p>Immutable (a custom reader may hold state of its own; it must be thread-safe).
 */
public final class SqlPlan {
    /** The rows Livy's {@code sql} statement kind returns at most unless configured otherwise: {@value}. */
    public static final int DEFAULT_SQL_ROW_CAP = 1000;
    /** A row cap meaning "the backend returns every row of a SQL statement". */
    public static final int ALL_ROWS = Integer.MAX_VALUE;

    /** The output format of a plan's statement. */
    public enum Output {
        /** {@code application/json}: {@code {"schema": ..., "data": [[...], ...]}}, rows as positional arrays. */
        SPARK_JSON_TABLE,
        /** {@code text/plain} holding Glivy's marker-delimited envelope of schema and JSON-lines rows. */
        ENVELOPE,
        /** Read by the plan's own {@link Reader} ({@link #custom}); the statement's output is whatever it prints. */
        CUSTOM
    }

    /**
     * Turns the finished statement of a plan into rows. The session calls exactly one of its methods once per run
     * of the plan: {@link #open} when the statement succeeded, {@link #discard} otherwise. Implementations must be
     * thread-safe.
     */
    public interface Reader {
        /**
         * Opens the rows of {@code statement}, the plan's statement, which succeeded. Must not block the calling
         * thread (a session's completion thread): do blocking reads on an executor of your own and complete the
         * future there. For {@code InteractiveSession.sql} the session then reads the whole stream on the thread
         * that completed the future; for {@code sqlStream} the caller iterates it.
         *
         * <p><b>Ownership:</b> the returned stream owns whatever holds the result; closing it releases that (Glue
         * deletes the S3 objects). When opening fails, release it before failing the future.
         *
         * @return the rows; the future fails with a {@link dev.glivy.ResultFormatException} when the result cannot
         *     be read, or a {@link dev.glivy.SessionException} when the backend holding it fails
         */
        CompletableFuture<RowStream> open(StatementResult statement);

        /**
         * The plan's statement failed, was cancelled, or never ran: release whatever it may have left (it may still
         * be running). Must not block and must not throw. The default does nothing.
         *
         * @param sessionId the session the statement ran in, or {@code null} when it never got one
         */
        default void discard(@Nullable String sessionId) {}
    }

    /** Reads the statement's own output, as core's decoder reads it for {@code sql(...)}. */
    private final class OutputReader implements Reader {
        @Override
        public CompletableFuture<RowStream> open(StatementResult statement) {
            try {
                return CompletableFuture.completedFuture(RowStream.of(SqlResults.of(statement, SqlPlan.this)));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private final String query;
    private final int limit;
    private final String code;
    private final Language language;
    private final Output output;
    private final int rowCap;
    private final String nonce;
    private final @Nullable Prelude prelude;
    private final Reader reader;

    private SqlPlan(
            String query,
            int limit,
            String code,
            Language language,
            Output output,
            int rowCap,
            String nonce,
            @Nullable Prelude prelude) {
        this(query, limit, code, language, output, rowCap, nonce, prelude, null);
    }

    private SqlPlan(
            String query,
            int limit,
            String code,
            Language language,
            Output output,
            int rowCap,
            String nonce,
            @Nullable Prelude prelude,
            @Nullable Reader reader) {
        this.reader = reader == null ? new OutputReader() : reader;
        this.query = query;
        this.limit = limit;
        this.code = code;
        this.language = language;
        this.output = output;
        this.rowCap = rowCap;
        this.nonce = nonce;
        this.prelude = prelude;
    }

    /**
     * Code a plan's statement relies on having run earlier in the same session: the definition of the function
     * that {@link SqlPlan#sessionWrapper} plans call. The session submits it as a statement of its own before the
     * first call, and again when a call proves the function is missing ({@link SqlPlan#preludeMissing}). Its text
     * is the same for every query, and its function's name carries a hash of that text. Immutable.
     */
    public static final class Prelude {
        private final String function;
        private final String code;
        private final Language language;

        private Prelude(String function, String code, Language language) {
            this.function = function;
            this.code = code;
            this.language = language;
        }

        /** The name of the function the prelude defines. */
        public String function() {
            return function;
        }

        /** The code that defines it. */
        public String code() {
            return code;
        }

        /** The statement language to submit {@link #code()} in (the same as the plan's). */
        public Language language() {
            return language;
        }

        @Override
        public String toString() {
            return "Prelude{" + function + ", language=" + language.label() + "}";
        }
    }

    /**
     * Runs {@code query} as a {@link Language#SQL} statement whose {@code application/json} output holds at most
     * {@code rowCap} rows ({@link #ALL_ROWS} when the backend never drops rows).
     *
     * @throws IllegalArgumentException for a blank query, a query with an unpaired surrogate, a limit outside
     *     {@code 1..}{@link SqlRequest#MAX_LIMIT} or a cap below 1
     */
    public static SqlPlan sqlStatement(String query, int limit, int rowCap) {
        SqlText.checkQuery(query);
        SqlText.checkLimit(limit);
        if (rowCap < 1) {
            throw new IllegalArgumentException("rowCap must be > 0 but was " + rowCap);
        }
        return new SqlPlan(query, limit, query, Language.SQL, Output.SPARK_JSON_TABLE, rowCap, "", null);
    }

    /**
     * Runs {@code query} through generated code in {@code language}, which must be {@link Language#PYTHON} or
     * {@link Language#SCALA}; the output is an {@link Output#ENVELOPE} marked with a fresh random nonce.
     *
     * @throws IllegalArgumentException for another language, a blank query, a query with an unpaired surrogate, or
     *     a limit outside {@code 1..}{@link SqlRequest#MAX_LIMIT}
     */
    public static SqlPlan wrapper(String query, int limit, Language language) {
        Objects.requireNonNull(language, "language must not be null");
        SqlText.checkQuery(query);
        SqlText.checkLimit(limit);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String code;
        if (language == Language.PYTHON) {
            code = SqlCodegen.python(query, limit, nonce);
        } else if (language == Language.SCALA) {
            code = SqlCodegen.scala(query, limit, nonce);
        } else {
            throw new IllegalArgumentException(
                    "language must be python or scala for a generated SQL wrapper but " + "was " + language.label());
        }
        return new SqlPlan(query, limit, code, language, Output.ENVELOPE, ALL_ROWS, nonce, null);
    }

    /**
     * Like {@link #wrapper}, but the generated code is split in two: a {@link #prelude()} that defines a function
     * once per session, and this plan's {@link #code()}, a one-line call of it with the base64-encoded query, the
     * limit and the nonce. The interpreter then compiles one line per query instead of the whole wrapper (on Scala,
     * hundreds of milliseconds each). The output is the same {@link Output#ENVELOPE}.
     *
     * <p>A call in a session that lacks the function runs nothing of the query: in Scala the line does not compile
     * ({@code not found: value glivySql_...}); in Python a guard prints a marker instead of calling. Either outcome
     * makes {@link #preludeMissing} true, and the session defines the function and sends the call once more.
     *
     * @throws IllegalArgumentException as {@link #wrapper} does
     */
    public static SqlPlan sessionWrapper(String query, int limit, Language language) {
        Objects.requireNonNull(language, "language must not be null");
        SqlText.checkQuery(query);
        SqlText.checkLimit(limit);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        Prelude prelude;
        String code;
        if (language == Language.PYTHON) {
            code = SqlCodegen.pythonCall(query, limit, nonce);
            prelude = new Prelude(SqlCodegen.PYTHON_FUNCTION, SqlCodegen.PYTHON_PRELUDE, language);
        } else if (language == Language.SCALA) {
            code = SqlCodegen.scalaCall(query, limit, nonce);
            prelude = new Prelude(SqlCodegen.SCALA_FUNCTION, SqlCodegen.SCALA_PRELUDE, language);
        } else {
            throw new IllegalArgumentException(
                    "language must be python or scala for a generated SQL wrapper but " + "was " + language.label());
        }
        return new SqlPlan(query, limit, code, language, Output.ENVELOPE, ALL_ROWS, nonce, prelude);
    }

    /**
     * Runs {@code code} in {@code language} (sent as is) and reads its result with {@code reader}: for transports
     * that fetch a result from where the statement wrote it. No row cap applies; the reader reports truncation.
     *
     * @param query the query as the caller wrote it (for the result and messages)
     * @param limit the most rows the result keeps
     * @param code the code to submit
     * @param language the language to submit it in
     * @param reader reads the finished statement's result
     * @throws IllegalArgumentException for a blank query or code, a query with an unpaired surrogate, or a limit
     *     outside {@code 1..}{@link SqlRequest#MAX_LIMIT}
     */
    public static SqlPlan custom(String query, int limit, String code, Language language, Reader reader) {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(language, "language must not be null");
        Objects.requireNonNull(reader, "reader must not be null");
        SqlText.checkQuery(query);
        SqlText.checkLimit(limit);
        if (code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank");
        }
        return new SqlPlan(query, limit, code, language, Output.CUSTOM, ALL_ROWS, "", null, reader);
    }

    /**
     * The default choice (see the class comment) for a backend running {@code languages}, whose SQL statements
     * return at most {@code sqlRowCap} rows, in a session whose language is {@code sessionLanguage}.
     *
     * @throws IllegalArgumentException when the backend runs none of SQL, Python and Scala, or for a bad query or
     *     limit
     */
    public static SqlPlan standard(
            String query, int limit, Language sessionLanguage, Set<Language> languages, int sqlRowCap) {
        boolean sql = languages.contains(Language.SQL);
        boolean wrappable = languages.contains(Language.SCALA) || languages.contains(Language.PYTHON);
        // Spark substitutes ${...} in SQL text (spark.sql.variable.substitute); only the wrappers can switch that
        // off for one query, so such text goes through a wrapper whenever the backend runs one. Livy stores
        // statement code with \r\n and \r turned into \n, so a query with a carriage return (in a literal) is only
        // exact inside a wrapper, which carries it base64-encoded.
        boolean rewritten = query.contains("${") || query.indexOf('\r') >= 0;
        if (sql && limit < sqlRowCap && !(rewritten && wrappable)) {
            return sqlStatement(query, limit, sqlRowCap);
        }
        if ((sessionLanguage == Language.PYTHON || sessionLanguage == Language.SCALA)
                && languages.contains(sessionLanguage)) {
            return sessionWrapper(query, limit, sessionLanguage);
        }
        if (languages.contains(Language.SCALA)) {
            return sessionWrapper(query, limit, Language.SCALA);
        }
        if (languages.contains(Language.PYTHON)) {
            return sessionWrapper(query, limit, Language.PYTHON);
        }
        if (sql) {
            return sqlStatement(query, limit, sqlRowCap);
        }
        throw new IllegalArgumentException(
                "Cannot run SQL: the backend runs none of sql, python, scala (it runs " + languages + ")");
    }

    /** The query as the caller wrote it. */
    public String query() {
        return query;
    }

    /** The most rows the result keeps; more rows make it truncated. */
    public int limit() {
        return limit;
    }

    /**
     * The code to submit: the query itself, the generated wrapper, or a custom plan's code. Sent unchanged, so it
     * is also the code Glivy compares the backend's statements with when a submission's answer was lost.
     */
    public String code() {
        return code;
    }

    /** The statement language to submit {@link #code()} in. */
    public Language language() {
        return language;
    }

    /** How the statement's output is decoded. */
    public Output output() {
        return output;
    }

    /**
     * What turns the finished statement into rows: the custom plan's reader, else one decoding the statement's own
     * output ({@link #output()}).
     */
    public Reader reader() {
        return reader;
    }

    /** For {@link Output#SPARK_JSON_TABLE}: the most rows the backend returns; {@link #ALL_ROWS} otherwise. */
    public int rowCap() {
        return rowCap;
    }

    /** For {@link Output#ENVELOPE}: the nonce in the markers (lower-case hex); empty otherwise. */
    public String nonce() {
        return nonce;
    }

    /** The code that must have run in the session before {@link #code()}; empty for self-contained plans. */
    public Optional<Prelude> prelude() {
        return Optional.ofNullable(prelude);
    }

    /**
     * Whether {@code call}, the finished statement of this plan's {@link #code()}, proves that the session lacks the
     * {@link #prelude()} and that nothing of the query ran: the Python guard's marker (with this plan's nonce) in its
     * output, or a Scala compile error {@code not found: value <function>} as its error. Always {@code false} for a
     * plan without a prelude.
     */
    public boolean preludeMissing(StatementResult call) {
        Objects.requireNonNull(call, "call must not be null");
        Prelude p = prelude;
        if (p == null) {
            return false;
        }
        String text = call.output(StatementResult.TEXT_PLAIN).orElse("");
        String error = call.error().map(e -> e.value()).orElse("");
        return SqlCodegen.undefined(p.function(), nonce, text, error);
    }

    @Override
    public String toString() {
        return "SqlPlan{" + output + ", language=" + language.label() + ", limit=" + limit
                + (output == Output.SPARK_JSON_TABLE ? ", rowCap=" + rowCap : "")
                + (prelude == null ? "" : ", prelude=" + prelude.function()) + ", query=" + query.length()
                + " chars}";
    }
}
