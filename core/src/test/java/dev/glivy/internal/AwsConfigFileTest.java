package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AwsConfigFileTest {
    private static final List<String> FILE = List.of(
            "# comment",
            "; another",
            "[default]",
            "region = us-east-1",
            "glue_iam_role=arn:a",
            "",
            "aws_secret_access_key = SECRET",
            "s3 =",
            "  glue_nested = no",
            "  max_concurrent_requests = 10",
            "[profile dev]",
            "glue_worker_type = G.2X",
            "glue_tags = {\"a\": \"b=c\"}",
            "[dev2]",
            "glue_worker_type = G.4X",
            "[ profile  spaced ]",
            "glue_region = eu-west-1");

    @Test
    @DisplayName("reads only glue_* and region keys of the chosen profile, skipping secrets and nested keys")
    void readsProfile() {
        assertThat(AwsConfigFile.parse(FILE, "default"))
                .containsExactly(
                        java.util.Map.entry("region", "us-east-1"), java.util.Map.entry("glue_iam_role", "arn:a"));
        assertThat(AwsConfigFile.parse(FILE, "dev"))
                .containsOnlyKeys("glue_worker_type", "glue_tags")
                .containsEntry("glue_tags", "{\"a\": \"b=c\"}");
        assertThat(AwsConfigFile.parse(FILE, "dev2")).containsEntry("glue_worker_type", "G.4X");
        assertThat(AwsConfigFile.parse(FILE, "spaced")).containsEntry("glue_region", "eu-west-1");
        assertThat(AwsConfigFile.parse(FILE, "none")).isEmpty();
    }
}
