package dev.glivy.spi;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.internal.Paging;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A backend's verbs: create, describe, stop sessions; submit, get, list and cancel statements. Every method is
 * asynchronous and makes one attempt: Glivy's core retries, polls and enforces deadlines.
 *
 * <p>Errors: futures fail with {@link dev.glivy.SessionException} subclasses. A transport must report a session the
 * backend no longer knows as {@link dev.glivy.SessionLostException}, throttling and server errors as retryable
 * {@link dev.glivy.SessionBackendException}s, and I/O failures as {@link dev.glivy.SessionTransportException} saying
 * whether the request may have reached the backend. Futures may complete on any thread.
 *
 * <p>Implementations must be thread-safe. <b>Ownership:</b> a transport passed to
 * {@code SessionBuilder.transport(SessionTransport)} is never closed by Glivy; one built from a {@link Factory} is
 * closed when its session closes.
 */
public interface SessionTransport extends AutoCloseable {

    /** Creates transports; transport builders implement it, so a session can own (and close) its transport. */
    @FunctionalInterface
    interface Factory {
        /** Creates a new transport that the caller owns. */
        SessionTransport create();
    }

    /** The backend's short name, for example {@code "livy"}; used in messages and results. */
    String backend();

    /** Where the backend is, for messages, with credentials removed, for example {@code "http://127.0.0.1:8998"}. */
    String endpoint();

    /** The statement languages this backend runs. */
    Set<Language> languages();

    /** The language used when neither the statement nor the configuration names one. */
    Language defaultLanguage();

    /**
     * The settings of {@code config} this backend ignores, each as a sentence naming the magic and why. Glivy warns
     * about them (or refuses them in strict mode) before creating the session. Values from Glivy's defaults are not
     * passed here.
     */
    List<String> unsupportedSettings(SessionConfig config);

    /**
     * The problems of {@code config} that this backend would refuse, each as a sentence naming the magic, the bad
     * value (secrets masked) and what is allowed. {@code SessionBuilder.build()} reports them together with core's
     * own checks in one {@code InvalidConfigException}, before any remote call, so nothing that can be checked
     * locally reaches the service. It must not make a remote call and must not throw. Defaults to none.
     *
     * @param config the resolved configuration (every layer applied)
     */
    default List<String> configProblems(SessionConfig config) {
        return List.of();
    }

    /**
     * Creates a remote session. Not idempotent: Glivy calls it again only when a failure proves the request never
     * reached the backend, and otherwise first asks {@link #findSession(CreateSessionRequest)}.
     */
    CompletableFuture<SessionInfo> createSession(CreateSessionRequest request);

