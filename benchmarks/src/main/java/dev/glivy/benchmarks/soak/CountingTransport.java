package dev.glivy.benchmarks.soak;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionTransportException;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A transport that forwards every call to the real one and counts, from the client's side, the ambiguous submissions
 * and the requests spent reconciling them.
 *
 * <p>An <b>ambiguous submission</b> is a {@code submitStatement} call that failed with an error that does not prove
 * the request had no effect (a {@link SessionTransportException} that may have reached the backend, or a
 * {@link SessionBackendException} that may have taken effect): exactly the failures the engine reconciles instead of
 * resending. A <b>reconciliation request</b> is a {@code getStatement} or {@code listStatements} call (one HTTP
 * request each; retries of it count again) made by the engine's reconciler, recognised by the reconciler's frame on
 * the calling thread's stack (the retrier invokes the call synchronously, also when it retries).
 */
final class CountingTransport implements SessionTransport {
    private static final String RECONCILER = "dev.glivy.internal.Reconciler";
    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Counters shared by every transport of one run. */
    static final class Counts {
        final AtomicLong submits = new AtomicLong();
        final AtomicLong ambiguousSubmits = new AtomicLong();
        final AtomicLong reconcileGets = new AtomicLong();
        final AtomicLong reconcileLists = new AtomicLong();
        /** Reconciliation requests that got an answer (not an injected fault that the retrier then repeated). */
        final AtomicLong reconcileAnswered = new AtomicLong();

        long reconciliationRequests() {
            return reconcileGets.get() + reconcileLists.get();
        }
    }

    private final SessionTransport delegate;
    private final Counts counts;

    CountingTransport(SessionTransport delegate, Counts counts) {
        this.delegate = delegate;
        this.counts = counts;
    }

    private static boolean fromReconciler() {
        return WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().equals(RECONCILER)));
    }

    private void answered(@Nullable Throwable e) {
        if (e == null || unwrap(e) instanceof dev.glivy.StatementNotFoundException) {
            counts.reconcileAnswered.incrementAndGet();
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Whether the failure does not prove that the request had no effect (the engine's own rule). */
    private static boolean mayHaveTakenEffect(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof SessionTransportException te) {
            return te.mayHaveReachedBackend();
        }
        if (c instanceof SessionBackendException be) {
            return be.mayHaveTakenEffect();
        }
        return true;
    }

    @Override
    public String backend() {
        return delegate.backend();
    }

    @Override
    public String endpoint() {
        return delegate.endpoint();
    }

    @Override
    public Set<Language> languages() {
        return delegate.languages();
    }

    @Override
    public Language defaultLanguage() {
        return delegate.defaultLanguage();
    }

    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return delegate.unsupportedSettings(config);
    }

    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return delegate.createSession(request);
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return delegate.findSession(request);
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return delegate.getSession(sessionId);
    }

    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return delegate.listSessions();
    }

    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return delegate.stopSession(sessionId);
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        counts.submits.incrementAndGet();
        CompletableFuture<String> f = delegate.submitStatement(sessionId, request);
        f.whenComplete((id, e) -> {
            if (e != null && mayHaveTakenEffect(e)) {
                counts.ambiguousSubmits.incrementAndGet();
            }
        });
        return f;
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        if (!fromReconciler()) {
            return delegate.getStatement(sessionId, statementId);
        }
        counts.reconcileGets.incrementAndGet();
        return delegate.getStatement(sessionId, statementId).whenComplete((v, e) -> answered(e));
    }

    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        if (!fromReconciler()) {
            return delegate.listStatements(sessionId, pageToken);
        }
        counts.reconcileLists.incrementAndGet();
        return delegate.listStatements(sessionId, pageToken).whenComplete((v, e) -> answered(e));
    }

    @Override
    public CompletableFuture<List<RemoteStatement>> listStatements(String sessionId) {
        return delegate.listStatements(sessionId);
    }

    @Override
    public Optional<String> statementIdAfter(String previousId) {
        return delegate.statementIdAfter(previousId);
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return delegate.cancelStatement(sessionId, statementId);
    }

    @Override
    public Optional<Duration> keepAliveInterval() {
        return delegate.keepAliveInterval();
    }

    @Override
    public CompletableFuture<Void> keepAlive(String sessionId) {
        return delegate.keepAlive(sessionId);
    }

    @Override
    public CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        return delegate.sessionLog(sessionId, from, size);
    }

    @Override
    public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
        return delegate.planSql(query, limit, sessionLanguage);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
