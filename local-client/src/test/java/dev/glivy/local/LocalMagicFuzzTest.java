package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.testkit.MagicFuzz;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Local: SessionBuilder.magics(fuzzed).build() throws only InvalidConfigException")
class LocalMagicFuzzTest {
    @Test
    @DisplayName("3000 fuzzed cells (fixed seed): only documented exceptions and bounded messages; Spark not started")
    void fuzz() {
        try (LocalTransport t = LocalTransport.builder().master("local[1]").build()) {
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
