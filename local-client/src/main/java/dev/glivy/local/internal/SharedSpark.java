package dev.glivy.local.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's one {@link SparkRoot}, reference-counted by the local transports using it. Apart from
 * {@code TaskIsolation}'s warn-once flag, this is the module's only static mutable state, forced by Spark's
 * one-SparkContext-per-JVM rule: transports opened while another is open share its Spark (their Spark settings must
 * be equal), and Spark stops when the last one closes.
 *
 * <p>Thread-safe.
 */
public final class SharedSpark {
    private static final Object LOCK = new Object();
    private static @Nullable SparkRoot current;
    private static int users;

    private SharedSpark() {}

    /**
     * Joins the running root, or creates one (Spark itself starts later, on first use).
     *
     * @throws IllegalStateException when a root with different settings is in use
     */
    public static SparkRoot acquire(SparkSettings settings, ClassLoader appLoader) {
        synchronized (LOCK) {
            SparkRoot root = current;
            if (root == null) {
                root = new SparkRoot(settings, appLoader);
                current = root;
                users = 0;
            } else {
                List<String> diff = root.settings().differences(settings);
                if (!diff.isEmpty()) {
                    throw new IllegalStateException("Another open LocalTransport runs Spark in this JVM with other "
                            + "settings (" + String.join("; ", diff) + "). Spark allows one SparkContext per JVM: "
                            + "build this transport with the same master, appName, sparkConf and warehouseDir, "
                            + "or close the other transports first.");
                }
            }
            users++;
            return root;
        }
    }

    /** The root in use, or {@code null} (for tests and diagnostics). */
    static @Nullable SparkRoot current() {
        synchronized (LOCK) {
            return current;
        }
    }

    /** Leaves {@code root}; the last user stops Spark. Idempotence is the caller's duty (call once per acquire). */
    public static void release(SparkRoot root) {
        synchronized (LOCK) {
            if (root != current) {
                return;
            }
            users--;
            if (users > 0) {
                return;
            }
            current = null;
            root.stop();
        }
    }
}
