package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import java.util.Set;

/**
 * {@code %etl}: the next session is a Spark ETL session (Glue command {@code glueetl}), the default.
 *
 * <p>Immutable; all instances are equal.
 */
public record EtlMagic() implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "etl";

    static EtlMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new EtlMagic();
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
        config.sessionType(SessionType.ETL);
    }

    @Override
    public String render() {
        return Args.line(NAME, "");
    }
}
