package dev.glivy.test.internal;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionTransportException;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One-off faults queued per operation for the scripted transport, and the exception each fault stands for (the same
 * types and retry flags the real transports use, so Glivy's core treats them the same way). Thread-safe.
 */
public final class FaultQueue {
    private final Map<String, Deque<Fault>> queued = new HashMap<>();

    /** Queues {@code fault} for the next call of {@code operation}. */
    public synchronized void add(String operation, Fault fault) {
        queued.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(fault);
    }

    /** The fault for this call of {@code operation}, or null. */
    public synchronized @Nullable Fault next(String operation) {
        Deque<Fault> q = queued.get(operation);
        return q == null ? null : q.poll();
    }

    /** The exception a backend call failing with {@code fault} raises. */
    public static SessionException exception(Fault fault, String op, @Nullable String sessionId, String backend) {
        return switch (fault) {
            case THROTTLE -> new SessionBackendException("Rate exceeded (" + op + ")", null, sessionId, backend, 429,
                    "ThrottlingException", null, true);
            case SERVER_ERROR -> new SessionBackendException("Internal error (" + op + ")", null, sessionId, backend,
                    500, "InternalServiceException", null, true);
            case UNAVAILABLE -> new SessionBackendException("503 Service Unavailable from the proxy (" + op + ")",
                    null, sessionId, backend, 503, "ServiceUnavailable", null, true);
            case CONNECTION_REFUSED -> new SessionTransportException("Connection refused (" + op + ")", null,
                    sessionId, backend, false);
            case RESPONSE_LOST, SLOW -> new SessionTransportException("Connection reset after the request (" + op
                    + ")", null, sessionId, backend, true);
        };
    }
}
