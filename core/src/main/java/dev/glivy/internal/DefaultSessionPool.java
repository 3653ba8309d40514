package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionPool;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.internal.LeaseQueue.Waiter;
import dev.glivy.internal.PooledSession.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The engine behind {@code SessionPool}. All decisions are made under one lock by {@link #pump()}, which runs after
 * every event (a lease asked for, a session started, returned, evicted or stopped): it pairs idle sessions
 * ({@link IdleSessions}) with waiting callers in arrival order ({@link LeaseQueue}), then starts as many sessions as
 * the waiting callers and {@code minIdle} need ({@link PoolSizing}, {@link RefillBackoff}), within
 * {@code maxSessions} and the cost cap ({@link PoolCost}). Remote calls, session starts and stops and future
 * completions happen outside the lock, and futures handed to callers complete on the runtime's executor. Timers
 * (lease deadlines, idle eviction, the wait for a returned session's cancelled statements) run on the runtime's
 * scheduler; the pool has no thread of its own.
 */
@InternalApi
public final class DefaultSessionPool {
    private static final Logger LOG = GlivyLoggers.session();
    /** How often a returned session is looked at while its lease's cancelled statements finish. */
    static final Duration RETURN_POLL = Duration.ofMillis(50);

    private final PoolSettings settings;
    private final SessionRuntime runtime;
    private final PoolHealth health;
    private final boolean sharedRuntime;
    private final Object lock = new Object();
    private final Object buildLock = new Object();
    private final IdleSessions idle;
    private final LeaseQueue waiters;
    private final PoolCost cost;
    private final RefillBackoff refill;
    private final PoolClosing closing = new PoolClosing();
    private final PoolStops stops;
    private final HeldSessions held = new HeldSessions();
    private volatile String backend = "pool";

    private DefaultSessionPool(PoolSettings settings) {
        this.settings = settings;
        this.sharedRuntime = settings.runtime() == null;
        SessionRuntime given = settings.runtime();
        this.runtime = given != null ? given : SharedRuntime.acquire();
        this.health = new PoolHealth(runtime, settings);
        this.idle = new IdleSessions(settings, runtime.scheduler(), this::evict);
        this.waiters = new LeaseQueue(lock, runtime.scheduler());
        this.cost = new PoolCost(settings.maxCostPerHour());
        this.refill = new RefillBackoff(lock, runtime.scheduler());
        this.stops = new PoolStops(lock, held, idle, closing, this::maybeFinishClose);
    }

    /** A pool that starts its {@code minIdle} sessions now, in the background. */
    public static DefaultSessionPool create(PoolSettings settings) {
        DefaultSessionPool p = new DefaultSessionPool(settings);
        p.pump();
        return p;
    }

    public PoolSettings settings() {
        return settings;
    }

    /** The backend of the pool's sessions, once one was built; {@code "pool"} before. */
    public String backend() {
        return backend;
    }

    private Instant now() {
        return runtime.clock().instant();
    }

    // ---------------------------------------------------------------- leasing

    /** Queues a caller; its future completes with a lease, or fails at its deadline or when the pool closes. */
    public CompletableFuture<SessionPool.Lease> lease(Duration timeout) {
        Waiter w;
        synchronized (lock) {
            if (closing.isClosed()) {
                return Futures.failed(closedError());
            }
            // a cancelled caller may leave a session start nobody needs; nothing to undo
            w = waiters.add(timeout, this::expire, this::pump);
        }
        pump();
        return w.future;
    }

    private void expire(Waiter w) {
        String held;
        synchronized (lock) {
            if (!waiters.remove(w) && w.future.isDone()) {
                return;
            }
            held = snapshotLocked().describe(settings);
        }
        Futures.completeOn(
                runtime.executor(),
                w.future,
                null,
                new SessionTimeoutException(
                        "No session of the pool "
                                + "was free within " + Durations.human(w.timeout) + " (" + held
                                + "). Raise the lease timeout, "
                                + "SessionPool.Builder.maxSessions"
                                + (Double.isInfinite(settings.maxCostPerHour()) ? "" : " or maxCostPerHour")
                                + ", or return leases sooner.",
                        null,
                        backend,
                        w.timeout));
    }

    /** Pairs idle sessions with waiting callers and starts the sessions still needed. */
    private void pump() {
        List<Runnable> actions = new ArrayList<>();
        List<Waiter> unaffordable = List.of();
        String why = null;
        synchronized (lock) {
            if (closing.isClosed()) {
                return;
            }
            Instant now = now();
            while (!waiters.isEmpty() && !idle.isEmpty()) {
                PooledSession p = idle.takeFirst();
                if (p == null) {
                    break;
                }
                if (idle.pastHardDeadline(p, now)) {
                    actions.add(stop(p, "its idle timeout or lifetime is about to end"));
                    continue;
                }
                Waiter w = waiters.next();
                p.phase = Phase.CHECKING;
                actions.add(() -> check(p, w));
            }
            int n = startsNeeded(now);
            held.building(n);
            for (int i = 0; i < n; i++) {
                actions.add(this::launch);
            }
            if (!waiters.isEmpty()) {
                why = cost.unaffordable(held.holdsNone());
                if (why != null) {
                    unaffordable = waiters.takeAll();
                }
            }
        }
        for (Waiter w : unaffordable) {
            Futures.completeOn(runtime.executor(), w.future, null, new IllegalStateException(why));
        }
        actions.forEach(Runnable::run);
    }

    /** How many sessions to start now ({@link PoolSizing}); call under the lock. */
    private int startsNeeded(Instant now) {
        int total = held.total();
        boolean mayRefill = refill.allowed(now, settings.minIdle() > total, this::pump);
        return PoolSizing.startsNeeded(
                settings, waiters.size(), held.starting(), total, mayRefill, cost.rate(), held.cost(), held.building());
    }

    // ---------------------------------------------------------------- starting

    /** Builds one session (no remote call), checks its cost, and starts it. */
    private void launch() {
        InteractiveSession s;
        try {
            synchronized (buildLock) {
                s = settings.sessions().get().build();
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                held.built(null);
            }
            startFailed(null, e);
            return;
        }
        backend = s.backend();
        double r = PoolCost.rateOf(s);
        PooledSession p = new PooledSession(s, r, now());
        Runnable refuse = null;
        synchronized (lock) {
            held.built(p);
            cost.learned(r);
            if (closing.isClosed()) {
                refuse = stop(p, "the pool is closed");
            } else if (cost.exceeded(held.cost())) {
                refuse = stop(p, "it would exceed the pool's maxCostPerHour");
            }
        }
        if (refuse != null) {
            refuse.run();
            pump();
            return;
        }
        s.startAsync().whenComplete((ok, e) -> {
            if (e != null) {
                startFailed(p, Futures.unwrap(e));
            } else {
                started(p);
            }
        });
    }

    private void started(PooledSession p) {
        synchronized (lock) {
            if (p.phase != Phase.STARTING) {
                return; // stopped by close while starting
            }
            held.started();
            refill.succeeded();
            Instant now = now();
            p.lastActivity = now;
            idle.add(p, now);
        }
        LOG.debug("{}: started for the pool", GlivyLoggers.name(p.session.id().orElse(null)));
        pump();
    }

    /** A start failed: the caller waiting longest gets the error, and refills for minIdle back off. */
    private void startFailed(@Nullable PooledSession p, Throwable cause) {
        Waiter w;
        Runnable stop = null;
        synchronized (lock) {
            if (p != null) {
                if (p.phase == Phase.STOPPING) {
                    return;
                }
                stop = stop(p, "it failed to start");
            }
            refill.failed(now());
            w = waiters.next();
        }
        if (stop != null) {
            stop.run();
        }
        if (w != null) {
            Futures.completeOn(runtime.executor(), w.future, null, cause);
        }
        maybeFinishClose();
        pump();
    }

    /** An idle session's timer fired: stop it before the backend would, or when the pool has more than it keeps. */
    private void evict(PooledSession p) {
        Runnable stop = null;
        synchronized (lock) {
            if (p.phase != Phase.IDLE || closing.isClosed()) {
                return;
            }
            String why = idle.expired(p, now(), held.size());
            if (why != null) {
                stop = stop(p, why);
            }
        }
        if (stop != null) {
            stop.run();
            pump();
        }
    }

    // ---------------------------------------------------------------- handing out

    /** The lease-time check; then the session goes to the caller, or is stopped and the caller keeps its place. */
    private void check(PooledSession p, Waiter w) {
        health.beforeLease(p).thenAccept(ok -> {
            if (ok) {
                handOut(p, w);
            } else {
                unhealthy(p, w);
            }
        });
    }

    private void unhealthy(PooledSession p, Waiter w) {
        Runnable stop;
        synchronized (lock) {
            stop = stop(p, "it failed the health check (" + p.session.state() + ")");
            if (!w.future.isDone() && !closing.isClosed()) {
                waiters.putBack(w);
            }
        }
        stop.run();
        pump();
    }

    private void handOut(PooledSession p, Waiter w) {
        LeasedSession lease;
        Runnable stop = null;
        synchronized (lock) {
            if (p.phase != Phase.CHECKING) {
                return;
            }
            if (closing.isClosed()) {
                stop = stop(p, "the pool is closed");
                lease = null;
            } else if (w.future.isDone()) {
                idle.putBack(p, now()); // the caller gave up meanwhile: the session is as idle as before
                lease = null;
            } else {
                p.phase = Phase.LEASED;
                lease = new LeasedSession(this, p, runtime.clock());
                p.lease = lease;
                held.leased();
            }
        }
        if (stop != null) {
            stop.run();
            return;
        }
        if (lease == null) {
            pump();
            return;
        }
        LeasedSession l = lease;
        runOn(runtime.executor(), () -> {
            if (!w.future.complete(l)) {
                l.close(); // timed out or cancelled at the same instant
            }
        });
    }

    // ---------------------------------------------------------------- returning

    /** A lease was returned; its unfinished statements (if {@code cancelled}) were just cancelled. */
    void giveBack(LeasedSession lease, boolean discard, boolean cancelled) {
        PooledSession p = lease.pooled;
        boolean ours;
        synchronized (lock) {
            ours = p.phase == Phase.LEASED && p.lease == lease; // else stopped meanwhile (the pool closed)
            if (ours) {
                p.phase = Phase.RETURNING;
                p.lease = null;
            }
        }
        if (!ours) {
            lease.returned.complete(null);
            return;
        }
        if (cancelled) {
            LOG.debug(
                    "{}: returned with statements running; they were cancelled",
                    GlivyLoggers.name(p.session.id().orElse(null)));
        }
        health.afterReturn(p, lease, discard, this::isClosing).thenAccept(unfit -> {
            Runnable stop = null;
            synchronized (lock) {
                if (lease.lastActivity().isAfter(p.lastActivity)) {
                    p.lastActivity = lease.lastActivity(); // the backend's idle clock restarted then
                }
                if (p.phase == Phase.RETURNING) {
                    if (unfit != null) {
                        stop = stop(p, unfit);
                    } else if (closing.isClosed()) {
                        stop = stop(p, "the pool is closed");
                    } else {
                        idle.add(p, now());
                    }
                }
            }
            if (stop != null) {
                stop.run();
            }
            lease.returned.complete(null);
            pump();
        });
    }

    // ---------------------------------------------------------------- stopping

    /** Takes {@code p} out of the pool (call under the lock); returns the action that stops it ({@link PoolStops}). */
    private Runnable stop(PooledSession p, String why) {
        return stops.stop(p, why);
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closing.isClosed();
        }
    }

    // ---------------------------------------------------------------- closing

    /** Closes the pool: see {@code SessionPool.close()}. Idempotent; each call gets its own copy of the future. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> result;
        List<Waiter> waiting;
        List<Runnable> toStop = new ArrayList<>();
        boolean leased;
        synchronized (lock) {
            if (!closing.begin()) {
                return closing.result();
            }
            result = closing.result();
            waiting = waiters.takeAll();
            for (PooledSession p : held.all()) {
                if (p.phase == Phase.IDLE || p.phase == Phase.STARTING) {
                    toStop.add(stop(p, "the pool is closed"));
                }
            }
            leased = held.size() > 0;
            refill.cancel();
        }
        for (Waiter w : waiting) {
            Futures.completeOn(runtime.executor(), w.future, null, closedError());
        }
        toStop.forEach(Runnable::run);
        if (leased) {
            Duration grace = settings.closeGrace();
            if (grace.isZero()) {
                stopLeased();
            } else {
                runtime.scheduler().schedule(this::stopLeased, grace.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        maybeFinishClose();
        return result;
    }

    /** The close grace period is over: stops the sessions still leased, checked or being returned. */
    private void stopLeased() {
        List<Runnable> toStop = new ArrayList<>();
        synchronized (lock) {
            for (PooledSession p : held.all()) {
                toStop.add(stop(p, "the pool's close grace period ended"));
            }
        }
        toStop.forEach(Runnable::run);
    }

    private void maybeFinishClose() {
        Runnable last;
        synchronized (lock) {
            last = closing.finish(held.empty(), () -> {
                if (sharedRuntime) {
                    SharedRuntime.release(runtime);
                }
            });
        }
        if (last != null) {
            runOn(runtime.executor(), last);
        }
    }

    /** Runs {@code task} on {@code executor}, or here when it is shut down. */
    private static void runOn(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shutDown) {
            task.run();
        }
    }

    private SessionStateException closedError() {
        return new SessionStateException(
                "Cannot lease a session: the session pool (" + backend + ") is closed. " + "Build a new pool.",
                null,
                null,
                backend,
                SessionState.STOPPED);
    }

    // ---------------------------------------------------------------- stats

    public PoolSnapshot snapshot() {
        synchronized (lock) {
            return snapshotLocked();
        }
    }

    private PoolSnapshot snapshotLocked() {
        return held.snapshot(idle.size(), waiters.size());
    }
}
