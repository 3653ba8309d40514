package dev.glivy.glue.stub;

/**
 * A fault {@link GlueStub} can put on one Glue request (see {@link StubFaults}). "Applied" means the operation took
 * effect in the stub (a RunStatement created its statement, a CreateSession its session) before the answer went
 * wrong; the other faults leave the stub unchanged.
 */
public enum StubFault {
    /** HTTP 400 awsJson {@code ThrottlingException} "Rate exceeded"; nothing applied. */
    THROTTLE,
    /** HTTP 500 {@code InternalServiceException}; nothing applied (the client cannot know that). */
    INTERNAL_ERROR,
    /** Applied, then HTTP 500 {@code InternalServiceException}. */
    INTERNAL_ERROR_AFTER_APPLY,
    /** HTTP 503 from a proxy in front of Glue (an HTML body, no AWS error type); nothing applied. */
    PROXY_503,
    /** The connection is closed without an answer before anything is applied (the client sees an I/O error). */
    CUT_BEFORE_APPLY,
    /** Applied, then the connection is closed without an answer (the client sees an I/O error). */
    CUT_AFTER_APPLY,
    /** Applied and answered normally, after {@link StubFaults#slowAnswer(java.time.Duration)}. */
    SLOW;

    /** Whether the request takes effect in the stub under this fault. */
    public boolean applies() {
        return this == INTERNAL_ERROR_AFTER_APPLY || this == CUT_AFTER_APPLY || this == SLOW;
    }
}
