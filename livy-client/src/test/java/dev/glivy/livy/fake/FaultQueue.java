package dev.glivy.livy.fake;

import dev.glivy.test.contract.TransportFaults.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one-shot faults queued per operation by {@link FakeLivyServer#failNext}, {@link FakeLivyServer#delayNext} and
 * {@link FakeLivyServer#respondNext}: a {@link Fault}, a {@link java.time.Duration} or a {@link Canned} answer.
 * Thread-safe.
 */
final class FaultQueue {
    /** A canned answer queued by {@link FakeLivyServer#respondNext}. */
    record Canned(int status, String body) {}

    private final Map<String, Deque<Object>> queues = new ConcurrentHashMap<>();

    synchronized void add(String operation, Object fault) {
        queues.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(fault);
    }

    /** The next server-side fault of {@code operation}, or {@code null} (a refused connection is the client's). */
    synchronized @Nullable Object next(String operation) {
        Deque<Object> q = queues.get(operation);
        if (q == null || q.isEmpty() || q.peek() == Fault.CONNECTION_REFUSED) {
            return null;
        }
        return q.poll();
    }

    /** Takes the next fault of {@code operation} when it is {@code fault}. */
    synchronized boolean takeIf(String operation, Object fault) {
        Deque<Object> q = queues.get(operation);
        if (q != null && q.peek() == fault) {
            q.poll();
            return true;
        }
        return false;
    }
}
