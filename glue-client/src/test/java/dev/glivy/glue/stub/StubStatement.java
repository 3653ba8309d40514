package dev.glivy.glue.stub;

import java.time.Duration;
import java.time.Instant;

/**
 * One statement of a stub session: its code (exactly as sent), outcome and timing (start is decided by the session's
 * queue). Guarded by the stub's lock.
 */
final class StubStatement {
    static final Duration CANCEL_DELAY = Duration.ofMillis(50);

    final int id;
    final String code;
    final StubCode.Outcome outcome;
    final Instant submitted;
    Instant start;
    Instant cancelRequested;

    StubStatement(int id, String code, StubCode.Outcome outcome, Instant submitted) {
        this.id = id;
        this.code = code;
        this.outcome = outcome;
        this.submitted = submitted;
    }

    /** When it stops occupying the session (finished or cancelled). */
    Instant end() {
        Instant done = start.plus(outcome.duration());
        return cancelRequested != null && cancelRequested.isBefore(done) ? max(cancelRequested, start) : done;
    }

    /** Cancelled while it was still waiting: the REPL never ran it. */
    boolean cancelledBeforeStart() {
        return cancelRequested != null && !cancelRequested.isAfter(start);
    }

    boolean cancelled() {
        return cancelRequested != null && cancelRequested.isBefore(start.plus(outcome.duration()));
    }

    String state(Instant now) {
        if (cancelled()) {
            return now.isBefore(cancelRequested.plus(CANCEL_DELAY)) ? "CANCELLING" : "CANCELLED";
        }
        if (now.isBefore(start)) {
            return "WAITING";
        }
        return now.isBefore(start.plus(outcome.duration())) ? "RUNNING" : "AVAILABLE";
    }

    double progress(Instant now) {
        String s = state(now);
        if (s.equals("AVAILABLE")) {
            return 1.0;
        }
        if (!s.equals("RUNNING")) {
            return 0.0;
        }
        double total = Math.max(1, outcome.duration().toMillis());
        return Math.min(0.99, Duration.between(start, now).toMillis() / total);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
