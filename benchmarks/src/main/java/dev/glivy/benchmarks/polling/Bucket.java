package dev.glivy.benchmarks.polling;

import java.time.Duration;

/** Run-time ranges the report breaks results down by (lower bound inclusive, upper bound exclusive). */
public enum Bucket {
    /** Under one second. */
    UNDER_1_S("< 1 s", Duration.ZERO),
    /** One to ten seconds. */
    S_1_TO_10("1-10 s", Duration.ofSeconds(1)),
    /** Ten to sixty seconds. */
    S_10_TO_60("10-60 s", Duration.ofSeconds(10)),
    /** One minute and more (the mix stops at ten). */
    MIN_1_TO_10("1-10 min", Duration.ofMinutes(1));

    private final String label;
    private final Duration from;

    Bucket(String label, Duration from) {
        this.label = label;
        this.from = from;
    }

    /** The label used in tables. */
    public String label() {
        return label;
    }

    /** The bucket a run time falls in. */
    public static Bucket of(Duration runTime) {
        Bucket found = UNDER_1_S;
        for (Bucket b : values()) {
            if (runTime.compareTo(b.from) >= 0) {
                found = b;
            }
        }
        return found;
    }
}
