package dev.glivy.glue.stub;

import dev.glivy.test.contract.TransportFaults;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fault plan of one {@link GlueStub}: which Glue requests go wrong, and how ({@link StubFault}). Operations are
 * Glue operation names ({@code "RunStatement"}, {@code "ListStatements"}...); STS calls are never faulted.
 *
 * <p>For each request the stub asks, in this order: a fault queued with {@link #next} for that operation (one-shot,
 * first in first out), else the rules in the order they were added; every rule covering the operation counts the
 * request (so "every 7th" means the 7th, 14th... request the rule covers, faulted or not) and the first rule that
 * fires decides. Rules:
 * <ul>
 *   <li>{@link #every(int, StubFault, String...)}: every Nth request of the given operations together (none given:
 *       of all Glue operations together);
 *   <li>{@link #rate(double, StubFault, String...)}: each request with a probability;
 *   <li>{@link #mix(Map, String...)}: one draw per request across several faults with given rates.
 * </ul>
 * Random draws come from a {@link SplittableRandom} per rule, seeded from {@link #seed(long)} and the rule's position:
 * the same seed and the same order of arriving requests give the same faults (a sequential client is fully
 * reproducible; concurrent clients are as reproducible as their arrival order). Every injected fault is counted
 * ({@link #injected()}).
 *
 * <p>Thread-safe.
 */
public final class StubFaults {
    /** Default delay of {@link StubFault#SLOW} answers: 500 ms. */
    public static final Duration DEFAULT_SLOW_ANSWER = Duration.ofMillis(500);

    private final Map<String, ArrayDeque<StubFault>> queued = new HashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, Map<StubFault, Integer>> injected = new TreeMap<>();
    private long seed;
    private Duration slow = DEFAULT_SLOW_ANSWER;

    private static final Map<String, String> SPI_TO_GLUE = Map.of(
            "createSession",
            "CreateSession",
            "getSession",
            "GetSession",
            "findSession",
            "GetSession",
            "stopSession",
            "StopSession",
            "submitStatement",
            "RunStatement",
            "getStatement",
            "GetStatement",
            "listStatements",
            "ListStatements",
            "cancelStatement",
            "CancelStatement",
            "listSessions",
            "ListSessions");

    StubFaults() {}

    /** The Glue operation of a {@link TransportFaults} (SPI method) name; a Glue name as is. */
    static String glueOperation(String spiOrGlue) {
        return SPI_TO_GLUE.getOrDefault(spiOrGlue, spiOrGlue);
    }

    /** The stub fault of a contract-suite fault (not CONNECTION_REFUSED, which the HTTP client injects). */
    static StubFault of(TransportFaults.Fault fault) {
        return switch (fault) {
            case THROTTLE -> StubFault.THROTTLE;
            case SERVER_ERROR -> StubFault.INTERNAL_ERROR;
            case RESPONSE_LOST -> StubFault.CUT_AFTER_APPLY;
            case UNAVAILABLE -> StubFault.PROXY_503;
            case SLOW -> StubFault.SLOW;
            case CONNECTION_REFUSED ->
                throw new IllegalArgumentException("refused connections are injected by " + "the stub's HTTP client");
        };
    }

    /** Queues {@code fault} for the next request of {@code operation} (several queue up in order). */
    public synchronized StubFaults next(String operation, StubFault fault) {
        queued.computeIfAbsent(Objects.requireNonNull(operation, "operation must not be null"), k -> new ArrayDeque<>())
                .add(Objects.requireNonNull(fault, "fault must not be null"));
        return this;
    }

    /**
     * Faults every {@code n}th request of {@code operations} counted together (none: all Glue operations), for
     * example {@code every(7, THROTTLE)} or {@code every(10, CUT_AFTER_APPLY, "RunStatement")}.
     */
    public synchronized StubFaults every(int n, StubFault fault, String... operations) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be > 0 but was " + n);
        }
        rules.add(new Rule(
                Set.of(operations), n, new TreeMap<>(), Objects.requireNonNull(fault, "fault must not be null")));
        reseed();
        return this;
    }

    /** Faults each request of {@code operations} (none: all Glue operations) with {@code probability}. */
    public synchronized StubFaults rate(double probability, StubFault fault, String... operations) {
        return mix(Map.of(Objects.requireNonNull(fault, "fault must not be null"), probability), operations);
    }

    /**
     * One random draw per request of {@code operations} (none: all Glue operations): fault {@code f} with
     * probability {@code rates.get(f)}; the rates must add up to at most 1. Deterministic per {@link #seed(long)}.
     */
    public synchronized StubFaults mix(Map<StubFault, Double> rates, String... operations) {
        TreeMap<Double, StubFault> cumulative = new TreeMap<>();
        double total = 0;
        for (Map.Entry<StubFault, Double> e : new EnumMap<>(rates).entrySet()) {
            if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw new IllegalArgumentException(
                        "rate of " + e.getKey() + " must be in [0, 1] but was " + e.getValue());
            }
            if (e.getValue() > 0) {
                total += e.getValue();
                cumulative.put(total, e.getKey());
            }
        }
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("rates must add up to at most 1 but add up to " + total);
        }
        rules.add(new Rule(Set.of(operations), 0, cumulative, null));
        reseed();
        return this;
    }

    /** Seeds the random rules and restarts their sequences (and every rule's count). Default 0. */
    public synchronized StubFaults seed(long seed) {
        this.seed = seed;
        reseed();
        return this;
    }

    /** How long a {@link StubFault#SLOW} answer is held back. Default {@link #DEFAULT_SLOW_ANSWER}. */
    public synchronized StubFaults slowAnswer(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
        }
        this.slow = delay;
        return this;
    }

    /** Removes every rule and queued fault (counts of injected faults stay). */
    public synchronized void clear() {
        rules.clear();
        queued.clear();
    }

    /** How many faults were injected, per operation and fault, since the stub started. */
    public synchronized Map<String, Map<StubFault, Integer>> injected() {
        Map<String, Map<StubFault, Integer>> out = new LinkedHashMap<>();
        injected.forEach((op, m) -> out.put(op, Map.copyOf(m)));
        return out;
    }

    /** How many times {@code fault} was injected into {@code operation}. */
    public synchronized int injected(String operation, StubFault fault) {
        return injected.getOrDefault(operation, Map.of()).getOrDefault(fault, 0);
    }

    /** How many faults of kind {@code fault} were injected into any operation. */
    public synchronized int injected(StubFault fault) {
        return injected.values().stream()
                .mapToInt(m -> m.getOrDefault(fault, 0))
                .sum();
    }

    synchronized Duration slowDelay() {
        return slow;
    }

    /** The fault for one arriving request of {@code operation}, or {@code null}; counts it. */
    synchronized @Nullable StubFault decide(String operation) {
        ArrayDeque<StubFault> q = queued.get(operation);
        StubFault chosen = q == null ? null : q.poll();
        for (Rule r : rules) {
            StubFault f = r.covers(operation) ? r.fire() : null;
            if (chosen == null) {
                chosen = f;
            }
        }
        if (chosen != null) {
            injected.computeIfAbsent(operation, k -> new EnumMap<>(StubFault.class))
                    .merge(chosen, 1, Integer::sum);
        }
        return chosen;
    }

    private void reseed() {
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).restart(new SplittableRandom(seed * 1_000_003L + i));
        }
    }

    /** One rule: every {@code n}th covered request ({@code n > 0}), or a draw over {@code cumulative} rates. */
    private static final class Rule {
        private final Set<String> operations;
        private final int n;
        private final TreeMap<Double, StubFault> cumulative;
        private final @Nullable StubFault periodic;
        private long count;
        private SplittableRandom random = new SplittableRandom(0);

        Rule(Set<String> operations, int n, TreeMap<Double, StubFault> cumulative, @Nullable StubFault periodic) {
            this.operations = operations;
            this.n = n;
            this.cumulative = cumulative;
            this.periodic = periodic;
        }

        boolean covers(String operation) {
            return operations.isEmpty() || operations.contains(operation);
        }

        void restart(SplittableRandom r) {
            this.random = r;
            this.count = 0;
        }

        @Nullable
        StubFault fire() {
            count++;
            if (n > 0) {
                return count % n == 0 ? periodic : null;
            }
            Map.Entry<Double, StubFault> e = cumulative.higherEntry(random.nextDouble());
            return e == null ? null : e.getValue();
        }
    }
}
