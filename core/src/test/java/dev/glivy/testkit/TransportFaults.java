package dev.glivy.testkit;

/**
 * Fault injection of core's {@link FakeSessionTransport} ({@link FaultPlan}), for core's own tests. Core's tests
 * cannot depend on glivy-test (it depends on core), so this is a copy of glivy-test's
 * {@code dev.glivy.test.contract.TransportFaults}, which the contract suite, the fake Livy server and the Glue stub
 * use; glivy-test's {@code FakeSessionTransportContractTest} adapts one to the other by fault name. Keep the two
 * enums equal.
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
