package dev.glivy.benchmarks.polling;

import java.time.Duration;
import java.util.List;

/**
 * A fixed poll schedule: wait the given steps one after the other, then {@code then} forever. No jitter, no
 * retries, progress ignored (as in the clients they model).
 *
 * @param name the client, as shown in tables
 * @param steps the first waits
 * @param then every later wait
 */
public record PeerSchedule(String name, List<Duration> steps, Duration then) {
    /** The AWS Glue interactive sessions kernel: {@code GetStatement} every 1 s. */
    public static final PeerSchedule GLUE_KERNEL =
            new PeerSchedule("Glue kernel (1 s)", List.of(), Duration.ofSeconds(1));
    /** sparkmagic: 0.2, 0.5, 0.5, 1, 1 s, then every 2 s. */
    public static final PeerSchedule SPARKMAGIC = new PeerSchedule(
            "sparkmagic (0.2 s .. 2 s)",
            List.of(
                    Duration.ofMillis(200),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            Duration.ofSeconds(2));
    /** pylivy: 0.1, 0.2, 0.3, 0.5 s, then every 1 s. */
    public static final PeerSchedule PYLIVY = new PeerSchedule(
            "pylivy (0.1 s .. 1 s)",
            List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500)),
            Duration.ofSeconds(1));

    /** Copies the steps. */
    public PeerSchedule {
        steps = List.copyOf(steps);
    }

    /** The wait before poll number {@code poll} (0 for the first poll). */
    public Duration delay(int poll) {
        return poll < steps.size() ? steps.get(poll) : then;
    }
}
