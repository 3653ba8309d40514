package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.internal.SharedRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transport's AWS clients, one set per {@link ClientSettings}, built lazily on the executor (building touches the
 * file system and the SDK's default chains), and what the transport knows of each session it created or saw: which
 * clients reach it, its statement language and request origin. A {@link #shared} registry (the transport's) leases
 * each set from {@link SharedRuntime} by {@link ClientKey}, so transports configured alike use one set; the session
 * knowledge stays per registry. Thread-safe.
 *
 * <p>Calls without a session configuration (attach, list, the admin's calls) use the configured settings alone
 * ({@link #defaultSettings()}); nothing is learnt from the configurations of other sessions.
 */
public final class ClientRegistry implements AutoCloseable {
    /**
     * What the transport knows of one session.
     *
     * @param settings the clients that reach it
     * @param language its statement language (Python or Scala)
     * @param origin the request origin to send
     */
    public record SessionMeta(ClientSettings settings, Language language, String origin) {}

    private final Options options;
    private final Executor executor;
    private final Function<ClientSettings, AwsClients> build;
    private final boolean shared;
    private final Map<ClientSettings, Held> clients = new ConcurrentHashMap<>();
    private final Map<String, SessionMeta> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A registry building its own clients with {@code options} (closed by {@link #close()}); blocking work runs on
     * the options' executor.
     */
    public ClientRegistry(Options options) {
        this(options, false, new ClientFactory(options, options.executor())::build);
    }

    ClientRegistry(Options options, boolean shared, Function<ClientSettings, AwsClients> build) {
        this.options = options;
        this.executor = options.executor();
        this.build = build;
        this.shared = shared;
    }

    /**
     * A registry whose clients are shared, through {@link SharedRuntime}, with every other shared registry whose
     * {@link ClientKey} for the same settings is equal: one set of Glue, STS (and S3) clients, with their HTTP
     * clients, per distinct key in the process. {@link #close()} returns this registry's leases; the last lease on a
     * set closes its clients. Clients passed in through the options are never closed.
     */
    public static ClientRegistry shared(Options options) {
        return new ClientRegistry(options, true, new ClientFactory(options, options.executor())::build);
    }

    /** The transport options. */
    public Options options() {
        return options;
    }

    /** The settings for calls that carry no session configuration: the configured values alone. */
    public ClientSettings defaultSettings() {
        return ClientSettings.of(options);
    }

    /** The clients for {@code settings}, built once (once per process for a shared registry). */
    public CompletableFuture<AwsClients> clients(ClientSettings settings) {
        if (closed) {
            return closedFailure();
        }
        Held h = clients.computeIfAbsent(settings, this::take);
        if (closed) {
            if (clients.remove(settings, h)) {
                h.release();
            }
            return closedFailure();
        }
        if (h.watched.compareAndSet(false, true)) {
            // a failed build is forgotten (and its lease returned), so the next call builds again
            h.clients.whenComplete((c, e) -> {
                if (e != null && clients.remove(settings, h)) {
                    h.release();
                }
            });
        }
        return h.clients;
    }

    private Held take(ClientSettings s) {
        Held h;
        if (shared) {
            // the lease is taken under SharedRuntime's lock, so the build starts only after share returns
            SharedRuntime.Lease<BuiltClients> lease =
                    SharedRuntime.share(ClientKey.of(options, s), BuiltClients.class, BuiltClients::new);
            h = new Held(lease.get().clients, lease);
            lease.get().start(executor, () -> build.apply(s));
        } else {
            BuiltClients own = new BuiltClients();
            own.start(executor, () -> build.apply(s));
            h = new Held(own.clients, own);
        }
        return h;
    }

    private static <T> CompletableFuture<T> closedFailure() {
        return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed"));
    }

    /** The S3 client of session {@code sessionId}'s clients, or of the default settings' when it is null. */
    public CompletableFuture<S3Client> s3For(@Nullable String sessionId) {
        return (sessionId == null ? clients(defaultSettings()) : clientsFor(sessionId)).thenApply(AwsClients::s3);
    }

    /** The clients that reach {@code sessionId}. */
    public CompletableFuture<AwsClients> clientsFor(String sessionId) {
        SessionMeta m = sessions.get(sessionId);
        return clients(m == null ? defaultSettings() : m.settings());
    }

    /** What is known of a session. */
    public Optional<SessionMeta> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Remembers a session. */
    public void put(String sessionId, SessionMeta meta) {
        sessions.put(sessionId, meta);
    }

    /** Forgets a session. */
    public void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    /** The request origin to send for a session. */
    public String origin(String sessionId) {
        SessionMeta m = sessions.get(sessionId);
        return m == null ? options.requestOrigin() : m.origin();
    }

    /**
     * Closes every client this registry built, or, for a shared registry, returns its leases (the last lease on a
     * set closes it, once built). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (ClientSettings s : List.copyOf(clients.keySet())) {
            Held h = clients.remove(s);
            if (h != null) {
                h.release();
            }
        }
    }

    /** This registry's hold on one set of clients: the set, and what to close to let go of it. */
    private static final class Held {
        final CompletableFuture<AwsClients> clients;
        final AutoCloseable release;
        final AtomicBoolean watched = new AtomicBoolean();

        Held(CompletableFuture<AwsClients> clients, AutoCloseable release) {
            this.clients = clients;
            this.release = release;
        }

        void release() {
            try {
                release.close();
            } catch (Exception e) {
                // BuiltClients.close and Lease.close do not throw
            }
        }
    }

    /**
     * A set of clients, built on the executor by the first {@link #start} (the other holders of the same shared set
     * wait for that build); {@link #close()} closes it once built (a failed build has nothing to close).
     */
    static final class BuiltClients implements AutoCloseable {
        final CompletableFuture<AwsClients> clients = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();

        void start(Executor executor, Supplier<AwsClients> build) {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            try {
                CompletableFuture.supplyAsync(build, executor).whenComplete((c, e) -> {
                    if (e != null) {
                        clients.completeExceptionally(e);
                    } else {
                        clients.complete(c);
                    }
                });
            } catch (RejectedExecutionException e) {
                clients.completeExceptionally(new IllegalStateException("The Glue transport is closed", e));
            }
        }

        @Override
        public void close() {
            clients.thenAccept(AwsClients::close);
        }
    }
}
