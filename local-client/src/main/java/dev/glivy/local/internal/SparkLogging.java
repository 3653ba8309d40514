package dev.glivy.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiets Spark's known-noise loggers in the application's SLF4J binding, without overriding anything the
 * application configured. Spark 3.5 logs through SLF4J; this module excludes Spark's Log4j 2 binding, so Spark's
 * lines go wherever the application's binding sends them, and at INFO a local session prints some 160 lines of
 * Spark start-up and shutdown detail.
 *
 * <p>The rule, per logger in {@link #NOISY}: when the application's configuration names a level for that logger or
 * for one of its parent packages (any level, even a more verbose one), or when its default level is already at
 * least as quiet, nothing changes; otherwise the logger is set to the level in {@link #NOISY}. Supported bindings:
 * slf4j-simple (a {@code org.slf4j.simpleLogger.log.<name>} system property, which slf4j-simple reads when it
 * creates the logger, so this must run before Spark's classes log; it looks at the system properties and at
 * {@code simplelogger.properties}) and Logback ({@code Logger.setLevel} on loggers that have no level of their own).
 * Other bindings (Log4j 2, java.util.logging, ...) are left alone.
 *
 * <p>Thread-safe (stateless).
 */
public final class SparkLogging {
    /** Spark's noisy loggers and the level they get: Spark, its shaded libraries, Hadoop's native-library line. */
    public static final Map<String, String> NOISY = noisy();

    static final String SIMPLE_PREFIX = "org.slf4j.simpleLogger.log.";
    static final String SIMPLE_DEFAULT = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final Logger LOG = LoggerFactory.getLogger(SparkLogging.class);
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private SparkLogging() {}

    private static Map<String, String> noisy() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("org.apache.spark", "warn");
        m.put("org.sparkproject", "warn");
        m.put("org.apache.hadoop", "warn");
        m.put("org.apache.hadoop.util.NativeCodeLoader", "error");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Quiets {@link #NOISY} in the binding in use; returns the logger names it changed. */
    public static List<String> quiet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        String binding = factory.getClass().getName();
        List<String> changed;
        try {
            if (binding.equals("org.slf4j.simple.SimpleLoggerFactory")) {
                Properties file = simpleLoggerFile();
                changed = simple(name -> System.getProperty(name, file.getProperty(name)));
                changed.forEach(n -> System.setProperty(SIMPLE_PREFIX + n, NOISY.get(n)));
            } else if (binding.equals("ch.qos.logback.classic.LoggerContext")) {
                changed = logback(factory);
            } else {
                changed = List.of();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not quiet Spark's loggers in {}: {}", binding, e.toString());
            return List.of();
        }
        LOG.debug("Spark's loggers quieted in {}: {}", binding, changed);
        return changed;
    }

    /**
     * The {@link #NOISY} loggers slf4j-simple should quiet, given its configuration ({@code config} maps a property
     * name to its value, from system properties then {@code simplelogger.properties}, or null).
     */
    static List<String> simple(Function<String, @Nullable String> config) {
        String dflt = config.apply(SIMPLE_DEFAULT);
        int defaultLevel = level(dflt == null ? "info" : dflt);
        return decide(name -> config.apply(SIMPLE_PREFIX + name) != null, name -> defaultLevel);
    }

    /**
     * The noisy loggers that neither have a configured level themselves nor a configured parent, and whose inherited
     * (default) level is more verbose than the one in {@link #NOISY}.
     */
    static List<String> decide(Predicate<String> configured, Function<String, Integer> inherited) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : NOISY.entrySet()) {
            String name = e.getKey();
            boolean configuredHere = false;
            for (String p = name; !p.isEmpty() && !configuredHere; p = parent(p)) {
                configuredHere = configured.test(p);
            }
            if (!configuredHere && inherited.apply(name) < level(e.getValue())) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<String> logback(ILoggerFactory context) throws ReflectiveOperationException {
        Method getLogger = context.getClass().getMethod("getLogger", String.class);
        Class<?> levelClass = Class.forName(
                "ch.qos.logback.classic.Level", false, context.getClass().getClassLoader());
        Method toLevel = levelClass.getMethod("toLevel", String.class);
        Map<String, Object> loggers = new LinkedHashMap<>();
        Predicate<String> configured = name -> {
            try {
                Object l = getLogger.invoke(context, name);
                loggers.put(name, l);
                return l.getClass().getMethod("getLevel").invoke(l) != null;
            } catch (ReflectiveOperationException e) {
                return true;
            }
        };
        Function<String, Integer> inherited = name -> {
            try {
                Object l = getLogger.invoke(context, name);
                Object eff = l.getClass().getMethod("getEffectiveLevel").invoke(l);
                return level(String.valueOf(eff));
            } catch (ReflectiveOperationException e) {
                return LEVELS.size();
            }
        };
        List<String> changed = decide(configured, inherited);
        for (String name : changed) {
            Object l = getLogger.invoke(context, name);
            l.getClass().getMethod("setLevel", levelClass).invoke(l, toLevel.invoke(null, NOISY.get(name)));
        }
        return changed;
    }

    private static Properties simpleLoggerFile() {
        Properties p = new Properties();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = cl != null
                ? cl.getResourceAsStream("simplelogger.properties")
                : ClassLoader.getSystemResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("Could not read simplelogger.properties: {}", e.toString());
        }
        return p;
    }

    /** The position of a level name in trace..off; unknown names count as info (slf4j-simple's default). */
    static int level(String name) {
        int i = LEVELS.indexOf(name.trim().toLowerCase(Locale.ROOT));
        return i < 0 ? 2 : i;
    }

    private static String parent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
