package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.List;
import java.util.Set;

/**
 * {@code %connections <name,name,...>}: the Glue connections of the session, for example {@code %connections
 * my-vpc,my-jdbc}.
 *
 * <p>Immutable.
 *
 * @param connections the connection names, each stripped; at least one
 */
public record ConnectionsMagic(List<String> connections) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "connections";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the list is empty or an item is blank or not one line of plain text
     * @throws NullPointerException when it is null
     */
    public ConnectionsMagic {
        connections = Args.list("%" + NAME, connections);
    }

    static ConnectionsMagic parse(String argument) {
        @SuppressWarnings("unchecked")
        List<String> value = (List<String>) SettingParser.parse(Setting.CONNECTIONS, argument);
        return new ConnectionsMagic(value);
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
        return Set.of(Setting.CONNECTIONS);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.connections(connections);
    }

    @Override
    public String render() {
        return Args.line(NAME, Args.list(connections));
    }
}
