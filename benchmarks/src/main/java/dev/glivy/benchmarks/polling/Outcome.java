package dev.glivy.benchmarks.polling;

import java.time.Duration;

/**
 * What happened to one statement under one schedule.
 *
 * @param runTime the statement's run time on the backend
 * @param lagNanos from the backend finishing the statement to the client knowing it (the future completing)
 * @param polls status requests ({@code getStatement} calls) made for the statement
 */
public record Outcome(Duration runTime, long lagNanos, int polls) {
    /** Checks the values. */
    public Outcome {
        if (lagNanos < 0) {
            throw new IllegalArgumentException("lag must be >= 0 but was " + lagNanos + " ns");
        }
        if (polls < 1) {
            throw new IllegalArgumentException("polls must be >= 1 but was " + polls);
        }
    }
}
