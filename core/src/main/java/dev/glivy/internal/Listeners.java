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
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the registered listeners on the completion executor, logging (never rethrowing) what a
 * listener throws, and logs each event at DEBUG with the {@code session=<id>} prefix.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<SessionListener> listeners;
    private final Executor executor;

    Listeners(List<SessionListener> listeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.executor = executor;
    }

    void stateChange(@Nullable String id, SessionState from, SessionState to) {
        LOG.debug("session={} state {} -> {}", id, from, to);
        fire(l -> l.onStateChange(id, from, to));
    }

    void retry(@Nullable String id, String operation, int attempt, Duration delay, Throwable cause) {
        LOG.debug("session={} retrying {} after attempt {} in {} ms: {}", id, operation, attempt, delay.toMillis(),
                cause.toString());
        fire(l -> l.onRetry(id, operation, attempt, delay, cause));
    }

    void completed(StatementResult r) {
        LOG.debug("session={} stmt={} completed: {}", r.sessionId(), r.statementId(), r.state());
        fire(l -> l.onStatementCompleted(r));
    }

    void warning(@Nullable String id, String message) {
        LOG.warn("session={} {}", id, message);
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
            LOG.debug("listener event dropped: completion executor is shut down");
        }
    }
}
