package dev.glivy.test.internal;

import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One session of the scripted backend: its state follows the clock (starting, then idle) unless it was stopped or
 * made to fail, and it keeps every statement in submission order. Guarded by its own monitor for the statement list.
 */
public final class ScriptedSession {
    /** The session id. */
    public final String id;
    /** The client token it was created with. */
    public final String token;

    private final Instant created;
    private final Clock clock;
    private final String backend;
    /** Every statement, in submission order; guarded by {@code this}. */
    public final List<ScriptedStatement> statements = new ArrayList<>();

    private volatile boolean stopped;
    private volatile @Nullable String failed;

    /** A session created now. */
    public ScriptedSession(String id, String token, Clock clock, String backend) {
        this.id = id;
        this.token = token;
        this.clock = clock;
        this.backend = backend;
        this.created = clock.instant();
    }

    /** Marks it stopped. */
    public void stop() {
        stopped = true;
    }

    /** Makes it fail with {@code message}. */
    public void fail(String message) {
        failed = message;
    }

    /** When the next statement submitted now would start: now, or when the last one ends. */
    public synchronized Instant nextStart() {
        Instant now = clock.instant();
        if (statements.isEmpty()) {
            return now;
        }
        Instant end = statements.get(statements.size() - 1).end();
        return end.isAfter(now) ? end : now;
    }

    /** The session as the backend describes it, {@code STARTING} for {@code startDelay} after creation. */
    public SessionInfo info(Duration startDelay) {
        SessionState st;
        if (stopped) {
            st = SessionState.STOPPED;
        } else if (failed != null) {
            st = SessionState.FAILED;
        } else if (clock.instant().isBefore(created.plus(startDelay))) {
            st = SessionState.STARTING;
        } else {
            st = SessionState.IDLE;
        }
        return SessionInfo.builder()
                .id(id)
                .backend(backend)
                .state(st)
                .backendState(st.name().toLowerCase(Locale.ROOT))
                .errorMessage(failed)
                .createdAt(created)
                .attribute("token", token)
                .build();
    }
}
