package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Objects;
import java.util.Set;

/**
 * {@code %session_type <type>}: the Glue session type, {@code etl} (the default) or {@code streaming}; the pretty
 * names ({@code "Spark ETL"}) and the command names ({@code glueetl}) are accepted too (see
 * {@link SessionType#of(String)}). {@code %etl} and {@code %streaming} are the short forms.
 *
 * <p>Immutable.
 *
 * @param sessionType the session type
 */
public record SessionTypeMagic(SessionType sessionType) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "session_type";

    /**
     * Creates the magic.
     *
     * @throws NullPointerException when {@code sessionType} is null
     */
    public SessionTypeMagic {
        Objects.requireNonNull(sessionType, "%session_type must not be null");
    }

    static SessionTypeMagic parse(String argument) {
        return new SessionTypeMagic((SessionType) SettingParser.parse(Setting.SESSION_TYPE, argument));
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
        config.sessionType(sessionType);
    }

    @Override
    public String render() {
        return Args.line(NAME, sessionType.isKnown() ? sessionType.name() : sessionType.command());
    }
}
