package dev.glivy.glue.internal;

import dev.glivy.SessionException;
import dev.glivy.SessionRuntime;
import dev.glivy.config.RetryPolicy;
import dev.glivy.internal.Futures;
import dev.glivy.internal.Retrier;
import dev.glivy.internal.SharedRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glivy's retries for the Glue calls made outside a session (the admin entry point, catalog browsing, jobs, the S3
 * side channel): core's {@link Retrier} with the caller's {@link RetryPolicy} (exponential backoff with jitter; only
 * failures that are retryable {@code SessionException}s, as {@link GlueErrorMapper} classifies them, are repeated),
 * waiting on the given runtime's scheduler (never closed here), else on the process-wide {@link SharedRuntime}
 * (acquired on first use, released by {@link #close()}).
 * Retries are logged at DEBUG. Attempts run on the given executor, never on the shared scheduler thread, except for
 * {@link #inline}, which runs them on the calling thread. Thread-safe.
 */
public final class BlockingRetry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final RetryPolicy policy;
    private final Executor executor;
    private final @Nullable SessionRuntime given;
    private @Nullable SessionRuntime runtime;
    private @Nullable Retrier retrier;
    private boolean closed;

    /** Retries with {@code policy} on the shared runtime; blocking attempts run on {@code executor}. */
    public BlockingRetry(RetryPolicy policy, Executor executor) {
        this(policy, executor, null);
    }

    /** Retries with {@code policy} on {@code runtime} (not closed here), else on the shared runtime. */
    public BlockingRetry(RetryPolicy policy, Executor executor, @Nullable SessionRuntime runtime) {
        this.policy = policy;
        this.executor = executor;
        this.given = runtime;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with a non-retryable error or the policy's attempts are used up,
     * and waits for the outcome.
     *
     * @param operation a name for the retry log, for example {@code "GetTables"}
     * @param what the call and its ids, for messages
     * @param attempt one attempt; its future fails with a Glivy exception (map AWS errors with
     *     {@link GlueErrorMapper})
     */
    public <T> T call(String operation, String what, Supplier<CompletableFuture<T>> attempt) {
        return Futures.await(retrier().idempotent(operation, attempt), null, GlueErrorMapper.BACKEND, what);
    }

    /** {@link #call} for a blocking attempt, run on the executor; its AWS failures are mapped. */
    public <T> T blocking(String operation, String what, Supplier<T> attempt) {
        return Futures.await(async(operation, what, attempt), null, GlueErrorMapper.BACKEND, what);
    }

    /** The retried blocking {@code attempt}, each try run on the executor; nothing waits for it. */
    public <T> CompletableFuture<T> async(String operation, String what, Supplier<T> attempt) {
        Retrier r;
        try {
            r = retrier();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        return r.idempotent(operation, () -> {
            try {
                return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return attempt.get();
                            } catch (RuntimeException e) {
                                throw GlueErrorMapper.map(e, what, null);
                            }
                        },
                        executor);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed", e));
            }
        });
    }

    /**
     * Runs the blocking {@code attempt} on the calling thread, retried as {@link #call} would, the calling thread
     * waiting out the backoff (on the shared scheduler's clock): for calls made while reading a stream, which must
     * not queue behind the executor they may be running on.
     */
    public <T> T inline(String operation, String what, Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                RuntimeException mapped = GlueErrorMapper.map(e, what, null);
                if (!(mapped instanceof SessionException se && se.retryable()) || n >= policy.maxAttempts()) {
                    throw mapped;
                }
                Duration delay = policy.backoff(n);
                LOG.debug(
                        "{} failed (attempt {}), retrying in {} ms: {}",
                        operation,
                        n,
                        delay.toMillis(),
                        mapped.getMessage());
                CompletableFuture<Void> waited = new CompletableFuture<>();
                scheduler().schedule(() -> waited.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
                Futures.await(waited, null, GlueErrorMapper.BACKEND, what);
            }
        }
    }

    private synchronized java.util.concurrent.ScheduledExecutorService scheduler() {
        retrier();
        return java.util.Objects.requireNonNull(runtime).scheduler();
    }

    private synchronized Retrier retrier() {
        if (closed) {
            throw new IllegalStateException("closed: no more AWS calls can be made");
        }
        Retrier r = retrier;
        if (r == null) {
            SessionRuntime rt = given != null ? given : SharedRuntime.acquire();
            runtime = rt;
            r = new Retrier(
                    policy,
                    rt.scheduler(),
                    rt.random(),
                    (op, attempt, delay, cause) -> LOG.debug(
                            "{} failed (attempt {}), retrying in {} ms: {}",
                            op,
                            attempt,
                            delay.toMillis(),
                            cause.getMessage()));
            retrier = r;
        }
        return r;
    }

    /** Releases the shared runtime. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        SessionRuntime rt = runtime;
        runtime = null;
        retrier = null;
        if (rt != null && rt != given) {
            SharedRuntime.release(rt);
        }
    }
}
