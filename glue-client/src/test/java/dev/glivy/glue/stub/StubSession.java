package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stub session: the CreateSession request as sent, its lifecycle times, tags and statements. */
final class StubSession {
    final String id;
    final JsonNode request;
    final Instant created;
    final Instant ready;
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<StubStatement> statements = new ArrayList<>();
    Instant stopRequested;
    Duration stopDelay = Duration.ZERO;
    String forcedStatus;
    String errorMessage;

    StubSession(String id, JsonNode request, Instant created, Duration provisioning) {
        this.id = id;
        this.request = request;
        this.created = created;
        this.ready = created.plus(provisioning);
        request.path("Tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
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
            double per = switch (type) {
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

    /** Queues the statements: each starts when it was submitted or when the one before it ended. */
    void schedule() {
        Instant previousEnd = Instant.MIN;
        for (StubStatement s : statements) {
            s.start = s.submitted.isAfter(previousEnd) ? s.submitted : previousEnd;
            previousEnd = s.end();
        }
    }
}
