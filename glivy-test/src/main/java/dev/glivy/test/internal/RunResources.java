package dev.glivy.test.internal;

import dev.glivy.spi.SessionTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one test run shares, kept in JUnit's root store: one transport per backend and settings (so one local Spark
 * per run), and the sessions of {@code SessionScope.RUN}. Closed when the run ends: sessions first, then the
 * transports. Thread-safe.
 */
public final class RunResources implements ExtensionContext.Store.CloseableResource {
    private final Map<String, SessionTransport> transports = new LinkedHashMap<>();
    private final Map<String, SessionHolder> sessions = new LinkedHashMap<>();

    /** The shared transport for {@code key}, created by {@code create} on first use. */
    public synchronized SessionTransport transport(String key, Supplier<SessionTransport> create) {
        SessionTransport t = transports.get(key);
        if (t == null) {
            t = create.get();
            transports.put(key, t);
        }
        return t;
    }

    /** The run-scoped session holder for {@code key}. */
    public synchronized SessionHolder sessions(String key, Function<String, SessionHolder> create) {
        return sessions.computeIfAbsent(key, create);
    }

    @Override
    public void close() {
        List<SessionHolder> s;
        List<SessionTransport> t;
        synchronized (this) {
            s = new ArrayList<>(sessions.values());
            t = new ArrayList<>(transports.values());
            sessions.clear();
            transports.clear();
        }
        RuntimeException first = null;
        for (SessionHolder h : s) {
            try {
                h.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        for (SessionTransport tr : t) {
            try {
                tr.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
