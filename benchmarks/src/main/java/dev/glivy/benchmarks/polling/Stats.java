package dev.glivy.benchmarks.polling;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of a set of outcomes. Percentiles use the nearest-rank method: the {@code q}-th percentile of {@code n}
 * sorted values is the value at rank {@code ceil(q / 100 * n)} (so the median of an even count is the lower middle).
 *
 * @param count statements
 * @param medianLagNanos median completion lag
 * @param p99LagNanos 99th-percentile completion lag
 * @param meanPolls mean polls per statement
 * @param medianPolls median polls per statement
 * @param p99Polls 99th-percentile polls per statement
 */
public record Stats(int count, long medianLagNanos, long p99LagNanos, double meanPolls, int medianPolls, int p99Polls) {

    /** The summary of {@code outcomes}, which must not be empty. */
    public static Stats of(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("no outcomes to summarize");
        }
        long[] lags = outcomes.stream().mapToLong(Outcome::lagNanos).sorted().toArray();
        int[] polls = outcomes.stream().mapToInt(Outcome::polls).sorted().toArray();
        return new Stats(
                outcomes.size(),
                lags[rank(50, lags.length)],
                lags[rank(99, lags.length)],
                Arrays.stream(polls).average().orElseThrow(),
                polls[rank(50, polls.length)],
                polls[rank(99, polls.length)]);
    }

    /** The zero-based index of the {@code percentile}-th percentile among {@code n} sorted values. */
    static int rank(int percentile, int n) {
        return Math.max(0, (int) Math.ceil(percentile / 100.0 * n) - 1);
    }
}
