package dev.glivy.internal;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionListener;
import dev.glivy.SessionState;
import dev.glivy.StatementProgress;
import dev.glivy.StatementResult;
import dev.glivy.spi.CostRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Fans events out to the registered listeners on the completion executor, logging (never rethrowing) what a
 * listener throws, and logs each event on the public {@link GlivyLoggers} names (state changes and retries at
 * DEBUG, warnings at WARN on {@value GlivyLoggers#SESSION}; completions at DEBUG on {@value GlivyLoggers#STATEMENT}),
 * naming the session ("new session" before it has an id). Thread-safe.
 *
 * <p>Progress events go only to the listeners that override {@link SessionListener#onProgress} (found once, here),
 * so that sessions whose listeners do not want them never make them (see {@link ProgressEvents}).
 */
final class Listeners {
    private static final Logger LOG = GlivyLoggers.session();
    private static final Logger STATEMENTS = GlivyLoggers.statement();

    private final List<SessionListener> listeners;
    private final List<SessionListener> progressListeners;
    private final boolean wantsThrottles;
    private final Executor executor;

    Listeners(List<SessionListener> listeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.executor = executor;
        List<SessionListener> p = new ArrayList<>();
        boolean throttles = false;
        for (SessionListener l : this.listeners) {
            if (overrides(l, "onProgress", StatementProgress.class)) {
                p.add(l);
            }
            throttles |= overrides(l, "onThrottled", String.class, String.class, String.class, Throwable.class);
        }
        this.progressListeners = List.copyOf(p);
        this.wantsThrottles = throttles;
    }

    /** Whether {@code l}'s class overrides the default method {@code name}. */
    private static boolean overrides(SessionListener l, String name, Class<?>... parameters) {
        try {
            return l.getClass().getMethod(name, parameters).getDeclaringClass() != SessionListener.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true; // cannot tell: deliver
        }
    }

    /** Whether a listener wants {@link SessionListener#onThrottled}: only then are failed calls observed. */
    boolean wantsThrottles() {
        return wantsThrottles;
    }

    /** The listeners that want progress events. */
    List<SessionListener> progressListeners() {
        return progressListeners;
    }

    Executor executor() {
        return executor;
    }

    /** Delivers {@code p} to the progress listeners on the calling thread (already the completion executor). */
    void progressNow(StatementProgress p) {
        for (SessionListener l : progressListeners) {
            try {
                l.onProgress(p);
            } catch (RuntimeException e) {
                LOG.warn("SessionListener {} threw; ignored", l.getClass().getName(), e);
            }
        }
    }

    void statementFailed(
            @Nullable String id, @Nullable String statementId, String backend, Duration elapsed, Throwable cause) {
        STATEMENTS.debug(
                "{}: statement {} failed after {} ms: {}",
                GlivyLoggers.name(id),
                statementId,
                elapsed.toMillis(),
                cause.getClass().getSimpleName());
        fire(l -> l.onStatementFailed(id, statementId, backend, elapsed, cause));
    }

    void sessionStarted(String id, String backend, Duration elapsed, Optional<CostRate> costRate) {
        fire(l -> l.onSessionStarted(id, backend, elapsed, costRate));
    }

    void sessionStartFailed(@Nullable String id, String backend, Duration elapsed, Throwable cause) {
        fire(l -> l.onSessionStartFailed(id, backend, elapsed, cause));
    }

    void sessionEnded(String id, String backend, SessionState state) {
        fire(l -> l.onSessionEnded(id, backend, state));
    }

    /** One attempt of a backend call failed: a throttled answer is reported as such. */
    void failedAttempt(@Nullable String id, String backend, String operation, Throwable cause) {
        if (throttled(cause)) {
            fire(l -> l.onThrottled(id, backend, operation, cause));
        }
    }

    void reconciled(@Nullable String id, String backend, String operation, boolean tookEffect) {
        LOG.debug(
                "{}: {} reconciled: {}",
                GlivyLoggers.name(id),
                operation,
                tookEffect ? "it had taken effect" : "it had not arrived");
        fire(l -> l.onReconciled(id, backend, operation, tookEffect));
    }

    /** HTTP 429, or an error code that says throttling (AWS {@code ThrottlingException}, Livy's mapped 429...). */
    static boolean throttled(Throwable cause) {
        if (!(cause instanceof SessionBackendException be)) {
            return false;
        }
        if (be.statusCode() == 429) {
            return true;
        }
        String code = be.errorCode();
        if (code == null) {
            return false;
        }
        String c = code.toLowerCase(Locale.ROOT);
        return c.contains("throttl")
                || c.contains("toomanyrequests")
                || c.equals("requestlimitexceeded")
                || c.equals("slowdown");
    }

    void stateChange(@Nullable String id, String backend, SessionState from, SessionState to) {
        LOG.debug("{}: state {} -> {}", GlivyLoggers.name(id), from, to);
        fire(l -> l.onStateChange(id, backend, from, to));
    }

    void retry(@Nullable String id, String operation, int attempt, Duration delay, Throwable cause) {
        LOG.debug(
                "{}: retrying {} after attempt {} in {} ms: {}",
                GlivyLoggers.name(id),
                operation,
                attempt,
                delay.toMillis(),
                cause.toString());
        fire(l -> l.onRetry(id, operation, attempt, delay, cause));
    }

    void completed(StatementResult r) {
        STATEMENTS.debug(
                "{}: statement {} completed: {}", GlivyLoggers.name(r.sessionId()), r.statementId(), r.state());
        fire(l -> l.onStatementCompleted(r));
    }

    void warning(@Nullable String id, String message) {
        LOG.warn("{}: {}", GlivyLoggers.name(id), message);
        fire(l -> l.onWarning(id, message));
    }

    private void fire(Consumer<SessionListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> {
                for (SessionListener l : listeners) {
                    try {
                        event.accept(l);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "SessionListener {} threw; ignored",
                                l.getClass().getName(),
                                e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("listener event dropped: the completion executor is shut down");
        }
    }
}
