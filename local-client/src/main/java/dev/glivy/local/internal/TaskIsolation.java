package dev.glivy.local.internal;

import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.JobArtifactSet$;
import org.apache.spark.JobArtifactState;
import org.apache.spark.SparkEnv;
import org.apache.spark.executor.Executor;
import org.apache.spark.executor.IsolatedSessionState;
import org.apache.spark.scheduler.local.LocalEndpoint;
import org.apache.spark.util.NonFateSharingCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Tuple2;

/**
 * Runs one local session's Spark jobs under a class-loader state of their own on the local executor, and drops that
 * state when the session closes, so that nothing in the JVM keeps the closed session's Scala interpreter alive.
 *
 * <p>Why: HotSpot keeps a class loader alive for as long as any loader that was the <em>initiating</em> loader of one
 * of its classes (the "dependency for non-parent delegation" it records when {@code Class.forName} or a constant
 * pool entry resolves a class through another loader), and drops that record only when the initiating loader itself
 * is unloaded. No Java field holds it, so a heap dump shows no path to it. Spark's local executor deserializes every
 * task through one executor-wide loader, so the first task that touched a session's class (a case class, a lambda)
 * pinned that session's interpreter, compiler and SparkSession (20&ndash;40 MB) until Spark stopped. Spark 3.5's
 * executor keeps one loader per job artifact state (the isolation Spark Connect uses): each session's jobs run under
 * its own state ({@link #run}), whose loader is a child of the executor's default loader with no URLs of its own, so
 * tasks still load exactly the interpreter's classes. Closing the session ({@link #release}) removes that state from
 * the executor and the code Spark generated under the session's loaders from Spark's code cache (whose entries hold
 * their loader strongly), after which the interpreter is unreachable.
 *
 * <p>The release reaches into Spark internals of the pinned Spark 3.5 line by reflection; when they differ it logs once
 * at debug level and does nothing more (the session then stays in memory until Spark stops, as before). Jobs a
 * statement starts on threads of its own run under the default state.
 *
 * <p>Thread-safe.
 */
final class TaskIsolation {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");
    private static volatile boolean warned;

    private final JobArtifactState state;

    /** A new state with a random id. */
    TaskIsolation() {
        this.state = new JobArtifactState("glivy-" + UUID.randomUUID(), Option.empty());
    }

    /** The id of this session's state on the executor. */
    String id() {
        return state.uuid();
    }

    /** Runs {@code body} on this thread with this session's state active: the jobs it submits carry the state. */
    <T> T run(Supplier<T> body) {
        return JobArtifactSet$.MODULE$.withActiveJobArtifactState(state, body::get);
    }

    /**
     * Forgets the session's state on the local executor and the generated code compiled under its loaders or
     * {@code interpreterLoader}. Call after the session's last statement ended; no-op when Spark is not running.
     */
    void release(ClassLoader interpreterLoader) {
        Set<ClassLoader> loaders = Collections.newSetFromMap(new IdentityHashMap<>());
        loaders.add(interpreterLoader);
        try {
            Executor executor = localExecutor();
            if (executor != null) {
                IsolatedSessionState s = executor.isolatedSessionCache().getIfPresent(state.uuid());
                executor.isolatedSessionCache().invalidate(state.uuid());
                if (s != null) {
                    loaders.add(s.replClassLoader());
                    loaders.add(s.urlClassLoader());
                    close(s.urlClassLoader());
                }
            }
            dropGeneratedCode(loaders);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            warnOnce(e);
        }
    }

    /** The local executor of the running Spark, or {@code null} when Spark does not run in local mode. */
    private static @Nullable Executor localExecutor() throws ReflectiveOperationException {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return null;
        }
        Object rpcEnv = env.rpcEnv();
        Object dispatcher = field(rpcEnv.getClass(), "dispatcher").get(rpcEnv);
        Map<?, ?> endpoints =
                (Map<?, ?>) field(dispatcher.getClass(), "endpointRefs").get(dispatcher);
        for (Object endpoint : endpoints.keySet()) {
            if (endpoint instanceof LocalEndpoint local) {
                return local.org$apache$spark$scheduler$local$LocalEndpoint$$executor();
            }
        }
        return null;
    }

    /** Removes the entries of Spark's code cache compiled under one of {@code loaders} (or a collected loader). */
    private static void dropGeneratedCode(Set<ClassLoader> loaders) throws ReflectiveOperationException {
        Class<?> generator = Class.forName("org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator$");
        Object module = generator.getField("MODULE$").get(null);
        Object cache = field(generator, "cache").get(module);
        Map<?, ?> entries = ((NonFateSharingCache<?, ?>) cache).cache().asMap();
        entries.keySet().removeIf(key -> {
            if (key instanceof Tuple2<?, ?> t && t._1() instanceof Reference<?> ref) {
                Object loader = ref.get();
                return loader == null || loaders.contains(loader);
            }
            return false;
        });
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static void close(ClassLoader loader) {
        if (loader instanceof URLClassLoader u) {
            try {
                u.close();
            } catch (IOException e) {
                LOG.debug("Could not close a closed session's task class loader: {}", e.toString());
            }
        }
    }

    private static void warnOnce(Throwable e) {
        if (!warned) {
            warned = true;
            LOG.debug(
                    "This Spark's internals differ from Spark 3.5's; closed local sessions stay in memory until "
                            + "Spark stops: {}",
                    e.toString());
        }
    }
}
