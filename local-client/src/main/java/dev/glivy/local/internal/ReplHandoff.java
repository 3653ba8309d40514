package dev.glivy.local.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * Hands a session's objects to its Scala interpreter while the interpreter runs its setup code, which reads them with
 * {@code dev.glivy.local.internal.ReplHandoff.spark()}: one compilation instead of the two per value that
 * {@code IMain.bind} costs. The values live in a thread-local only for the duration of that one call on the
 * starting thread ({@link #during}), so nothing is shared between sessions or kept afterwards.
 *
 * <p>Public only because interpreted code calls it. Thread-safe.
 */
public final class ReplHandoff {
    private static final ThreadLocal<@Nullable ReplHandoff> CURRENT = new ThreadLocal<>();

    private final SparkSession spark;
    private final AtomicReference<@Nullable Throwable> errors;

    private ReplHandoff(SparkSession spark, AtomicReference<@Nullable Throwable> errors) {
        this.spark = spark;
        this.errors = errors;
    }

    /** Runs {@code setup} on this thread with {@code spark} and {@code errors} handed off. */
    static <T> T during(
            SparkSession spark, AtomicReference<@Nullable Throwable> errors, java.util.function.Supplier<T> setup) {
        CURRENT.set(new ReplHandoff(spark, errors));
        try {
            return setup.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The session's SparkSession (called by interpreted setup code). */
    public static SparkSession spark() {
        return current().spark;
    }

    /** Where the session's interpreter reports the exception of a failed piece (called by interpreted code). */
    public static AtomicReference<@Nullable Throwable> errors() {
        return current().errors;
    }

    private static ReplHandoff current() {
        ReplHandoff h = CURRENT.get();
        if (h == null) {
            throw new IllegalStateException("No local session is starting on this thread; ReplHandoff is only for "
                    + "the Scala interpreter's setup code.");
        }
        return h;
    }
}
