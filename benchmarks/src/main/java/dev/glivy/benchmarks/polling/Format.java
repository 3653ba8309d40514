package dev.glivy.benchmarks.polling;

import java.time.Duration;

/** Number formats shared by the report. */
final class Format {
    private Format() {}

    /** Nanoseconds as whole milliseconds, for example {@code "1234 ms"}. */
    static String millis(double nanos) {
        return String.format("%.0f ms", nanos / 1e6);
    }

    /** A human duration: {@code "50 ms"}, {@code "1 s"}, {@code "10 min"}. */
    static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.getSeconds() < 60 || d.getSeconds() % 60 != 0) {
            return d.getSeconds() + " s";
        }
        return d.toMinutes() + " min";
    }
}
