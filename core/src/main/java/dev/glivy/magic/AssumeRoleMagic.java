package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Objects;
import java.util.Set;

/**
 * {@code %%assume_role} followed by a role ARN on the next line: the role to assume (STS AssumeRole) before calling
 * Glue, for cross-account sessions, for example {@code %%assume_role\narn:aws:iam::123456789012:role/Analyst}.
 *
 * <p>Glivy supports only the ARN form. The Glue kernel also accepts a dictionary of temporary credentials; Glivy
 * refuses it (without repeating it, since it holds secrets): give credentials to the transport instead, for example
 * through {@code GlueClientConfig.Builder.credentialsProvider(...)}.
 *
 * <p>Immutable.
 *
 * @param roleArn the role ARN, stripped; one line (its form is checked by {@link SessionConfig#validate()})
 */
public record AssumeRoleMagic(String roleArn) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "assume_role";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, a dictionary, several lines or has control
     *     characters; the message never repeats the value
     * @throws NullPointerException when it is null
     */
    public AssumeRoleMagic {
        Objects.requireNonNull(roleArn, "%%assume_role must not be null");
        roleArn = SettingParser.roleArn("%%" + NAME, roleArn.strip());
    }

    static AssumeRoleMagic parse(String body) {
        return new AssumeRoleMagic(body);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public Set<Setting> settings() {
        return Set.of(Setting.ASSUME_ROLE);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.assumeRole(roleArn);
    }

    @Override
    public String render() {
        return Args.cell(NAME, roleArn);
    }
}
