package dev.glivy.internal;

import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.spi.SqlPlan;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a planned SQL query and decodes it; for a plan with a {@link SqlPlan.Prelude}, makes sure the session has
 * the prelude first. One instance per session remembers, per prelude function, the statement that defined it and in
 * which remote session. The definition is submitted as a statement of its own, just before the first call (the
 * session's queue keeps call order, so the call need not wait for it), and again when the remote session changed
 * (recreated) or a call proves the function is missing ({@link SqlPlan#preludeMissing}: the interpreter lost it).
 * Such a call ran nothing of the query, so sending it again after the new definition cannot run the query twice; it
 * is sent again once at most. Thread-safe: the definitions are guarded by their map's monitor.
 */
final class SqlRun {
    private static final Logger LOG = LoggerFactory.getLogger(SqlRun.class);

    private final Function<StatementRequest, CompletableFuture<StatementResult>> execute;
    private final Supplier<@Nullable String> sessionId;
    private final Map<String, CompletableFuture<StatementResult>> defined = new HashMap<>();

    SqlRun(Function<StatementRequest, CompletableFuture<StatementResult>> execute,
            Supplier<@Nullable String> sessionId) {
        this.execute = execute;
        this.sessionId = sessionId;
    }

    /** One query: the handle's {@code result} completes with the raw statement and its decoded table. */
    record Outcome(StatementResult statement, SqlResult table) {}

    /** The running query; {@link #cancel()} cancels whichever statement of it is current. */
    static final class Handle {
        final CompletableFuture<Outcome> result = new CompletableFuture<>();
        private volatile @Nullable CompletableFuture<StatementResult> current;

        void cancel() {
            CompletableFuture<StatementResult> c = current;
            if (c != null) {
                c.cancel(true);
            }
        }
    }

    Handle run(SqlPlan plan, @Nullable Duration timeout) {
        Handle h = new Handle();
        SqlPlan.Prelude prelude = plan.prelude().orElse(null);
        CompletableFuture<StatementResult> definition = prelude == null ? null : definition(prelude, null);
        call(h, plan, timeout, definition, false);
        return h;
    }

    private void call(Handle h, SqlPlan plan, @Nullable Duration timeout,
            @Nullable CompletableFuture<StatementResult> definition, boolean again) {
        if (h.result.isDone()) {
            return;
        }
        StatementRequest.Builder b = StatementRequest.builder().code(plan.code()).language(plan.language());
        if (timeout != null) {
            b.timeout(timeout);
        }
        CompletableFuture<StatementResult> f = execute.apply(b.build());
        h.current = f;
        if (h.result.isCancelled()) {
            f.cancel(true);
        }
        f.whenComplete((r, e) -> {
            Throwable cause = e == null ? null : Futures.unwrap(e);
            StatementResult finished = r != null ? r
                    : cause instanceof StatementFailedException sf ? sf.result() : null;
            if (definition != null && finished != null && plan.preludeMissing(finished)) {
                missing(h, plan, timeout, definition, again, finished);
            } else if (cause != null) {
                h.result.completeExceptionally(cause);
            } else {
                try {
                    h.result.complete(new Outcome(r, SqlResult.of(r, plan)));
                } catch (RuntimeException decode) {
                    h.result.completeExceptionally(decode);
                }
            }
        });
    }

    /** The call ran nothing because the session lacks the prelude: say why, or define it and call once more. */
    private void missing(Handle h, SqlPlan plan, @Nullable Duration timeout,
            CompletableFuture<StatementResult> definition, boolean again, StatementResult call) {
        SqlPlan.Prelude p = plan.prelude().orElseThrow();
        definition.whenComplete((d, de) -> {
            if (de != null) {
                h.result.completeExceptionally(Futures.unwrap(de)); // the definition failed: that is the error
                return;
            }
            if (again) {
                h.result.completeExceptionally(new StatementFailedException("Statement " + call.statementId()
                        + " in session " + call.sessionId() + " (" + call.backend() + ") did not run the SQL query: "
                        + "the session lacks " + p.function() + " although statement " + d.statementId()
                        + " defined it just before; the query did not run.", call));
                return;
            }
            LOG.debug("session={} stmt={} {} is not defined; defining it and calling again", call.sessionId(),
                    call.statementId(), p.function());
            call(h, plan, timeout, definition(p, definition), true);
        });
    }

    /**
     * The statement defining {@code p} in the current remote session: the remembered one unless it failed, belongs
     * to another remote session, or is {@code stale} (proved missing); otherwise a new definition, submitted now.
     */
    private CompletableFuture<StatementResult> definition(SqlPlan.Prelude p,
            @Nullable CompletableFuture<StatementResult> stale) {
        String now = sessionId.get();
        synchronized (defined) {
            CompletableFuture<StatementResult> old = defined.get(p.function());
            if (old != null && old != stale && !old.isCompletedExceptionally()
                    && (!old.isDone() || old.join().sessionId().equals(now))) {
                return old;
            }
            // submitted under the lock, so concurrent queries send one definition, queued before their calls
            CompletableFuture<StatementResult> f = execute.apply(StatementRequest.builder().code(p.code())
                    .language(p.language()).build());
            defined.put(p.function(), f);
            return f;
        }
    }
}
