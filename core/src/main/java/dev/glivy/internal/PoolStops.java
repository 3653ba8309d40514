package dev.glivy.internal;

import dev.glivy.internal.PooledSession.Phase;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Takes sessions out of the pool and stops them. Taking out happens under the pool's lock and at once (the session
 * is no longer idle, held or leasable, and a lease still holding it is revoked); the stop itself (the session's
 * {@code closeAsync()}) is the returned action, run outside the lock. A stop that fails while the pool closes fails
 * the pool's close; otherwise it is logged, since the backend ends the session at its idle timeout anyway.
 */
final class PoolStops {
    private static final Logger LOG = GlivyLoggers.session();

    private final Object lock;
    private final HeldSessions held;
    private final IdleSessions idle;
    private final PoolClosing closing;
    private final Runnable afterEach;

    /** {@code afterEach} runs (outside the lock) when a session's stop has finished. */
    PoolStops(Object lock, HeldSessions held, IdleSessions idle, PoolClosing closing, Runnable afterEach) {
        this.lock = lock;
        this.held = held;
        this.idle = idle;
        this.closing = closing;
        this.afterEach = afterEach;
    }

    /**
     * Takes {@code p} out of the pool (call under the lock) and returns the action that stops it, to run outside the
     * lock. Idempotent: a session already stopping gets an action that does nothing.
     */
    Runnable stop(PooledSession p, String why) {
        if (p.phase == Phase.STOPPING) {
            return () -> {};
        }
        boolean wasStarted = p.phase != Phase.STARTING;
        p.phase = Phase.STOPPING;
        p.cancelTimer();
        idle.remove(p);
        held.stopping(p, wasStarted);
        LeasedSession l = p.lease;
        p.lease = null;
        if (l != null) {
            l.revoke("ended when SessionPool.close() stopped its session after the close grace period");
        }
        return () -> {
            if (l != null) {
                l.returned.complete(null);
            }
            LOG.debug(
                    "{}: stopped by the pool: {}",
                    GlivyLoggers.name(p.session.id().orElse(null)),
                    why);
            CompletableFuture<Void> f;
            try {
                f = p.session.closeAsync();
            } catch (RuntimeException e) {
                f = Futures.failed(e);
            }
            f.whenComplete((v, e) -> stopped(p, e));
        };
    }

    private void stopped(PooledSession p, @Nullable Throwable e) {
        boolean closed;
        synchronized (lock) {
            held.gone(p);
            closed = closing.isClosed();
            if (e != null && closed) {
                closing.failed(Futures.unwrap(e));
            }
        }
        if (e != null && !closed) {
            LOG.warn(
                    "{}: the pool could not stop it ({}); it stops itself at its idle timeout",
                    GlivyLoggers.name(p.session.id().orElse(null)),
                    Futures.unwrap(e).toString());
        }
        afterEach.run();
    }
}
