package dev.glivy.test.internal;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionTransportException;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Which call of an operation the scripted transport fails, and how: one-off faults queued per operation, periodic
 * faults ("every 7th call") and seeded random faults ("30% of getStatement calls"), in that order of precedence;
 * operation {@link #ANY} matches every operation (periodic faults then count all calls together). Deterministic for
 * given seeds and call order. Also maps each fault to the exception it stands for (the same types and retry flags the
 * real transports use, so Glivy's core treats them the same way). Thread-safe.
 */
public final class FaultQueue {
    /** Every operation. */
    public static final String ANY = "*";

    private record Periodic(String operation, int every, Fault fault) {}

    private record Rate(String operation, double rate, Fault fault, Random random) {}

    private final Map<String, Deque<Fault>> queued = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Integer> injected = new HashMap<>();
    private final List<Periodic> periodic = new ArrayList<>();
    private final List<Rate> rates = new ArrayList<>();
    private int total;

    /** Queues {@code fault} for the next call of {@code operation}. */
    public synchronized void add(String operation, Fault fault) {
        queued.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(fault);
    }

    /** Fails every {@code n}th call of {@code operation} (of all calls, for {@link #ANY}) with {@code fault}. */
    public synchronized void every(String operation, int n, Fault fault) {
        periodic.add(new Periodic(operation, n, fault));
    }

    /** Fails each call of {@code operation} with {@code fault} with probability {@code rate}, drawn from seed. */
    public synchronized void rate(String operation, double rate, Fault fault, long seed) {
        rates.add(new Rate(operation, rate, fault, new Random(seed)));
    }

    /** Removes every queued, periodic and random fault (counts stay). */
    public synchronized void clear() {
        queued.clear();
        periodic.clear();
        rates.clear();
    }

    /** Counts a call of {@code operation} and returns the fault it gets, or null. */
    public synchronized @Nullable Fault next(String operation) {
        int n = calls.merge(operation, 1, Integer::sum);
        total++;
        Fault f = null;
        Deque<Fault> q = queued.get(operation);
        if (q != null) {
            f = q.poll();
        }
        for (int i = 0; f == null && i < periodic.size(); i++) {
            Periodic p = periodic.get(i);
            boolean hit =
                    p.operation.equals(ANY) ? total % p.every == 0 : p.operation.equals(operation) && n % p.every == 0;
            f = hit ? p.fault : null;
        }
        for (int i = 0; f == null && i < rates.size(); i++) {
            Rate r = rates.get(i);
            if ((r.operation.equals(ANY) || r.operation.equals(operation)) && r.random.nextDouble() < r.rate) {
                f = r.fault;
            }
        }
        if (f != null) {
            injected.merge(operation, 1, Integer::sum);
        }
        return f;
    }

    /** How many faults calls of {@code operation} got ({@link #ANY}: all operations together). */
    public synchronized int injected(String operation) {
        return operation.equals(ANY)
                ? injected.values().stream().mapToInt(Integer::intValue).sum()
                : injected.getOrDefault(operation, 0);
    }

    /** The exception a backend call failing with {@code fault} raises. */
    public static SessionException exception(Fault fault, String op, @Nullable String sessionId, String backend) {
        return switch (fault) {
            case THROTTLE ->
                new SessionBackendException(
                        "Rate exceeded (" + op + ")", null, sessionId, backend, 429, "ThrottlingException", null, true);
            case SERVER_ERROR ->
                new SessionBackendException(
                        "Internal error (" + op + ")",
                        null,
                        sessionId,
                        backend,
                        500,
                        "InternalServiceException",
                        null,
                        true);
            case UNAVAILABLE ->
                new SessionBackendException(
                        "503 Service Unavailable from the proxy (" + op + ")",
                        null,
                        sessionId,
                        backend,
                        503,
                        "ServiceUnavailable",
                        null,
                        true);
            case CONNECTION_REFUSED ->
                new SessionTransportException("Connection refused (" + op + ")", null, sessionId, backend, false);
            case RESPONSE_LOST, SLOW ->
                new SessionTransportException(
                        "Connection reset after the request (" + op + ")", null, sessionId, backend, true);
        };
    }
}
