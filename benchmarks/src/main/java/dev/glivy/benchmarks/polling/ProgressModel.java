package dev.glivy.benchmarks.polling;

import java.util.OptionalDouble;
import java.util.Random;

/**
 * What the benchmark backend reports as progress while a statement runs; {@code x} below is the true fraction done
 * ({@code e / d}: time since the statement started on the backend over its run time), {@code n} the noise and
 * {@code u} uniform in [-1, 1), drawn afresh for every report from the statement's own seeded {@link Random}. No
 * report is ever 1 before the end (as on Livy and Glue, where a finished statement reports its state instead).
 *
 * <ul>
 *   <li>{@link #none()} reports nothing (statements that run no Spark job);
 *   <li>{@link #noisy(double)} reports {@code min(0.99, x (1 + n u))};
 *   <li>{@link #lateStart(double, double)} reports 0 for the first {@code f} of the run time (driver code before the
 *       first Spark job, {@code f} uniform in [0, {@code maxLate}) per statement), then the jobs' fraction done
 *       {@code (x - f) / (1 - f)} with the same noise;
 *   <li>{@link #stalls(double)} reports progress that runs twice as fast as time up to a level {@code s} (uniform in
 *       [0.3, 0.95) per statement) and then stays there until the end (a straggling last task, or driver work after
 *       the jobs): every prediction made before the stall is early.
 * </ul>
 * Immutable.
 */
public final class ProgressModel {
    private static final double LAST_REPORT = 0.99;

    private enum Kind {
        NONE,
        NOISY,
        LATE,
        STALLS
    }

    private final Kind kind;
    private final double noise;
    private final double maxLate;

    private ProgressModel(Kind kind, double noise, double maxLate) {
        this.kind = kind;
        this.noise = noise;
        this.maxLate = maxLate;
    }

    /** A backend that reports no progress. */
    public static ProgressModel none() {
        return new ProgressModel(Kind.NONE, 0, 0);
    }

    /**
     * A backend that reports the fraction done with multiplicative noise of up to ±{@code noise}.
     *
     * @throws IllegalArgumentException unless 0 <= noise < 1
     */
    public static ProgressModel noisy(double noise) {
        return new ProgressModel(Kind.NOISY, checkNoise(noise), 0);
    }

    /** Progress that starts after up to {@code maxLate} of the run time, then runs with {@code noise}. */
    public static ProgressModel lateStart(double noise, double maxLate) {
        if (!(maxLate >= 0 && maxLate < 1)) {
            throw new IllegalArgumentException("maxLate must be in [0, 1) but was " + maxLate);
        }
        return new ProgressModel(Kind.LATE, checkNoise(noise), maxLate);
    }

    /** Progress that runs ahead of time, then stalls at a level short of done, with {@code noise}. */
    public static ProgressModel stalls(double noise) {
        return new ProgressModel(Kind.STALLS, checkNoise(noise), 0);
    }

    private static double checkNoise(double noise) {
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("noise must be in [0, 1) but was " + noise);
        }
        return noise;
    }

    /** Whether this backend reports progress at all. */
    public boolean reports() {
        return kind != Kind.NONE;
    }

    /**
     * The progress reported {@code elapsedNanos} into a statement of {@code durationNanos}.
     *
     * @param shape the statement's own shape parameter, uniform in [0, 1), drawn once per statement
     */
    OptionalDouble report(long elapsedNanos, long durationNanos, double shape, Random random) {
        if (kind == Kind.NONE) {
            return OptionalDouble.empty();
        }
        double u = 2 * random.nextDouble() - 1;
        double x = (double) elapsedNanos / durationNanos;
        double p;
        if (kind == Kind.LATE) {
            double f = shape * maxLate;
            p = x <= f ? 0 : (x - f) / (1 - f) * (1 + noise * u);
        } else if (kind == Kind.STALLS) {
            double level = 0.3 + 0.65 * shape;
            p = Math.min(level, 2 * x * (1 + noise * u));
        } else {
            p = x * (1 + noise * u);
        }
        return OptionalDouble.of(Math.max(0, Math.min(LAST_REPORT, p)));
    }

    /** A short label, for example {@code "progress ±10%"}. */
    public String label() {
        return switch (kind) {
            case NONE -> "no progress";
            case NOISY -> String.format("progress ±%.0f%%", noise * 100);
            case LATE ->
                String.format(
                        "progress ±%.0f%% starting after up to %.0f%% of the run time", noise * 100, maxLate * 100);
            case STALLS -> String.format("progress ±%.0f%% at twice the true rate, stalling at 30-95%%", noise * 100);
        };
    }
}
