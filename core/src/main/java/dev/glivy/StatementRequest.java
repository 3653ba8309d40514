package dev.glivy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A statement to run: the code, and optionally its language, its own deadline and whether a user-code error throws.
 *
 * <p>Immutable. Create one with {@link #of(String)} or {@link #builder()}.
 */
public final class StatementRequest {
    /** Whether a user-code error makes {@code execute} throw {@link StatementFailedException}: {@value}. */
    public static final boolean DEFAULT_FAIL_ON_ERROR = true;

    private final String code;
    private final @Nullable Language language;
    private final @Nullable Duration timeout;
    private final boolean failOnError;
    private final @Nullable Consumer<StatementProgress> onProgress;

    private StatementRequest(Builder b) {
        this.code = b.code;
        this.language = b.language;
        this.timeout = b.timeout;
        this.failOnError = b.failOnError;
        this.onProgress = b.onProgress;
    }

    /** A request for {@code code} in the session's default language, with the session's statement timeout. */
    public static StatementRequest of(String code) {
        return builder().code(code).build();
    }

    /** A request for {@code code} in {@code language}. */
    public static StatementRequest of(String code, Language language) {
        return builder().code(code).language(language).build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder().code(code).failOnError(failOnError);
        b.language = language;
        b.timeout = timeout;
        b.onProgress = onProgress;
        return b;
    }

    /** The code to run, never blank. */
    public String code() {
        return code;
    }

    /** The statement's language, or {@code null} for the session's default language. */
    public @Nullable Language language() {
        return language;
    }

    /** This statement's deadline, or {@code null} for the session's statement timeout. */
    public @Nullable Duration timeout() {
        return timeout;
    }

    /** Whether a user-code error throws {@link StatementFailedException} (default {@code true}). */
    public boolean failOnError() {
        return failOnError;
    }

    /**
     * This statement's own progress listener, or {@code null} (the default).
     *
     * @since 0.3
     */
    public @Nullable Consumer<StatementProgress> onProgress() {
        return onProgress;
    }

    @Override
    public String toString() {
        return "StatementRequest{language=" + language + ", timeout=" + timeout + ", failOnError=" + failOnError
                + (onProgress == null ? "" : ", onProgress") + ", code=" + code.length() + " chars}";
    }

    /** Builder for {@link StatementRequest}. Not thread-safe. */
    public static final class Builder {
        private String code = "";
        private @Nullable Language language;
        private @Nullable Duration timeout;
        private boolean failOnError = DEFAULT_FAIL_ON_ERROR;
        private @Nullable Consumer<StatementProgress> onProgress;

        private Builder() {}

        /** The code to run; must not be blank. */
        public Builder code(String code) {
            this.code = Objects.requireNonNull(code, "code must not be null");
            return this;
        }

        /** The statement's language; default: the session's language. */
        public Builder language(Language language) {
            this.language = Objects.requireNonNull(language, "language must not be null");
            return this;
        }

        /** This statement's deadline, measured from submission; must be positive. Default: the session's. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Whether a user-code error throws; default {@value StatementRequest#DEFAULT_FAIL_ON_ERROR}. */
        public Builder failOnError(boolean failOnError) {
            this.failOnError = failOnError;
            return this;
        }

        /**
         * Receives this statement's progress while it runs, besides the session listeners'
         * {@link SessionListener#onProgress}: on every state change and otherwise at most once per
         * {@link StatementProgress#MIN_INTERVAL}, in order, on the completion executor (never an I/O thread). It must
         * be quick; what it throws is logged and ignored. Default: none, and then this statement makes no progress
         * events unless a session listener wants them.
         *
         * @since 0.3
         */
        public Builder onProgress(Consumer<StatementProgress> listener) {
            this.onProgress = Objects.requireNonNull(listener, "onProgress must not be null");
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalArgumentException when the code is blank (empty or only white space), like
         *     {@code SqlRequest} for a blank query
         */
        public StatementRequest build() {
            if (code.isBlank()) {
                throw new IllegalArgumentException("code must not be blank but was "
                        + (code.isEmpty() ? "empty" : code.length() + " white-space characters")
                        + ": give the statement some code to run");
            }
            return new StatementRequest(this);
        }
    }
}
