package dev.glivy.spi;

import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import java.util.Objects;

/**
 * What to create: the effective configuration (all layers resolved and validated), the session's default language
 * and a client token that is unique per creation attempt chain, so the transport can find a session whose creation
 * answer was lost (Glue uses it as the session id unless one is configured; Livy as the session name).
 *
 * <p>Immutable.
 */
public final class CreateSessionRequest {
    private final SessionConfig config;
    private final Language language;
    private final String clientToken;

    private CreateSessionRequest(SessionConfig config, Language language, String clientToken) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.language = Objects.requireNonNull(language, "language must not be null");
        this.clientToken = Objects.requireNonNull(clientToken, "clientToken must not be null");
    }

    /** Creates a request. */
    public static CreateSessionRequest of(SessionConfig config, Language language, String clientToken) {
        return new CreateSessionRequest(config, language, clientToken);
    }

    /** The effective configuration. */
    public SessionConfig config() {
        return config;
    }

    /** The session's default language. */
    public Language language() {
        return language;
    }

    /**
     * The client token: the configured {@code %session_id}, or {@code <session_id_prefix>-<uuid>}, or
     * {@code glivy-<uuid>}. Characters are from {@code [-/._#A-Za-z0-9]}.
     */
    public String clientToken() {
        return clientToken;
    }

    @Override
    public String toString() {
        return "CreateSessionRequest{clientToken=" + clientToken + ", language=" + language + ", config=" + config
                + "}";
    }
}
