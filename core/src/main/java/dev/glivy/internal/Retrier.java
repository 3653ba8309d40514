package dev.glivy.internal;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTransportException;
import dev.glivy.config.RetryPolicy;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Glivy's retries. Idempotent calls go through a Resilience4j {@link Retry} (one per operation name, owned by this
 * session, never a global registry) with exponential backoff and jitter on {@code SessionException.retryable()}.
 * Calls that are not idempotent go through {@link #nonIdempotent}: repeated at once only when the request certainly
 * never reached the backend; otherwise the backend is asked first whether the call took effect.
 */
@InternalApi
public final class Retrier {
    /** Receives retry notifications. */
    @FunctionalInterface
    public interface Listener {
        /** A call failed and will be retried after {@code delay}. */
        void onRetry(String operation, int attempt, Duration delay, Throwable cause);

        /**
         * Whether {@link #onFailedAttempt} is wanted; when {@code false} (the default) calls are not observed, so
         * they cost nothing extra.
         */
        default boolean observesFailures() {
            return false;
        }

        /** One attempt of a call failed (retryable or not), before any retry decision. */
        default void onFailedAttempt(String operation, Throwable cause) {}

        /** An ambiguous failure of a non-idempotent call was reconciled with the backend. */
        default void onReconciled(String operation, boolean tookEffect) {}
    }

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Random random;
    private final Listener listener;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Creates a retrier; {@code random} supplies jitter; elapsed times in messages use the system clock. */
    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler, Random random, Listener listener) {
        this(policy, scheduler, random, listener, Clock.systemUTC());
    }

    /** Creates a retrier; {@code random} supplies jitter, {@code clock} the elapsed times in messages. */
    public Retrier(
            RetryPolicy policy, ScheduledExecutorService scheduler, Random random, Listener listener, Clock clock) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.random = random;
        this.listener = listener;
        this.clock = clock;
    }

    /** The policy in use. */
    public RetryPolicy policy() {
        return policy;
    }

    /**
     * Runs an idempotent call with retries. Cancelling the returned future cancels the attempt in flight (so a
     * transport aborts its request). When attempts are used up on a {@link SessionTransportException}, it is
     * rethrown with the count and the time they took ("3 attempts over 7.2 s").
     */
    public <T> CompletableFuture<T> idempotent(String operation, Supplier<? extends CompletionStage<T>> call) {
        Retry retry = retries.computeIfAbsent(operation, this::newRetry);
        @SuppressWarnings("unchecked")
        Supplier<CompletionStage<T>> supplier = (Supplier<CompletionStage<T>>) call;
        CompletableFuture<T> out = new CompletableFuture<>();
        AtomicReference<CompletionStage<T>> current = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        Instant began = clock.instant();
        boolean observe = listener.observesFailures();
        retry.executeCompletionStage(scheduler, () -> {
                    if (out.isDone()) {
                        return CompletableFuture.<T>failedFuture(new java.util.concurrent.CancellationException());
                    }
                    attempts.incrementAndGet();
                    CompletionStage<T> stage;
                    try {
                        stage = supplier.get();
                    } catch (RuntimeException e) {
                        stage = CompletableFuture.failedFuture(e);
                    }
                    current.set(stage);
                    return observe
                            ? stage.whenComplete((v, e) -> {
                                if (e != null) {
                                    listener.onFailedAttempt(operation, Futures.unwrap(e));
                                }
                            })
                            : stage;
                })
                .whenComplete((v, e) -> {
                    if (e != null) {
                        out.completeExceptionally(withAttempts(Futures.unwrap(e), attempts.get(), began));
                    } else {
                        out.complete(v);
                    }
                });
        cancelsDown(out, current);
        return out;
    }

    /** When {@code out} is cancelled (or fails by a deadline), the attempt in flight is cancelled too. */
    private static <T> void cancelsDown(CompletableFuture<T> out, AtomicReference<CompletionStage<T>> current) {
        out.whenComplete((v, e) -> {
            CompletionStage<T> c = current.get();
            if (e != null && c != null && !c.toCompletableFuture().isDone()) {
                c.toCompletableFuture().cancel(true);
            }
        });
    }

    /**
     * {@code cause} with the attempts made and the time they took in its message when more than one attempt was
     * made and it is a connection-level failure; any other cause as it is.
     */
    Throwable withAttempts(Throwable cause, int attempts, Instant began) {
        if (attempts < 2 || cause.getClass() != SessionTransportException.class) {
            return cause;
        }
        SessionTransportException te = (SessionTransportException) cause;
        Duration took = Duration.between(began, clock.instant());
        return new SessionTransportException(
                te.getMessage() + " Gave up after " + attempts + " attempts over "
                        + Durations.human(took.isNegative() ? Duration.ZERO : took) + " (RetryPolicy.maxAttempts).",
                te,
                te.sessionId(),
                te.backend(),
                te.mayHaveReachedBackend());
    }

    /**
     * Runs a call that must not take effect twice. After a retryable failure: if the failure proves the request had
     * no effect (see {@link #noEffect(Throwable)}), it is sent again after the backoff; otherwise, after the backoff,
     * {@code reconcile} asks the backend whether it took effect, and only when it did not is the call sent again. When
     * the attempts are used up, an ambiguous last failure is still reconciled, so a call that took effect is never
     * reported as failed. A reconciliation that fails fails this call with the call's own (first) failure, the
     * lookup's failure suppressed in it, unless the lookup found the session gone or dead
     * ({@link SessionStateException}, such as {@code SessionLostException}): then with that, the call's failure
     * suppressed, so a caller can replace the session. Cancelling the returned future cancels the attempt or lookup in flight.
     */
    public <T> CompletableFuture<T> nonIdempotent(
            String operation,
            Supplier<? extends CompletionStage<T>> call,
            Supplier<? extends CompletionStage<Optional<T>>> reconcile) {
        return nonIdempotent(operation, call, reconcile, () -> false);
    }

    /**
     * Like {@link #nonIdempotent(String, Supplier, Supplier)}, but while {@code persist} answers {@code true} the
     * call is not limited to the policy's attempts (a throttled or refused submission is resent, backing off up to the
     * policy's maximum), and a reconciliation that fails with a retryable error is tried again instead of failing the
     * call: without an answer Glivy can neither resend (it might run twice) nor give up (it might have run). The
     * caller bounds it, typically with a deadline after which {@code persist} is false.
     */
    public <T> CompletableFuture<T> nonIdempotent(
            String operation,
            Supplier<? extends CompletionStage<T>> call,
            Supplier<? extends CompletionStage<Optional<T>>> reconcile,
            BooleanSupplier persist) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicReference<CompletionStage<?>> current = new AtomicReference<>();
        Instant began = clock.instant();
        attempt(operation, call, reconcile, persist, 1, result, current, began);
        result.whenComplete((v, e) -> {
            CompletionStage<?> c = current.get();
            if (e != null && c != null && !c.toCompletableFuture().isDone()) {
                c.toCompletableFuture().cancel(true);
            }
        });
        return result;
    }

    /**
     * Whether {@code cause} proves the request had no effect: an I/O failure before the request was sent, or an
     * answer from the backend that refused it (throttling, a client error, a proxy's 502/503).
     */
    public static boolean noEffect(Throwable cause) {
        Throwable c = Futures.unwrap(cause);
        return (c instanceof SessionTransportException te && !te.mayHaveReachedBackend())
                || (c instanceof SessionBackendException be && !be.mayHaveTakenEffect());
    }

    private <T> void attempt(
            String operation,
            Supplier<? extends CompletionStage<T>> call,
            Supplier<? extends CompletionStage<Optional<T>>> reconcile,
            BooleanSupplier persist,
            int attempt,
            CompletableFuture<T> result,
            AtomicReference<CompletionStage<?>> current,
            Instant began) {
        if (result.isDone()) {
            return;
        }
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        current.set(stage);
        if (result.isDone()) {
            stage.toCompletableFuture().cancel(true);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = Futures.unwrap(error);
            if (listener.observesFailures()) {
                listener.onFailedAttempt(operation, cause);
            }
            if (!Futures.retryable(cause)) {
                result.completeExceptionally(cause);
                return;
            }
            boolean more = attempt < policy.maxAttempts() || persist.getAsBoolean();
            if (!more && noEffect(cause)) {
                result.completeExceptionally(withAttempts(cause, attempt, began));
                return;
            }
            Duration delay = delay(Math.min(attempt, 30));
            listener.onRetry(operation, attempt, delay, cause);
            if (noEffect(cause)) {
                schedule(
                        () -> attempt(operation, call, reconcile, persist, attempt + 1, result, current, began),
                        delay,
                        result);
            } else {
                // the last attempt may have taken effect too: ask before reporting it as failed
                schedule(
                        () -> reconcile(
                                operation, call, reconcile, persist, attempt, 1, cause, more, result, current, began),
                        delay,
                        result);
            }
        });
    }

    private <T> void reconcile(
            String operation,
            Supplier<? extends CompletionStage<T>> call,
            Supplier<? extends CompletionStage<Optional<T>>> reconcile,
            BooleanSupplier persist,
            int attempt,
            int round,
            Throwable cause,
            boolean resend,
            CompletableFuture<T> result,
            AtomicReference<CompletionStage<?>> current,
            Instant began) {
        if (result.isDone()) {
            return;
        }
        CompletionStage<Optional<T>> stage;
        try {
            stage = reconcile.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        current.set(stage);
        stage.whenComplete((found, rerr) -> {
            if (rerr == null) {
                listener.onReconciled(operation, found.isPresent());
                if (found.isPresent()) {
                    result.complete(found.get());
                } else if (resend) {
                    attempt(operation, call, reconcile, persist, attempt + 1, result, current, began);
                } else {
                    // out of attempts, and it certainly did not take effect
                    result.completeExceptionally(withAttempts(cause, attempt, began));
                }
                return;
            }
            Throwable rc = Futures.unwrap(rerr);
            if (Futures.retryable(rc) && persist.getAsBoolean()) {
                Duration delay = delay(Math.min(round, 30));
                listener.onRetry(operation + ".reconcile", round, delay, rc);
                schedule(
                        () -> reconcile(
                                operation, call, reconcile, persist, attempt, round + 1, cause, resend, result, current,
                                began),
                        delay,
                        result);
                return;
            }
            if (rc instanceof SessionStateException) {
                // the lookup found the session gone (or dead): that settles it, and a caller may replace the session
                rc.addSuppressed(cause);
                result.completeExceptionally(rc);
                return;
            }
            // otherwise the first failing answer is the one that explains; the failed lookup comes with it
            cause.addSuppressed(rc);
            result.completeExceptionally(cause);
        });
    }

    private void schedule(Runnable task, Duration delay, CompletableFuture<?> result) {
        try {
            scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Glivy's scheduler was shut down", e));
        }
    }

    /** The jittered backoff after failed attempt {@code attempt} (starting at 1). */
    Duration delay(int attempt) {
        double base = policy.backoff(attempt).toNanos();
        double j = policy.jitter();
        double factor;
        synchronized (random) {
            factor = 1.0 + j * (2 * random.nextDouble() - 1);
        }
        return Duration.ofNanos(Math.max(1_000_000L, (long) (base * factor)));
    }

    private Retry newRetry(String operation) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) ->
                        delay(attempt).toMillis())
                .retryOnException(Futures::retryable)
                .build();
        Retry retry = Retry.of(operation, config);
        retry.getEventPublisher()
                .onRetry(e -> listener.onRetry(
                        operation,
                        e.getNumberOfRetryAttempts(),
                        e.getWaitInterval(),
                        e.getLastThrowable() == null
                                ? new IllegalStateException("unknown")
                                : Futures.unwrap(e.getLastThrowable())));
        return retry;
    }
}
