package dev.glivy.glue.internal;

import dev.glivy.SessionRuntime;
import dev.glivy.config.RetryPolicy;
import dev.glivy.internal.Futures;
import dev.glivy.internal.Retrier;
import dev.glivy.internal.SharedRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking calls with Glivy's retries, for the transport's extras that run outside a session (catalog browsing, the
 * S3 result stream): core's {@link Retrier} with a {@link RetryPolicy} (exponential backoff with jitter; only
 * failures that are retryable {@code SessionException}s, as {@link GlueErrorMapper} classifies them, are repeated),
 * waiting on the process-wide {@link SharedRuntime} scheduler (acquired on first use, released by {@link #close()}).
 * Attempts run on the given executor, never on the shared scheduler thread. Thread-safe.
 */
public final class BlockingRetry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final RetryPolicy policy;
    private final Executor executor;
    private @Nullable SessionRuntime runtime;
    private @Nullable Retrier retrier;
    private boolean closed;

    /** Retries with {@code policy}; blocking attempts run on {@code executor}. */
    public BlockingRetry(RetryPolicy policy, Executor executor) {
        this.policy = policy;
        this.executor = executor;
    }

    /** The policy. */
    public RetryPolicy policy() {
        return policy;
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
        return call(operation, what, () -> {
            try {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return attempt.get();
                    } catch (RuntimeException e) {
                        throw GlueErrorMapper.map(e, what, null);
                    }
                }, executor);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed", e));
            }
        });
    }

    private synchronized Retrier retrier() {
        if (closed) {
            throw new IllegalStateException("closed: no more AWS calls can be made");
        }
        Retrier r = retrier;
        if (r == null) {
            SessionRuntime rt = SharedRuntime.acquire();
            runtime = rt;
            r = new Retrier(policy, rt.scheduler(), rt.random(), (op, attempt, delay, cause) -> LOG.info(
                    "{} failed (attempt {}), retrying in {} ms: {}", op, attempt, delay.toMillis(),
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
        if (rt != null) {
            SharedRuntime.release(rt);
        }
    }
}
