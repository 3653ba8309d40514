package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.spi.CostRate;
import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The pool's cost cap: the estimated USD/hour of one session (learned from the first session built, through
 * {@code SessionTransport.costRate}), the sum over the sessions held, and whether a session more fits under
 * {@code maxCostPerHour}. How many sessions to start within it is {@link PoolSizing}'s. Guarded by the pool's lock.
 */
final class PoolCost {
    private final double cap;
    private double rate = Double.NaN;

    PoolCost(double maxCostPerHour) {
        this.cap = maxCostPerHour;
    }

    /** The estimated USD/hour of {@code s}: its transport's cost rate; {@code 0} without one. */
    static double rateOf(InteractiveSession s) {
        if (s instanceof DefaultInteractiveSession d) {
            return d.transport().costRate(d.config()).map(CostRate::usdPerHour).orElse(0.0);
        }
        return 0.0;
    }

    /** The cost of one session as the last session built showed it. */
    void learned(double usdPerHour) {
        rate = usdPerHour;
    }

    /** The estimated USD/hour of one session; {@code NaN} until one was built. */
    double rate() {
        return rate;
    }

    /** The estimated USD/hour of {@code held}. */
    static double total(Collection<PooledSession> held) {
        double sum = 0;
        for (PooledSession p : held) {
            sum += p.usdPerHour;
        }
        return sum;
    }

    /** Whether sessions costing {@code total} together are above the cap. */
    boolean exceeded(double total) {
        return total > cap + 1e-9;
    }

    /**
     * Why the waiting callers can never be served, or {@code null}: one session costs more than the cap, and the
     * pool holds and builds none (so none will ever be returned).
     */
    @Nullable
    String unaffordable(boolean holdsNone) {
        if (!(rate > cap) || !holdsNone) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "One session of this pool costs an estimated %.2f USD/hour, above the "
                        + "pool's maxCostPerHour of %.2f: it can start none. Raise maxCostPerHour or lower the session's "
                        + "capacity.",
                rate,
                cap);
    }
}
