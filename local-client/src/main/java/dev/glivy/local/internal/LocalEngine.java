package dev.glivy.local.internal;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionInfo;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.spi.Watch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local transport's sessions and their verbs. Every verb completes at once (the work itself runs on the
 * sessions' queues); failures are {@link SessionException}s in failed futures.
 *
 * <p>Thread-safe.
 */
public final class LocalEngine implements AutoCloseable {
    /** The languages local sessions run. */
    public static final Set<Language> LANGUAGES = Set.copyOf(EnumSet.of(Language.SCALA, Language.SQL));

    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final LocalContext ctx;
    private final Map<String, LocalSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An engine over {@code ctx}; it shuts the pool down and releases the Spark root on {@link #close()}. */
    public LocalEngine(LocalContext ctx) {
        this.ctx = ctx;
    }

    /** Creates a session (state {@code STARTING}); its id is the request's client token. */
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return call(null, () -> {
            String id = request.clientToken();
            if (!LANGUAGES.contains(request.language())) {
                throw LocalErrors.unsupportedLanguage(id, request.language(), LANGUAGES);
            }
            LocalSession s = new LocalSession(ctx, id, request.language(), LocalSettings.sessionConf(request.config()));
            if (sessions.putIfAbsent(id, s) != null) {
                throw LocalErrors.duplicateSession(id);
            }
            try {
                s.start();
            } catch (RuntimeException e) {
                sessions.remove(id, s);
                throw LocalErrors.closed(id);
            }
            return s.info();
        });
    }

    /** The session created for {@code request}'s client token, if any. */
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return call(null, () -> Optional.ofNullable(sessions.get(request.clientToken()))
                .map(LocalSession::info));
    }

    /** Describes a session. */
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return call(sessionId, () -> session(sessionId).info());
    }

    /** Lists the open sessions. */
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return call(null, () -> {
            List<SessionInfo> out = new ArrayList<>();
            sessions.values().forEach(s -> out.add(s.info()));
            return out;
        });
    }

    /** Stops and forgets a session; an unknown one is success. */
    public CompletableFuture<Void> stopSession(String sessionId) {
        return call(sessionId, () -> {
            LocalSession s = sessions.remove(sessionId);
            if (s != null) {
                s.stop();
            }
            return null;
        });
    }

    /** Queues a statement. */
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        return call(sessionId, () -> {
            LocalSession s = session(sessionId);
            if (!LANGUAGES.contains(request.language())) {
                throw LocalErrors.unsupportedLanguage(sessionId, request.language(), LANGUAGES);
            }
            return s.submit(request.code(), request.language());
        });
    }

    /** Describes a statement. */
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        return call(sessionId, () -> session(sessionId).statement(statementId));
    }

    /** Lists a session's statements, oldest first. */
    public CompletableFuture<List<RemoteStatement>> listStatements(String sessionId) {
        return call(sessionId, () -> session(sessionId).statements());
    }

    /** Cancels a statement. */
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return call(sessionId, () -> {
            session(sessionId).cancel(statementId);
            return null;
        });
    }

    /** Registers {@code listener} for a session's changes; empty when the session is unknown or the engine closed. */
    public Optional<Watch> watch(String sessionId, ChangeListener listener) {
        LocalSession s = closed ? null : sessions.get(sessionId);
        return s == null ? Optional.empty() : Optional.of(s.watch(listener));
    }

    /** A session's log lines. */
    public CompletableFuture<List<String>> sessionLog(String sessionId, int from, int size) {
        return call(sessionId, () -> session(sessionId).log(from, size));
    }

    /**
     * Stops every session, waits up to 10 seconds for running statements to end (they are cancelled and
     * interrupted), stops the threads and leaves the shared Spark (stopping it when this was its last user).
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<LocalSession> all = new ArrayList<>(sessions.values());
        sessions.clear();
        all.forEach(LocalSession::stop);
        ctx.pool().shutdown();
        try {
            if (!ctx.pool().awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Local statements still running {} s after close; interrupting them", CLOSE_WAIT_SECONDS);
                ctx.pool().shutdownNow();
            }
        } catch (InterruptedException e) {
            ctx.pool().shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            ctx.timer().shutdownNow();
            SharedSpark.release(ctx.root());
        }
    }

    private LocalSession session(String sessionId) {
        if (closed) {
            throw LocalErrors.closed(sessionId);
        }
        LocalSession s = sessions.get(sessionId);
        if (s == null) {
            throw LocalErrors.unknownSession(sessionId);
        }
        return s;
    }

    private <T> CompletableFuture<T> call(@Nullable String sessionId, Supplier<T> body) {
        if (closed) {
            return CompletableFuture.failedFuture(LocalErrors.closed(sessionId));
        }
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (SessionException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new SessionBackendException(
                    "The local transport failed: " + e,
                    e,
                    sessionId,
                    LocalErrors.BACKEND,
                    500,
                    "InternalError",
                    null,
                    false));
        }
    }

    /** How many sessions are open. */
    public int sessionCount() {
        return sessions.size();
    }
}
