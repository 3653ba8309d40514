package dev.glivy.local.internal;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.StatementNotFoundException;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The local transport's one factory for {@link dev.glivy.SessionException}s, so states map to exceptions the same
 * way everywhere. Nothing here is retryable: there is no network to be flaky.
 *
 * <p>Pure functions; thread-safe.
 */
public final class LocalErrors {
    /** The backend name in exceptions and results. */
    public static final String BACKEND = "local";

    private LocalErrors() {}

    /** The session is not (or no longer) known to this transport. */
    public static SessionLostException unknownSession(String sessionId) {
        return new SessionLostException(
                "Session " + sessionId + " is not known to this local transport: it was "
                        + "stopped, or never created here. Local sessions live only in the LocalTransport that created "
                        + "them.",
                null,
                sessionId,
                BACKEND,
                SessionState.LOST);
    }

    /** The session is not ready for statements. */
    public static SessionBackendException notReady(String sessionId, SessionState state, String detail) {
        return new SessionBackendException(
                "Session " + sessionId + " (local) is " + state.name().toLowerCase() + ", not ready for statements"
                        + (detail.isEmpty() ? "" : ": " + detail),
                null,
                sessionId,
                BACKEND,
                409,
                "SessionNotReady",
                null,
                false);
    }

    /** A statement id the session does not have. */
    public static StatementNotFoundException unknownStatement(String sessionId, String statementId) {
        return new StatementNotFoundException(
                "Statement " + statementId + " not found in session " + sessionId
                        + " (local); statement ids are 0, 1, 2... in submission order.",
                null,
                sessionId,
                statementId,
                BACKEND,
                404,
                null);
    }

    /** A language the local transport does not run. */
    public static SessionBackendException unsupportedLanguage(
            String sessionId, Language language, Set<Language> supported) {
        return new SessionBackendException(
                "Statement language " + language.label() + " is not supported by the "
                        + "local transport (supported: "
                        + supported.stream().map(Language::label).sorted().collect(Collectors.joining(", "))
                        + "). Run Python or R statements on Livy or AWS Glue.",
                null,
                sessionId,
                BACKEND,
                400,
                "UnsupportedLanguage",
                null,
                false);
    }

    /** A session id (client token) already in use by a live session. */
    public static SessionBackendException duplicateSession(String sessionId) {
        return new SessionBackendException(
                "A local session with id " + sessionId + " already exists; session ids "
                        + "must be unique among the open sessions of a LocalTransport.",
                null,
                sessionId,
                BACKEND,
                409,
                "AlreadyExists",
                null,
                false);
    }

    /** The transport was closed. */
    public static SessionStateException closed(@Nullable String sessionId) {
        return new SessionStateException(
                "The local transport is closed; its sessions were stopped. Build a new " + "LocalTransport.",
                null,
                sessionId,
                BACKEND,
                SessionState.STOPPED);
    }
}
