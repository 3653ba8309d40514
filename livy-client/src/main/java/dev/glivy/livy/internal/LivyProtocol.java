package dev.glivy.livy.internal;

import dev.glivy.Language;
import java.util.Set;

/**
 * Facts of Livy's REST protocol shared by the request and mapping classes: the backend name, statement kinds and
 * the create-session fields each server version knows.
 */
public final class LivyProtocol {
    /** The backend name used in messages and results: {@value}. */
    public static final String BACKEND = "livy";

    /** Create-session fields every Livy since 0.5 accepts. */
    public static final Set<String> BASE_CREATE_FIELDS = Set.of(
            "kind",
            "proxyUser",
            "jars",
            "pyFiles",
            "files",
            "driverMemory",
            "driverCores",
            "executorMemory",
            "executorCores",
            "numExecutors",
            "archives",
            "queue",
            "name",
            "conf",
            "heartbeatTimeoutInSecond");

    /** Create-session fields added later: {@code ttl} (0.8) and {@code idleTimeout} (0.9). */
    public static final Set<String> NEWER_CREATE_FIELDS = Set.of("ttl", "idleTimeout");

    private LivyProtocol() {}

    /** The Livy code kind of a language: {@code spark}, {@code pyspark}, {@code sparkr} or {@code sql}. */
    public static String kind(Language language) {
        switch (language) {
            case SCALA:
                return "spark";
            case PYTHON:
                return "pyspark";
            case R:
                return "sparkr";
            case SQL:
                return "sql";
            default:
                throw new IllegalArgumentException("no Livy kind for language " + language);
        }
    }
}
