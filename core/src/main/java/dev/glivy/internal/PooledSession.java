package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.config.SessionConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One session of a {@link DefaultSessionPool} with what the pool knows about it: its phase, its estimated cost, when
 * it was last busy and its eviction timer. The backend's own clocks decide when it would end the session (idle
 * timeout from the last statement, lifetime from creation), so the pool keeps the same instants and stops the session
 * a margin before either. Mutable fields are guarded by the pool's lock.
 */
final class PooledSession {
    /** Where the session is in the pool. */
    enum Phase {
        STARTING,
        IDLE,
        CHECKING,
        LEASED,
        RETURNING,
        STOPPING
    }

    final InteractiveSession session;
    final double usdPerHour;
    /** When the pool asked for the session: the backend counts its lifetime from a little later. */
    final Instant createdAt;

    Phase phase = Phase.STARTING;
    /** When the session last finished a statement (or became ready): the backend's idle clock starts there. */
    Instant lastActivity;
    /** When the session last became idle in the pool. */
    Instant idleSince;

    @Nullable
    ScheduledFuture<?> timer;

    @Nullable
    LeasedSession lease;

    PooledSession(InteractiveSession session, double usdPerHour, Instant createdAt) {
        this.session = session;
        this.usdPerHour = usdPerHour;
        this.createdAt = createdAt;
        this.lastActivity = createdAt;
        this.idleSince = createdAt;
    }

    /**
     * The instant the pool must have stopped the idle session by: {@code margin} (at most a quarter of the timeout)
     * before its idle timeout or its lifetime ends, whichever is first; {@link Instant#MAX} when the configuration
     * has neither.
     */
    Instant hardDeadline(Duration margin) {
        SessionConfig c = session.config();
        Instant d = Instant.MAX;
        Duration idle = c.idleTimeout().orElse(null);
        if (idle != null) {
            d = min(d, lastActivity.plus(idle.minus(min(margin, idle.dividedBy(4)))));
        }
        Duration life = c.maxLifetime().orElse(null);
        if (life != null) {
            d = min(d, createdAt.plus(life.minus(min(margin, life.dividedBy(4)))));
        }
        return d;
    }

    /** When to look at the idle session again: its hard deadline, or its {@code maxIdleTime} if that is sooner. */
    Instant evictAt(PoolSettings settings, boolean hardOnly) {
        Instant hard = hardDeadline(settings.idleTimeoutMargin());
        Instant soft = idleSince.plus(settings.maxIdleTime());
        return hardOnly || hard.isBefore(soft) ? hard : soft;
    }

    void cancelTimer() {
        ScheduledFuture<?> t = timer;
        timer = null;
        if (t != null) {
            t.cancel(false);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return session.id().orElse("(new)") + "/" + phase;
    }
}
