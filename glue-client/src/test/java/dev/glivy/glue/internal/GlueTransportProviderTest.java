package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlueTransportProviderTest {
    private final TransportProvider provider =
            TransportProvider.load("glue", getClass().getClassLoader());

    @Test
    void isFoundByNameAndNeedsTheRole() {
        assertThat(provider).isInstanceOf(GlueTransportProvider.class);
        assertThat(provider.settings()).containsKeys("glue.role", "glue.region", "glue.endpoint");
        assertThatThrownBy(() -> provider.create(Map.of("glue.region", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'glue.role' is required");
    }

    @Test
    void buildsATransportAndPutsTheRoleOnTheSession() {
        Map<String, String> settings = Map.of(
                "glue.role",
                "arn:aws:iam::123456789012:role/GlueTest",
                "glue.region",
                "eu-west-1",
                "glue.endpoint",
                "http://127.0.0.1:1");
        try (SessionTransport t = provider.create(settings)) {
            assertThat(t.backend()).isEqualTo("glue");
            SessionBuilder b = provider.configure(
                    InteractiveSession.builder()
                            .transport(t)
                            .useEnvironment(false)
                            .stopOnJvmShutdown(false),
                    settings);
            try (InteractiveSession s = b.build()) {
                assertThat(s.config().iamRole()).hasValue("arn:aws:iam::123456789012:role/GlueTest");
            }
        }
    }
}
