package dev.glivy.internal;

import dev.glivy.RowStream;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
 * is sent again once at most.
 *
 * <p>Reading: once the plan's statement succeeded, its {@link SqlPlan.Reader} opens the result; a plan whose statement
 * failed, was cancelled or was never sent is {@link SqlPlan.Reader#discard discarded} instead, so a reader that
 * left something behind (Glue's S3 objects) can delete it. A custom reader does its I/O on its own threads and the
 * table is read on the thread that completed its future; only the standard decoding of output already in memory
 * runs on the session's completion thread. Results reach the caller on the completion executor. Thread-safe: the
 * definitions are guarded by their map's monitor.
 */
final class SqlRun {
    private static final Logger LOG = LoggerFactory.getLogger(SqlRun.class);

    private final Function<StatementRequest, CompletableFuture<StatementResult>> execute;
    private final Supplier<@Nullable String> sessionId;
    private final Executor completion;
    private final Map<String, CompletableFuture<StatementResult>> defined = new HashMap<>();

    SqlRun(
            Function<StatementRequest, CompletableFuture<StatementResult>> execute,
            Supplier<@Nullable String> sessionId,
            Executor completion) {
        this.execute = execute;
        this.sessionId = sessionId;
        this.completion = completion;
    }

    /**
     * One query: the handle's {@code result} completes with the raw statement and what was read from it (a table
     * or a row stream).
     */
    record Outcome<T>(StatementResult statement, T value) {}

    /** The running query; {@link #cancel()} cancels whichever statement of it is current. */
    static final class Handle<T> {
        final CompletableFuture<Outcome<T>> result = new CompletableFuture<>();
        private volatile @Nullable CompletableFuture<StatementResult> current;

        void cancel() {
            CompletableFuture<StatementResult> c = current;
            if (c != null) {
                c.cancel(true);
            }
        }
    }

    /** Runs {@code plan} and reads its whole result into a table. */
    Handle<SqlResult> table(SqlPlan plan, @Nullable Duration timeout) {
        return run(
                plan,
                timeout,
                r -> plan.output() == SqlPlan.Output.CUSTOM
                        ? plan.reader().open(r).thenApply(rows -> SqlResults.of(rows, plan))
                        : CompletableFuture.completedFuture(SqlResults.of(r, plan)),
                table -> {}); // nothing to release
    }

    /** Runs {@code plan} and opens its result as a row stream. */
    Handle<RowStream> stream(SqlPlan plan, @Nullable Duration timeout) {
        return run(plan, timeout, r -> plan.reader().open(r), RowStream::close);
    }

    private <T> Handle<T> run(
            SqlPlan plan,
            @Nullable Duration timeout,
            Function<StatementResult, CompletableFuture<T>> read,
            Consumer<T> release) {
        Handle<T> h = new Handle<>();
        SqlPlan.Prelude prelude = plan.prelude().orElse(null);
        CompletableFuture<StatementResult> definition = prelude == null ? null : definition(prelude, null);
        call(h, plan, timeout, definition, false, read, release);
        return h;
    }

    private <T> void call(
            Handle<T> h,
            SqlPlan plan,
            @Nullable Duration timeout,
            @Nullable CompletableFuture<StatementResult> definition,
            boolean again,
            Function<StatementResult, CompletableFuture<T>> read,
            Consumer<T> release) {
        if (h.result.isDone()) {
            plan.reader().discard(sessionId.get());
            return;
        }
        StatementRequest.Builder b =
                StatementRequest.builder().code(plan.code()).language(plan.language());
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
            StatementResult finished =
                    r != null ? r : cause instanceof StatementFailedException sf ? sf.result() : null;
            if (definition != null && finished != null && plan.preludeMissing(finished)) {
                missing(h, plan, timeout, definition, again, finished, read, release);
            } else if (cause != null) {
                plan.reader().discard(finished != null ? finished.sessionId() : sessionId.get());
                fail(h, cause);
            } else {
                CompletableFuture<T> value;
                try {
                    value = read.apply(r);
                } catch (RuntimeException decode) {
                    value = CompletableFuture.failedFuture(decode);
                }
                value.whenComplete((v, re) -> {
                    if (re != null) {
                        fail(h, Futures.unwrap(re));
                    } else if (h.result.isDone()) {
                        release.accept(v); // cancelled while reading: nobody takes the result
                    } else {
                        Futures.completeOn(completion, h.result, new Outcome<>(r, v), null);
                    }
                });
            }
        });
    }

    private void fail(Handle<?> h, Throwable cause) {
        Futures.completeOn(completion, h.result, null, cause);
    }

    /** The call ran nothing because the session lacks the prelude: say why, or define it and call once more. */
    private <T> void missing(
            Handle<T> h,
            SqlPlan plan,
            @Nullable Duration timeout,
            CompletableFuture<StatementResult> definition,
            boolean again,
            StatementResult call,
            Function<StatementResult, CompletableFuture<T>> read,
            Consumer<T> release) {
        SqlPlan.Prelude p = plan.prelude().orElseThrow();
        definition.whenComplete((d, de) -> {
            if (de != null) {
                fail(h, Futures.unwrap(de)); // the definition failed: that is the error
                return;
            }
            if (again) {
                fail(
                        h,
                        new StatementFailedException(
                                "Statement " + call.statementId()
                                        + " in session " + call.sessionId() + " (" + call.backend()
                                        + ") did not run the SQL query: "
                                        + "the session lacks " + p.function() + " although statement " + d.statementId()
                                        + " defined it just before; the query did not run.",
                                call));
                return;
            }
            LOG.debug(
                    "session={} stmt={} {} is not defined; defining it and calling again",
                    call.sessionId(),
                    call.statementId(),
                    p.function());
            call(h, plan, timeout, definition(p, definition), true, read, release);
        });
    }

    /**
     * The statement defining {@code p} in the current remote session: the remembered one unless it failed, belongs
     * to another remote session, or is {@code stale} (proved missing); otherwise a new definition, submitted now.
     */
    private CompletableFuture<StatementResult> definition(
            SqlPlan.Prelude p, @Nullable CompletableFuture<StatementResult> stale) {
        String now = sessionId.get();
        synchronized (defined) {
            CompletableFuture<StatementResult> old = defined.get(p.function());
            if (old != null
                    && old != stale
                    && !old.isCompletedExceptionally()
                    && (!old.isDone() || old.join().sessionId().equals(now))) {
                return old;
            }
            // submitted under the lock, so concurrent queries send one definition, queued before their calls
            CompletableFuture<StatementResult> f = execute.apply(StatementRequest.builder()
                    .code(p.code())
                    .language(p.language())
                    .build());
            defined.put(p.function(), f);
            return f;
        }
    }
}
