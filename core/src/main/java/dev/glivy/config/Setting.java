package dev.glivy.config;

import dev.glivy.internal.SettingParser;
import java.util.Locale;

/**
 * One session setting, named as its Glue notebook magic ({@code %idle_timeout} is {@link #IDLE_TIMEOUT}). The
 * environment variable and AWS config key of a setting is {@code glue_} followed by its magic name.
 *
 * <p>Immutable.
 */
public enum Setting {
    /** {@code %iam_role}: the IAM role ARN the session runs as (Glue {@code Role}). */
    IAM_ROLE("iam_role"),
    /** {@code %region}: the AWS region. */
    REGION("region"),
    /** {@code %profile}: the AWS credentials profile. */
    PROFILE("profile"),
    /** {@code %endpoint}: a custom Glue endpoint URL. */
    ENDPOINT("endpoint"),
    /** {@code %number_of_workers}: worker count (Livy {@code numExecutors}). */
    NUMBER_OF_WORKERS("number_of_workers"),
    /** {@code %worker_type}: worker type. */
    WORKER_TYPE("worker_type"),
    /** {@code %max_capacity}: DPUs, exclusive with workers and worker type. */
    MAX_CAPACITY("max_capacity"),
    /** {@code %glue_version}: Glue version, 2.0 or later. */
    GLUE_VERSION("glue_version"),
    /** {@code %idle_timeout}: idle minutes before the backend stops the session. */
    IDLE_TIMEOUT("idle_timeout"),
    /**
     * {@code %timeout}: the maximum session lifetime in minutes ({@code SessionConfig.maxLifetime()}); the magic keeps
     * the Glue kernel's name.
     */
    MAX_LIFETIME("timeout"),
    /** {@code %security_config}: Glue security configuration name. */
    SECURITY_CONFIG("security_config"),
    /** {@code %connections}: Glue connection names. */
    CONNECTIONS("connections"),
    /** {@code %additional_python_modules}: PyPI names or S3 paths. */
    ADDITIONAL_PYTHON_MODULES("additional_python_modules"),
    /** {@code %extra_py_files}: S3 paths of Python files (Livy {@code pyFiles}). */
    EXTRA_PY_FILES("extra_py_files"),
    /** {@code %extra_jars}: jar paths (Livy {@code jars}). */
    EXTRA_JARS("extra_jars"),
    /** {@code %spark_conf}: Spark configuration, {@code key=value} pairs (Livy {@code conf}). */
    SPARK_CONF("spark_conf"),
    /** {@code %session_id_prefix}: prefix of generated session ids (Livy session {@code name}). */
    SESSION_ID_PREFIX("session_id_prefix"),
    /** {@code %session_id <id>}: the exact id of the next session. */
    SESSION_ID("session_id"),
    /** {@code %session_type}, {@code %etl}, {@code %streaming}: the Glue session type. */
    SESSION_TYPE("session_type"),
    /** {@code %%tags}: session tags. */
    TAGS("tags"),
    /** {@code %%assume_role}: a role ARN to assume (STS AssumeRole) before calling Glue. */
    ASSUME_ROLE("assume_role"),
    /** The session's default statement language ({@code %session_language}; Glue kernel flavour). */
    LANGUAGE("session_language"),
    /** Glue {@code RequestOrigin}. */
    REQUEST_ORIGIN("request_origin"),
    /**
     * Other {@code %%configure} keys: Glue sends them as {@code --key} default arguments, Livy merges them into the
     * create-session body.
     */
    OPTIONS("options");

    private final String magic;

    Setting(String magic) {
        this.magic = magic;
    }

    /** The magic name without {@code %}, for example {@code "idle_timeout"}. */
    public String magic() {
        return magic;
    }

    /** The environment variable / AWS config key, for example {@code "glue_idle_timeout"}. */
    public String envName() {
        return "glue_" + magic;
    }

    /**
     * Finds a setting by magic name, with or without {@code %} or {@code glue_}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value when there is no such setting
     */
    public static Setting of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("%")) {
            n = n.substring(1);
        }
        for (Setting s : values()) {
            if (s.magic.equals(n) || s.envName().equals(n)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Setting s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.magic);
        }
        throw new IllegalArgumentException("unknown setting " + SettingParser.quote(name)
                + "; known settings: " + known);
    }
}
