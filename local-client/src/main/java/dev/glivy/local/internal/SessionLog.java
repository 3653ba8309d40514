package dev.glivy.local.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's own log: what the transport did for it (start, timings, failures), newest last, at most
 * {@link #CAPACITY} lines. Served by {@code sessionLog}.
 *
 * <p>Thread-safe.
 */
final class SessionLog {
    static final int CAPACITY = 500;

    private final ArrayDeque<String> lines = new ArrayDeque<>();

    synchronized void add(Instant at, String message) {
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(at + " " + message);
    }

    /** Up to {@code size} lines from {@code from}; a negative {@code from} means the last {@code size} lines. */
    synchronized List<String> lines(int from, int size) {
        List<String> all = new ArrayList<>(lines);
        int n = Math.max(0, size);
        int start = from < 0 ? Math.max(0, all.size() - n) : Math.min(from, all.size());
        return List.copyOf(all.subList(start, Math.min(all.size(), start + n)));
    }
}
