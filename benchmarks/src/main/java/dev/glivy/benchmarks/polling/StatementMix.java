package dev.glivy.benchmarks.polling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The statements a benchmark runs, as their exact backend run times. Immutable.
 */
public final class StatementMix {
    private final List<Duration> durations;
    private final List<Integer> bursts;
    private final String description;

    private StatementMix(List<Duration> durations, List<Integer> bursts, String description) {
        this.durations = List.copyOf(durations);
        this.bursts = List.copyOf(bursts);
        this.description = description;
    }

    private static List<Integer> ones(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(1);
        }
        return out;
    }

    /**
     * The same run times, submitted in bursts of 1 to {@code maxBurst} statements at once (uniform, from a
     * {@link Random} seeded with {@code seed}), like a notebook's "run all" or an async caller: the backend runs a
     * burst's statements one after another, so all but the first wait in the session's queue first.
     */
    public StatementMix inBursts(int maxBurst, long seed) {
        if (maxBurst < 1) {
            throw new IllegalArgumentException("maxBurst must be >= 1 but was " + maxBurst);
        }
        Random random = new Random(seed);
        List<Integer> out = new ArrayList<>();
        int left = durations.size();
        while (left > 0) {
            int b = Math.min(left, 1 + random.nextInt(maxBurst));
            out.add(b);
            left -= b;
        }
        return new StatementMix(
                durations,
                out,
                description + ", submitted in bursts of 1 to " + maxBurst + " at once (uniform, seed " + seed
                        + ") that the session runs one at a time");
    }

    /** The burst sizes, in order; they add up to {@link #size()}. All 1 unless made by {@link #inBursts}. */
    public List<Integer> bursts() {
        return bursts;
    }

    /**
     * {@code count} run times drawn log-uniformly between {@code min} and {@code max} (so each factor of ten gets the
     * same share of statements) from a {@link Random} seeded with {@code seed}, rounded to whole milliseconds.
     *
     * @throws IllegalArgumentException when {@code count} is not positive or the bounds are not 1 ms <= min < max
     */
    public static StatementMix logUniform(int count, Duration min, Duration max, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0 but was " + count);
        }
        if (min.toMillis() < 1 || max.compareTo(min) <= 0) {
            throw new IllegalArgumentException("bounds must satisfy 1 ms <= min < max but were " + min + " and " + max);
        }
        Random random = new Random(seed);
        double lo = Math.log(min.toMillis());
        double hi = Math.log(max.toMillis());
        List<Duration> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Duration.ofMillis(Math.round(Math.exp(lo + random.nextDouble() * (hi - lo)))));
        }
        return new StatementMix(
                out,
                ones(count),
                String.format(
                        "%,d statements, run times log-uniform between %s and %s "
                                + "(java.util.Random seed %d), rounded to whole milliseconds",
                        count, Format.duration(min), Format.duration(max), seed));
    }

    /** A mix of exactly these run times. */
    public static StatementMix of(List<Duration> durations, String description) {
        if (durations.isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one statement");
        }
        return new StatementMix(durations, ones(durations.size()), description);
    }

    /** The number of statements. */
    public int size() {
        return durations.size();
    }

    /** The run time of statement {@code index}. */
    public Duration duration(int index) {
        return durations.get(index);
    }

    /** One sentence saying how the mix was made. */
    public String description() {
        return description;
    }
}
