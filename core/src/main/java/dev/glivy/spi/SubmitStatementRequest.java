package dev.glivy.spi;

import dev.glivy.Language;
import java.util.Objects;

/**
 * A statement to submit: code and language (already resolved to one the transport supports).
 *
 * <p>Immutable.
 */
public final class SubmitStatementRequest {
    private final String code;
    private final Language language;

    private SubmitStatementRequest(String code, Language language) {
        this.code = Objects.requireNonNull(code, "code must not be null");
        this.language = Objects.requireNonNull(language, "language must not be null");
    }

    /** Creates a request. */
    public static SubmitStatementRequest of(String code, Language language) {
        return new SubmitStatementRequest(code, language);
    }

    /** The code. */
    public String code() {
        return code;
    }

    /** The language. */
    public Language language() {
        return language;
    }

    @Override
    public String toString() {
        return "SubmitStatementRequest{language=" + language + ", code=" + code.length() + " chars}";
    }
}
