package dev.glivy.local.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.internal.StaticSQLConf;

/**
 * The {@code %spark_conf} magic's value ({@code "spark.x=1 --conf spark.y=2"}, the Glue kernel's form) as key/value
 * pairs, and which keys a local session can apply: runtime SQL settings ({@code spark.sql.*} that are not static)
 * and keys outside the {@code spark.} namespace. Everything else configures the SparkContext, which local sessions
 * share; those keys belong on {@code LocalTransport.builder().sparkConf(...)}.
 *
 * <p>Pure functions; thread-safe.
 */
public final class SparkConfString {
    static {
        // Static SQL settings register themselves when StaticSQLConf initialises; make sure it has.
        StaticSQLConf.WAREHOUSE_PATH();
    }

    private SparkConfString() {}

    /** The pairs of {@code value}; tokens without {@code =} are ignored. Later keys win. */
    public static Map<String, String> parse(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : value.trim().split("\\s+")) {
            if (token.isEmpty() || token.equals("--conf")) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq > 0) {
                out.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return out;
    }

    /** Whether a session can set {@code key} on its own SQL configuration. */
    public static boolean perSession(String key) {
        if (key.startsWith("spark.sql.")) {
            return !SQLConf.isStaticConfigKey(key);
        }
        return !key.startsWith("spark.");
    }
}
