package dev.glivy.livy.internal;

import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionTransportException;
import dev.glivy.internal.Futures;
import dev.glivy.spi.CreateSessionRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Livy server a transport talks to, when an endpoint resolver may move it (a Livy on an EMR cluster found by
 * tag, when the cluster is replaced). Without a resolver it is one fixed {@link LivyService}.
 *
 * <p>With one, the resolver is asked again (on the I/O threads, one question at a time, at most every 5 seconds
 * while its answers do not change) in two cases: before a
 * session is created after one of this transport's calls found a session lost or the server unreachable, and when
 * a session's call could not reach the server at all. When the answer is a new URL, calls go to a new service for
 * it; the sessions created on the old one are lost with it (their calls fail with {@link SessionLostException}
 * instead of reaching a server where the same id may name someone else's session; stopping one still asks the old
 * server). The old services are closed with the transport.
 */
public final class EndpointRoute implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.livy");
    /** The shortest time between two questions to the resolver that found the server where it was. */
    private static final long MIN_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final TransportSettings settings;
    private final @Nullable Supplier<URI> resolver;
    private volatile LivyService current;
    private final List<LivyService> retired = new CopyOnWriteArrayList<>();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Map<String, LivyService> moved = new ConcurrentHashMap<>();
    private final AtomicBoolean suspect = new AtomicBoolean();
    private @Nullable CompletableFuture<LivyService> resolving;
    private long resolvedAt;

    /** A route to {@code settings.url()}, moved by {@code resolver} when given. */
    public EndpointRoute(TransportSettings settings, @Nullable Supplier<URI> resolver) {
        this.settings = settings;
        this.resolver = resolver;
        this.current = new LivyService(settings);
    }

    /** The service in use now. */
    public LivyService service() {
        return current;
    }

    /** Creates a session, first asking the resolver again when an earlier call suggested the server moved. */
    public CompletableFuture<SessionInfo> create(CreateSessionRequest request) {
        CompletableFuture<LivyService> where =
                resolver != null && suspect.get() ? resolve() : CompletableFuture.completedFuture(current);
        return Linked.map(Linked.compose(where, s -> watch(s.create(request), s)), info -> {
            live.add(info.id());
            moved.remove(info.id());
            return info;
        });
    }

    /** Finds a session by the request's name on the current server. */
    public CompletableFuture<java.util.Optional<SessionInfo>> find(CreateSessionRequest request) {
        LivyService s = current;
        return Linked.map(watch(s.find(request), s), found -> {
            found.ifPresent(info -> {
                live.add(info.id());
                moved.remove(info.id());
            });
            return found;
        });
    }

    /**
     * Runs a call about session {@code id} on the server it lives on. When the call cannot reach that server and the
     * resolver now names another one, the session is reported lost.
     */
    public <T> CompletableFuture<T> session(String id, Function<LivyApi, CompletableFuture<T>> call) {
        LivyService old = moved.get(id);
        if (old != null) {
            return CompletableFuture.failedFuture(movedAway(id, old, null));
        }
        LivyService s = current;
        CompletableFuture<T> f = watch(call.apply(s.api()), s);
        if (resolver == null) {
            return f;
        }
        return Linked.cancelling(
                f.handle((v, e) -> {
                            Throwable c = e == null ? null : Futures.unwrap(e);
                            if (c instanceof SessionTransportException t && !t.mayHaveReachedBackend()) {
                                return resolve().<T>thenApply(now -> {
                                    if (now != s) {
                                        throw movedAway(id, s, t);
                                    }
                                    throw t;
                                });
                            }
                            return e == null
                                    ? CompletableFuture.completedFuture(v)
                                    : CompletableFuture.<T>failedFuture(c);
                        })
                        .thenCompose(x -> x),
                f);
    }

    /** Stops session {@code id} on the server it lives on (an old one when the endpoint moved since). */
    public CompletableFuture<Void> stop(String id) {
        LivyService old = moved.get(id);
        LivyService s = old != null ? old : current;
        return watch(s.api().deleteSession(id), s);
    }

    private <T> CompletableFuture<T> watch(CompletableFuture<T> f, LivyService s) {
        if (resolver == null) {
            return f;
        }
        return Linked.cancelling(
                f.whenComplete((v, e) -> {
                    Throwable c = e == null ? null : Futures.unwrap(e);
                    if (s == current
                            && (c instanceof SessionLostException
                                    || (c instanceof SessionTransportException t && !t.mayHaveReachedBackend()))) {
                        suspect.set(true);
                    }
                }),
                f);
    }

    private SessionLostException movedAway(String id, LivyService old, @Nullable Throwable cause) {
        return new SessionLostException(
                "Session " + id + " (" + LivyProtocol.BACKEND + ", " + old.endpoint()
                        + ") is lost: the endpoint resolver now names " + current.endpoint()
                        + " as the Livy server, so the "
                        + "server this session ran on was replaced; everything defined in it is lost.",
                cause,
                id,
                LivyProtocol.BACKEND,
                SessionState.LOST);
    }

    /** Asks the resolver (one question at a time) and moves to its answer when it is a new URL. */
    private synchronized CompletableFuture<LivyService> resolve() {
        if (resolving != null
                && (!resolving.isDone()
                        || (!resolving.isCompletedExceptionally()
                                && System.nanoTime() - resolvedAt < MIN_INTERVAL_NANOS))) {
            // one question at a time, and not again within MIN_INTERVAL of an answer (an outage makes every poll
            // and keep-alive fail; the resolver's API must not be asked for each)
            return resolving;
        }
        Supplier<URI> r = Objects.requireNonNull(resolver);
        LivyService before = current;
        CompletableFuture<LivyService> f = CompletableFuture.supplyAsync(r::get, before.executor())
                .handle((uri, e) -> {
                    if (e != null) {
                        Throwable c = Futures.unwrap(e);
                        if (c instanceof SessionException se) {
                            throw se;
                        }
                        throw new SessionTransportException(
                                "Could not resolve the Livy endpoint (was " + before.endpoint() + "): "
                                        + c.getClass().getSimpleName() + ": " + c.getMessage(),
                                c,
                                null,
                                LivyProtocol.BACKEND,
                                false);
                    }
                    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme();
                    if (uri == null
                            || uri.getHost() == null
                            || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                        throw new SessionTransportException(
                                "The Livy endpoint resolver returned "
                                        + (uri == null ? "no URL" : "no http or https URL with a host") + " (was "
                                        + before.endpoint() + ")",
                                null,
                                null,
                                LivyProtocol.BACKEND,
                                false);
                    }
                    LivyService now = moveTo(uri);
                    synchronized (this) {
                        resolvedAt = System.nanoTime();
                    }
                    return now;
                });
        resolving = f;
        return f;
    }

    private synchronized LivyService moveTo(URI uri) {
        suspect.set(false);
        LivyService before = current;
        String text = Redaction.endpoint(uri);
        if ((text.endsWith("/") ? text.substring(0, text.length() - 1) : text).equals(before.endpoint())) {
            return before;
        }
        LivyService next = new LivyService(settings.withUrl(uri));
        LOG.info(
                "Livy endpoint moved from {} to {} (endpoint resolver); {} session(s) of the old one are lost",
                before.endpoint(),
                next.endpoint(),
                live.size());
        for (String id : live) {
            moved.put(id, before);
        }
        live.clear();
        retired.add(before);
        current = next;
        return next;
    }

    /** Closes the current service and every one the route moved away from. Idempotent. */
    @Override
    public void close() {
        current.close();
        for (LivyService s : retired) {
            s.close();
        }
    }
}
