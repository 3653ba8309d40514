package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.List;
import java.util.Set;

/**
 * {@code %additional_python_modules <module,module,...>}: PyPI requirement specifiers or S3 paths to install, for
 * example {@code %additional_python_modules pandas==2.2.2,s3://bucket/lib.whl}; Glue receives them as {@code
 * --additional-python-modules}.
 *
 * <p>Immutable.
 *
 * @param modules the modules, each stripped; at least one
 */
public record AdditionalPythonModulesMagic(List<String> modules) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "additional_python_modules";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the list is empty or an item is blank or not one line of plain text
     * @throws NullPointerException when it is null
     */
    public AdditionalPythonModulesMagic {
        modules = Args.list("%" + NAME, modules);
    }

    static AdditionalPythonModulesMagic parse(String argument) {
        @SuppressWarnings("unchecked")
        List<String> value = (List<String>) SettingParser.parse(Setting.ADDITIONAL_PYTHON_MODULES, argument);
        return new AdditionalPythonModulesMagic(value);
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
        return Set.of(Setting.ADDITIONAL_PYTHON_MODULES);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.additionalPythonModules(modules);
    }

    @Override
    public String render() {
        return Args.line(NAME, Args.list(modules));
    }
}
