package dev.glivy.testkit;

import dev.glivy.testkit.TransportFaults.Fault;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Which call of an operation fails and how, for test backends: queued one-off faults ({@link #failNext}), periodic
 * faults ("every 7th request of any operation is throttled") and seeded random faults ("30% of getStatement calls
 * get a 503"). Operation {@code "*"} matches every operation. Deterministic for a given seed and call order.
 * Thread-safe.
 */
public final class FaultPlan {
    /** Any operation. */
    public static final String ANY = "*";

    private record Periodic(String operation, int every, Fault fault) {}

    private record Rate(String operation, double rate, Fault fault) {}

    private final Map<String, ArrayDeque<Fault>> queued = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final List<Periodic> periodic = new CopyOnWriteArrayList<>();
    private final List<Rate> rates = new CopyOnWriteArrayList<>();
    private final Random random;

    /** A plan whose random faults come from {@code seed}. */
    public FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    /** Makes the next call of {@code operation} fail with {@code fault}; queued faults come first, in order. */
    public void failNext(String operation, Fault fault) {
        queued.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(fault);
    }

    /** Makes every {@code n}th call of {@code operation} (or of all together, for {@link #ANY}) fail with fault. */
    public FaultPlan every(String operation, int n, Fault fault) {
        periodic.add(new Periodic(operation, n, fault));
        return this;
    }

    /** Makes each call of {@code operation} fail with {@code fault} with probability {@code rate}. */
    public FaultPlan rate(String operation, double rate, Fault fault) {
        rates.add(new Rate(operation, rate, fault));
        return this;
    }

    /** Removes periodic and random faults (queued ones stay). */
    public void clear() {
        periodic.clear();
        rates.clear();
    }

    /** Counts a call of {@code operation} and returns the fault it gets, or {@code null}. */
    public @Nullable Fault next(String operation) {
        int n = counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        int all = total.incrementAndGet();
        ArrayDeque<Fault> q = queued.get(operation);
        synchronized (this) {
            Fault f = q == null ? null : q.poll();
            if (f != null) {
                return f;
            }
        }
        for (Periodic p : periodic) {
            if (p.operation.equals(ANY) ? all % p.every == 0 : p.operation.equals(operation) && n % p.every == 0) {
                return p.fault;
            }
        }
        for (Rate r : rates) {
            if (r.operation.equals(ANY) || r.operation.equals(operation)) {
                double x;
                synchronized (random) {
                    x = random.nextDouble();
                }
                if (x < r.rate) {
                    return r.fault;
                }
            }
        }
        return null;
    }

    /** How often {@code operation} was called, faulted calls included. */
    public int calls(String operation) {
        AtomicInteger n = counts.get(operation);
        return n == null ? 0 : n.get();
    }
}
