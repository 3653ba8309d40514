package dev.glivy.magic;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.Json;
import dev.glivy.internal.SettingParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code %%configure} followed by a JSON object on the next lines, for example
 * {@code %%configure\n{"number_of_workers": 2, "worker_type": "G.1X", "--enable-auto-scaling": "true"}}.
 *
 * <p>The body is <b>strict JSON</b>: JSON {@code true}/{@code false}/{@code null} work, nothing is evaluated, and the
 * Python literals the Glue kernel accepted ({@code True}, {@code None}, {@code 'x'}) are refused with a clear error.
 * Keys named like a {@link Setting} ({@code iam_role}, {@code region}, {@code idle_timeout}, {@code tags},
 * {@code extra_jars}, {@code session_language}, ... every setting's {@link Setting#magic()} except {@code options})
 * set that setting, read like the magic's argument (numbers may be JSON numbers, lists JSON arrays or comma strings,
 * tags a JSON object). Every other key is an option ({@link SessionConfig#options()}): Glue sends it as a
 * {@code --key} default argument, Livy merges it into its create-session body (sparkmagic style, for example
 * {@code {"driverMemory": "2g", "conf": {"spark.x": "1"}}}).
 *
 * <p>Immutable: the JSON is copied into read-only maps and lists. {@link #toString()} masks the values of
 * secret-looking keys; {@link #render()} does not.
 *
 * @param json the JSON object as Java values (String, Boolean, Long or BigInteger, BigDecimal, List, Map, null), in
 *     the order given
 */
public record ConfigureMagic(Map<String, @Nullable Object> json) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "configure";

    /**
     * Creates the magic from a JSON object's values (other number types are read as their JSON form).
     *
     * @throws InvalidConfigException listing every recognised key whose value is wrong for its setting
     * @throws IllegalArgumentException when a value is not a JSON value
     * @throws NullPointerException when {@code json} is null
     */
    public ConfigureMagic {
        Objects.requireNonNull(json, "%%configure must not be null");
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> normalized =
                (Map<String, @Nullable Object>) freeze(Json.normalize("%%configure", json));
        json = normalized;
        List<String> problems = new ArrayList<>();
        split(json, new EnumMap<>(Setting.class), new LinkedHashMap<>(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    static ConfigureMagic parse(String body) {
        return new ConfigureMagic(Json.parseObject("%%" + NAME, body.strip()));
    }

    /** The typed values of the keys that name a setting, in {@link Setting} order. */
    public Map<Setting, Object> values() {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        split(json, values, new LinkedHashMap<>(), new ArrayList<>());
        return Collections.unmodifiableMap(values);
    }

    /** The other keys, in the order given: Glue default arguments, Livy create-body fields. */
    public Map<String, @Nullable Object> options() {
        Map<String, @Nullable Object> options = new LinkedHashMap<>();
        split(json, new EnumMap<>(Setting.class), options, new ArrayList<>());
        return Collections.unmodifiableMap(options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public Set<Setting> settings() {
        Set<Setting> settings = EnumSet.noneOf(Setting.class);
        settings.addAll(values().keySet());
        if (!options().isEmpty()) {
            settings.add(Setting.OPTIONS);
        }
        return Collections.unmodifiableSet(settings);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        Map<String, @Nullable Object> options = new LinkedHashMap<>();
        split(json, values, options, new ArrayList<>());
        values.forEach((setting, value) -> {
            if (setting == Setting.TAGS) {
                @SuppressWarnings("unchecked")
                Map<String, String> tags = (Map<String, String>) value;
                new TagsMagic(tags).applyTo(config);
            } else {
                config.set(setting, value);
            }
        });
        if (!options.isEmpty()) {
            Map<String, @Nullable Object> merged =
                    new LinkedHashMap<>(config.build().options());
            merged.putAll(options);
            config.options(merged);
        }
    }

    @Override
    public String render() {
        return Args.cell(NAME, Json.write(json));
    }

    /** Shows the JSON with the values of secret-looking keys masked. */
    @Override
    public String toString() {
        return "ConfigureMagic[json=" + SettingParser.redacted(json) + "]";
    }

    private static void split(
            Map<String, @Nullable Object> json,
            Map<Setting, Object> values,
            Map<String, @Nullable Object> options,
            List<String> problems) {
        for (Map.Entry<String, @Nullable Object> e : json.entrySet()) {
            Setting setting = setting(e.getKey());
            if (setting == null) {
                options.put(e.getKey(), e.getValue());
                continue;
            }
            try {
                values.put(setting, SettingParser.fromJson(setting, e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
    }

    private static @Nullable Setting setting(String key) {
        for (Setting s : Setting.values()) {
            if (s != Setting.OPTIONS && s.magic().equals(key)) {
                return s;
            }
        }
        return null;
    }

    private static @Nullable Object freeze(@Nullable Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<@Nullable Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
