package dev.glivy.spi;

import dev.glivy.SessionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes a {@link SessionTransport} by name from a map of plain string settings, for tools that choose the backend
 * at run time (for example {@code glivy-test}'s JUnit extension, where one suite runs on local Spark, Livy or Glue).
 * Each transport module registers one provider in {@code META-INF/services/dev.glivy.spi.TransportProvider}:
 * {@code "local"} (glivy-local), {@code "livy"} (glivy-livy) and {@code "glue"} (glivy-glue).
 *
 * <p>Discovery is opt-in: {@code SessionBuilder} never looks providers up; only {@link #load(String, ClassLoader)}
 * does, when you call it. Settings keys are lower case with dots, prefixed with the provider's name, for example
 * {@code livy.url}, {@code glue.region}, {@code glue.role}; {@link #settings()} lists them.
 *
 * <p>Implementations must be thread-safe and stateless. <b>Ownership:</b> the caller owns (and must close) every
 * transport {@link #create(Map)} returns.
 *
 * @since 0.2
 */
public interface TransportProvider {

    /** The backend's name, lower case, for example {@code "livy"}. */
    String name();

    /**
     * The setting keys this provider reads, each with a one-line description, for messages that say what to set,
     * for example {@code "livy.url"} &rarr; {@code "the Livy server URL, for example http://127.0.0.1:8998"}.
     */
    Map<String, String> settings();

    /**
     * A new transport configured from {@code settings} (unknown keys are ignored).
     *
     * @throws IllegalArgumentException when a required setting is missing or invalid; the message names the
     *     setting
     */
    SessionTransport create(Map<String, String> settings);

    /**
     * Applies the session-level part of {@code settings} (for example Glue's IAM role) to {@code builder}. The
     * default changes nothing.
     *
     * @return {@code builder}
     */
    default SessionBuilder configure(SessionBuilder builder, Map<String, String> settings) {
        return builder;
    }

    /**
     * The one provider named {@code name} (case-insensitive) that {@code loader} sees.
     *
     * @throws IllegalArgumentException when none is named so; the message lists the names found and the artifacts
     *     that bring the built-in ones
     * @throws IllegalStateException when several are; the message lists each provider class
     */
    static TransportProvider load(String name, ClassLoader loader) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        List<TransportProvider> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class, loader)) {
            names.add(p.name());
            if (p.name().equalsIgnoreCase(wanted)) {
                found.add(p);
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("No transport provider named '" + wanted + "' on the class path; "
                    + "found: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ". Add the dependency "
                    + "that brings it: local = dev.glivy:glivy-local, livy = dev.glivy:glivy-livy, "
                    + "glue = dev.glivy:glivy-glue.");
        }
        List<String> classes = new ArrayList<>();
        found.forEach(p -> classes.add(p.getClass().getName()));
        throw new IllegalStateException("Several transport providers are named '" + wanted + "': "
                + String.join(", ", classes) + ". Keep one of them on the class path.");
    }

    /**
     * The value of {@code key} in {@code settings}, stripped.
     *
     * @throws IllegalArgumentException when it is missing or blank, naming {@code key} and what it means
     */
    static String required(Map<String, String> settings, String key, String meaning) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Setting '" + key + "' is required (" + meaning + ") but not set");
        }
        return v.strip();
    }
}
