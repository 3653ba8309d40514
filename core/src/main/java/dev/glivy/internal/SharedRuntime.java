package dev.glivy.internal;

import dev.glivy.SessionRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The process-wide default {@link SessionRuntime}, reference counted: created when the first session that did not
 * get a runtime of its own is built, closed (its threads end) when the last such session closes. It also keeps the
 * transports' shared I/O resources ({@link #share}): an HTTP connection pool, I/O threads, a JSON mapper, each
 * reference counted by key and closed when its last lease is returned. It exists so that, by default, all sessions
 * share one scheduler thread and every transport built from a builder shares its backend's I/O resources instead of
 * starting its own.
 *
 * <p>It is not the only static mutable state. The others: core's {@code JsonTables} holds the JSON table decoder,
 * installed once when core's SQL reader loads; the local transport's {@code SharedSpark} keeps the JVM's one
 * SparkContext the same reference-counted way, and its {@code TaskIsolation} a warn-once flag; glivy-test's
 * {@code SkipLine} remembers which test classes it reported skipped. Thread counters belong to each thread factory
 * ({@link NamedThreads}), not to a class.
 */
@InternalApi
public final class SharedRuntime {
    private static final Object LOCK = new Object();
    private static @Nullable SessionRuntime runtime;
    private static int users;
    private static final Map<Object, Shared> RESOURCES = new HashMap<>();

    /** A resource with its count of leases. */
    private static final class Shared {
        final AutoCloseable resource;
        int leases;

        Shared(AutoCloseable resource) {
            this.resource = resource;
        }
    }

    /**
     * A reference to a shared resource; {@link #close()} returns it, and the resource is closed with the last one.
     * Closing twice returns it once. Thread-safe.
     *
     * @param <T> the resource type
     */
    public static final class Lease<T extends AutoCloseable> implements AutoCloseable {
        private final Object key;
        private final T resource;
        private boolean returned;

        private Lease(Object key, T resource) {
            this.key = key;
            this.resource = resource;
        }

        /** The shared resource; do not close it yourself. */
        public T get() {
            return resource;
        }

        /** Returns the lease; the last one closes the resource (its exceptions are suppressed). Idempotent. */
        @Override
        public void close() {
            AutoCloseable toClose = null;
            synchronized (LOCK) {
                if (returned) {
                    return;
                }
                returned = true;
                Shared s = RESOURCES.get(key);
                if (s != null && s.resource == resource && --s.leases == 0) {
                    RESOURCES.remove(key);
                    toClose = s.resource;
                }
            }
            if (toClose != null) {
                try {
                    toClose.close();
                } catch (Exception e) {
                    // closing a pool we own; nothing the caller could do about it
                }
            }
        }
    }

    private SharedRuntime() {}

    /** Takes a reference to the shared runtime; pair with {@link #release(SessionRuntime)}. */
    public static SessionRuntime acquire() {
        synchronized (LOCK) {
            if (runtime == null) {
                runtime = SessionRuntime.create();
            }
            users++;
            return runtime;
        }
    }

    /**
     * Takes a lease on the resource shared under {@code key} (compared with {@code equals}), creating it with
     * {@code create} when nobody holds one. {@code create} runs under the registry's lock, so it must be quick and
     * must not call back into this class.
     *
     * @param <T> the resource type
     * @throws ClassCastException when {@code key} is already shared with a resource of another type
     */
    public static <T extends AutoCloseable> Lease<T> share(Object key, Class<T> type, Supplier<T> create) {
        Objects.requireNonNull(key, "key must not be null");
        synchronized (LOCK) {
            Shared s = RESOURCES.get(key);
            if (s == null) {
                s = new Shared(Objects.requireNonNull(create.get(), "created resource must not be null"));
                RESOURCES.put(key, s);
            }
            s.leases++;
            return new Lease<>(key, type.cast(s.resource));
        }
    }

    /** How many resources are shared at the moment (for tests and benchmarks). */
    public static int sharedResources() {
        synchronized (LOCK) {
            return RESOURCES.size();
        }
    }

    /** Returns a reference; closes the runtime when it was the last. */
    public static void release(SessionRuntime r) {
        synchronized (LOCK) {
            if (r != runtime) {
                return;
            }
            users--;
            if (users == 0) {
                runtime = null;
                r.close();
            }
        }
    }
}
