package dev.glivy.livy.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Periodic and seeded-random faults for {@link FakeLivyServer}, per operation, plus the request counts a fault soak
 * reports. Get it from {@link FakeLivyServer#faultPlan()}. Operations are the names of
 * {@link RecordedRequest#operation()}: {@code createSession}, {@code getSession}, {@code listSessions},
 * {@code stopSession}, {@code keepAlive}, {@code sessionLog}, {@code submitStatement}, {@code getStatement},
 * {@code listStatements}, {@code cancelStatement}, {@code completion}, {@code version}; {@link #ANY_OPERATION}
 * matches them all.
 *
 * <p>Each request of an operation gets a number: 1, 2, 3... in arrival order ({@link #ANY_OPERATION} rules count all
 * requests together). A rule's decision is a pure function of the seed, the rule's position in the plan, the
 * operation and that number, so a run is reproducible for a given seed and arrival order. Per request, the delays of
 * all triggered {@link LivyFault.Kind#SLOW} rules add up, and the first other triggered rule (in the order added)
 * decides the answer. Faults queued with {@link FakeLivyServer#failNext} take precedence over the plan.
 *
 * <p>Thread-safe.
 */
public final class FaultPlan {
    /** Matches every operation. */
    public static final String ANY_OPERATION = "*";

    private record Rule(String operation, int every, double rate, LivyFault fault) {}

    /** What the plan decided for one request. */
    record Decision(@Nullable LivyFault fault, Duration delay) {
        static final Decision NONE = new Decision(null, Duration.ZERO);
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, Integer> requests = new TreeMap<>();
    private final Map<String, Integer> injected = new TreeMap<>();
    private int total;
    private long seed;
    private int pageSize;

    FaultPlan() {}

    /** The seed of the random rules; default 0. */
    public synchronized FaultPlan seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Injects {@code fault} into every {@code n}-th request of {@code operation} (the n-th, 2n-th, ...).
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public synchronized FaultPlan every(String operation, int n, LivyFault fault) {
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(fault, "fault must not be null");
        if (n < 1) {
            throw new IllegalArgumentException("n must be > 0 but was " + n);
        }
        rules.add(new Rule(operation, n, 0, fault));
        return this;
    }

    /**
     * Injects {@code fault} into each request of {@code operation} with probability {@code rate}, drawn from the
     * seed (see the class comment). Several calls make a mix, for example 5 % throttling plus 5 % lost answers.
     *
     * @throws IllegalArgumentException when {@code rate} is outside 0..1
     */
    public synchronized FaultPlan randomly(String operation, double rate, LivyFault fault) {
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(fault, "fault must not be null");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in 0..1 but was " + rate);
        }
        rules.add(new Rule(operation, 0, rate, fault));
        return this;
    }

    /**
     * The most items one page of {@code GET /sessions} or {@code GET /sessions/{id}/statements} holds, whatever
     * {@code size} the client asks for; 0 (the default) for no cap. Livy has no such cap; other servers and proxies
     * do, and a client must still list everything.
     */
    public synchronized FaultPlan pageSize(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0 but was " + max);
        }
        this.pageSize = max;
        return this;
    }

    /** Removes every rule and the page size cap; the seed and the counts stay. */
    public synchronized FaultPlan clear() {
        rules.clear();
        pageSize = 0;
        return this;
    }

    /** Sets every count to zero. */
    public synchronized FaultPlan resetCounts() {
        requests.clear();
        injected.clear();
        total = 0;
        return this;
    }

    /** How many requests of {@code operation} arrived ({@link #ANY_OPERATION}: all requests). */
    public synchronized int requests(String operation) {
        return operation.equals(ANY_OPERATION) ? total : requests.getOrDefault(operation, 0);
    }

    /** Requests per operation, by operation name. */
    public synchronized Map<String, Integer> requests() {
        return Map.copyOf(requests);
    }

    /** How many faults of {@code kind} the plan injected into requests of {@code operation}. */
    public synchronized int injected(String operation, LivyFault.Kind kind) {
        return injected.getOrDefault(operation + ":" + kind, 0);
    }

    /** Injected faults by {@code "<operation>:<KIND>"}. */
    public synchronized Map<String, Integer> injected() {
        return Map.copyOf(injected);
    }

    synchronized int pageSizeCap() {
        return pageSize;
    }

    /** Counts a request and decides its fault; {@code evaluate=false} only counts it. */
    synchronized Decision decide(String operation, boolean evaluate) {
        int n = requests.merge(operation, 1, Integer::sum);
        int all = ++total;
        if (!evaluate || rules.isEmpty()) {
            return Decision.NONE;
        }
        LivyFault answer = null;
        Duration delay = Duration.ZERO;
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            boolean any = r.operation.equals(ANY_OPERATION);
            if (!any && !r.operation.equals(operation)) {
                continue;
            }
            int index = any ? all : n;
            boolean hit = r.every > 0 ? index % r.every == 0 : draw(i, r.operation, index) < r.rate;
            if (!hit) {
                continue;
            }
            if (r.fault.kind() == LivyFault.Kind.SLOW) {
                delay = delay.plus(r.fault.delay());
                injected.merge(operation + ":" + LivyFault.Kind.SLOW, 1, Integer::sum);
            } else if (answer == null) {
                answer = r.fault;
                injected.merge(operation + ":" + r.fault.kind(), 1, Integer::sum);
            }
        }
        return answer == null && delay.isZero() ? Decision.NONE : new Decision(answer, delay);
    }

    /** A uniform number in [0, 1) from the seed, the rule, the operation and the request number (SplitMix64). */
    private double draw(int rule, String operation, int index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ rule);
        h = mix(h ^ operation.hashCode());
        h = mix(h ^ index);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
