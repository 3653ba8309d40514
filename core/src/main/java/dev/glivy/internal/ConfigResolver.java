package dev.glivy.internal;

import dev.glivy.config.ConfigSource;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Layers a session's configuration like the Glue kernel: explicit (builder and magics) over environment variables
 * ({@code glue_*}) over the AWS config profile ({@code glue_*} keys) over Glivy's defaults. The first layer that
 * sets a value wins, except tags, which are merged from every layer (a higher layer wins per key). Every value keeps
 * its {@link ConfigSource}.
 *
 * <p>Names follow the kernel, including its aliases: the role from {@code glue_role_arn} or {@code glue_iam_role},
 * the session type from {@code glue_job_type} or {@code glue_session_type}, the region from {@code glue_region},
 * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} (environment) or {@code region} (profile); the Glue version,
 * Spark conf, session id prefix and request origin with or without {@code glue_}; the profile from
 * {@code glue_profile}, {@code AWS_PROFILE} or {@code AWS_DEFAULT_PROFILE} (it also chooses the AWS config profile
 * read, {@code default} when none is set). Glivy additions: {@code glue_configure} (a JSON object of other options)
 * and {@code glue_session_language}. Environment names are also accepted in upper case. Unlike the kernel, a bare
 * {@code region} or {@code session_id} environment variable is not read (too generic a name to trust).
 */
public final class ConfigResolver {
    private ConfigResolver() {}

    /**
     * Resolves the effective configuration.
     *
     * @param explicit values set through the builder or magics
     * @param env environment variables; empty to ignore the environment
     * @param awsConfig the AWS config file, or {@code null} to ignore it
     * @throws InvalidConfigException listing every unreadable environment or profile value
     */
    public static SessionConfig resolve(SessionConfig explicit, Map<String, String> env, @Nullable Path awsConfig) {
        String profile = explicit.profile()
                .orElseGet(() -> first(env, names(Setting.PROFILE, true), true).orElse("default"));
        Map<String, String> file = awsConfig == null ? Map.of() : AwsConfigFile.read(awsConfig, profile);
        List<String> problems = new ArrayList<>();
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        Map<Setting, ConfigSource> sources = new EnumMap<>(Setting.class);
        Map<String, String> tags = new LinkedHashMap<>();
        ConfigSource tagSource = ConfigSource.DEFAULT;

        values.put(Setting.IDLE_TIMEOUT, SessionConfig.DEFAULT_IDLE_TIMEOUT);
        values.put(Setting.MAX_LIFETIME, SessionConfig.DEFAULT_MAX_LIFETIME);
        values.put(Setting.GLUE_VERSION, SessionConfig.DEFAULT_GLUE_VERSION);
        values.keySet().forEach(s -> sources.put(s, ConfigSource.DEFAULT));
        tags.put(SessionConfig.CREATED_BY_TAG, SessionConfig.CREATED_BY_VALUE);

        Map<ConfigSource, Map<String, String>> layers = new LinkedHashMap<>();
        layers.put(ConfigSource.AWS_PROFILE, file);
        layers.put(ConfigSource.ENVIRONMENT, env);
        for (Map.Entry<ConfigSource, Map<String, String>> layer : layers.entrySet()) {
            boolean isEnv = layer.getKey() == ConfigSource.ENVIRONMENT;
            for (Setting s : Setting.values()) {
                if (s == Setting.PROFILE && !isEnv) {
                    continue;
                }
                for (String name : names(s, isEnv)) {
                    String raw = lookup(layer.getValue(), name, isEnv);
                    if (raw == null || raw.isBlank()) {
                        continue;
                    }
                    try {
                        Object v = SettingParser.parse(s, raw);
                        if (s == Setting.TAGS) {
                            @SuppressWarnings("unchecked")
                            Map<String, String> t = (Map<String, String>) v;
                            tags.putAll(t);
                            tagSource = layer.getKey();
                        } else {
                            values.put(s, v);
                            sources.put(s, layer.getKey());
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add((isEnv ? "environment variable " : "AWS config profile '" + profile + "' key ")
                                + name + ": " + e.getMessage());
                    }
                    break;
                }
            }
        }
        for (Setting s : explicit.settings()) {
            Object v = explicit.get(s).orElseThrow();
            ConfigSource src = explicit.source(s).orElse(ConfigSource.EXPLICIT);
            if (s == Setting.TAGS) {
                tags.putAll(explicit.tags());
                tagSource = src;
            } else {
                values.put(s, v);
                sources.put(s, src);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        SessionConfig.Builder b = SessionConfig.builder();
        values.forEach((s, v) -> b.set(s, v).source(s, sources.get(s)));
        b.tags(tags).source(Setting.TAGS, tagSource);
        return b.build();
    }

    /** The variable/key names of a setting, in priority order. */
    static List<String> names(Setting s, boolean env) {
        switch (s) {
            case IAM_ROLE:
                return List.of("glue_role_arn", "glue_iam_role");
            case REGION:
                return env
                        ? List.of("glue_region", "AWS_REGION", "AWS_DEFAULT_REGION")
                        : List.of("glue_region", "region");
            case SESSION_TYPE:
                return List.of("glue_job_type", "glue_session_type");
            case GLUE_VERSION:
                return List.of("glue_version", "glue_glue_version");
            case SPARK_CONF:
                return List.of("glue_spark_conf", "spark_conf");
            case SESSION_ID_PREFIX:
                return List.of("glue_session_id_prefix", "session_id_prefix");
            case REQUEST_ORIGIN:
                return List.of("glue_request_origin", "request_origin");
            case PROFILE:
                return List.of("glue_profile", "AWS_PROFILE", "AWS_DEFAULT_PROFILE");
            case OPTIONS:
                return List.of("glue_configure");
            default:
                return List.of(s.envName());
        }
    }

    private static @Nullable String lookup(Map<String, String> layer, String name, boolean env) {
        String v = layer.get(name);
        if (v == null && env) {
            v = layer.get(name.toUpperCase(Locale.ROOT));
        }
        return v;
    }

    private static java.util.Optional<String> first(Map<String, String> env, List<String> names, boolean isEnv) {
        for (String n : names) {
            String v = lookup(env, n, isEnv);
            if (v != null && !v.isBlank()) {
                return java.util.Optional.of(v.strip());
            }
        }
        return java.util.Optional.empty();
    }
}
