package dev.glivy.internal;

import java.time.Duration;
import java.util.Objects;

/** Duration checks for builders and human-readable durations for messages ("10 minutes", "1.5 seconds"). */
@InternalApi
public final class Durations {
    private Durations() {}

    /**
     * Checks a duration setting.
     *
     * @return {@code value}
     * @throws NullPointerException "{@code <name>} must not be null"
     * @throws IllegalArgumentException "{@code <name>} must be > 0 but was {@code <value>}"
     */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }

    /** Formats {@code d} for a person. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0
                            ? String.valueOf(ms / 1000)
                            : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0))
                    + " seconds";
        }
        long s = d.getSeconds();
        if (s % 3600 == 0) {
            return (s / 3600) + (s == 3600 ? " hour" : " hours");
        }
        if (s % 60 == 0) {
            return (s / 60) + (s == 60 ? " minute" : " minutes");
        }
        return (s / 60) + " min " + (s % 60) + " s";
    }
}
