package dev.glivy.micrometer;

import dev.glivy.spi.CostRate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cost estimates behind {@link GlivyMetrics}: which sessions are open with which {@link CostRate} since when,
 * and what the closed ones used. Values are computed when a registry reads them, from the clock, so the estimate
 * grows while a session runs without any timer. Sessions are keyed by backend and id (two Livy servers both have a
 * session 0). Thread-safe (one lock; reads are a sum over the open sessions).
 */
final class CostLedger {
    /** One backend and capacity unit: the tags of the capacity meters. */
    record Key(String backend, String unit) {}

    private record Open(Key key, CostRate rate, Instant since) {}

    private record Totals(double unitHours, double usd) {}

    private final Clock clock;
    private final Map<String, Open> open = new HashMap<>();
    private final Map<Key, Totals> closed = new HashMap<>();
    private final Set<Key> keys = new LinkedHashSet<>();
    private final Consumer<Key> onNewKey;

    /** A ledger on {@code clock} that tells {@code onNewKey} (outside its lock) of each backend and unit first seen. */
    CostLedger(Clock clock, Consumer<Key> onNewKey) {
        this.clock = clock;
        this.onNewKey = onNewKey;
    }

    /** The backends and units seen so far, in order. */
    synchronized List<Key> keys() {
        return List.copyOf(keys);
    }

    void open(String backend, String sessionId, CostRate rate) {
        Key key = new Key(backend, rate.unit());
        boolean fresh;
        synchronized (this) {
            open.put(backend + "\u0000" + sessionId, new Open(key, rate, clock.instant()));
            fresh = keys.add(key);
        }
        if (fresh) {
            onNewKey.accept(key);
        }
    }

    void close(String backend, String sessionId) {
        Instant now = clock.instant();
        synchronized (this) {
            Open o = open.remove(backend + "\u0000" + sessionId);
            if (o == null) {
                return;
            }
            double hours = hours(o, now);
            Totals t = closed.getOrDefault(o.key(), new Totals(0, 0));
            closed.put(
                    o.key(),
                    new Totals(
                            t.unitHours() + o.rate().capacity() * hours,
                            t.usd() + o.rate().usdPerHour() * hours));
        }
    }

    /** Capacity held by the open sessions of {@code key}. */
    synchronized double capacity(Key key) {
        double sum = 0;
        for (Open o : open.values()) {
            if (o.key().equals(key)) {
                sum += o.rate().capacity();
            }
        }
        return sum;
    }

    /** Capacity-hours used by the sessions of {@code key}, the open ones up to now. */
    synchronized double unitHours(Key key) {
        Instant now = clock.instant();
        Totals t = closed.get(key);
        double sum = t == null ? 0 : t.unitHours();
        for (Open o : open.values()) {
            if (o.key().equals(key)) {
                sum += o.rate().capacity() * hours(o, now);
            }
        }
        return sum;
    }

    /** USD used by the sessions of {@code backend}, the open ones up to now. */
    synchronized double usd(String backend) {
        Instant now = clock.instant();
        double sum = 0;
        for (Map.Entry<Key, Totals> e : closed.entrySet()) {
            if (e.getKey().backend().equals(backend)) {
                sum += e.getValue().usd();
            }
        }
        for (Open o : open.values()) {
            if (o.key().backend().equals(backend)) {
                sum += o.rate().usdPerHour() * hours(o, now);
            }
        }
        return sum;
    }

    private static double hours(Open o, Instant now) {
        Duration d = Duration.between(o.since(), now);
        return d.isNegative() ? 0 : d.toNanos() / 3.6e12;
    }
}
