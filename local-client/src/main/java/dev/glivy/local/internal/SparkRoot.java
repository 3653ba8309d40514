package dev.glivy.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process Spark all local transports of a JVM share (Spark allows one SparkContext per JVM): started on first
 * use, stopped by {@link SharedSpark} when the last transport closes. Sessions get {@code newSession()} of its root
 * SparkSession.
 *
 * <p>The SparkContext is created with the {@link ReplClassRouter} as context class loader, so the local executor
 * (which takes that loader as the parent of its task class loaders) and the driver's result deserializer find the
 * classes of every session's Scala interpreter.
 *
 * <p>Thread-safe.
 */
public final class SparkRoot {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");

    private final SparkSettings settings;
    private final ReplClassRouter router;
    private final String id = UUID.randomUUID().toString();
    private @Nullable SparkSession root;
    private volatile @Nullable JobCanceller canceller;
    private volatile @Nullable StatementEvents events;
    private @Nullable Path tempWarehouse;
    private boolean stopped;
    private boolean warmUpClaimed;

    SparkRoot(SparkSettings settings, ClassLoader appLoader) {
        this.settings = settings;
        this.router = new ReplClassRouter(appLoader);
    }

    /** The settings Spark starts (or started) with. */
    public SparkSettings settings() {
        return settings;
    }

    /** The class router of this Spark's interpreters. */
    public ReplClassRouter router() {
        return router;
    }

    /** Whether Spark is running. */
    public synchronized boolean started() {
        return root != null;
    }

    /**
     * The root SparkSession, starting Spark first if needed (blocking; about 4 seconds on 2 cores). A failed start is
     * not remembered: the next call tries again.
     *
     * @throws IllegalStateException when stopped, or when another SparkContext not started by Glivy runs in the JVM
     */
    public synchronized SparkSession session() {
        if (stopped) {
            throw new IllegalStateException("The local Spark has been stopped (all LocalTransports closed).");
        }
        if (root == null) {
            root = start();
        }
        return root;
    }

    private SparkSession start() {
        long t0 = System.nanoTime();
        scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            throw foreign(existing.get().sparkContext());
        }
        Path warehouse = settings.warehouseDir();
        if (warehouse == null) {
            try {
                tempWarehouse = Files.createTempDirectory("glivy-local-warehouse-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary Spark warehouse directory", e);
            }
            warehouse = tempWarehouse;
        }
        Map<String, String> conf = settings.effectiveConf(warehouse, id);
        pinHost(conf.get("spark.driver.host"));
        SparkSession.Builder b =
                SparkSession.builder().master(settings.master()).appName(settings.appName());
        for (Map.Entry<String, String> e : conf.entrySet()) {
            b.config(e.getKey(), e.getValue());
        }
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(router);
        SparkSession s;
        try {
            s = b.getOrCreate();
        } finally {
            t.setContextClassLoader(previous);
            SparkSession.clearActiveSession();
        }
        SparkContext sc = s.sparkContext();
        if (!id.equals(sc.getConf().get(SparkSettings.ROOT_MARKER, ""))) {
            SparkSession.clearDefaultSession();
            throw foreign(sc);
        }
        JobCanceller c = new JobCanceller(sc);
        sc.addSparkListener(c);
        canceller = c;
        StatementEvents ev = new StatementEvents();
        sc.addSparkListener(ev);
        events = ev;
        LOG.debug(
                "Spark {} started ({}, app id {}) in {} ms",
                s.version(),
                settings.master(),
                sc.applicationId(),
                (System.nanoTime() - t0) / 1_000_000);
        return s;
    }

    /**
     * Tells Spark its host name is the driver host ({@code 127.0.0.1} unless configured), unless the environment
     * names one ({@code SPARK_LOCAL_IP}, {@code SPARK_LOCAL_HOSTNAME}). Without it, Spark looks up the machine's
     * address when its configuration defaults are first read and warns "Your hostname ... resolves to a loopback
     * address" although the driver binds to the loopback address on purpose; the executor of local mode then runs
     * under that same host name as the driver.
     */
    private static void pinHost(@Nullable String driverHost) {
        if (driverHost == null || driverHost.isBlank() || JvmEnvironment.sparkHostFromEnvironment()) {
            return;
        }
        try {
            org.apache.spark.util.Utils.setCustomHostname(driverHost);
        } catch (RuntimeException | AssertionError e) {
            LOG.debug("Spark's host name not pinned to {}: {}", driverHost, e.toString());
        }
    }

    private static IllegalStateException foreign(SparkContext sc) {
        return new IllegalStateException("Another SparkContext (application '" + sc.appName() + "', master "
                + sc.master() + ") is already running in this JVM and was not started by Glivy. The local "
                + "transport needs to start Spark itself (it installs the class loader of its Scala "
                + "interpreters); stop that SparkContext first, or run Glivy in another JVM.");
    }

    /** True exactly once per Spark start: the caller runs the warm-up query. */
    public synchronized boolean claimWarmUp() {
        if (root == null || warmUpClaimed) {
            return false;
        }
        warmUpClaimed = true;
        return true;
    }

    /** Cancels the jobs of {@code jobGroup}, running and future (no-op before Spark started). */
    public void cancelJobGroup(String jobGroup) {
        JobCanceller c = canceller;
        if (c != null) {
            c.cancel(jobGroup);
        }
    }

    /** Forgets the cancelled job groups starting with {@code prefix}. */
    public void forgetJobGroups(String prefix) {
        JobCanceller c = canceller;
        if (c != null) {
            c.forget(prefix);
        }
    }

    /** Calls {@code callback} (on Spark's listener thread) when the jobs of {@code jobGroup} make progress. */
    void watchJobGroup(String jobGroup, Runnable callback) {
        StatementEvents ev = events;
        if (ev != null) {
            ev.register(jobGroup, callback);
        }
    }

    /** Stops the calls of {@link #watchJobGroup}. */
    void unwatchJobGroup(String jobGroup) {
        StatementEvents ev = events;
        if (ev != null) {
            ev.unregister(jobGroup);
        }
    }

    /** Job groups, jobs and stages the progress listener tracks (zero when no statement runs). */
    int trackedByEvents() {
        StatementEvents ev = events;
        return ev == null ? 0 : ev.tracked();
    }

    /** Stops Spark (when started) and deletes the temporary warehouse. Idempotent. */
    synchronized void stop() {
        stopped = true;
        SparkSession s = root;
        root = null;
        canceller = null;
        events = null;
        warmUpClaimed = false;
        if (s != null) {
            long t0 = System.nanoTime();
            try {
                s.stop();
            } finally {
                SparkSession.clearDefaultSession();
                SparkSession.clearActiveSession();
            }
            LOG.debug("Spark stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
        }
        if (tempWarehouse != null) {
            deleteTree(tempWarehouse);
            tempWarehouse = null;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.toString());
        }
    }
}
