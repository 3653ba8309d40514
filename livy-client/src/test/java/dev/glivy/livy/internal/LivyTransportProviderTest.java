package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivyTransportProviderTest {
    private final TransportProvider provider =
            TransportProvider.load("livy", getClass().getClassLoader());

    @Test
    void isFoundByNameAndNeedsTheUrl() {
        assertThat(provider).isInstanceOf(LivyTransportProvider.class);
        assertThat(provider.settings()).containsKeys("livy.url", "livy.user", "livy.password", "livy.token");
        assertThatThrownBy(() -> provider.create(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'livy.url' is required");
        assertThatThrownBy(() -> provider.create(Map.of("livy.url", "http://127.0.0.1:1", "livy.user", "u")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'livy.password'");
    }

    @Test
    void buildsATransportWithoutCallingTheServer() {
        try (SessionTransport t = provider.create(
                Map.of("livy.url", "http://127.0.0.1:1", "livy.user", "u", "livy.password", "secret"))) {
            assertThat(t.backend()).isEqualTo("livy");
            assertThat(t.endpoint()).contains("127.0.0.1:1").doesNotContain("secret");
        }
    }
}