    /**
     * Finds the session a possibly-failed {@link #createSession} call created, by the request's client token
     * (Glue: the session id; Livy: the session name). Empty when none exists.
     */
    CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request);

    /** Describes a session; fails with {@link dev.glivy.SessionLostException} when the backend does not know it. */
    CompletableFuture<SessionInfo> getSession(String sessionId);

    /** Lists the sessions the caller can see, all pages. */
    CompletableFuture<List<SessionInfo>> listSessions();

    /** Stops (and, where the backend separates the two, deletes) a session. A session already gone is success. */
    CompletableFuture<Void> stopSession(String sessionId);

    /**
     * Submits a statement and returns the backend's statement id. Not idempotent: Glivy resubmits only when the
     * failure proves the request had no effect (a {@link dev.glivy.SessionTransportException} that never reached the
     * backend, or a {@link dev.glivy.SessionBackendException} whose {@code mayHaveTakenEffect()} is {@code false}),
     * and otherwise first reconciles: it reads the statement {@link #statementIdAfter(String)} the last one it knows,
     * or lists the statements after it.
     */
    CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request);

    /**
     * Gets a statement's current state and output. A statement the backend does not know (never created, or no longer
     * kept) fails with {@link dev.glivy.StatementNotFoundException}; an unknown session with
     * {@link dev.glivy.SessionLostException}.
     */
    CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId);

    /**
     * One page of the session's statements, oldest first. Makes one request; Glivy's core walks the pages and retries
     * each one on its own.
     *
     * @param sessionId the session
     * @param pageToken {@code null} for the first page, else a {@link StatementPage#nextToken()} this transport
     *     returned
     * @since 0.2
     */
    CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken);

    /**
     * Lists the session's statements, all pages, oldest first, without retries (a convenience over
     * {@link #listStatements(String, String)}; Glivy's core does not use it).
     */
    default CompletableFuture<List<RemoteStatement>> listStatements(String sessionId) {
        return Paging.statements(
                        null,
                        token -> listStatements(sessionId, token),
                        "the statement listing of session " + sessionId)
                .thenApply(List::copyOf);
    }

    /**
     * The id the backend gives the statement submitted right after statement {@code previousId} of the same session,
     * when the backend numbers statements one after another (Livy and Glue do); empty when it does not (the default).
     * Glivy uses it to reconcile an ambiguous submission with one {@link #getStatement} instead of a listing.
     *
     * @since 0.2
     */
    default Optional<String> statementIdAfter(String previousId) {
        return Optional.empty();
    }

    /**
     * Optional push capability: when the backend can tell when the session or one of its statements changed (an
     * in-process engine can), the transport registers {@code listener} and calls it on every change; Glivy's core
     * then reads the new state at once instead of at its next scheduled poll, and keeps polling only as a slow
     * safety net. Empty (the default) means the backend is only polled.
     *
     * <p>The core calls this once per session, after {@link #createSession} returned the id, and closes the
     * {@link Watch} when the session closes.
     *
     * @param sessionId the session
     * @param listener what to tell about changes; thread-safe, returns at once
     * @since 0.2
     */
    default Optional<Watch> watch(String sessionId, ChangeListener listener) {
        return Optional.empty();
    }

    /**
     * A {@link #listStatements(String, String)} token that starts the listing at the first statement after
     * {@code statementId}, when the backend can start a listing there (Livy can); empty (the default) starts the
     * listing at the first page. Glivy's core uses it to reconcile an ambiguous submission without reading the
     * statements it already knows.
     *
     * @param sessionId the session
     * @param statementId a statement id this transport returned
     * @since 0.2
     */
    default Optional<String> pageTokenAfter(String sessionId, String statementId) {
        return Optional.empty();
    }

    /**
     * Whether {@code echoed}, the code the backend reports for one of its statements, is what this transport sent for
     * {@code submitted} although the two differ: for transports that send other code than they are given (Glue wraps
     * a {@link Language#SQL} statement in session-language code). Glivy's core asks it while reconciling a
     * submission whose answer was lost, for statements whose code is not {@code submitted}'s own (line endings
     * normalised, trailing white space removed). It must not call the backend. Defaults to {@code false}.
     *
     * @since 0.3
     */
    default boolean echoes(SubmitStatementRequest submitted, String echoed) {
        return false;
    }

    /** Asks the backend to cancel a statement; cancelling a finished statement is success. */
    CompletableFuture<Void> cancelStatement(String sessionId, String statementId);

    /**
     * How often Glivy should call {@link #keepAlive(String)} while the session is open, or empty when the backend
     * needs no keep-alive (the default).
     */
    default Optional<Duration> keepAliveInterval() {
        return Optional.empty();
    }

    /** Tells the backend the client is still there (Livy heartbeat). Called from Glivy's shared scheduler. */
    default CompletableFuture<Void> keepAlive(String sessionId) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * What a session with {@code config} costs per hour while it runs, for backends that bill by capacity and time
     * (AWS Glue: its DPUs at the transport's price per DPU-hour), or empty when the backend does not (the default;
     * Livy and local Spark). Used by cost caps and cost metrics; it must not call the backend.
     *
     * @param config the session's resolved configuration
     * @since 0.3
     */
    default Optional<CostRate> costRate(SessionConfig config) {
        return Optional.empty();
    }

    /**
     * Up to {@code size} lines of the session's log starting at line {@code from}, or an empty list when the
     * backend keeps no log (the default).
     */
    default CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * How to run a SQL query on this backend and read its result as a typed table (see {@link SqlPlan}): the
     * statement to submit and how to decode its output. Called once per {@code InteractiveSession.sql} call, before
     * anything is submitted; it must not call the backend.
     *
     * <p>The default is {@link SqlPlan#standard}{@code (query, limit, sessionLanguage, languages(),
     * SqlPlan.DEFAULT_SQL_ROW_CAP)}: Livy's {@code sql} statement kind (with Livy's default cap of
     * {@value SqlPlan#DEFAULT_SQL_ROW_CAP} rows) when {@link #languages()} contains {@link Language#SQL} and the limit
     * is below that cap, otherwise code generated in the session's language. Override it when your backend's
     * {@link Language#SQL} statements return a different number of rows (pass that cap, or
     * {@link SqlPlan#ALL_ROWS}), or to force one way; whatever you return, the session decodes it the same way.
     *
     * @param query the query, never blank
     * @param limit the most rows the caller wants, {@code 1..SqlRequest.MAX_LIMIT}
     * @param sessionLanguage the session's default statement language
     * @throws IllegalArgumentException when this backend cannot run SQL at all
     */
    default SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        return SqlPlan.standard(query, limit, sessionLanguage, languages(), SqlPlan.DEFAULT_SQL_ROW_CAP);
    }

    /** Releases the transport's own resources (connections, threads). Remote sessions are not touched. */
    @Override
    void close();
}
