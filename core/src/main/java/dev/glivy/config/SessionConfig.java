package dev.glivy.config;

import dev.glivy.Language;
import dev.glivy.internal.ConfigValidator;
import dev.glivy.internal.Redaction;
import dev.glivy.internal.SettingParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The typed configuration of a session: every setting a Glue notebook magic can make, each with the
 * {@link ConfigSource} it came from. Each transport maps what it understands to its backend and reports the rest.
 *
 * <p>Every setting is optional; an unset setting falls to the next layer (environment, AWS profile, Glivy's
 * defaults) when the session is built, then to the backend's own default. Setters check types and nulls only; range
 * and cross-field rules are checked together by {@link #validate()} and by {@code SessionBuilder.build()}, so every
 * problem is reported at once.
 *
 * <p>Cost-safe defaults that Glivy applies (source {@link ConfigSource#DEFAULT}): {@link #DEFAULT_IDLE_TIMEOUT},
 * {@link #DEFAULT_MAX_LIFETIME}, {@link #DEFAULT_GLUE_VERSION} and the {@link #CREATED_BY_TAG} tag. They keep an
 * abandoned Glue session from running (and billing) for Glue's own default of 48 hours: it stops after 15 idle
 * minutes and at most 4 hours, and the tag lets you find every session Glivy created. Set the settings yourself to
 * override them.
 *
 * <p>Immutable and thread-safe; {@link #toString()} and {@link #describe()} never show secrets.
 */
public final class SessionConfig {
    /** Idle timeout Glivy sets unless you do: 15 minutes (Glue's own default is 48 hours). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    /**
     * Maximum session lifetime ({@code %timeout}) Glivy sets unless you do: 4 hours (Glue's own default is 48 hours).
     */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(4);
    /** Glue version Glivy sets unless you do: {@value}. */
    public static final String DEFAULT_GLUE_VERSION = "4.0";
    /** Tag key marking sessions created by Glivy; its value is {@value #CREATED_BY_VALUE}. */
    public static final String CREATED_BY_TAG = "created-by";
    /** Value of the {@link #CREATED_BY_TAG} tag. */
    public static final String CREATED_BY_VALUE = "glivy";

    private static final SessionConfig EMPTY = builder().build();

    private final Map<Setting, Object> values;
    private final Map<Setting, ConfigSource> sources;

    private SessionConfig(Builder b) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(b.values));
        this.sources = Collections.unmodifiableMap(new EnumMap<>(b.sources));
    }

    /** A configuration with nothing set. */
    public static SessionConfig empty() {
        return EMPTY;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration, sources included. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        b.sources.putAll(sources);
        return b;
    }

    /** The settings that are set, in {@link Setting} order. */
    public Set<Setting> settings() {
        return values.keySet();
    }

    /** Whether {@code setting} is set. */
    public boolean isSet(Setting setting) {
        return values.containsKey(setting);
    }

    /** The raw value of a setting, of its {@link Setting#valueType()}. */
    public Optional<Object> get(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    /** Where a setting's value came from; empty when it is not set. */
    public Optional<ConfigSource> source(Setting setting) {
        return Optional.ofNullable(sources.get(setting));
    }

    /** {@code %iam_role}. */
    public Optional<String> iamRole() {
        return str(Setting.IAM_ROLE);
    }

    /** {@code %region}. */
    public Optional<String> region() {
        return str(Setting.REGION);
    }

    /** {@code %profile}. */
    public Optional<String> profile() {
        return str(Setting.PROFILE);
    }

    /** {@code %endpoint}. */
    public Optional<String> endpoint() {
        return str(Setting.ENDPOINT);
    }

    /** {@code %number_of_workers}. */
    public Optional<Integer> numberOfWorkers() {
        return Optional.ofNullable((Integer) values.get(Setting.NUMBER_OF_WORKERS));
    }

    /** {@code %worker_type}. */
    public Optional<WorkerType> workerType() {
        return Optional.ofNullable((WorkerType) values.get(Setting.WORKER_TYPE));
    }

    /** {@code %max_capacity}. */
    public Optional<Double> maxCapacity() {
        return Optional.ofNullable((Double) values.get(Setting.MAX_CAPACITY));
    }

    /** {@code %glue_version}, for example {@code "4.0"}. */
    public Optional<String> glueVersion() {
        return str(Setting.GLUE_VERSION);
    }

    /** {@code %idle_timeout}. */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable((Duration) values.get(Setting.IDLE_TIMEOUT));
    }

    /**
     * {@code %timeout}: the maximum lifetime of the session, counted from its creation, after which the backend stops
     * it whatever it is doing (Glue's {@code Timeout}, Livy's {@code ttl}).
     */
    public Optional<Duration> maxLifetime() {
        return Optional.ofNullable((Duration) values.get(Setting.MAX_LIFETIME));
    }

    /** {@code %security_config}. */
    public Optional<String> securityConfig() {
        return str(Setting.SECURITY_CONFIG);
    }

    /** {@code %connections}; empty when unset. */
    public List<String> connections() {
        return list(Setting.CONNECTIONS);
    }

    /** {@code %additional_python_modules}; empty when unset. */
    public List<String> additionalPythonModules() {
        return list(Setting.ADDITIONAL_PYTHON_MODULES);
    }

    /** {@code %extra_py_files}; empty when unset. */
    public List<String> extraPyFiles() {
        return list(Setting.EXTRA_PY_FILES);
    }

    /** {@code %extra_jars}; empty when unset. */
    public List<String> extraJars() {
        return list(Setting.EXTRA_JARS);
    }

    /** {@code %spark_conf}: the Glue kernel's single string, for example {@code "spark.x=1 --conf spark.y=2"}. */
    public Optional<String> sparkConf() {
        return str(Setting.SPARK_CONF);
    }

    /** {@code %session_id_prefix}. */
    public Optional<String> sessionIdPrefix() {
        return str(Setting.SESSION_ID_PREFIX);
    }

    /** {@code %session_id <id>}: the exact id for the next session. */
    public Optional<String> sessionId() {
        return str(Setting.SESSION_ID);
    }

    /** {@code %session_type} / {@code %etl} / {@code %streaming}. */
    public Optional<SessionType> sessionType() {
        return Optional.ofNullable((SessionType) values.get(Setting.SESSION_TYPE));
    }

    /** {@code %%tags}; empty when unset. */
    @SuppressWarnings("unchecked")
    public Map<String, String> tags() {
        Object v = values.get(Setting.TAGS);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    /** {@code %%assume_role}: role ARN to assume. */
    public Optional<String> assumeRole() {
        return str(Setting.ASSUME_ROLE);
    }

    /** The session's default statement language. */
    public Optional<Language> language() {
        return Optional.ofNullable((Language) values.get(Setting.LANGUAGE));
    }

    /** Glue {@code RequestOrigin}. */
    public Optional<String> requestOrigin() {
        return str(Setting.REQUEST_ORIGIN);
    }

    /**
     * Other {@code %%configure} keys with JSON values as Java types (String, Boolean, Long or BigInteger, BigDecimal,
     * List, Map, or null), in the order given; empty when unset.
     */
    @SuppressWarnings("unchecked")
    public Map<String, @Nullable Object> options() {
        Object v = values.get(Setting.OPTIONS);
        return v == null ? Map.of() : (Map<String, @Nullable Object>) v;
    }

    /**
     * Checks ranges and cross-field rules (worker types, Glue version >= 2.0, worker count, idle timeout range,
     * max capacity exclusive with workers and worker type, id charset and length, at most 50 tags, at most 75
     * default arguments).
     *
     * @return every problem as one sentence naming the magic, the bad value and what is allowed; empty when valid
     */
    public List<String> validate() {
        return ConfigValidator.validate(this);
    }

    /**
     * One line per set setting, in {@link Setting} order: {@code %name = value  (source)}, for example
     * {@code %idle_timeout = 15 min  (DEFAULT)}. Secrets never appear: values of secret-looking option and Spark
     * conf keys (password, secret, token, credential, access key...) are shown as {@code ****}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Setting, Object> e : values.entrySet()) {
            sb.append('%')
                    .append(e.getKey().magic())
                    .append(" = ")
                    .append(display(e.getKey(), e.getValue()))
                    .append("  (")
                    .append(sources.get(e.getKey()))
                    .append(")\n");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionConfig c && c.values.equals(values) && c.sources.equals(sources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, sources);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k.magic(), display(k, v)));
        return "SessionConfig" + shown;
    }

    @SuppressWarnings("unchecked")
    private static String display(Setting s, Object v) {
        if (s == Setting.OPTIONS) {
            return String.valueOf(SettingParser.redacted((Map<String, @Nullable Object>) v));
        }
        if (s == Setting.SPARK_CONF) {
            return SettingParser.redactedConf((String) v);
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(x -> items.add(String.valueOf(x)));
            return String.valueOf(Redaction.urls(items));
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x));
            return String.valueOf(Redaction.map(copy));
        }
        return v instanceof Duration d ? d.toMinutes() + " min" : Redaction.text(String.valueOf(v));
    }

    private Optional<String> str(Setting s) {
        return Optional.ofNullable((String) values.get(s));
    }

    @SuppressWarnings("unchecked")
    private List<String> list(Setting s) {
        Object v = values.get(s);
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * Builder for {@link SessionConfig}. Each setter records {@link ConfigSource#EXPLICIT} unless
     * {@link #source(Setting, ConfigSource)} says otherwise. Not thread-safe.
     */
    public static final class Builder {
        private final EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
        private final EnumMap<Setting, ConfigSource> sources = new EnumMap<>(Setting.class);

        private Builder() {}

        private Builder put(Setting s, Object v) {
            values.put(s, Objects.requireNonNull(v, () -> s.magic() + " must not be null"));
            sources.put(s, ConfigSource.EXPLICIT);
            return this;
        }

        /** Sets {@code %iam_role}, the role ARN. */
        public Builder iamRole(String v) {
            return put(Setting.IAM_ROLE, v);
        }

        /** Sets {@code %region}. */
        public Builder region(String v) {
            return put(Setting.REGION, v);
        }

        /** Sets {@code %profile}. */
        public Builder profile(String v) {
            return put(Setting.PROFILE, v);
        }

        /** Sets {@code %endpoint}. */
        public Builder endpoint(String v) {
            return put(Setting.ENDPOINT, v);
        }

        /** Sets {@code %number_of_workers}; Glue needs 1 to 1000 with a worker type. */
        public Builder numberOfWorkers(int v) {
            return put(Setting.NUMBER_OF_WORKERS, v);
        }

        /** Sets {@code %worker_type}. */
        public Builder workerType(WorkerType v) {
            return put(Setting.WORKER_TYPE, v);
        }

        /** Sets {@code %max_capacity} (DPUs); exclusive with workers and worker type. */
        public Builder maxCapacity(double v) {
            return put(Setting.MAX_CAPACITY, v);
        }

        /** Sets {@code %glue_version}, for example {@code "4.0"}; must be 2.0 or later. */
        public Builder glueVersion(String v) {
            return put(Setting.GLUE_VERSION, v);
        }

        /**
         * Sets {@code %idle_timeout}: whole minutes, from 1 to 2880 (48 hours) for ETL sessions and to 7 days for
         * other types, and not above {@link #maxLifetime(Duration)}. Default
         * {@link SessionConfig#DEFAULT_IDLE_TIMEOUT}.
         */
        public Builder idleTimeout(Duration v) {
            return put(Setting.IDLE_TIMEOUT, v);
        }

        /**
         * Sets the maximum session lifetime ({@code %timeout}, counted from creation): whole minutes, from 1 to 2880
         * (48 hours) for ETL sessions and to 7 days for other types. Default
         * {@link SessionConfig#DEFAULT_MAX_LIFETIME}.
         */
        public Builder maxLifetime(Duration v) {
            return put(Setting.MAX_LIFETIME, v);
        }

        /** Sets {@code %security_config}. */
        public Builder securityConfig(String v) {
            return put(Setting.SECURITY_CONFIG, v);
        }

        /** Sets {@code %connections} (copied). */
        public Builder connections(List<String> v) {
            return put(Setting.CONNECTIONS, List.copyOf(v));
        }

        /** Sets {@code %additional_python_modules} (copied). */
        public Builder additionalPythonModules(List<String> v) {
            return put(Setting.ADDITIONAL_PYTHON_MODULES, List.copyOf(v));
        }

        /** Sets {@code %extra_py_files} (copied). */
        public Builder extraPyFiles(List<String> v) {
            return put(Setting.EXTRA_PY_FILES, List.copyOf(v));
        }

        /** Sets {@code %extra_jars} (copied). */
        public Builder extraJars(List<String> v) {
            return put(Setting.EXTRA_JARS, List.copyOf(v));
        }

        /** Sets {@code %spark_conf}, for example {@code "spark.sql.shuffle.partitions=4"}. */
        public Builder sparkConf(String v) {
            return put(Setting.SPARK_CONF, v);
        }

        /** Sets {@code %session_id_prefix}; characters {@code [-/._#A-Za-z0-9]}. */
        public Builder sessionIdPrefix(String v) {
            return put(Setting.SESSION_ID_PREFIX, v);
        }

        /** Sets the exact id of the next session ({@code %session_id <id>}). */
        public Builder sessionId(String v) {
            return put(Setting.SESSION_ID, v);
        }

        /** Sets {@code %session_type}. */
        public Builder sessionType(SessionType v) {
            return put(Setting.SESSION_TYPE, v);
        }

        /** Sets {@code %%tags} (copied, order kept); at most 50. */
        public Builder tags(Map<String, String> v) {
            return put(Setting.TAGS, Collections.unmodifiableMap(new LinkedHashMap<>(v)));
        }

        /** Sets {@code %%assume_role}, a role ARN. */
        public Builder assumeRole(String v) {
            return put(Setting.ASSUME_ROLE, v);
        }

        /** Sets the session's default statement language. */
        public Builder language(Language v) {
            return put(Setting.LANGUAGE, v);
        }

        /** Sets Glue's {@code RequestOrigin}. */
        public Builder requestOrigin(String v) {
            return put(Setting.REQUEST_ORIGIN, v);
        }

        /** Sets the other {@code %%configure} options (copied, order kept). */
        public Builder options(Map<String, ? extends @Nullable Object> v) {
            return put(Setting.OPTIONS, Collections.unmodifiableMap(new LinkedHashMap<>(v)));
        }

        /**
         * Sets a setting from a raw value of its type (as {@link SessionConfig#get(Setting)} returns it).
         *
         * @throws IllegalArgumentException when the value has the wrong type for the setting
         */
        public Builder set(Setting setting, Object value) {
            Class<?> expected = setting.valueType();
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException(setting.magic() + " must be a " + expected.getSimpleName()
                        + " but was a " + value.getClass().getSimpleName());
            }
            return put(setting, value);
        }

        /** Removes a setting. */
        public Builder unset(Setting setting) {
            values.remove(setting);
            sources.remove(setting);
            return this;
        }

        /**
         * Records where an already-set value came from (used by the layering resolver).
         *
         * @throws IllegalStateException when {@code setting} is not set
         */
        public Builder source(Setting setting, ConfigSource source) {
            if (!values.containsKey(setting)) {
                throw new IllegalStateException(setting.magic() + " is not set");
            }
            sources.put(setting, Objects.requireNonNull(source, "source must not be null"));
            return this;
        }

        /** Builds the configuration; see {@link SessionConfig#validate()} for the checks. */
        public SessionConfig build() {
            return new SessionConfig(this);
        }
    }
}
