package dev.glivy.internal;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a session's {@link Retrier} reports, passed on to the session's listeners with the remote session id
 * current at that moment: retries, failed attempts (only when a listener wants throttles) and reconciliations.
 * Thread-safe.
 */
final class RetryEvents implements Retrier.Listener {
    private final Listeners listeners;
    private final Supplier<@Nullable String> sessionId;
    private final String backend;

    RetryEvents(Listeners listeners, Supplier<@Nullable String> sessionId, String backend) {
        this.listeners = listeners;
        this.sessionId = sessionId;
        this.backend = backend;
    }

    @Override
    public void onRetry(String op, int attempt, Duration delay, Throwable cause) {
        listeners.retry(sessionId.get(), op, attempt, delay, cause);
    }

    @Override
    public boolean observesFailures() {
        return listeners.wantsThrottles();
    }

    @Override
    public void onFailedAttempt(String op, Throwable cause) {
        listeners.failedAttempt(sessionId.get(), backend, op, cause);
    }

    @Override
    public void onReconciled(String op, boolean tookEffect) {
        listeners.reconciled(sessionId.get(), backend, op, tookEffect);
    }
}
