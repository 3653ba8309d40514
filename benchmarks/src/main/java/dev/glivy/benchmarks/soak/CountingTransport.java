package dev.glivy.benchmarks.soak;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementNotFoundException;
import dev.glivy.internal.Futures;
import dev.glivy.internal.Retrier;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.DelegatingTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A transport that forwards every call to the real one (core testkit's {@link DelegatingTransport}) and counts, from the client's side, the ambiguous submissions
 * and the requests spent reconciling them.
 *
 * <p>An <b>ambiguous submission</b> is a {@code submitStatement} call that failed with an error that does not prove
 * the request had no effect (a {@link SessionTransportException} that may have reached the backend, or a
 * {@link SessionBackendException} that may have taken effect; the engine's own rule, {@link Retrier#noEffect}):
 * exactly the failures the engine reconciles instead of resending. A <b>reconciliation request</b> is a {@code getStatement} or {@code listStatements} call (one HTTP
 * request each; retries of it count again) made by the engine's reconciler, recognised by the reconciler's frame on
 * the calling thread's stack (the retrier invokes the call synchronously, also when it retries). A read the
 * reconciler's {@code peek} makes while a submission is still waiting for its slow answer is not reconciliation (no
 * submission failed): it is counted apart, as a <b>slow-submission check</b>.
 */
final class CountingTransport extends DelegatingTransport {
    private static final String RECONCILER = "dev.glivy.internal.Reconciler";
    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Counters shared by every transport of one run. */
    static final class Counts {
        final AtomicLong submits = new AtomicLong();
        final AtomicLong ambiguousSubmits = new AtomicLong();
        final AtomicLong reconcileGets = new AtomicLong();
        final AtomicLong reconcileLists = new AtomicLong();
        /** Reads checking whether a submission slow to answer had arrived (the reconciler's peek). */
        final AtomicLong slowSubmitChecks = new AtomicLong();
        /** Reconciliation requests that got an answer (not an injected fault that the retrier then repeated). */
        final AtomicLong reconcileAnswered = new AtomicLong();

        long reconciliationRequests() {
            return reconcileGets.get() + reconcileLists.get();
        }
    }

    private final Counts counts;

    CountingTransport(SessionTransport delegate, Counts counts) {
        super(delegate);
        this.counts = counts;
    }

    /** The method of the innermost reconciler frame on the calling thread's stack, or null when there is none. */
    private static @Nullable String reconcilerMethod() {
        return WALKER.walk(frames -> frames.filter(f -> f.getClassName().equals(RECONCILER))
                .findFirst()
                .map(StackWalker.StackFrame::getMethodName)
                .orElse(null));
    }

    private void answered(@Nullable Throwable e) {
        if (e == null || Futures.unwrap(e) instanceof StatementNotFoundException) {
            counts.reconcileAnswered.incrementAndGet();
        }
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        counts.submits.incrementAndGet();
        CompletableFuture<String> f = super.submitStatement(sessionId, request);
        f.whenComplete((id, e) -> {
            if (e != null && !Retrier.noEffect(e)) {
                counts.ambiguousSubmits.incrementAndGet();
            }
        });
        return f;
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        String method = reconcilerMethod();
        if (method == null) {
            return super.getStatement(sessionId, statementId);
        }
        if (method.equals("peek")) {
            counts.slowSubmitChecks.incrementAndGet();
            return super.getStatement(sessionId, statementId);
        }
        counts.reconcileGets.incrementAndGet();
        return super.getStatement(sessionId, statementId).whenComplete((v, e) -> answered(e));
    }

    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        if (reconcilerMethod() == null) {
            return super.listStatements(sessionId, pageToken);
        }
        counts.reconcileLists.incrementAndGet();
        return super.listStatements(sessionId, pageToken).whenComplete((v, e) -> answered(e));
    }
}
