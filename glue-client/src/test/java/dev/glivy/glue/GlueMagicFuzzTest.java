package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.testkit.MagicFuzz;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@DisplayName("Glue: SessionBuilder.magics(fuzzed).build() throws only InvalidConfigException and calls nothing")
class GlueMagicFuzzTest {
    @Test
    @DisplayName("4500 fuzzed cells (fixed seed): only documented exceptions, bounded messages, no AWS call")
    void fuzz() {
        FakeGlue glue = new FakeGlue();
        try (GlueTransport t = GlueTransport.builder()
                        .clientConfig(c -> c.glueClient(glue))
                        .build();
                GlueTransport fresh = GlueTransport.builder()
                        .region("us-east-1")
                        .clientConfig(c -> c.credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("AKIDFUZZ", "fuzz-secret"))))
                        .build();
                GlueTransport overridden = GlueTransport.builder()
                        .region("us-east-1")
                        .clientConfig(c -> c.endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                                .credentialsProvider(StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("AKIDFUZZ", "fuzz-secret"))))
                        .build()) {
            MagicFuzz fuzz = new MagicFuzz(new Random(17));
            List<String> injected = fuzz.undocumented(
                    1500,
                    () -> InteractiveSession.builder().useEnvironment(false).transport(t),
                    20_000);
            List<String> built = fuzz.undocumented(
                    1500,
                    () -> InteractiveSession.builder().useEnvironment(false).transport(fresh),
                    20_000);
            List<String> override = fuzz.undocumented(
                    1500,
                    () -> InteractiveSession.builder().useEnvironment(false).transport(overridden),
                    20_000);
            assertThat(override).isEmpty();
            assertThat(injected).isEmpty();
            assertThat(built).isEmpty();
            assertThat(glue.calls()).isZero();
        }
    }
}
