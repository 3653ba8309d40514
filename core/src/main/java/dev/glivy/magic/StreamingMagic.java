package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import java.util.Set;

/**
 * {@code %streaming}: the next session is a Spark streaming session (Glue command {@code gluestreaming}).
 *
 * <p>Immutable; all instances are equal.
 */
public record StreamingMagic() implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "streaming";

    static StreamingMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new StreamingMagic();
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
        return Set.of(Setting.SESSION_TYPE);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.sessionType(SessionType.STREAMING);
    }

    @Override
    public String render() {
        return Args.line(NAME, "");
    }
}
