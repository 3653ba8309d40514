package dev.glivy.config;

import dev.glivy.Language;
import dev.glivy.internal.SettingParser;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One session setting, named as its Glue notebook magic ({@code %idle_timeout} is {@link #IDLE_TIMEOUT}). The
 * environment variable and AWS config key of a setting is {@code glue_} followed by its magic name.
 *
 * <p>Immutable.
 */
public enum Setting {
    /** {@code %iam_role}: the IAM role ARN the session runs as (Glue {@code Role}). */
    IAM_ROLE("iam_role", String.class),
    /** {@code %region}: the AWS region. */
    REGION("region", String.class),
    /** {@code %profile}: the AWS credentials profile. */
    PROFILE("profile", String.class),
    /** {@code %endpoint}: a custom Glue endpoint URL. */
    ENDPOINT("endpoint", String.class),
    /** {@code %number_of_workers}: worker count (Livy {@code numExecutors}). */
    NUMBER_OF_WORKERS("number_of_workers", Integer.class),
    /** {@code %worker_type}: worker type. */
    WORKER_TYPE("worker_type", WorkerType.class),
    /** {@code %max_capacity}: DPUs, exclusive with workers and worker type. */
    MAX_CAPACITY("max_capacity", Double.class),
    /** {@code %glue_version}: Glue version, 2.0 or later. */
    GLUE_VERSION("glue_version", String.class),
    /** {@code %idle_timeout}: idle minutes before the backend stops the session. */
    IDLE_TIMEOUT("idle_timeout", Duration.class),
    /**
     * {@code %timeout}: the maximum session lifetime in minutes ({@code SessionConfig.maxLifetime()}); the magic keeps
     * the Glue kernel's name.
     */
    MAX_LIFETIME("timeout", Duration.class),
    /** {@code %security_config}: Glue security configuration name. */
    SECURITY_CONFIG("security_config", String.class),
    /** {@code %connections}: Glue connection names. */
    CONNECTIONS("connections", List.class),
    /** {@code %additional_python_modules}: PyPI names or S3 paths. */
    ADDITIONAL_PYTHON_MODULES("additional_python_modules", List.class),
    /** {@code %extra_py_files}: S3 paths of Python files (Livy {@code pyFiles}). */
    EXTRA_PY_FILES("extra_py_files", List.class),
    /** {@code %extra_jars}: jar paths (Livy {@code jars}). */
    EXTRA_JARS("extra_jars", List.class),
    /** {@code %spark_conf}: Spark configuration, {@code key=value} pairs (Livy {@code conf}). */
    SPARK_CONF("spark_conf", String.class),
    /** {@code %session_id_prefix}: prefix of generated session ids (Livy session {@code name}). */
    SESSION_ID_PREFIX("session_id_prefix", String.class),
    /** {@code %session_id <id>}: the exact id of the next session. */
    SESSION_ID("session_id", String.class),
    /** {@code %session_type}, {@code %etl}, {@code %streaming}: the Glue session type. */
    SESSION_TYPE("session_type", SessionType.class),
    /** {@code %%tags}: session tags. */
    TAGS("tags", Map.class),
    /** {@code %%assume_role}: a role ARN to assume (STS AssumeRole) before calling Glue. */
    ASSUME_ROLE("assume_role", String.class),
    /** The session's default statement language ({@code %session_language}; Glue kernel flavour). */
    LANGUAGE("session_language", Language.class),
    /** Glue {@code RequestOrigin}. */
    REQUEST_ORIGIN("request_origin", String.class),
    /**
     * Other {@code %%configure} keys: Glue sends them as {@code --key} default arguments, Livy merges them into the
     * create-session body.
     */
    OPTIONS("options", Map.class);

    private final String magic;
    private final Class<?> valueType;

    Setting(String magic, Class<?> valueType) {
        this.magic = magic;
        this.valueType = valueType;
    }

    /** The magic name without {@code %}, for example {@code "idle_timeout"}. */
    public String magic() {
        return magic;
    }

    /**
     * The Java type of the setting's value, as {@link SessionConfig#get(Setting)} returns it and
     * {@link SessionConfig.Builder#set(Setting, Object)} takes it: {@code String}, {@code Integer}, {@code Double},
     * {@code Duration} (whole minutes), {@code List} (of strings), {@code Map}, {@link WorkerType},
     * {@link SessionType} or {@code Language}. Text of a setting (a magic argument, an environment variable) is read
     * by this type unless the setting has its own syntax.
     */
    public Class<?> valueType() {
        return valueType;
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
        throw new IllegalArgumentException(
                "unknown setting " + SettingParser.quote(name) + "; known settings: " + known);
    }
}
