package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %glue_version <major.minor>}: the Glue version, 2.0 or later, for example {@code %glue_version 5.0}. Glivy's
 * default is {@value dev.glivy.config.SessionConfig#DEFAULT_GLUE_VERSION}.
 *
 * <p>Immutable.
 *
 * @param version the version text, stripped; one line (validated by {@link SessionConfig#validate()})
 */
public record GlueVersionMagic(String version) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "glue_version";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public GlueVersionMagic {
        version = Args.text("%" + NAME, version);
    }

    static GlueVersionMagic parse(String argument) {
        return new GlueVersionMagic((String) SettingParser.parse(Setting.GLUE_VERSION, argument));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public Set<Setting> settings() {
        return Set.of(Setting.GLUE_VERSION);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.glueVersion(version);
    }

    @Override
    public String render() {
        return Args.line(NAME, version);
    }
}
