package dev.glivy.local.internal;

import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.Watch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push side of one local session ({@code SessionTransport.watch}): the registered {@link ChangeListener}s, told
 * on the thread where the change happened (a statement thread, Spark's listener thread, the caller of a stop). A
 * listener that throws is logged at DEBUG and never disturbs the session or the other listeners; after a
 * {@link Watch} is closed its listener is not called any more (a call already under way may still finish).
 *
 * <p>Thread-safe.
 */
final class Watchers {
    private static final Logger LOG = LoggerFactory.getLogger(Watchers.class);

    private final String sessionId;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    Watchers(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Registers {@code listener} until the returned watch is closed. */
    Watch add(ChangeListener listener) {
        Registration r = new Registration(listener);
        registrations.add(r);
        return r;
    }

    /** How many watches are open. */
    int size() {
        return registrations.size();
    }

    /** Tells every listener that the session's state may have changed. */
    void sessionChanged() {
        for (Registration r : registrations) {
            r.tell(null);
        }
    }

    /** Tells every listener that statement {@code statementId} may have changed. */
    void statementChanged(String statementId) {
        for (Registration r : registrations) {
            r.tell(statementId);
        }
    }

    private final class Registration implements Watch {
        private final ChangeListener listener;
        private volatile boolean closed;

        Registration(ChangeListener listener) {
            this.listener = listener;
        }

        void tell(@Nullable String statementId) {
            if (closed) {
                return;
            }
            try {
                if (statementId == null) {
                    listener.sessionChanged();
                } else {
                    listener.statementChanged(statementId);
                }
            } catch (RuntimeException | LinkageError e) {
                // The SPI says listeners never throw; one that does must not break the engine thread that told it.
                LOG.debug("session={} change listener {} threw; ignored", sessionId, listener, e);
            }
        }

        @Override
        public void close() {
            closed = true;
            registrations.remove(this);
        }
    }
}
