package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTransportProviderTest {
    @Test
    void isFoundByNameAndNeedsNoSetting() {
        TransportProvider p = TransportProvider.load("LOCAL", getClass().getClassLoader());
        assertThat(p).isInstanceOf(LocalTransportProvider.class);
        assertThat(p.settings()).containsKeys("local.master", "local.warehouse");
        try (SessionTransport t = p.create(Map.of("local.master", "local[1]"))) {
            assertThat(t.backend()).isEqualTo("local");
        }
    }
}
