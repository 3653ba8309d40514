package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * A statement ran, but its output could not be read as a typed result: a value that does not fit its column, a
 * malformed schema, an envelope cut off by the backend's output limit, output from a different Glivy version.
 * The message names the statement (when there is one), the row and column, and what was expected.
 *
 * <p>Not retryable: running the same query again produces the same output.
 */
public class ResultFormatException extends SessionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what could not be read, where, and a hint
     * @param cause the underlying parse error, or {@code null}
     * @param sessionId the session id, or {@code null} when the output did not come from a session
     * @param backend the backend name, or {@code "none"} when the output did not come from a session
     */
    public ResultFormatException(
            String message, @Nullable Throwable cause, @Nullable String sessionId, String backend) {
        super(message, cause, sessionId, backend, false);
    }
}
