package dev.glivy.internal;

import dev.glivy.SessionListener;
import dev.glivy.SessionState;
import dev.glivy.StatementResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Fans events out to the registered listeners on the completion executor, logging (never rethrowing) what a
 * listener throws, and logs each event on the public {@link GlivyLoggers} names (state changes and retries at
 * DEBUG, warnings at WARN on {@value GlivyLoggers#SESSION}; completions at DEBUG on {@value GlivyLoggers#STATEMENT}),
 * naming the session ("new session" before it has an id). Thread-safe.
 */
final class Listeners {
    private static final Logger LOG = GlivyLoggers.session();
    private static final Logger STATEMENTS = GlivyLoggers.statement();

    private final List<SessionListener> listeners;
    private final Executor executor;

    Listeners(List<SessionListener> listeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.executor = executor;
    }

    void stateChange(@Nullable String id, SessionState from, SessionState to) {
        LOG.debug("{}: state {} -> {}", GlivyLoggers.name(id), from, to);
        fire(l -> l.onStateChange(id, from, to));
    }

    void retry(@Nullable String id, String operation, int attempt, Duration delay, Throwable cause) {
        LOG.debug("{}: retrying {} after attempt {} in {} ms: {}", GlivyLoggers.name(id), operation, attempt, delay.toMillis(),
                cause.toString());
        fire(l -> l.onRetry(id, operation, attempt, delay, cause));
    }

    void completed(StatementResult r) {
        STATEMENTS.debug("{}: statement {} completed: {}", GlivyLoggers.name(r.sessionId()), r.statementId(),
                r.state());
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
                        LOG.warn("SessionListener {} threw; ignored", l.getClass().getName(), e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("listener event dropped: the completion executor is shut down");
        }
    }
}
