package dev.glivy.benchmarks.polling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Renders outcomes as Markdown tables, plus a sentence saying where Glivy beats every peer and where it does not. */
final class Report {
    /** One schedule's outcomes, in mix order. */
    record Row(String name, List<Outcome> outcomes) {}

    private static final String HEADER = "| Schedule | median lag | p99 lag | mean polls | median polls | p99 polls |\n"
            + "|---|---:|---:|---:|---:|---:|\n";
    private static final String BUCKET_HEADER = "| Run time | Schedule | median lag | p99 lag | mean polls | "
            + "median polls | p99 polls |\n|---|---|---:|---:|---:|---:|---:|\n";

    /** A metric as displayed (lower is better); comparisons use the displayed value, so ties look like ties. */
    private record Metric(String name, Function<Stats, String> shown) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("median lag", s -> Format.millis(s.medianLagNanos())),
            new Metric("p99 lag", s -> Format.millis(s.p99LagNanos())),
            new Metric("mean polls", s -> String.format("%.1f", s.meanPolls())),
            new Metric("median polls", s -> Integer.toString(s.medianPolls())),
            new Metric("p99 polls", s -> Integer.toString(s.p99Polls())));

    private Report() {}

    /** One line per schedule over the whole mix. */
    static String overall(List<Row> rows) {
        StringBuilder out = new StringBuilder(HEADER);
        for (Row r : rows) {
            out.append("| ")
                    .append(r.name())
                    .append(cells(Stats.of(r.outcomes())))
                    .append('\n');
        }
        return out.toString();
    }

    /** One line per run-time bucket and schedule. */
    static String byBucket(List<Row> rows) {
        StringBuilder out = new StringBuilder(BUCKET_HEADER);
        for (Bucket b : Bucket.values()) {
            for (Row r : rows) {
                List<Outcome> in = r.outcomes().stream()
                        .filter(o -> Bucket.of(o.runTime()) == b)
                        .toList();
                if (!in.isEmpty()) {
                    out.append("| ")
                            .append(b.label())
                            .append(" (")
                            .append(in.size())
                            .append(") | ")
                            .append(r.name())
                            .append(cells(Stats.of(in)))
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Whether the first row beats every other row, metric by metric, on the whole mix and per bucket. */
    static String verdict(List<Row> rows) {
        Row glivy = rows.get(0);
        List<Row> peers = rows.subList(1, rows.size());
        StringBuilder out = new StringBuilder("- Whole mix: ").append(compare(glivy.outcomes(), peers, null));
        for (Bucket b : Bucket.values()) {
            out.append("\n- ").append(b.label()).append(": ").append(compare(glivy.outcomes(), peers, b));
        }
        return out.append('\n').toString();
    }

    /** Whether the first row beats every other row, metric by metric, on the whole mix. */
    static String verdictOverall(List<Row> rows) {
        return "- Whole mix: " + compare(rows.get(0).outcomes(), rows.subList(1, rows.size()), null) + "\n";
    }

    private static String compare(List<Outcome> glivy, List<Row> peers, @Nullable Bucket bucket) {
        Stats g = Stats.of(filter(glivy, bucket));
        Map<Metric, List<String>> notBeaten = new LinkedHashMap<>();
        List<String> beaten = new ArrayList<>();
        for (Metric m : METRICS) {
            List<String> winners = new ArrayList<>();
            for (Row p : peers) {
                String peerValue = m.shown().apply(Stats.of(filter(p.outcomes(), bucket)));
                if (!lower(m.shown().apply(g), peerValue)) {
                    winners.add(shortName(p.name()) + " " + peerValue);
                }
            }
            if (winners.isEmpty()) {
                beaten.add(m.name());
            } else {
                notBeaten.put(m, winners);
            }
        }
        StringBuilder s = new StringBuilder("Glivy better than every peer on ")
                .append(beaten.isEmpty() ? "nothing" : String.join(", ", beaten));
        if (!notBeaten.isEmpty()) {
            s.append("; not on ");
            List<String> parts = new ArrayList<>();
            notBeaten.forEach((m, w) ->
                    parts.add(m.name() + " (Glivy " + m.shown().apply(g) + "; " + String.join(", ", w) + ")"));
            s.append(String.join(", ", parts));
        }
        return s.append('.').toString();
    }

    private static List<Outcome> filter(List<Outcome> outcomes, @Nullable Bucket bucket) {
        return bucket == null
                ? outcomes
                : outcomes.stream()
                        .filter(o -> Bucket.of(o.runTime()) == bucket)
                        .toList();
    }

    /** Whether displayed value {@code a} is strictly lower than {@code b} ("123 ms", "4.5" or "6"). */
    private static boolean lower(String a, String b) {
        return number(a) < number(b);
    }

    private static double number(String shown) {
        return Double.parseDouble(shown.replace(" ms", ""));
    }

    private static String shortName(String name) {
        int paren = name.indexOf(" (");
        return paren < 0 ? name : name.substring(0, paren);
    }

    private static String cells(Stats s) {
        StringBuilder out = new StringBuilder();
        for (Metric m : METRICS) {
            out.append(" | ").append(m.shown().apply(s));
        }
        return out.append(" |").toString();
    }

    /** Statements per bucket, for the description of the mix. */
    static String bucketCounts(StatementMix mix) {
        Map<Bucket, Integer> counts = new EnumMap<>(Bucket.class);
        for (int i = 0; i < mix.size(); i++) {
            counts.merge(Bucket.of(mix.duration(i)), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((b, n) -> parts.add(b.label() + ": " + n));
        return String.join(", ", parts);
    }
}
