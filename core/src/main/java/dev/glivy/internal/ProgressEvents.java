package dev.glivy.internal;

import dev.glivy.StatementProgress;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Turns one statement's polls into {@link StatementProgress} events. It exists only for statements somebody wants
 * progress of ({@link #create} answers {@code null} otherwise, and the poll loop then pays one null check per poll).
 * A poll makes an event when the state changed since the last event, or when {@link StatementProgress#MIN_INTERVAL}
 * passed since it. Events wait in a small queue drained by one task at a time on the completion executor, so a
 * statement's events arrive in order even on a multi-threaded executor, and a slow listener delays only its own
 * statement's later events. Thread-safe.
 */
final class ProgressEvents {
    private static final Logger LOG = GlivyLoggers.statement();

    private final Listeners listeners;
    private final @Nullable Consumer<StatementProgress> own;
    private final String backend;
    private final Clock clock;
    private final Instant submittedAt;
    private final Executor executor;
    private final ArrayDeque<StatementProgress> queue = new ArrayDeque<>();
    private @Nullable StatementState lastState;
    private @Nullable Instant lastAt;
    private boolean draining;

    private ProgressEvents(
            Listeners listeners,
            @Nullable Consumer<StatementProgress> own,
            String backend,
            Clock clock,
            Instant submittedAt) {
        this.listeners = listeners;
        this.own = own;
        this.backend = backend;
        this.clock = clock;
        this.submittedAt = submittedAt;
        this.executor = listeners.executor();
    }

    /** Events for one statement, or {@code null} when neither a session listener nor the request wants them. */
    static @Nullable ProgressEvents create(
            Listeners listeners,
            @Nullable Consumer<StatementProgress> own,
            String backend,
            Clock clock,
            Instant submittedAt) {
        if (own == null && listeners.progressListeners().isEmpty()) {
            return null;
        }
        return new ProgressEvents(listeners, own, backend, clock, submittedAt);
    }

    /** A poll of statement {@code s} in session {@code sid} answered (on whatever thread the answer came). */
    void polled(String sid, RemoteStatement s) {
        Instant now = clock.instant();
        StatementState state = s.state();
        synchronized (this) {
            Instant last = lastAt;
            if (state == lastState
                    && last != null
                    && Duration.between(last, now).compareTo(StatementProgress.MIN_INTERVAL) < 0) {
                return;
            }
            lastState = state;
            lastAt = now;
        }
        Duration elapsed = Duration.between(submittedAt, now);
        StatementProgress p = StatementProgress.builder()
                .sessionId(sid)
                .statementId(s.id())
                .backend(backend)
                .state(state)
                .progress(progress(s))
                .elapsed(elapsed.isNegative() ? Duration.ZERO : elapsed)
                .build();
        synchronized (this) {
            queue.add(p);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shutDown) {
            synchronized (this) {
                queue.clear();
                draining = false;
            }
            LOG.debug("progress event dropped: the completion executor is shut down");
        }
    }

    private static @Nullable Double progress(RemoteStatement s) {
        if (s.state().isTerminal()) {
            return 1.0;
        }
        OptionalDouble p = s.progress();
        if (p.isEmpty() || Double.isNaN(p.getAsDouble())) {
            return null;
        }
        return Math.max(0.0, Math.min(1.0, p.getAsDouble()));
    }

    private void drain() {
        while (true) {
            StatementProgress p;
            synchronized (this) {
                p = queue.poll();
                if (p == null) {
                    draining = false;
                    return;
                }
            }
            listeners.progressNow(p);
            Consumer<StatementProgress> mine = own;
            if (mine != null) {
                try {
                    mine.accept(p);
                } catch (RuntimeException e) {
                    LOG.warn("The statement's progress listener threw; ignored", e);
                }
            }
        }
    }
}
