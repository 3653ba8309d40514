package dev.glivy.glue;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the transport calls AWS as: the answer of STS {@code GetCallerIdentity} ("whoami") for the credentials the
 * Glue calls use (after {@code %%assume_role}, if any).
 *
 * <p>Immutable.
 */
public final class GlueCallerIdentity {
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:(aws[a-z-]*):sts::([0-9]{12}):assumed-role/([^/]+)/.+");
    private static final Pattern ARN_PARTITION = Pattern.compile("arn:(aws[a-z-]*):.*");

    private final String account;
    private final String arn;
    private final String userId;

    private GlueCallerIdentity(String account, String arn, String userId) {
        this.account = Objects.requireNonNull(account, "account must not be null");
        this.arn = Objects.requireNonNull(arn, "arn must not be null");
        this.userId = Objects.requireNonNull(userId, "userId must not be null");
    }

    /** Creates an identity from the three fields of {@code GetCallerIdentity}. */
    public static GlueCallerIdentity of(String account, String arn, String userId) {
        return new GlueCallerIdentity(account, arn, userId);
    }

    /** The 12-digit AWS account id. */
    public String account() {
        return account;
    }

    /** The caller's ARN, for example {@code arn:aws:sts::123456789012:assumed-role/Dev/alice}. */
    public String arn() {
        return arn;
    }

    /** The caller's unique id, for example {@code AROAEXAMPLE:alice}; the value of Glivy's {@code owner} tag. */
    public String userId() {
        return userId;
    }

    /** The ARN partition, for example {@code aws} or {@code aws-cn}. */
    public String partition() {
        Matcher m = ARN_PARTITION.matcher(arn);
        return m.matches() ? m.group(1) : "aws";
    }

    /** {@code true} when the caller is an assumed role (an {@code sts::...:assumed-role/...} ARN). */
    public boolean isAssumedRole() {
        return ASSUMED_ROLE.matcher(arn).matches();
    }

    /**
     * The IAM role ARN derived from an assumed-role caller ARN: {@code arn:<partition>:iam::<account>:role/<name>}.
     * Empty when the caller is not an assumed role (an IAM user, the root user, a federated user).
     *
     * <p><b>Limits:</b> an assumed-role ARN does not carry the role's IAM path, so a role created with a path (for
     * example {@code /service-role/}, or the {@code /aws-reserved/sso.amazonaws.com/} roles of IAM Identity Center)
     * yields an ARN without it, which Glue rejects. The role must also trust {@code glue.amazonaws.com} and you need
     * {@code iam:PassRole} on it; a developer's own role usually does not, so set {@code %iam_role} explicitly for
     * anything but quick experiments.
     */
    public Optional<String> derivedRoleArn() {
        Matcher m = ASSUMED_ROLE.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of("arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueCallerIdentity i
                && i.account.equals(account)
                && i.arn.equals(arn)
                && i.userId.equals(userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, arn, userId);
    }

    @Override
    public String toString() {
        return "GlueCallerIdentity{account=" + account + ", arn=" + arn + ", userId=" + userId + "}";
    }
}
