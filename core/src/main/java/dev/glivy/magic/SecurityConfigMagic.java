package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %security_config <name>}: the Glue security configuration (encryption settings) of the session.
 *
 * <p>Immutable.
 *
 * @param name the security configuration name, stripped; one line
 */
public record SecurityConfigMagic(String name) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "security_config";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public SecurityConfigMagic {
        name = Args.text("%" + NAME, name);
    }

    static SecurityConfigMagic parse(String argument) {
        return new SecurityConfigMagic((String) SettingParser.parse(Setting.SECURITY_CONFIG, argument));
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
        return Set.of(Setting.SECURITY_CONFIG);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.securityConfig(name);
    }

    @Override
    public String render() {
        return Args.line(NAME, name);
    }
}
