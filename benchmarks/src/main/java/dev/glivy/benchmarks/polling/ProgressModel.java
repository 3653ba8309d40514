package dev.glivy.benchmarks.polling;

import java.util.OptionalDouble;
import java.util.Random;

/**
 * What the benchmark backend reports as progress while a statement runs.
 *
 * <p>{@link #none()} reports nothing. {@link #noisy(double)} reports {@code min(0.99, e / d * (1 + n * u))}, where
 * {@code e} is the time since the statement was submitted, {@code d} its run time, {@code n} the noise and
 * {@code u} uniform in [-1, 1), drawn afresh for every report from the statement's own seeded {@link Random}; that
 * is, the true fraction done with independent multiplicative noise of up to ±{@code n}, never 1 before the end
 * (as on Livy and Glue, where a finished statement reports its state instead). Immutable.
 */
public final class ProgressModel {
    private static final double LAST_REPORT = 0.99;

    private final double noise;
    private final boolean reports;

    private ProgressModel(double noise, boolean reports) {
        this.noise = noise;
        this.reports = reports;
    }

    /** A backend that reports no progress. */
    public static ProgressModel none() {
        return new ProgressModel(0, false);
    }

    /**
     * A backend that reports the fraction done with multiplicative noise of up to ±{@code noise}.
     *
     * @throws IllegalArgumentException unless 0 <= noise < 1
     */
    public static ProgressModel noisy(double noise) {
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("noise must be in [0, 1) but was " + noise);
        }
        return new ProgressModel(noise, true);
    }

    /** Whether this backend reports progress at all. */
    public boolean reports() {
        return reports;
    }

    /** The progress reported {@code elapsedNanos} into a statement of {@code durationNanos}. */
    OptionalDouble report(long elapsedNanos, long durationNanos, Random random) {
        if (!reports) {
            return OptionalDouble.empty();
        }
        double u = 2 * random.nextDouble() - 1;
        double p = (double) elapsedNanos / durationNanos * (1 + noise * u);
        return OptionalDouble.of(Math.max(0, Math.min(LAST_REPORT, p)));
    }

    /** A short label, for example {@code "progress ±10%"}. */
    public String label() {
        return reports ? String.format("progress ±%.0f%%", noise * 100) : "no progress";
    }
}
