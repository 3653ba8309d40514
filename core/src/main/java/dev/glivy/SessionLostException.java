package dev.glivy;

import org.jspecify.annotations.Nullable;

/**
 * The remote session is gone: the backend no longer knows it ({@link SessionState#LOST}), it died
 * ({@link SessionState#FAILED}) or it reached its own time limit ({@link SessionState#EXPIRED}). Everything defined
 * in it is lost. Build a new session, or enable {@link SessionBuilder#recreateLostSession(boolean)}.
 */
public class SessionLostException extends SessionStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, with identifiers and the backend's last words (log lines) when known
     * @param cause the underlying cause, or {@code null}
     * @param sessionId the session id
     * @param backend the backend name
     * @param state {@link SessionState#LOST}, {@link SessionState#FAILED} or {@link SessionState#EXPIRED}
     */
    public SessionLostException(
            String message, @Nullable Throwable cause, @Nullable String sessionId, String backend, SessionState state) {
        super(message, cause, sessionId, backend, state);
    }
}
