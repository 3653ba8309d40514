package dev.glivy.internal;

import dev.glivy.SessionLostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What an engine session holds while it lives and gives back when it ends: the keep-alive of its remote session,
 * its JVM shutdown hook, and, once closed, the transport it owns and its share of the default runtime. The
 * keep-alive and hook are guarded by the session's lock, so they are never started after the session closed.
 */
final class SessionHolds {
    private static final Logger LOG = GlivyLoggers.session();

    private final SessionSettings settings;
    private final Object lock;
    private final String where;
    private final BooleanSupplier closed;
    private @Nullable KeepAlive keepAlive;
    private @Nullable ShutdownHook shutdownHook;

    /**
     * For the session of {@code settings}, guarded by its {@code lock}; {@code where} names the backend and
     * {@code closed} (read holding the lock) says whether the session is closed.
     */
    SessionHolds(SessionSettings settings, Object lock, String where, BooleanSupplier closed) {
        this.settings = settings;
        this.lock = lock;
        this.where = where;
        this.closed = closed;
    }

    /** Keeps remote session {@code id} alive, unless the session is closed or one runs; a loss goes to {@code lost}. */
    void startKeepAlive(String id, Consumer<SessionLostException> lost) {
        synchronized (lock) {
            if (!closed.getAsBoolean() && keepAlive == null) {
                keepAlive = KeepAlive.start(settings.runtime().scheduler(), settings.transport(), id, lost);
            }
        }
    }

    /** Stops the keep-alive, if one runs. */
    void cancelKeepAlive() {
        KeepAlive k = keepAlive;
        keepAlive = null;
        if (k != null) {
            k.stop();
        }
    }

    /**
     * Registers the shutdown hook once, named after {@code label} (the client token before the id is known), when
     * the settings ask for one and the session is open; the hook runs {@code close}.
     */
    void registerShutdownHook(String label, Supplier<CompletableFuture<Void>> close) {
        if (!settings.stopOnShutdown()) {
            return;
        }
        synchronized (lock) {
            if (shutdownHook == null && !closed.getAsBoolean()) {
                shutdownHook = ShutdownHook.register(
                        label, where, close, settings.timeouts().close());
            }
        }
    }

    /** Removes the shutdown hook, if one is registered. */
    void removeShutdownHook() {
        ShutdownHook hook;
        synchronized (lock) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook != null) {
            hook.remove();
        }
    }

    /** Closes the transport the session owns and releases its share of the default runtime. */
    void release() {
        if (settings.ownsTransport()) {
            try {
                settings.transport().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the {} transport failed", settings.transport().backend(), e);
            }
        }
        if (settings.sharedRuntime()) {
            // on the executor: release() may run on the scheduler thread, which closing the runtime interrupts
            Runnable last = () -> SharedRuntime.release(settings.runtime());
            try {
                settings.runtime().executor().execute(last);
            } catch (RejectedExecutionException shutDown) {
                last.run();
            }
        }
    }
}
