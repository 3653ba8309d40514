package dev.glivy.local.internal;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which session settings the local transport honours: the session language, {@code %session_id} and
 * {@code %session_id_prefix} (the session id is the client token built from them), and the per-session part of
 * {@code %spark_conf}. Everything else sizes or addresses a cluster or AWS and is reported as ignored.
 *
 * <p>Pure functions; thread-safe.
 */
public final class LocalSettings {
    private LocalSettings() {}

    /** One sentence per setting of {@code config} the local transport ignores. */
    public static List<String> unsupported(SessionConfig config) {
        List<String> out = new ArrayList<>();
        for (Setting s : config.settings()) {
            String why = reason(s, config);
            if (why != null) {
                out.add(why);
            }
        }
        return out;
    }

    /** The {@code %spark_conf} pairs a session applies to its own SQL configuration. */
    public static Map<String, String> sessionConf(SessionConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.sparkConf().ifPresent(v -> SparkConfString.parse(v).forEach((k, val) -> {
            if (SparkConfString.perSession(k)) {
                out.put(k, val);
            }
        }));
        return out;
    }

    private static @Nullable String reason(Setting s, SessionConfig config) {
        String m = "%" + s.magic();
        return switch (s) {
            case LANGUAGE, SESSION_ID, SESSION_ID_PREFIX -> null;
            case SPARK_CONF -> sparkConfReason(config);
            case NUMBER_OF_WORKERS, WORKER_TYPE, MAX_CAPACITY ->
                m + " sizes a cluster; local Spark runs inside "
                        + "this JVM and ignores it (use LocalTransport.builder().master(\"local[N]\") for N cores)";
            case IDLE_TIMEOUT, MAX_LIFETIME ->
                m + " is ignored: local sessions live until they are closed or their " + "LocalTransport closes";
            case ADDITIONAL_PYTHON_MODULES, EXTRA_PY_FILES ->
                m + " concerns Python, which the local transport " + "does not run; ignored";
            case EXTRA_JARS ->
                m + " is not applied by the local transport: put the jars on your application's "
                        + "class path (Spark and the Scala interpreter use it)";
            default ->
                m + " has no meaning on the local transport (it configures AWS Glue or a remote "
                        + "cluster) and is ignored";
        };
    }

    private static @Nullable String sparkConfReason(SessionConfig config) {
        List<String> ignored = new ArrayList<>();
        config.sparkConf().ifPresent(v -> SparkConfString.parse(v).keySet().forEach(k -> {
            if (!SparkConfString.perSession(k)) {
                ignored.add(k);
            }
        }));
        if (ignored.isEmpty()) {
            return null;
        }
        return "%spark_conf keys " + ignored + " configure the Spark shared by all local sessions and are ignored "
                + "per session; set them with LocalTransport.builder().sparkConf(...)";
    }
}
