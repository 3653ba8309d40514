package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLogTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void linesAreTimestampedAndPaged() {
        SessionLog log = new SessionLog();
        for (int i = 0; i < 5; i++) {
            log.add(T, "line " + i);
        }
        assertThat(log.lines(0, 2)).containsExactly(T + " line 0", T + " line 1");
        assertThat(log.lines(3, 10)).containsExactly(T + " line 3", T + " line 4");
        assertThat(log.lines(-1, 2)).containsExactly(T + " line 3", T + " line 4");
        assertThat(log.lines(9, 2)).isEmpty();
        assertThat(log.lines(0, 0)).isEmpty();
    }

    @Test
    void oldLinesAreDroppedPastCapacity() {
        SessionLog log = new SessionLog();
        for (int i = 0; i < SessionLog.CAPACITY + 3; i++) {
            log.add(T, "line " + i);
        }
        assertThat(log.lines(0, SessionLog.CAPACITY + 10))
                .hasSize(SessionLog.CAPACITY)
                .first()
                .asString()
                .endsWith("line 3");
    }
}
