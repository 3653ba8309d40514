package dev.glivy.internal;

/**
 * How many sessions a pool starts now: one per waiting caller not already covered by a session starting, or as many
 * as {@code minIdle} lacks (unless refills back off after failed starts), within {@code maxSessions} and the cost cap.
 * When the cost of a session is not known yet, the first one is built alone to learn it. A pure function.
 */
final class PoolSizing {
    private PoolSizing() {}

    /**
     * @param waiting callers waiting
     * @param starting sessions being built or started
     * @param total sessions held, starting ones included
     * @param refill whether sessions for {@code minIdle} may be started now
     * @param rate the estimated USD/hour of one session, {@code NaN} when none was built yet
     * @param cost the estimated USD/hour of the sessions held
     * @param building sessions being built (not yet in {@code cost})
     */
    static int startsNeeded(
            PoolSettings settings,
            int waiting,
            int starting,
            int total,
            boolean refill,
            double rate,
            double cost,
            int building) {
        int want = waiting - starting;
        if (refill) {
            want = Math.max(want, settings.minIdle() - total);
        }
        want = Math.min(want, settings.maxSessions() - total);
        double cap = settings.maxCostPerHour();
        if (want > 0 && !Double.isInfinite(cap)) {
            if (Double.isNaN(rate)) {
                want = building == 0 ? 1 : 0;
            } else if (rate > 0) {
                want = Math.min(want, (int) Math.floor((cap - cost - building * rate) / rate + 1e-9));
            }
        }
        return Math.max(0, want);
    }
}
