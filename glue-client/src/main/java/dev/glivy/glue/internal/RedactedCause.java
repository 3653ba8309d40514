package dev.glivy.glue.internal;

import dev.glivy.internal.Redaction;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for an AWS SDK exception whose message carried something {@link Redaction} masks (a presigned URL, an
 * {@code X-Amz-Signature} or {@code X-Amz-Credential}, a session token, a {@code secret=...} pair), so that the cause
 * chain of a Glivy exception, printed with its stack trace, shows no secret either. It keeps the original's class
 * name (in {@link #toString()}) and stack trace; its message is the original's, redacted. Only
 * {@link GlueErrorMapper#cause(Throwable)} makes one, and only when redaction changes a message in the chain.
 */
final class RedactedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;

    RedactedCause(Throwable original, @Nullable Throwable cause) {
        super(Redaction.text(String.valueOf(original.getMessage())), cause, false, true);
        this.type = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** The class name of the exception this stands in for. */
    String type() {
        return type;
    }

    @Override
    public String toString() {
        return type + " (message redacted by Glivy): " + getMessage();
    }
}
