package dev.glivy.examples;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Prints a registry's Glivy meters, one line each, sorted by name: what a dashboard would chart. */
final class MetricsReport {
    private MetricsReport() {}

    static void print(MeterRegistry registry, PrintStream out) {
        List<Meter> meters = registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("glivy."))
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> tags(m)))
                .toList();
        for (Meter m : meters) {
            out.println(m.getId().getName() + tags(m) + " " + value(m));
        }
    }

    private static String tags(Meter m) {
        return m.getId().getTags().stream()
                .map((Tag t) -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Meter m) {
        if (m instanceof Timer t) {
            return String.format(
                    Locale.ROOT,
                    "count=%d total=%.3fs max=%.3fs",
                    t.count(),
                    t.totalTime(TimeUnit.SECONDS),
                    t.max(TimeUnit.SECONDS));
        }
        if (m instanceof Counter c) {
            return String.format(Locale.ROOT, "%.0f", c.count());
        }
        if (m instanceof FunctionCounter c) {
            return String.format(Locale.ROOT, "%.6f", c.count());
        }
        if (m instanceof Gauge g) {
            return String.format(Locale.ROOT, "%.2f", g.value());
        }
        return m.measure().toString();
    }
}
