package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.Redaction;
import dev.glivy.internal.SettingParser;
import java.util.List;
import java.util.Set;

/**
 * {@code %extra_jars <path,path,...>}: paths of jars for the session ({@code --extra-jars}; Livy {@code jars}).
 *
 * <p>Immutable. {@link #toString()} masks presigned-URL signatures and tokens; {@link #render()} does not.
 *
 * @param paths the paths, each stripped; at least one
 */
public record ExtraJarsMagic(List<String> paths) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "extra_jars";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the list is empty or an item is blank or not one line of plain text
     * @throws NullPointerException when it is null
     */
    public ExtraJarsMagic {
        paths = Args.list("%" + NAME, paths);
    }

    static ExtraJarsMagic parse(String argument) {
        @SuppressWarnings("unchecked")
        List<String> value = (List<String>) SettingParser.parse(Setting.EXTRA_JARS, argument);
        return new ExtraJarsMagic(value);
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
        return Set.of(Setting.EXTRA_JARS);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.extraJars(paths);
    }

    @Override
    public String render() {
        return Args.line(NAME, Args.list(paths));
    }

    /** The paths with URL user-info and presigned-URL query parameters (signatures, tokens) masked. */
    @Override
    public String toString() {
        return "ExtraJarsMagic[paths=" + Redaction.urls(paths) + "]";
    }
}
