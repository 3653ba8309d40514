package dev.glivy.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A JVM shutdown hook that closes one session, so a program that exits without {@code close()} does not leave a
 * paid session running. Registered before the create is sent (named after the client token until the id is known),
 * so a create still unanswered when the JVM exits is covered too: closing aborts it, finds its session by the token
 * and stops it. Removed when the session closes.
 */
final class ShutdownHook {
    private static final Logger LOG = GlivyLoggers.session();

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers a hook that runs {@code close} and waits at most {@code timeout}; {@code null} if the JVM is exiting. */
    static ShutdownHook register(
            String sessionId, String where, Supplier<CompletableFuture<Void>> close, Duration timeout) {
        Thread hook = NamedThreads.single("glivy-shutdown-" + sessionId)
                .daemon(false)
                .newThread(() -> {
                    LOG.info("JVM shutting down: stopping session {} ({})", sessionId, where);
                    try {
                        close.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        LOG.warn("Could not stop session {} at JVM shutdown: {}", sessionId, e.toString());
                    }
                });
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return new ShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            LOG.debug("JVM already shutting down; no hook for session {}", sessionId);
            return null;
        }
    }

    /** Removes the hook, unless the JVM is already running it. */
    void remove() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            LOG.trace("JVM is shutting down; hook stays");
        }
    }
}
