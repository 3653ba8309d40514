package dev.glivy.test.internal;

import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One statement of the scripted backend: waiting until its start, running for its duration, then available with
 * its answer (text, table JSON or error); cancelled when a cancel arrived before it ended. Thread-safe.
 */
public final class ScriptedStatement {
    /** The statement id. */
    public final String id;
    /** The submitted code. */
    public final String code;

    private final Clock clock;
    private final Instant start;
    private final Duration duration;
    private final @Nullable String text;
    private final @Nullable String json;
    private final @Nullable StatementError error;
    private volatile @Nullable Instant cancelledAt;

    /** A statement that starts at {@code start}, runs {@code duration} and then answers one of the three. */
    public ScriptedStatement(
            String id,
            String code,
            Clock clock,
            Instant start,
            Duration duration,
            @Nullable String text,
            @Nullable String json,
            @Nullable StatementError error) {
        this.id = id;
        this.code = code;
        this.clock = clock;
        this.start = start;
        this.duration = duration;
        this.text = text;
        this.json = json;
        this.error = error;
    }

    /** Records a cancel now, unless it already finished or was cancelled. */
    public synchronized void cancel() {
        if (!remote().state().isTerminal() && cancelledAt == null) {
            cancelledAt = clock.instant();
        }
    }

    /** When it stops occupying the session: its end, or when it was cancelled if that is earlier. */
    public Instant end() {
        Instant end = start.plus(duration);
        Instant c = cancelledAt;
        return c != null && c.isBefore(end) ? max(c, start) : end;
    }

    /** The statement as the backend describes it now. */
    public RemoteStatement remote() {
        Instant now = clock.instant();
        Instant end = start.plus(duration);
        RemoteStatement.Builder b = RemoteStatement.builder().id(id).code(code);
        Instant c = cancelledAt;
        if (c != null && (c.isBefore(end) || now.isBefore(start))) {
            return b.state(StatementState.CANCELLED)
                    .backendState("cancelled")
                    .completedAt(max(c, start))
                    .build();
        }
        if (now.isBefore(start)) {
            return b.state(StatementState.WAITING).backendState("waiting").build();
        }
        b.startedAt(start);
        if (now.isBefore(end)) {
            double p = (double) Duration.between(start, now).toNanos() / Math.max(1, duration.toNanos());
            return b.state(StatementState.RUNNING)
                    .backendState("running")
                    .progress(Math.min(0.99, p))
                    .build();
        }
        b.state(StatementState.AVAILABLE)
                .backendState("available")
                .completedAt(end)
                .executionCount(Integer.parseInt(id));
        if (error != null) {
            return b.error(error).build();
        }
        if (json != null) {
            return b.output(StatementResult.APPLICATION_JSON, json).build();
        }
        return b.output(StatementResult.TEXT_PLAIN, text == null ? "" : text).build();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
