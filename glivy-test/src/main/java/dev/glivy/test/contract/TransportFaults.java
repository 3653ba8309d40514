package dev.glivy.test.contract;

/**
 * Fault injection a test backend offers to {@link TransportContract}: {@code dev.glivy.test.ScriptedTransport}
 * implements it, and so can your own fake server; real servers do not (those contract tests are skipped).
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.2
 *
 * <p>Operation names are the {@link dev.glivy.spi.SessionTransport} method names: {@code createSession},
 * {@code getSession}, {@code stopSession}, {@code submitStatement}, {@code getStatement}, {@code listStatements},
 * {@code cancelStatement}.
 */
public interface TransportFaults {
    /** A failure to inject into the next call of an operation. */
    enum Fault {
        /** The backend answers "throttled" (Glue ThrottlingException, HTTP 429); nothing happens. */
        THROTTLE,
        /** The backend answers with a server error (HTTP 500/503, InternalServiceException); nothing happens. */
        SERVER_ERROR,
        /** The connection is refused: the request never reaches the backend. */
        CONNECTION_REFUSED,
        /** The backend performs the call, then the response is lost (connection reset after the request). */
        RESPONSE_LOST,
        /** A proxy in front of the backend answers 503 (or 502): the request never reached the backend. */
        UNAVAILABLE,
        /** The answer is slow: the call happens, and its answer comes late (a test backend chooses how late). */
        SLOW
    }

    /** Makes the next call of {@code operation} fail with {@code fault}. Faults queue up in order. */
    void failNext(String operation, Fault fault);

    /** Makes the backend forget a session, as if deleted by someone else or garbage collected (HTTP 404). */
    void loseSession(String sessionId);
}
