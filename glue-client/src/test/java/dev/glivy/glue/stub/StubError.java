package dev.glivy.glue.stub;

/** A Glue error answer of {@link GlueStub}: HTTP status, AWS error code and message. */
final class StubError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    StubError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
