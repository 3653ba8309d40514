package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.time.Duration;
import java.util.Set;

/**
 * {@code %idle_timeout <minutes>}: minutes without statements after which the backend stops the session (Glue
 * {@code IdleTimeout}), for example {@code %idle_timeout 30}. Glivy's default is 15 minutes
 * ({@link SessionConfig#DEFAULT_IDLE_TIMEOUT}); Glue's own default is 2880 minutes (48 hours).
 *
 * <p>Immutable.
 *
 * @param timeout whole minutes (the range is checked by {@link SessionConfig#validate()})
 */
public record IdleTimeoutMagic(Duration timeout) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "idle_timeout";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when {@code timeout} is not a whole number of minutes that fits an int
     * @throws NullPointerException when it is null
     */
    public IdleTimeoutMagic {
        timeout = Args.minutes("%" + NAME, timeout);
    }

    /** The magic for {@code minutes} minutes. */
    public static IdleTimeoutMagic ofMinutes(int minutes) {
        return new IdleTimeoutMagic(Duration.ofMinutes(minutes));
    }

    static IdleTimeoutMagic parse(String argument) {
        return new IdleTimeoutMagic((Duration) SettingParser.parse(Setting.IDLE_TIMEOUT, argument));
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
        return Set.of(Setting.IDLE_TIMEOUT);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.idleTimeout(timeout);
    }

    @Override
    public String render() {
        return Args.line(NAME, Long.toString(timeout.toMinutes()));
    }
}
