package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of Spark's noisy loggers are quieted, given the application's own slf4j-simple configuration. */
class SparkLoggingTest {
    private static final String P = SparkLogging.SIMPLE_PREFIX;

    @Test
    void withNoConfigurationAtInfoAllNoisyLoggersAreQuieted() {
        assertThat(SparkLogging.simple(Map.<String, String>of()::get))
                .containsExactlyElementsOf(SparkLogging.NOISY.keySet());
        assertThat(SparkLogging.simple(Map.of(SparkLogging.SIMPLE_DEFAULT, "debug")::get))
                .hasSize(SparkLogging.NOISY.size());
    }

    @Test
    void aLevelTheApplicationSetOnALoggerOrAParentWins() {
        assertThat(SparkLogging.simple(Map.of(P + "org.apache.spark", "info")::get))
                .doesNotContain("org.apache.spark")
                .contains("org.sparkproject", "org.apache.hadoop");
        assertThat(SparkLogging.simple(Map.of(P + "org.apache", "debug")::get)).containsExactly("org.sparkproject");
        assertThat(SparkLogging.simple(Map.of(P + "org.apache.hadoop", "info")::get))
                .doesNotContain("org.apache.hadoop", "org.apache.hadoop.util.NativeCodeLoader");
    }

    @Test
    void aQuietDefaultIsNotMadeLouder() {
        assertThat(SparkLogging.simple(Map.of(SparkLogging.SIMPLE_DEFAULT, "error")::get))
                .isEmpty();
        assertThat(SparkLogging.simple(Map.of(SparkLogging.SIMPLE_DEFAULT, "warn")::get))
                .containsExactly("org.apache.hadoop.util.NativeCodeLoader");
    }

    @Test
    void levelNames() {
        assertThat(SparkLogging.level("WARN")).isGreaterThan(SparkLogging.level("info"));
        assertThat(SparkLogging.level("nonsense")).isEqualTo(SparkLogging.level("info"));
    }
}
