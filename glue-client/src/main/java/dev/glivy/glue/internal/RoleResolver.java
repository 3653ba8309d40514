package dev.glivy.glue.internal;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.GlueCallerIdentity;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the role a session runs as: {@code %iam_role} as given (a bare role name is expanded with the caller's
 * account), else the role derived from an assumed-role caller (see {@link GlueCallerIdentity#derivedRoleArn()} for
 * the limits), else a configuration error naming the three ways to set one.
 */
public final class RoleResolver {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private RoleResolver() {}

    /** {@code true} when the role cannot be found without knowing the caller. */
    public static boolean needsIdentity(SessionConfig c) {
        return c.iamRole().map(r -> !r.startsWith("arn:")).orElse(true);
    }

    /**
     * The role ARN for {@code c}.
     *
     * @param identity the caller, or {@code null} when it is unknown
     * @throws InvalidConfigException when no role is configured and none can be derived
     */
    public static String role(SessionConfig c, @Nullable GlueCallerIdentity identity) {
        String configured = c.iamRole().orElse(null);
        if (configured != null && configured.startsWith("arn:")) {
            return configured;
        }
        if (configured != null) {
            if (identity == null) {
                throw new InvalidConfigException(List.of("%iam_role '" + configured + "' is a role name; Glivy "
                        + "expands it to an ARN with your account id, but the caller identity (STS "
                        + "GetCallerIdentity) is unknown. Give the full role ARN instead."));
            }
            return "arn:" + identity.partition() + ":iam::" + identity.account() + ":role/" + configured;
        }
        if (identity != null && identity.derivedRoleArn().isPresent()) {
            String derived = identity.derivedRoleArn().get();
            LOG.info(
                    "No %iam_role set: using the caller's own role {} (derived from {}); set %iam_role to choose "
                            + "the Glue service role explicitly",
                    derived, identity.arn());
            return derived;
        }
        throw new InvalidConfigException(List.of("No IAM role for the Glue session: %iam_role is not set and "
                + (identity == null
                        ? "the caller identity is unknown"
                        : "the caller " + identity.arn() + " is not an assumed role")
                + ", so none can be derived. Set it in one of three ways: (1) %iam_role, e.g. "
                + "SessionBuilder.config(c -> c.iamRole(\"arn:aws:iam::<account>:role/<GlueServiceRole>\")) or the "
                + "magic '%iam_role <arn>'; (2) glue_role_arn=<arn> in your AWS config profile (~/.aws/config); "
                + "(3) the environment variable glue_role_arn=<arn>."));
    }
}
