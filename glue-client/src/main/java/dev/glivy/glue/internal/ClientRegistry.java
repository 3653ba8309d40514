package dev.glivy.glue.internal;

import dev.glivy.Language;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transport's AWS clients, one set per {@link ClientSettings}, built lazily on the executor (building touches the
 * file system and the SDK's default chains), and what the transport knows of each session it created or saw: which
 * clients reach it, its statement language and request origin.
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
    private final ClientFactory factory;
    private final Map<ClientSettings, CompletableFuture<AwsClients>> clients = new ConcurrentHashMap<>();
    private final Map<String, SessionMeta> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A registry building clients with {@code options}; blocking work runs on the options' executor. */
    public ClientRegistry(Options options) {
        this.options = options;
        this.executor = options.executor();
        this.factory = new ClientFactory(options, executor);
    }

    /** The transport options. */
    public Options options() {
        return options;
    }

    /** The settings for calls that carry no session configuration: the configured values alone. */
    public ClientSettings defaultSettings() {
        return ClientSettings.of(options);
    }

    /** The clients for {@code settings}, built once. */
    public CompletableFuture<AwsClients> clients(ClientSettings settings) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed"));
        }
        CompletableFuture<AwsClients> f = clients.computeIfAbsent(settings, s -> {
            try {
                return CompletableFuture.supplyAsync(() -> factory.build(s), executor);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed", e));
            }
        });
        f.whenComplete((c, e) -> {
            if (e != null) {
                clients.remove(settings, f);
            } else if (closed) {
                c.close();
            }
        });
        return f;
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

    /** Closes every client built so far. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<AwsClients> f : clients.values()) {
            f.thenAccept(AwsClients::close);
        }
        clients.clear();
    }
}
