package dev.glivy.local.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the in-process Spark is started with: master, application name, Spark configuration and warehouse directory.
 * Two transports share one Spark only when their settings are equal.
 *
 * @param master the local master, for example {@code local[2]}
 * @param appName the Spark application name
 * @param conf Spark configuration set by the user (overrides {@link #DEFAULTS})
 * @param warehouseDir the SQL warehouse directory, or {@code null} for a temporary one deleted when Spark stops
 */
public record SparkSettings(
        String master,
        String appName,
        Map<String, String> conf,
        @Nullable Path warehouseDir) {
    /** The configuration key that marks a SparkContext as started by Glivy. */
    public static final String ROOT_MARKER = "spark.glivy.local.root";
    /** Configuration the local transport sets unless the user sets the key. */
    public static final Map<String, String> DEFAULTS = Map.of(
            "spark.ui.enabled", "false",
            "spark.ui.showConsoleProgress", "false",
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.sql.shuffle.partitions", "4",
            "spark.sql.catalogImplementation", "in-memory");

    /** Copies {@code conf} into a sorted, unmodifiable map. */
    public SparkSettings {
        Objects.requireNonNull(master, "master must not be null");
        Objects.requireNonNull(appName, "appName must not be null");
        conf = java.util.Collections.unmodifiableMap(new TreeMap<>(conf));
    }

    /** The full configuration Spark starts with: defaults, then the user's keys, then the warehouse. */
    public Map<String, String> effectiveConf(Path warehouse, String rootId) {
        Map<String, String> out = new TreeMap<>(DEFAULTS);
        out.putAll(conf);
        out.put("spark.sql.warehouse.dir", warehouse.toAbsolutePath().toString());
        out.put(ROOT_MARKER, rootId);
        return out;
    }

    /** How {@code other} differs from these settings, one line per difference; empty when equal. */
    public List<String> differences(SparkSettings other) {
        List<String> out = new ArrayList<>();
        if (!master.equals(other.master)) {
            out.add("master " + master + " vs " + other.master);
        }
        if (!appName.equals(other.appName)) {
            out.add("appName " + appName + " vs " + other.appName);
        }
        if (!Objects.equals(warehouseDir, other.warehouseDir)) {
            out.add("warehouseDir " + warehouseDir + " vs " + other.warehouseDir);
        }
        TreeMap<String, String> keys = new TreeMap<>(conf);
        keys.putAll(other.conf);
        for (String k : keys.keySet()) {
            if (!Objects.equals(conf.get(k), other.conf.get(k))) {
                out.add("sparkConf " + k + ": " + redact(k, conf.get(k)) + " vs " + redact(k, other.conf.get(k)));
            }
        }
        return out;
    }

    /** Values of keys that look secret never print. */
    static @Nullable String redact(String key, @Nullable String value) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        boolean secret = k.contains("secret")
                || k.contains("password")
                || k.contains("token")
                || k.contains("credential")
                || k.endsWith(".key")
                || k.contains("access.key");
        return value == null || !secret ? value : "****";
    }
}
