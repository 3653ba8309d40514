package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Core's class path (its own and its tests') has no Micrometer: only glivy-micrometer brings it. */
class NoMicrometerInCoreTest {
    @Test
    void micrometerIsNotOnCoresClassPath() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
