package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionPool;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.internal.PooledSession.Phase;
import dev.glivy.spi.CostRate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The engine behind {@code SessionPool}. All decisions are made under one lock by {@link #pump()}, which runs after
 * every event (a lease asked for, a session started, returned, evicted or stopped): it pairs idle sessions with
 * waiting callers in arrival order, then starts as many sessions as the waiting callers and {@code minIdle} need,
 * within {@code maxSessions} and the cost cap. Remote calls, session starts and stops and future completions happen
 * outside the lock, and futures handed to callers complete on the runtime's executor. Timers (lease deadlines, idle
 * eviction, the wait for a returned session's cancelled statements) run on the runtime's scheduler; the pool has no
 * thread of its own.
 */
@InternalApi
public final class DefaultSessionPool {
    private static final Logger LOG = GlivyLoggers.session();
    /** How often a returned session is looked at while its lease's cancelled statements finish. */
    static final Duration RETURN_POLL = Duration.ofMillis(50);
    /** After a failed start, sessions for {@code minIdle} are started again after this, doubling up to a minute. */
    static final Duration REFILL_BACKOFF = Duration.ofSeconds(1);
    private static final Duration REFILL_BACKOFF_MAX = Duration.ofMinutes(1);
    private static final Duration NO_DEADLINE = Duration.ofDays(365);

    /** A caller waiting for a lease. */
    private static final class Waiter {
        final CompletableFuture<SessionPool.Lease> future = new CompletableFuture<>();
        final Duration timeout;
        @Nullable ScheduledFuture<?> timer;

        Waiter(Duration timeout) {
            this.timeout = timeout;
        }
    }

    private final PoolSettings settings;
    private final SessionRuntime runtime;
    private final PoolHealth health;
    private final boolean sharedRuntime;
    private final Object lock = new Object();
    private final Object buildLock = new Object();
    /** Idle sessions, the most recently used first: busy periods reuse few sessions and let the others expire. */
    private final Deque<PooledSession> idle = new ArrayDeque<>();
    /** Every session held: starting, idle, being checked, leased, being returned. */
    private final Set<PooledSession> held = new HashSet<>();
    private final Set<PooledSession> stopping = new HashSet<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private final List<Throwable> closeErrors = new ArrayList<>();
    private int building;
    private double rate = Double.NaN;
    private long started;
    private long stopped;
    private long leases;
    private int failedStarts;
    private Instant refillAfter = Instant.MIN;
    private @Nullable ScheduledFuture<?> refillTimer;
    private volatile String backend = "pool";
    private @Nullable CompletableFuture<Void> closed;
    private boolean finished;

    private DefaultSessionPool(PoolSettings settings) {
        this.settings = settings;
        this.sharedRuntime = settings.runtime() == null;
        SessionRuntime given = settings.runtime();
        this.runtime = given != null ? given : SharedRuntime.acquire();
        this.health = new PoolHealth(runtime, settings);
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
        Waiter w = new Waiter(timeout);
        synchronized (lock) {
            if (closed != null) {
                return Futures.failed(closedError());
            }
            waiters.addLast(w);
            w.timer = runtime.scheduler().schedule(() -> expire(w), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        w.future.whenComplete((l, e) -> {
            ScheduledFuture<?> t = w.timer;
            if (t != null) {
                t.cancel(false);
            }
            boolean wasWaiting;
            synchronized (lock) {
                wasWaiting = waiters.remove(w);
            }
            if (wasWaiting) {
                pump(); // a cancelled caller may leave a session start nobody needs; nothing to undo
            }
        });
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
        Futures.completeOn(runtime.executor(), w.future, null, new SessionTimeoutException("No session of the pool "
                + "was free within " + Durations.human(w.timeout) + " (" + held + "). Raise the lease timeout, "
                + "SessionPool.Builder.maxSessions" + (Double.isInfinite(settings.maxCostPerHour()) ? ""
                        : " or maxCostPerHour") + ", or return leases sooner.", null, backend, w.timeout));
    }

    /** Pairs idle sessions with waiting callers and starts the sessions still needed. */
    private void pump() {
        List<Runnable> actions = new ArrayList<>();
        List<Waiter> unaffordable = List.of();
        String why = "";
        synchronized (lock) {
            if (closed != null) {
                return;
            }
            Instant now = now();
            while (!waiters.isEmpty() && !idle.isEmpty()) {
                PooledSession p = idle.pollFirst();
                p.cancelTimer();
                if (!now.isBefore(p.hardDeadline(settings.idleTimeoutMargin()))) {
                    actions.add(stop(p, "its idle timeout or lifetime is about to end"));
                    continue;
                }
                Waiter w = waiters.pollFirst();
                p.phase = Phase.CHECKING;
                actions.add(() -> check(p, w));
            }
            int n = startsNeeded(now);
            building += n;
            for (int i = 0; i < n; i++) {
                actions.add(this::launch);
            }
            if (rate > settings.maxCostPerHour() && held.isEmpty() && building == 0 && !waiters.isEmpty()) {
                unaffordable = new ArrayList<>(waiters);
                waiters.clear();
                why = String.format(Locale.ROOT, "One session of this pool costs an estimated %.2f USD/hour, above "
                        + "the pool's maxCostPerHour of %.2f: it can start none. Raise maxCostPerHour or lower the "
                        + "session's capacity.", rate, settings.maxCostPerHour());
            }
        }
        for (Waiter w : unaffordable) {
            Futures.completeOn(runtime.executor(), w.future, null, new IllegalStateException(why));
        }
        actions.forEach(Runnable::run);
    }

    /** How many sessions to start now ({@link PoolSizing}); arms the refill timer while refills back off. */
    private int startsNeeded(Instant now) {
        int total = held.size() + building;
        int starting = building + (int) held.stream().filter(p -> p.phase == Phase.STARTING).count();
        boolean refill = !now.isBefore(refillAfter);
        if (!refill && settings.minIdle() > total && refillTimer == null) {
            refillTimer = runtime.scheduler().schedule(() -> {
                synchronized (lock) {
                    refillTimer = null;
                }
                pump();
            }, Duration.between(now, refillAfter).toNanos(), TimeUnit.NANOSECONDS);
        }
        return PoolSizing.startsNeeded(settings, waiters.size(), starting, total, refill, rate, cost(), building);
    }

    private double cost() {
        double sum = 0;
        for (PooledSession p : held) {
            sum += p.usdPerHour;
        }
        return sum;
    }

    /** Builds one session (no remote call), checks its cost, and starts it. */
    private void launch() {
        InteractiveSession s;
        try {
            synchronized (buildLock) {
                s = settings.sessions().get().build();
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                building--;
            }
            startFailed(null, e);
            return;
        }
        backend = s.backend();
        double r = costOf(s);
        PooledSession p = new PooledSession(s, r, now());
        Runnable refuse = null;
        synchronized (lock) {
            building--;
            rate = r;
            held.add(p);
            if (closed != null) {
                refuse = stop(p, "the pool is closed");
            } else if (cost() > settings.maxCostPerHour() + 1e-9) {
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

    private static double costOf(InteractiveSession s) {
        if (s instanceof DefaultInteractiveSession d) {
            return d.transport().costRate(d.config()).map(CostRate::usdPerHour).orElse(0.0);
        }
        return 0.0;
    }

    private void started(PooledSession p) {
        synchronized (lock) {
            if (p.phase != Phase.STARTING) {
                return; // stopped by close while starting
            }
            started++;
            failedStarts = 0;
            refillAfter = Instant.MIN;
            Instant now = now();
            p.lastActivity = now;
            toIdle(p, now);
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
            failedStarts++;
            long factor = 1L << Math.min(failedStarts - 1, 16);
            Duration backoff = REFILL_BACKOFF.multipliedBy(factor);
            refillAfter = now().plus(backoff.compareTo(REFILL_BACKOFF_MAX) > 0 ? REFILL_BACKOFF_MAX : backoff);
            w = waiters.pollFirst();
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

    /** Puts a ready session at the head of the idle list and arms its eviction timer; call under the lock. */
    private void toIdle(PooledSession p, Instant now) {
        p.phase = Phase.IDLE;
        p.idleSince = now;
        idle.addFirst(p);
        arm(p, now, false);
    }

    private void arm(PooledSession p, Instant now, boolean hardOnly) {
        p.cancelTimer();
        Instant at = p.evictAt(settings, hardOnly);
        Duration delay = Duration.between(now, at.isBefore(now) ? now : at);
        if (delay.compareTo(NO_DEADLINE) < 0) {
            p.timer = runtime.scheduler().schedule(() -> evict(p), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** An idle session's timer fired: stop it before the backend would, or when the pool has more than it keeps. */
    private void evict(PooledSession p) {
        Runnable stop = null;
        synchronized (lock) {
            if (p.phase != Phase.IDLE || closed != null) {
                return;
            }
            p.timer = null;
            Instant now = now();
            if (!now.isBefore(p.hardDeadline(settings.idleTimeoutMargin()))) {
                stop = stop(p, "its idle timeout or lifetime is about to end");
            } else if (!now.isBefore(p.idleSince.plus(settings.maxIdleTime())) && held.size() > settings.minIdle()) {
                stop = stop(p, "it was idle for " + Durations.human(settings.maxIdleTime()));
            } else {
                arm(p, now, true);
            }
        }
        if (stop != null) {
            stop.run();
            pump();
        }
    }

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
            if (!w.future.isDone() && closed == null) {
                waiters.addFirst(w); // keeps its place
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
            if (closed != null) {
                stop = stop(p, "the pool is closed");
                lease = null;
            } else if (w.future.isDone()) {
                p.phase = Phase.IDLE; // the caller gave up meanwhile: the session is as idle as before
                idle.addFirst(p);
                arm(p, now(), false);
                lease = null;
            } else {
                p.phase = Phase.LEASED;
                lease = new LeasedSession(this, p, runtime.clock());
                p.lease = lease;
                leases++;
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
        Runnable give = () -> {
            if (!w.future.complete(l)) {
                l.close(); // timed out or cancelled at the same instant
            }
        };
        try {
            runtime.executor().execute(give);
        } catch (RejectedExecutionException shutDown) {
            give.run();
        }
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
            LOG.debug("{}: returned with statements running; they were cancelled",
                    GlivyLoggers.name(p.session.id().orElse(null)));
        }
        health.afterReturn(p, lease, discard, this::isClosing).thenAccept(unfit -> {
            synchronized (lock) {
                if (lease.lastActivity().isAfter(p.lastActivity)) {
                    p.lastActivity = lease.lastActivity(); // the backend's idle clock restarted then
                }
            }
            if (unfit == null) {
                reuse(p, lease);
            } else {
                retire(p, lease, unfit);
            }
        });
    }

    private void reuse(PooledSession p, LeasedSession lease) {
        Runnable stop = null;
        synchronized (lock) {
            if (p.phase != Phase.RETURNING) {
                stop = () -> { };
            } else if (closed != null) {
                stop = stop(p, "the pool is closed");
            } else {
                toIdle(p, now());
            }
        }
        if (stop != null) {
            stop.run();
        }
        lease.returned.complete(null);
        pump();
    }

    private void retire(PooledSession p, LeasedSession lease, String why) {
        Runnable stop;
        synchronized (lock) {
            stop = p.phase == Phase.RETURNING ? stop(p, why) : () -> { };
        }
        stop.run();
        lease.returned.complete(null);
        pump();
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Takes {@code p} out of the pool (call under the lock) and returns the action that stops it, to run outside the
     * lock. Idempotent: a session already stopping gets an action that does nothing.
     */
    private Runnable stop(PooledSession p, String why) {
        if (p.phase == Phase.STOPPING) {
            return () -> { };
        }
        boolean wasStarted = p.phase != Phase.STARTING;
        p.phase = Phase.STOPPING;
        p.cancelTimer();
        idle.remove(p);
        held.remove(p);
        stopping.add(p);
        if (wasStarted) {
            stopped++;
        }
        LeasedSession l = p.lease;
        p.lease = null;
        if (l != null) {
            l.revoke("ended when SessionPool.close() stopped its session after the close grace period");
        }
        return () -> {
            if (l != null) {
                l.returned.complete(null);
            }
            LOG.debug("{}: stopped by the pool: {}", GlivyLoggers.name(p.session.id().orElse(null)), why);
            CompletableFuture<Void> f;
            try {
                f = p.session.closeAsync();
            } catch (RuntimeException e) {
                f = Futures.failed(e);
            }
            f.whenComplete((v, e) -> {
                synchronized (lock) {
                    stopping.remove(p);
                    if (e != null && closed != null) {
                        closeErrors.add(Futures.unwrap(e));
                    }
                }
                if (e != null && !isClosing()) {
                    LOG.warn("{}: the pool could not stop it ({}); it stops itself at its idle timeout",
                            GlivyLoggers.name(p.session.id().orElse(null)), Futures.unwrap(e).toString());
                }
                maybeFinishClose();
            });
        };
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closed != null;
        }
    }

    /** Closes the pool: see {@code SessionPool.close()}. Idempotent; each call gets its own copy of the future. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> result;
        List<Waiter> waiting;
        List<Runnable> stops = new ArrayList<>();
        boolean leased;
        synchronized (lock) {
            if (closed != null) {
                return closed.copy();
            }
            closed = new CompletableFuture<>();
            result = closed;
            waiting = new ArrayList<>(waiters);
            waiters.clear();
            for (PooledSession p : new ArrayList<>(held)) {
                if (p.phase == Phase.IDLE || p.phase == Phase.STARTING) {
                    stops.add(stop(p, "the pool is closed"));
                }
            }
            leased = !held.isEmpty();
            ScheduledFuture<?> t = refillTimer;
            if (t != null) {
                t.cancel(false);
            }
        }
        for (Waiter w : waiting) {
            Futures.completeOn(runtime.executor(), w.future, null, closedError());
        }
        stops.forEach(Runnable::run);
        if (leased) {
            Duration grace = settings.closeGrace();
            if (grace.isZero()) {
                stopLeased();
            } else {
                runtime.scheduler().schedule(this::stopLeased, grace.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        maybeFinishClose();
        return result.copy();
    }

    /** The close grace period is over: stops the sessions still leased, checked or being returned. */
    private void stopLeased() {
        List<Runnable> stops = new ArrayList<>();
        synchronized (lock) {
            for (PooledSession p : new ArrayList<>(held)) {
                stops.add(stop(p, "the pool's close grace period ended"));
            }
        }
        stops.forEach(Runnable::run);
    }

    private void maybeFinishClose() {
        CompletableFuture<Void> done;
        Throwable error = null;
        synchronized (lock) {
            if (closed == null || finished || !held.isEmpty() || building > 0 || !stopping.isEmpty()) {
                return;
            }
            finished = true;
            done = closed;
            if (!closeErrors.isEmpty()) {
                error = closeErrors.get(0);
                for (Throwable t : closeErrors.subList(1, closeErrors.size())) {
                    error.addSuppressed(t);
                }
            }
        }
        Throwable e = error;
        Runnable last = () -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(null);
            }
            if (sharedRuntime) {
                SharedRuntime.release(runtime);
            }
        };
        try {
            runtime.executor().execute(last);
        } catch (RejectedExecutionException shutDown) {
            last.run();
        }
    }

    private SessionStateException closedError() {
        return new SessionStateException("Cannot lease a session: the session pool (" + backend + ") is closed. "
                + "Build a new pool.", null, null, backend, SessionState.STOPPED);
    }

    // ---------------------------------------------------------------- stats

    public PoolSnapshot snapshot() {
        synchronized (lock) {
            return snapshotLocked();
        }
    }

    private PoolSnapshot snapshotLocked() {
        int starting = building;
        int leased = 0;
        int returning = 0;
        for (PooledSession p : held) {
            switch (p.phase) {
                case STARTING -> starting++;
                case CHECKING, LEASED -> leased++;
                case RETURNING -> returning++;
                default -> { }
            }
        }
        return new PoolSnapshot(idle.size(), leased, returning, starting, waiters.size(), started, stopped, leases,
                cost());
    }
}
