package dev.glivy.internal;

import dev.glivy.internal.PooledSession.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pool's count of its sessions: those it holds (starting, idle, being checked, leased, being returned), those
 * being built (not yet objects), those being stopped (no longer held, not yet gone), and the totals started, stopped
 * and leased so far. Guarded by the pool's lock.
 */
final class HeldSessions {
    private final Set<PooledSession> held = new HashSet<>();
    private final Set<PooledSession> stopping = new HashSet<>();
    private int building;
    private long started;
    private long stopped;
    private long leases;

    /** {@code n} sessions are about to be built. */
    void building(int n) {
        building += n;
    }

    /** A session was built ({@code p}) or failed to be ({@code null}). */
    void built(@Nullable PooledSession p) {
        building--;
        if (p != null) {
            held.add(p);
        }
    }

    int building() {
        return building;
    }

    void started() {
        started++;
    }

    void leased() {
        leases++;
    }

    /** {@code p} leaves the pool and is being stopped; {@code wasStarted} counts it as stopped. */
    void stopping(PooledSession p, boolean wasStarted) {
        held.remove(p);
        stopping.add(p);
        if (wasStarted) {
            stopped++;
        }
    }

    /** {@code p}'s stop finished. */
    void gone(PooledSession p) {
        stopping.remove(p);
    }

    /** Sessions held, counting those being built. */
    int total() {
        return held.size() + building;
    }

    /** Sessions being built or started. */
    int starting() {
        return building
                + (int) held.stream().filter(p -> p.phase == Phase.STARTING).count();
    }

    boolean holdsNone() {
        return held.isEmpty() && building == 0;
    }

    /** Nothing held, built or being stopped: a closing pool is done. */
    boolean empty() {
        return holdsNone() && stopping.isEmpty();
    }

    int size() {
        return held.size();
    }

    /** A copy of the sessions held. */
    List<PooledSession> all() {
        return new ArrayList<>(held);
    }

    /** The estimated USD/hour of the sessions held. */
    double cost() {
        return PoolCost.total(held);
    }

    PoolSnapshot snapshot(int idle, int waiting) {
        int starting = building;
        int leased = 0;
        int returning = 0;
        for (PooledSession p : held) {
            switch (p.phase) {
                case STARTING -> starting++;
                case CHECKING, LEASED -> leased++;
                case RETURNING -> returning++;
                default -> {}
            }
        }
        return new PoolSnapshot(idle, leased, returning, starting, waiting, started, stopped, leases, cost());
    }
}
