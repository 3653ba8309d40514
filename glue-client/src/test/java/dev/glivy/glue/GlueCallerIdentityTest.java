package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.internal.RoleResolver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Role derivation from the caller identity, and its limits")
class GlueCallerIdentityTest {
    @Test
    @DisplayName("an assumed-role caller yields the role ARN in the same partition")
    void assumedRole() {
        GlueCallerIdentity i = GlueCallerIdentity.of(
                "123456789012",
                "arn:aws:sts::123456789012:assumed-role/DataDev/alice@example.com",
                "AROAX:alice@example.com");
        assertThat(i.isAssumedRole()).isTrue();
        assertThat(i.derivedRoleArn()).contains("arn:aws:iam::123456789012:role/DataDev");
        assertThat(GlueCallerIdentity.of("210987654321", "arn:aws-cn:sts::210987654321:assumed-role/R/s", "u")
                        .derivedRoleArn())
                .contains("arn:aws-cn:iam::210987654321:role/R");
        assertThat(GlueCallerIdentity.of("1", "arn:aws-us-gov:sts::111122223333:assumed-role/R/s", "u")
                        .partition())
                .isEqualTo("aws-us-gov");
    }

    @Test
    @DisplayName("IAM users, root and federated users yield nothing")
    void notAssumed() {
        for (String arn : new String[] {
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:iam::123456789012:root",
            "arn:aws:sts::123456789012:federated-user/bob"
        }) {
            assertThat(GlueCallerIdentity.of("123456789012", arn, "u").derivedRoleArn())
                    .as(arn)
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("%iam_role wins; a bare name is expanded; no role and no derivation lists the three ways")
    void resolver() {
        GlueCallerIdentity user = GlueCallerIdentity.of("123456789012", "arn:aws:iam::123456789012:user/alice", "u");
        GlueCallerIdentity role =
                GlueCallerIdentity.of("123456789012", "arn:aws:sts::123456789012:assumed-role/Dev/x", "u");
        String arn = "arn:aws:iam::123456789012:role/service-role/Glue";
        assertThat(RoleResolver.role(SessionConfig.builder().iamRole(arn).build(), null))
                .isEqualTo(arn);
        assertThat(RoleResolver.role(SessionConfig.builder().iamRole("Glue").build(), user))
                .isEqualTo("arn:aws:iam::123456789012:role/Glue");
        assertThat(RoleResolver.role(SessionConfig.empty(), role)).isEqualTo("arn:aws:iam::123456789012:role/Dev");
        assertThat(RoleResolver.needsIdentity(
                        SessionConfig.builder().iamRole(arn).build()))
                .isFalse();
        assertThat(RoleResolver.needsIdentity(SessionConfig.empty())).isTrue();
        assertThatThrownBy(() -> RoleResolver.role(SessionConfig.empty(), user))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("user/alice")
                .hasMessageContaining("(1) %iam_role")
                .hasMessageContaining("(2) glue_role_arn")
                .hasMessageContaining("(3) the environment variable glue_role_arn");
        assertThatThrownBy(() -> RoleResolver.role(
                        SessionConfig.builder().iamRole("Glue").build(), null))
                .hasMessageContaining("full role ARN");
    }
}
