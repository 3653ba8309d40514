package dev.glivy.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The contract tests' wait on virtual time, written once for the fake and the scripted transport. */
final class VirtualTime {
    private VirtualTime() {}

    /**
     * Moves {@code time} on in 10 ms steps until {@code condition} holds; fails after one virtual hour or when nothing
     * is scheduled any more (the condition can then never change).
     */
    static void eventually(ManualScheduler time, BooleanSupplier condition) {
        long limit = time.nanoTime() + Duration.ofHours(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (time.nanoTime() > limit || time.queued() == 0) {
                throw new AssertionError("condition not met on virtual time after " + time.elapsed());
            }
            time.advance(Duration.ofMillis(10));
        }
    }
}
