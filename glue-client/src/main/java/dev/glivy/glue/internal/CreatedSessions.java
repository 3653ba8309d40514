package dev.glivy.glue.internal;

import dev.glivy.internal.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions a transport created (or found again after a lost create answer) and has not seen stopped, so that
 * closing the transport stops them, and a session's own {@code close()} afterwards waits for that same StopSession
 * instead of failing on a closed transport. Thread-safe.
 */
public final class CreatedSessions {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> stoppedAtClose = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Whether {@link #close} ran. */
    public boolean closed() {
        return closed.get();
    }

    /** Remembers a session the transport created. */
    public void add(String sessionId) {
        open.add(sessionId);
    }

    /**
     * Stops a session with {@code stop} and forgets it; after {@link #close}, the StopSession close sent for it, or,
     * for a session the transport did not create, a failure saying so (nothing is sent on a closed transport).
     */
    public CompletableFuture<Void> stop(String sessionId, Function<String, CompletableFuture<Void>> stop) {
        CompletableFuture<Void> atClose = stoppedAtClose.get(sessionId);
        if (atClose != null) {
            return atClose;
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed, and "
                    + "session " + sessionId + " is not one it created, so it was not stopped when the transport "
                    + "closed; stop it with a new GlueTransport, or let its idle timeout end it"));
        }
        return stop.apply(sessionId).thenRun(() -> open.remove(sessionId));
    }

    /**
     * Sends {@code stop} for every session still open (a WARN names any that fail), then runs {@code release} once
     * they have answered (at once when none is open). Only the first call does anything.
     */
    public void close(Function<String, CompletableFuture<Void>> stop, Runnable release) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<String> still = List.copyOf(open);
        if (still.isEmpty()) {
            release.run();
            return;
        }
        LOG.info(
                "Closing the Glue transport: stopping the {} session(s) it created that are still open: {}",
                still.size(),
                String.join(", ", still));
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (String id : still) {
            CompletableFuture<Void> f = stop.apply(id).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn(
                            "Closing the Glue transport: could not stop session {}: {}",
                            id,
                            Futures.unwrap(e).getMessage());
                } else {
                    open.remove(id);
                }
            });
            stoppedAtClose.put(id, f);
            stops.add(f);
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> release.run());
    }
}
