package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stub session: the CreateSession request as sent, its lifecycle times, tags and statements. Its REPL runs the
 * statements one at a time in id (submission) order. Guarded by the stub's lock.
 */
final class StubSession {
    final String id;
    /** Creation order across the stub, the ListSessions cursor. */
    final long seq;

    final JsonNode request;
    final Instant created;
    final Instant ready;
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<StubStatement> statements = new ArrayList<>();
    Instant stopRequested;
    Duration stopDelay = Duration.ZERO;
    /** Every statement starts as it is submitted instead of after the one before it (see GlueStub#concurrentStatements). */
    boolean concurrent;

    String forcedStatus;
    String errorMessage;
    /** When the REPL stopped taking up statements (stopped, failed, expired, deleted or lost), else null. */
    Instant replEnd;

    StubSession(String id, long seq, JsonNode request, Instant created, Duration provisioning) {
        this.id = id;
        this.seq = seq;
        this.request = request;
        this.created = created;
        this.ready = created.plus(provisioning);
        request.path("Tags")
                .fields()
                .forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    }

    String status(Instant now) {
        if (forcedStatus != null) {
            return forcedStatus;
        }
        if (stopRequested != null) {
            return now.isBefore(stopRequested.plus(stopDelay)) ? "STOPPING" : "STOPPED";
        }
        return now.isBefore(ready) ? "PROVISIONING" : "READY";
    }

    /** Seconds the session has been running (billed), from ready to stop or now. */
    double executionSeconds(Instant now) {
        if (now.isBefore(ready)) {
            return 0;
        }
        Instant end = stopRequested != null && stopRequested.isBefore(now) ? stopRequested : now;
        return Math.max(0, Duration.between(ready, end).toMillis() / 1000.0);
    }

    double dpus() {
        if (request.has("MaxCapacity")) {
            return request.get("MaxCapacity").asDouble();
        }
        if (request.has("NumberOfWorkers")) {
            String type = request.path("WorkerType").asText("G.1X");
            double per =
                    switch (type) {
                        case "G.025X" -> 0.25;
                        case "G.2X" -> 2;
                        case "G.4X" -> 4;
                        case "G.8X" -> 8;
                        case "G.12X" -> 12;
                        default -> 1;
                    };
            return request.get("NumberOfWorkers").asInt() * per;
        }
        return 5;
    }

    /** Ends the REPL at {@code now} (the first call wins): statements that have not started never run. */
    void endRepl(Instant now) {
        if (replEnd == null) {
            replEnd = now;
        }
    }

    /** The statements the REPL has started by {@code now}, in the order it started them (id order). */
    List<StubStatement> ran(Instant now) {
        schedule();
        Instant limit = replEnd == null || now.isBefore(replEnd) ? now : replEnd;
        boolean inclusive = replEnd == null || now.isBefore(replEnd);
        List<StubStatement> out = new ArrayList<>();
        for (StubStatement s : statements) {
            boolean started = s.start.isBefore(limit) || (inclusive && s.start.equals(limit));
            if (started && !s.cancelledBeforeStart()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Queues the statements: each starts when it was submitted or when the one before it ended; in a
     * {@link #concurrent} session each starts when it was submitted.
     */
    void schedule() {
        Instant previousEnd = Instant.MIN;
        for (StubStatement s : statements) {
            s.start = concurrent || s.submitted.isAfter(previousEnd) ? s.submitted : previousEnd;
            previousEnd = s.end();
        }
    }
}
