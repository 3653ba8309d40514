package dev.glivy.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one place Glivy reads the process environment and system properties. Everything else receives maps and
 * paths, so tests can pass their own.
 */
public final class Environment {
    private Environment() {}

    /** The process environment. */
    public static Map<String, String> variables() {
        return System.getenv();
    }

    /** The AWS config file: {@code AWS_CONFIG_FILE} from {@code env}, else {@code ~/.aws/config}. */
    public static Path awsConfigFile(Map<String, String> env) {
        String f = env.get("AWS_CONFIG_FILE");
        if (f != null && !f.isBlank()) {
            return Path.of(f);
        }
        return Path.of(System.getProperty("user.home", "."), ".aws", "config");
    }
}
