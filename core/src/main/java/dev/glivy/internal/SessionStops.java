package dev.glivy.internal;

import dev.glivy.SessionLostException;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SessionTransport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The remote stops of one engine session, each asked for once: a start that failed, a lost session being replaced
 * and {@code close()} may all want the same remote session stopped, and the second ask gets the first's future.
 * Also stops the session a create that never answered may have made, found by its client token. Thread-safe.
 */
final class SessionStops {
    private static final Logger LOG = GlivyLoggers.session();

    private final SessionTransport transport;
    private final Retrier retrier;
    private final String where;
    /** Stops asked for, by remote id (and {@code ""} for the search of a create that never answered): each once. */
    private final Map<String, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();

    /** Stops through {@code transport} with {@code retrier}; {@code where} names the backend in log lines. */
    SessionStops(SessionTransport transport, Retrier retrier, String where) {
        this.transport = transport;
        this.retrier = retrier;
        this.where = where;
    }

    /** Stops remote session {@code id}, once: a second call (start failure, then close) gets the first's future. */
    CompletableFuture<Void> stopRemote(String id) {
        return once(id, () -> {
            LOG.debug("{}: stopping on {}", GlivyLoggers.name(id), where);
            return retrier.idempotent("stopSession", () -> transport.stopSession(id))
                    .exceptionally(e -> {
                        Throwable c = Futures.unwrap(e);
                        if (c instanceof SessionLostException) {
                            return null;
                        }
                        throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                    });
        });
    }

    /**
     * Stops the session a create that never answered (aborted by a deadline, a close or the JVM exiting) may have
     * made: it is looked up by its client token ({@link SessionTransport#findSession}) and stopped when found. Once.
     */
    CompletableFuture<Void> stopUnanswered(CreateSessionRequest req) {
        return once("", () -> {
            LOG.debug(
                    "{}: looking for the session of an unanswered create ({})",
                    GlivyLoggers.name(null),
                    req.clientToken());
            return retrier.idempotent("findSession", () -> transport.findSession(req))
                    .thenCompose(found -> found.isPresent()
                            ? stopRemote(found.get().id())
                            : CompletableFuture.<Void>completedFuture(null));
        });
    }

    /**
     * Runs {@code stop} for {@code key} once; later calls get the first call's future. Not
     * {@code ConcurrentHashMap.computeIfAbsent}: a stop whose lookup answers at once starts the next stop from inside
     * the first, and a nested update of the map throws "Recursive update" when both keys share a bin ({@code ""}
     * and Livy's {@code "0"} do).
     */
    private CompletableFuture<Void> once(String key, Supplier<CompletableFuture<Void>> stop) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = stops.putIfAbsent(key, mine);
        if (first != null) {
            return first;
        }
        CompletableFuture<Void> f;
        try {
            f = stop.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                mine.completeExceptionally(Futures.unwrap(e));
            } else {
                mine.complete(null);
            }
        });
        return mine;
    }
}
