package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Locale;
import java.util.Set;

/**
 * {@code %region <region>}: the AWS region of the session, for example {@code %region eu-west-1}. Lower-cased, as the
 * Glue kernel does.
 *
 * <p>Immutable.
 *
 * @param region the region, stripped and lower-cased; one line
 */
public record RegionMagic(String region) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "region";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public RegionMagic {
        region = Args.text("%" + NAME, region).toLowerCase(Locale.ROOT);
    }

    static RegionMagic parse(String argument) {
        return new RegionMagic((String) SettingParser.parse(Setting.REGION, argument));
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
        return Set.of(Setting.REGION);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.region(region);
    }

    @Override
    public String render() {
        return Args.line(NAME, region);
    }
}
