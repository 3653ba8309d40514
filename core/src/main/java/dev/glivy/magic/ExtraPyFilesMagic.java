package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.Redaction;
import dev.glivy.internal.SettingParser;
import java.util.List;
import java.util.Set;

/**
 * {@code %extra_py_files <path,path,...>}: S3 paths of Python files for the session ({@code --extra-py-files}; Livy
 * {@code pyFiles}).
 *
 * <p>Immutable. {@link #toString()} masks presigned-URL signatures and tokens; {@link #render()} does not.
 *
 * @param paths the paths, each stripped; at least one
 */
public record ExtraPyFilesMagic(List<String> paths) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "extra_py_files";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the list is empty or an item is blank or not one line of plain text
     * @throws NullPointerException when it is null
     */
    public ExtraPyFilesMagic {
        paths = Args.list("%" + NAME, paths);
    }

    static ExtraPyFilesMagic parse(String argument) {
        @SuppressWarnings("unchecked")
        List<String> value = (List<String>) SettingParser.parse(Setting.EXTRA_PY_FILES, argument);
        return new ExtraPyFilesMagic(value);
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
        return Set.of(Setting.EXTRA_PY_FILES);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.extraPyFiles(paths);
    }

    @Override
    public String render() {
        return Args.line(NAME, Args.list(paths));
    }

    /** The paths with URL user-info and presigned-URL query parameters (signatures, tokens) masked. */
    @Override
    public String toString() {
        return "ExtraPyFilesMagic[paths=" + Redaction.urls(paths) + "]";
    }
}
