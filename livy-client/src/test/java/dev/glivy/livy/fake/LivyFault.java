package dev.glivy.livy.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault {@link FaultPlan} injects into one request of {@link FakeLivyServer}. Some happen before the request reaches
 * Livy (a proxy's 503 or 502, a gateway's 429: nothing happens on the server); the others happen after the server
 * applied the request (the answer is lost, replaced by a 500, or sent late).
 *
 * <p>Immutable.
 */
public final class LivyFault {
    /** What the fault does. */
    public enum Kind {
        /** A proxy in front of Livy answers 503 (HTML body); the request never reaches Livy. */
        PROXY_UNAVAILABLE(false),
        /** A proxy in front of Livy answers 502 (HTML body); the request never reaches Livy. */
        BAD_GATEWAY(false),
        /** A gateway throttles: 429 with {@code Retry-After: 1}; the request never reaches Livy. */
        THROTTLED(false),
        /** Livy applies the request, then the connection closes without an answer (an I/O error for the client). */
        ANSWER_LOST(true),
        /** Livy applies the request, then answers 500 (as when its servlet throws after creating a statement). */
        SERVER_ERROR_AFTER_APPLY(true),
        /** Livy applies the request and answers normally, after a delay. */
        SLOW(true);

        private final boolean applied;

        Kind(boolean applied) {
            this.applied = applied;
        }

        /** Whether the server performs the request despite the fault. */
        public boolean applied() {
            return applied;
        }
    }

    private final Kind kind;
    private final Duration delay;

    private LivyFault(Kind kind, Duration delay) {
        this.kind = kind;
        this.delay = delay;
    }

    /** A proxy's 503: nothing happens on the server. */
    public static LivyFault proxyUnavailable() {
        return new LivyFault(Kind.PROXY_UNAVAILABLE, Duration.ZERO);
    }

    /** A proxy's 502: nothing happens on the server. */
    public static LivyFault badGateway() {
        return new LivyFault(Kind.BAD_GATEWAY, Duration.ZERO);
    }

    /** A gateway's 429: nothing happens on the server. */
    public static LivyFault throttled() {
        return new LivyFault(Kind.THROTTLED, Duration.ZERO);
    }

    /** The server applies the request, then closes the connection without answering. */
    public static LivyFault answerLost() {
        return new LivyFault(Kind.ANSWER_LOST, Duration.ZERO);
    }

    /** The server applies the request, then answers 500. */
    public static LivyFault serverErrorAfterApply() {
        return new LivyFault(Kind.SERVER_ERROR_AFTER_APPLY, Duration.ZERO);
    }

    /**
     * The server applies the request at once and sends its answer {@code delay} later (a client whose response
     * timeout is shorter sees a lost answer to an applied request).
     */
    public static LivyFault slow(Duration delay) {
        Objects.requireNonNull(delay, "delay must not be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
        }
        return new LivyFault(Kind.SLOW, delay);
    }

    /** What the fault does. */
    public Kind kind() {
        return kind;
    }

    /** The delay of a {@link Kind#SLOW} fault; zero for the others. */
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LivyFault f && f.kind == kind && f.delay.equals(delay);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + delay.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.SLOW ? "SLOW(" + delay.toMillis() + " ms)" : kind.name();
    }
}
