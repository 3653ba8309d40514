package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.Json;
import dev.glivy.internal.SettingParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code %%tags} followed by a JSON object of tags on the next lines, for example
 * {@code %%tags\n{"team": "data", "cost-center": "42"}}. The body is strict JSON (the Glue kernel read a Python
 * dict); numbers and booleans become their text. Tags add to those already set; Glivy's
 * {@link SessionConfig#CREATED_BY_TAG} tag is always added when the session is built.
 *
 * <p>Immutable.
 *
 * @param tags the tags, in the order given (a read-only copy)
 */
public record TagsMagic(Map<String, String> tags) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "tags";

    /**
     * Creates the magic.
     *
     * @throws NullPointerException when {@code tags}, a key or a value is null
     */
    public TagsMagic {
        Objects.requireNonNull(tags, "%%tags must not be null");
        Map<String, String> copy = new LinkedHashMap<>();
        tags.forEach((k, v) -> copy.put(
                Objects.requireNonNull(k, "%%tags key must not be null"),
                Objects.requireNonNull(v, () -> "%%tags value of '" + k + "' must not be null")));
        tags = Collections.unmodifiableMap(copy);
    }

    static TagsMagic parse(String body) {
        return new TagsMagic(SettingParser.tags("%%" + NAME, body.strip()));
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
        return Set.of(Setting.TAGS);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        Map<String, String> merged = new LinkedHashMap<>(config.build().tags());
        merged.putAll(tags);
        config.tags(merged);
    }

    @Override
    public String render() {
        return Args.cell(NAME, Json.write(tags));
    }
}
