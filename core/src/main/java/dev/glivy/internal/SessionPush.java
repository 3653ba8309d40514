package dev.glivy.internal;

import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.Watch;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's registration for the transport's pushed changes ({@link SessionTransport#watch}): one watch per remote
 * session, replaced after a recreate and closed when the session closes. The listener runs on the transport's thread,
 * so it only hands the change to the session, which schedules reads on Glivy's scheduler; no state change or user
 * callback happens on the transport's thread. Thread-safe.
 */
final class SessionPush {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPush.class);

    private final SessionTransport transport;
    private final DefaultInteractiveSession session;
    private @Nullable Watch watch;

    SessionPush(SessionTransport transport, DefaultInteractiveSession session) {
        this.transport = transport;
        this.session = session;
    }

    /** Whether a watch is registered: scheduled polls are then only a safety net. */
    synchronized boolean active() {
        return watch != null;
    }

    /**
     * Registers for remote session {@code id}, replacing an earlier registration; {@code still} says whether the
     * session still wants it (not closed, same id) once the transport answered, else the new watch is closed.
     */
    void register(String id, BooleanSupplier still) {
        close();
        Optional<Watch> w;
        try {
            w = transport.watch(id, new ChangeListener() {
                @Override
                public void sessionChanged() {
                    session.sessionPoked(id);
                }

                @Override
                public void statementChanged(String statementId) {
                    session.statementPoked(id, statementId);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn(
                    "session={} the {} transport could not register a watch; polling only", id, transport.backend(), e);
            return;
        }
        if (w.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (still.getAsBoolean()) {
                watch = w.get();
                return;
            }
        }
        w.get().close();
    }

    /** Closes the current registration, if any. Idempotent. */
    void close() {
        Watch w;
        synchronized (this) {
            w = watch;
            watch = null;
        }
        if (w != null) {
            w.close();
        }
    }
}
