package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.testkit.MagicFuzz;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Livy: SessionBuilder.magics(fuzzed).build() throws only InvalidConfigException")
class LivyMagicFuzzTest {
    @Test
    @DisplayName("3000 fuzzed cells (fixed seed): only documented exceptions and bounded messages")
    void fuzz() {
        // build() makes no call: the URL is never contacted (a closed port would fail a call, not build())
        try (LivyTransport t = LivyTransport.builder().url("http://127.0.0.1:9").build()) {
            MagicFuzz.Report r = new MagicFuzz(new Random(17))
                    .run(
                            3000,
                            () -> InteractiveSession.builder()
                                    .useEnvironment(false)
                                    .transport(t),
                            20_000);
            assertThat(r.samples()).isEmpty();
            assertThat(r.refused()).isBetween(1, 2999);
        }
    }
}
