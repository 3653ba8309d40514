package dev.glivy.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition in integration tests (real time) or on a {@link ManualScheduler} (virtual time), and fails
 * with the limit in the message instead of spinning until a JUnit timeout. One copy for every module's tests.
 */
public final class Eventually {
    private Eventually() {}

    /** Checks {@code condition} every 10 ms of real time until it holds; fails after {@code limit}. */
    public static void within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Moves {@code time} on in 10 ms steps until {@code condition} holds; fails after {@code limit} of virtual time
     * or when nothing is scheduled any more (the condition can then never change).
     */
    public static void onVirtualTime(ManualScheduler time, Duration limit, BooleanSupplier condition) {
        long deadline = time.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (time.nanoTime() > deadline || time.queued() == 0) {
                throw new AssertionError("condition not met on virtual time after " + time.elapsed());
            }
            time.advance(Duration.ofMillis(10));
        }
    }
}
