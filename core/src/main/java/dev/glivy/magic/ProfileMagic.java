package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %profile <name>}: the AWS credentials profile; it also chooses the AWS config profile whose {@code glue_*}
 * keys Glivy reads.
 *
 * <p>Immutable.
 *
 * @param profile the profile name, stripped; one line
 */
public record ProfileMagic(String profile) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "profile";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public ProfileMagic {
        profile = Args.text("%" + NAME, profile);
    }

    static ProfileMagic parse(String argument) {
        return new ProfileMagic((String) SettingParser.parse(Setting.PROFILE, argument));
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
        return Set.of(Setting.PROFILE);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.profile(profile);
    }

    @Override
    public String render() {
        return Args.line(NAME, profile);
    }
}
