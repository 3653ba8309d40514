package dev.glivy.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public names of Glivy's loggers (documented in the README's "Logging" section), so users configure levels by
 * what they use rather than by internal class names: {@value #SESSION} (session lifecycle: start, stop, state
 * changes, retries, keep-alives, the JVM shutdown hook and every WARN about a session), {@value #STATEMENT}
 * (statements: completion, reconciliation), and one logger per transport ({@code dev.glivy.livy},
 * {@code dev.glivy.glue}, {@code dev.glivy.local}, plus Livy's TRACE-only {@code dev.glivy.wire.livy}).
 * Each line names the session as {@code session <id>}, or {@code new session} before the backend gave it an id.
 * Stateless; thread-safe.
 */
@InternalApi
public final class GlivyLoggers {
    /** Session lifecycle and warnings: {@value}. */
    public static final String SESSION = "dev.glivy.session";
    /** Statements: {@value}. */
    public static final String STATEMENT = "dev.glivy.statement";

    private GlivyLoggers() {}

    /** The session logger. */
    public static Logger session() {
        return LoggerFactory.getLogger(SESSION);
    }

    /** The statement logger. */
    public static Logger statement() {
        return LoggerFactory.getLogger(STATEMENT);
    }

    /** How log lines name a session: {@code session <id>}, or {@code new session} while it has no id yet. */
    public static String name(@Nullable String sessionId) {
        return sessionId == null || sessionId.isEmpty() ? "new session" : "session " + sessionId;
    }
}
