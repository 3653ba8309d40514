package dev.glivy.internal;

import dev.glivy.internal.PooledSession.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The pool's idle sessions, the most recently used first (busy periods reuse few sessions and let the others
 * expire), each with the timer that evicts it: at {@code maxIdleTime} while the pool holds more than
 * {@code minIdle}, and always a margin before the backend's idle timeout or the session's lifetime would end it.
 * Guarded by the pool's lock; the timer's callback runs outside it.
 */
final class IdleSessions {
    private static final Duration NO_DEADLINE = Duration.ofDays(365);

    private final PoolSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Consumer<PooledSession> onTimer;
    private final Deque<PooledSession> idle = new ArrayDeque<>();

    IdleSessions(PoolSettings settings, ScheduledExecutorService scheduler, Consumer<PooledSession> onTimer) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.onTimer = onTimer;
    }

    /** A session became ready or was returned: idle from {@code now}, at the head. */
    void add(PooledSession p, Instant now) {
        p.idleSince = now;
        putBack(p, now);
    }

    /** A session taken for a caller who gave up meanwhile: as idle as before (its idle time keeps counting). */
    void putBack(PooledSession p, Instant now) {
        p.phase = Phase.IDLE;
        idle.addFirst(p);
        arm(p, now, false);
    }

    /** The most recently used idle session, taken out with its timer cancelled; {@code null} when none is idle. */
    @Nullable
    PooledSession takeFirst() {
        PooledSession p = idle.pollFirst();
        if (p != null) {
            p.cancelTimer();
        }
        return p;
    }

    void remove(PooledSession p) {
        idle.remove(p);
    }

    /** Whether {@code p}'s hard deadline (idle timeout or lifetime, less the margin) has come. */
    boolean pastHardDeadline(PooledSession p, Instant now) {
        return !now.isBefore(p.hardDeadline(settings.idleTimeoutMargin()));
    }

    /**
     * {@code p}'s timer fired with {@code held} sessions in the pool: why to stop it now, or {@code null} after
     * arming its timer for the hard deadline (it is one of the {@code minIdle} kept).
     */
    @Nullable
    String expired(PooledSession p, Instant now, int held) {
        p.timer = null;
        if (pastHardDeadline(p, now)) {
            return "its idle timeout or lifetime is about to end";
        }
        if (!now.isBefore(p.idleSince.plus(settings.maxIdleTime())) && held > settings.minIdle()) {
            return "it was idle for " + Durations.human(settings.maxIdleTime());
        }
        arm(p, now, true);
        return null;
    }

    private void arm(PooledSession p, Instant now, boolean hardOnly) {
        p.cancelTimer();
        Instant at = p.evictAt(settings, hardOnly);
        Duration delay = Duration.between(now, at.isBefore(now) ? now : at);
        if (delay.compareTo(NO_DEADLINE) < 0) {
            p.timer = scheduler.schedule(() -> onTimer.accept(p), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    boolean isEmpty() {
        return idle.isEmpty();
    }

    int size() {
        return idle.size();
    }
}
