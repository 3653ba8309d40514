package dev.glivy.test.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The one place glivy-test reads system properties and environment variables: the backend's name and its settings.
 * A setting {@code livy.url} is read from the system property {@code livy.url}, else the environment variable
 * {@code LIVY_URL} (upper case, dots and dashes as underscores). Tests give their own lookups.
 */
public final class TestEnvironment {
    private final UnaryOperator<@Nullable String> properties;
    private final UnaryOperator<@Nullable String> variables;

    /** An environment over the given lookups (each returns null when unset). */
    public TestEnvironment(UnaryOperator<@Nullable String> properties, UnaryOperator<@Nullable String> variables) {
        this.properties = properties;
        this.variables = variables;
    }

    /** The JVM's system properties and the process environment. */
    public static TestEnvironment system() {
        return new TestEnvironment(System::getProperty, System::getenv);
    }

    /** The environment variable name for setting {@code key}: {@code livy.url} &rarr; {@code LIVY_URL}. */
    public static String variableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The system property {@code property}, else the environment variable {@code variable}, else null. */
    public @Nullable String get(String property, String variable) {
        String v = properties.apply(property);
        if (v == null || v.isBlank()) {
            v = variables.apply(variable);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The settings among {@code keys} that are set, by key. */
    public Map<String, String> settings(Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String v = get(k, variableName(k));
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
