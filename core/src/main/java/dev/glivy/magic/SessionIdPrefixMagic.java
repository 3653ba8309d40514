package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %session_id_prefix <prefix>}: the prefix of generated session ids ({@code <prefix>-<uuid>}); characters
 * {@code [-/._#A-Za-z0-9]}. Glivy's default prefix is {@code glivy}.
 *
 * <p>Immutable.
 *
 * @param prefix the prefix, stripped; one line (validated by {@link SessionConfig#validate()})
 */
public record SessionIdPrefixMagic(String prefix) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "session_id_prefix";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public SessionIdPrefixMagic {
        prefix = Args.text("%" + NAME, prefix);
    }

    static SessionIdPrefixMagic parse(String argument) {
        return new SessionIdPrefixMagic((String) SettingParser.parse(Setting.SESSION_ID_PREFIX, argument));
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
        return Set.of(Setting.SESSION_ID_PREFIX);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.sessionIdPrefix(prefix);
    }

    @Override
    public String render() {
        return Args.line(NAME, prefix);
    }
}
