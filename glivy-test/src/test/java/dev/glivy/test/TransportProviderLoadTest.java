package dev.glivy.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.spi.TransportProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportProviderLoadTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void findsOneByNameIgnoringCase() {
        assertThat(TransportProvider.load(" Fixture ", loader)).isInstanceOf(FixtureProvider.class);
    }

    @Test
    void noneNamedSoListsWhatWasFoundAndTheArtifacts() {
        assertThatThrownBy(() -> TransportProvider.load("livy", loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No transport provider named 'livy'")
                .hasMessageContaining("fixture")
                .hasMessageContaining("livy = dev.glivy:glivy-livy");
    }

    @Test
    void severalNamedSoListsEachClass() {
        assertThatThrownBy(() -> TransportProvider.load("twin", loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TwinProviders.One.class.getName())
                .hasMessageContaining(TwinProviders.Two.class.getName());
    }

    @Test
    void requiredNamesTheSetting() {
        assertThat(TransportProvider.required(Map.of("a.b", " x "), "a.b", "the a"))
                .isEqualTo("x");
        assertThatThrownBy(() -> TransportProvider.required(Map.of("a.b", " "), "a.b", "the a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting 'a.b' is required (the a) but not set");
    }
}
