package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %iam_role <role ARN>}: the IAM role the session runs as (Glue {@code Role}), for example {@code %iam_role
 * arn:aws:iam::123456789012:role/GlueRole}. Unset, the environment ({@code glue_role_arn}) or AWS profile may supply
 * it.
 *
 * <p>Immutable.
 *
 * @param roleArn the role ARN (or role name), stripped; one line
 */
public record IamRoleMagic(String roleArn) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "iam_role";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public IamRoleMagic {
        roleArn = Args.text("%" + NAME, roleArn);
    }

    static IamRoleMagic parse(String argument) {
        return new IamRoleMagic((String) SettingParser.parse(Setting.IAM_ROLE, argument));
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
        return Set.of(Setting.IAM_ROLE);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.iamRole(roleArn);
    }

    @Override
    public String render() {
        return Args.line(NAME, roleArn);
    }
}
