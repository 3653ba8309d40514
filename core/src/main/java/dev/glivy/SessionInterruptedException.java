package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * A blocking call was interrupted. The thread's interrupt flag is set again before this is thrown, and a statement
 * being waited for has been cancelled on the backend.
 */
public class SessionInterruptedException extends SessionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what was interrupted
     * @param cause the {@link InterruptedException}
     * @param sessionId the session id, or {@code null}
     * @param backend the backend name
     */
    public SessionInterruptedException(
            String message, InterruptedException cause, @Nullable String sessionId, String backend) {
        super(message, cause, sessionId, backend, false);
    }
}
