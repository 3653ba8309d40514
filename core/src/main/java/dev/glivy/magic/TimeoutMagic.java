package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.time.Duration;
import java.util.Set;

/**
 * {@code %timeout <minutes>}: the maximum lifetime of the session (Glue {@code Timeout}), for example
 * {@code %timeout 120}. Glivy's default is 4 hours ({@link SessionConfig#DEFAULT_MAX_LIFETIME}); Glue's own default is
 * 2880 minutes (48 hours), also its maximum for ETL sessions.
 *
 * <p>Immutable.
 *
 * @param maxLifetime whole minutes (the range is checked by {@link SessionConfig#validate()})
 */
public record TimeoutMagic(Duration maxLifetime) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "timeout";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when {@code maxLifetime} is not a whole number of minutes that fits an int
     * @throws NullPointerException when it is null
     */
    public TimeoutMagic {
        maxLifetime = Args.minutes("%" + NAME + " (maximum lifetime)", maxLifetime);
    }

    /** The magic for {@code minutes} minutes. */
    public static TimeoutMagic ofMinutes(int minutes) {
        return new TimeoutMagic(Duration.ofMinutes(minutes));
    }

    static TimeoutMagic parse(String argument) {
        return new TimeoutMagic((Duration) SettingParser.parse(Setting.MAX_LIFETIME, argument));
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
        return Set.of(Setting.MAX_LIFETIME);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.maxLifetime(maxLifetime);
    }

    @Override
    public String render() {
        return Args.line(NAME, Long.toString(maxLifetime.toMinutes()));
    }
}
