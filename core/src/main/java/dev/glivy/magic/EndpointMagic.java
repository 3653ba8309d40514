package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %endpoint <url>}: a custom Glue endpoint URL, for example {@code %endpoint
 * https://glue.us-east-1.amazonaws.com}.
 *
 * <p>Immutable.
 *
 * @param url the endpoint URL, stripped; one line
 */
public record EndpointMagic(String url) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "endpoint";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public EndpointMagic {
        url = Args.text("%" + NAME, url);
    }

    static EndpointMagic parse(String argument) {
        return new EndpointMagic((String) SettingParser.parse(Setting.ENDPOINT, argument));
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
        return Set.of(Setting.ENDPOINT);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.endpoint(url);
    }

    @Override
    public String render() {
        return Args.line(NAME, url);
    }
}
