package dev.glivy.internal;

import java.util.Locale;

/**
 * What a session pool holds at one instant, as {@code SessionPool.stats()} reports it and as messages describe it.
 *
 * @param idle sessions ready and not leased
 * @param leased sessions leased, being checked before a lease, or finishing a returned lease's statements
 * @param starting sessions being built or started
 * @param waiting callers waiting for a lease
 * @param started sessions started so far
 * @param stopped sessions stopped so far
 * @param leases leases handed out so far
 * @param usdPerHour estimated cost of every session held
 */
@InternalApi
public record PoolSnapshot(int idle, int leased, int starting, int waiting, long started, long stopped, long leases,
        double usdPerHour) {

    /** For messages: {@code "5 of at most 5 sessions leased, 0 idle, 0 starting, 95 callers waiting"}. */
    String describe(PoolSettings settings) {
        String text = String.format(Locale.ROOT, "%d of at most %d sessions leased, %d idle, %d starting, %d "
                + "callers waiting", leased, settings.maxSessions(), idle, starting, waiting);
        if (!Double.isInfinite(settings.maxCostPerHour())) {
            text += String.format(Locale.ROOT, "; %.2f of at most %.2f USD/hour", usdPerHour,
                    settings.maxCostPerHour());
        }
        return text;
    }
}
