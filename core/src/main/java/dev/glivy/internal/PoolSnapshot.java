package dev.glivy.internal;

import java.util.Locale;

/**
 * What a session pool holds at one instant, as {@code SessionPool.stats()} reports it and as messages describe it.
 *
 * @param idle sessions ready and not leased
 * @param leased sessions leased to a caller (or being checked before one gets them), lease not returned yet
 * @param returning sessions whose lease was returned and that are not idle again yet (its cancelled statements are
 *     finishing, or the session is being checked)
 * @param starting sessions being built or started
 * @param waiting callers waiting for a lease
 * @param started sessions started so far
 * @param stopped sessions stopped so far
 * @param leases leases handed out so far
 * @param usdPerHour estimated cost of every session held
 */
@InternalApi
public record PoolSnapshot(
        int idle,
        int leased,
        int returning,
        int starting,
        int waiting,
        long started,
        long stopped,
        long leases,
        double usdPerHour) {

    /**
     * For messages: {@code "5 of at most 5 sessions leased, 0 returning, 0 idle, 0 starting, 95 callers waiting"}.
     */
    String describe(PoolSettings settings) {
        String text = String.format(
                Locale.ROOT,
                "%d of at most %d sessions leased, %d returning, %d idle, %d " + "starting, %d callers waiting",
                leased,
                settings.maxSessions(),
                returning,
                idle,
                starting,
                waiting);
        if (!Double.isInfinite(settings.maxCostPerHour())) {
            text += String.format(
                    Locale.ROOT, "; %.2f of at most %.2f USD/hour", usdPerHour, settings.maxCostPerHour());
        }
        return text;
    }
}
