package dev.glivy.test.contract;

import dev.glivy.SessionListener;
import dev.glivy.SessionState;
import dev.glivy.StatementResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link SessionListener} that records every event, for assertions: {@link TransportContract} registers one on
 * every session it builds ({@code events}). Thread-safe; nothing to close.
 *
 * @since 0.2
 */
public final class RecordingListener implements SessionListener {
    /** State changes as {@code "FROM->TO"}. */
    public final List<String> states = new CopyOnWriteArrayList<>();
    /** Retries as {@code "operation#attempt"}. */
    public final List<String> retries = new CopyOnWriteArrayList<>();
    /** Completed statements. */
    public final List<StatementResult> completed = new CopyOnWriteArrayList<>();
    /** Warnings. */
    public final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(String sessionId, SessionState from, SessionState to) {
        states.add(from + "->" + to);
    }

    @Override
    public void onRetry(String sessionId, String operation, int attempt, Duration delay, Throwable cause) {
        retries.add(operation + "#" + attempt);
    }

    @Override
    public void onStatementCompleted(StatementResult result) {
        completed.add(result);
    }

    @Override
    public void onWarning(String sessionId, String message) {
        warnings.add(message);
    }
}
