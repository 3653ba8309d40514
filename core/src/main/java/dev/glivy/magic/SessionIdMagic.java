package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %session_id <id>}: the exact id of the next session (joined to {@code %session_id_prefix} with a dash when
 * one is set). Without an argument, {@code %session_id} is the action {@link ShowSessionIdMagic}.
 *
 * <p>Immutable.
 *
 * @param sessionId the id, stripped; one line (validated by {@link SessionConfig#validate()})
 */
public record SessionIdMagic(String sessionId) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "session_id";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public SessionIdMagic {
        sessionId = Args.text("%" + NAME, sessionId);
    }

    static SessionIdMagic parse(String argument) {
        return new SessionIdMagic((String) SettingParser.parse(Setting.SESSION_ID, argument));
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
        return Set.of(Setting.SESSION_ID);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.sessionId(sessionId);
    }

    @Override
    public String render() {
        return Args.line(NAME, sessionId);
    }
}
