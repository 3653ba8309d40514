package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.RowStream;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionPool;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.SessionTransportException;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.config.SessionConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A pool's session as one lease sees it, and the lease itself. Every statement goes through {@link #track}, which
 * refuses it once the lease is returned and remembers it until it finishes, under one lock: so no statement of this
 * lease can reach the session after {@link #close()} took the list of unfinished ones to cancel, and the next lease
 * never shares the session with this one. It also records what the lease saw go wrong, for the pool's check on
 * return.
 */
final class LeasedSession extends SessionOverloads implements SessionPool.Lease {
    private final DefaultSessionPool pool;
    final PooledSession pooled;
    private final InteractiveSession s;
    private final Clock clock;
    private final Instant since;
    private final Object lock = new Object();
    private final Set<CompletableFuture<?>> unfinished = new HashSet<>();
    private @Nullable String ended;
    private volatile Instant lastActivity;
    private volatile boolean sawLost;
    private volatile boolean sawTrouble;
    final CompletableFuture<Void> returned = new CompletableFuture<>();

    LeasedSession(DefaultSessionPool pool, PooledSession pooled, Clock clock) {
        this.pool = pool;
        this.pooled = pooled;
        this.s = pooled.session;
        this.clock = clock;
        this.since = clock.instant();
        this.lastActivity = pooled.lastActivity;
    }

    // ---------------------------------------------------------------- the lease

    @Override
    public InteractiveSession session() {
        return this;
    }

    @Override
    public void close() {
        giveBack(false);
    }

    @Override
    public void discard() {
        giveBack(true);
    }

    /** Returns the lease once: cancels the statements still running and hands the session to the pool. */
    private void giveBack(boolean discard) {
        List<CompletableFuture<?>> running;
        synchronized (lock) {
            if (ended != null) {
                return;
            }
            ended = "returned to the pool";
            running = new ArrayList<>(unfinished);
        }
        running.forEach(f -> f.cancel(true));
        pool.giveBack(this, discard, !running.isEmpty());
    }

    /** Ends the lease without returning it (the pool is stopping its session); later calls fail with {@code why}. */
    void revoke(String why) {
        synchronized (lock) {
            if (ended == null) {
                ended = why;
            }
        }
    }

    /** When a statement of this lease last finished (or the session's last activity before the lease). */
    Instant lastActivity() {
        return lastActivity;
    }

    /** A statement failed because the session is gone. */
    boolean sawLost() {
        return sawLost;
    }

    /** A statement failed with a timeout or a transport or backend error: the session may be unwell. */
    boolean sawTrouble() {
        return sawTrouble;
    }

    private SessionStateException refused(String what, String why) {
        String id = s.id().orElse(null);
        return new SessionStateException(
                "Cannot " + what + ": this lease of session " + id + " (" + s.backend() + ") was " + why
                        + ". Lease a session from the pool again.",
                null,
                id,
                s.backend(),
                s.state());
    }

    private @Nullable String endedWhy() {
        synchronized (lock) {
            return ended;
        }
    }

    private void check(String what) {
        String why = endedWhy();
        if (why != null) {
            throw refused(what, why);
        }
    }

    private <T> CompletableFuture<T> track(String what, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> f;
        synchronized (lock) {
            if (ended != null) {
                return Futures.failed(refused(what, ended));
            }
            f = call.get();
            unfinished.add(f);
        }
        f.whenComplete((v, e) -> {
            synchronized (lock) {
                unfinished.remove(f);
            }
            lastActivity = clock.instant();
            if (e != null) {
                Throwable c = Futures.unwrap(e);
                if (c instanceof SessionLostException
                        || (c instanceof SessionStateException se && se.state().isTerminal())) {
                    sawLost = true;
                } else if (c instanceof SessionTimeoutException
                        || c instanceof SessionTransportException
                        || c instanceof SessionBackendException) {
                    sawTrouble = true;
                }
            }
        });
        return f;
    }

    // ---------------------------------------------------------------- the session

    @Override
    public Optional<String> id() {
        return s.id();
    }

    @Override
    public String backend() {
        return s.backend();
    }

    @Override
    public SessionState state() {
        return s.state();
    }

    @Override
    public SessionConfig config() {
        return s.config();
    }

    /** The session is started already; returns this. */
    @Override
    public InteractiveSession start() {
        check("start the session");
        return this;
    }

    @Override
    public CompletableFuture<InteractiveSession> startAsync() {
        String why = endedWhy();
        return why != null
                ? Futures.failed(refused("start the session", why))
                : CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<SessionInfo> infoAsync() {
        String why = endedWhy();
        return why != null ? Futures.failed(refused("get the session info", why)) : s.infoAsync();
    }

    @Override
    public CompletableFuture<StatementResult> executeAsync(StatementRequest request) {
        return track("run a statement", () -> s.executeAsync(request));
    }

    @Override
    public CompletableFuture<SqlResult> sqlAsync(SqlRequest request) {
        return track("run a SQL query", () -> s.sqlAsync(request));
    }

    /** As {@link #sqlAsync(SqlRequest)}; the lease tracks the query until its stream is open, not until it is read. */
    @Override
    public CompletableFuture<RowStream> sqlStreamAsync(SqlRequest request) {
        return track("run a SQL query", () -> s.sqlStreamAsync(request));
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String statementId) {
        String why = endedWhy();
        return why != null
                ? Futures.failed(refused("cancel statement " + statementId, why))
                : s.cancelAsync(statementId);
    }

    /** The session's statements submitted since this lease began (by the runtime's clock), oldest first. */
    @Override
    public List<StatementResult> history() {
        List<StatementResult> out = new ArrayList<>();
        for (StatementResult r : s.history()) {
            if (!r.submittedAt().isBefore(since)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public List<String> log(int from, int size) {
        check("read the session log");
        return s.log(from, size);
    }

    /** Returns the lease (the session keeps running for the pool's next caller). */
    @Override
    public CompletableFuture<Void> closeAsync() {
        close();
        return returned.copy();
    }

    @Override
    public String toString() {
        String why = endedWhy();
        return "LeasedSession{" + s + (why == null ? "" : ", " + why) + "}";
    }
}
