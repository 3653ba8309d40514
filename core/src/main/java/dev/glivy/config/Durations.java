package dev.glivy.config;

import java.time.Duration;
import java.util.Objects;

/** Shared argument checks for {@link Duration} settings. */
final class Durations {
    private Durations() {}

    static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }
}
