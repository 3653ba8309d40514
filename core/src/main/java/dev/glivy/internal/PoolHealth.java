package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The pool's two health checks, kept apart from its bookkeeping. Before a lease, the session's last known state is
 * trusted when it was used recently, and otherwise the backend is asked (one describe call): a lost session is never
 * handed out. On return, the session is reused only once the lease's cancelled statements have left it (watched
 * through the session's own state, no remote call) and only if nothing the lease saw suggests it is unwell; a lease
 * that saw timeouts or transport errors costs one describe call. Stateless; thread-safe.
 */
final class PoolHealth {
    /** The first look at a returned session that is still busy, doubling up to the return poll interval. */
    static final Duration FIRST_LOOK = Duration.ofMillis(1);

    private final SessionRuntime runtime;
    private final PoolSettings settings;

    PoolHealth(SessionRuntime runtime, PoolSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    /** Whether {@code p}, idle since {@code p.idleSince}, may be handed out now. */
    CompletableFuture<Boolean> beforeLease(PooledSession p) {
        InteractiveSession s = p.session;
        if (!s.state().isReady()) {
            return CompletableFuture.completedFuture(false);
        }
        Duration idleFor = Duration.between(p.idleSince, runtime.clock().instant());
        if (idleFor.compareTo(settings.healthCheckAfter()) < 0) {
            return CompletableFuture.completedFuture(true);
        }
        return described(s);
    }

    /**
     * Why {@code p} must not be reused after {@code lease} was returned, or {@code null} when it may be. Waits up to
     * the return timeout (less once {@code closing} says the pool closes) for the lease's statements to leave it.
     */
    CompletableFuture<@Nullable String> afterReturn(
            PooledSession p, LeasedSession lease, boolean discard, BooleanSupplier closing) {
        CompletableFuture<@Nullable String> verdict = new CompletableFuture<>();
        settle(
                p,
                lease,
                discard,
                runtime.clock().instant().plus(settings.returnTimeout()),
                closing,
                verdict,
                FIRST_LOOK);
        return verdict;
    }

    /**
     * Looks at the returned session until it is no longer busy. The first looks come soon, because a session whose
     * lease saw every statement finish is usually busy only for the instant the engine takes to record the last one
     * as done (the caller's future completes on the executor while the poll thread does that); cancelled statements
     * take longer, so the looks slow down to one every {@link DefaultSessionPool#RETURN_POLL}.
     */
    private void settle(
            PooledSession p,
            LeasedSession lease,
            boolean discard,
            Instant deadline,
            BooleanSupplier closing,
            CompletableFuture<@Nullable String> verdict,
            Duration wait) {
        InteractiveSession s = p.session;
        if (s.state() == SessionState.BUSY && runtime.clock().instant().isBefore(deadline) && !closing.getAsBoolean()) {
            Duration next = wait.multipliedBy(2).compareTo(DefaultSessionPool.RETURN_POLL) < 0
                    ? wait.multipliedBy(2)
                    : DefaultSessionPool.RETURN_POLL;
            runtime.scheduler()
                    .schedule(
                            () -> settle(p, lease, discard, deadline, closing, verdict, next),
                            wait.toNanos(),
                            TimeUnit.NANOSECONDS);
            return;
        }
        String unfit = discard
                ? "its lease discarded it"
                : s.state() == SessionState.BUSY
                        ? "its lease's statements did not finish within " + Durations.human(settings.returnTimeout())
                                + " after being cancelled"
                        : !s.state().isReady() || lease.sawLost() ? "it is " + s.state() : null;
        if (unfit != null || !lease.sawTrouble()) {
            verdict.complete(unfit);
            return;
        }
        described(s).thenAccept(ok -> verdict.complete(ok ? null : "it failed the health check on return"));
    }

    /** Asks the backend: ready, or not (a failed call counts as not). */
    private static CompletableFuture<Boolean> described(InteractiveSession s) {
        return s.infoAsync().handle((info, e) -> e == null && info.state().isReady());
    }
}
