package dev.glivy;

import dev.glivy.internal.JsonOutputs;
import dev.glivy.spi.JsonOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one statement: its state, outputs by MIME type, the user-code error if any, execution count,
 * progress and timings.
 *
 * <p>Outputs read as text: {@code text/plain} as is, {@code application/json} as JSON text, {@code image/png} as
 * base64 (see {@link #png()}). A transport may hand over the {@code application/json} output as the bytes it
 * received ({@link dev.glivy.spi.JsonOutput}); it then becomes text only when you read it (each read decodes the
 * bytes anew), and a SQL result is decoded from it without a String. Immutable.
 */
public final class StatementResult {
    /** MIME type of plain-text output. */
    public static final String TEXT_PLAIN = "text/plain";
    /** MIME type of JSON output (Livy's SQL results: {@code {"schema":..., "data":[...]}}). */
    public static final String APPLICATION_JSON = "application/json";
    /** MIME type of PNG images, base64 encoded. */
    public static final String IMAGE_PNG = "image/png";

    private final String sessionId;
    private final String statementId;
    private final String backend;
    private final StatementState state;
    private final String code;
    private final Language language;
    private final Map<String, String> outputs;
    private final @Nullable JsonOutput json;
    private final @Nullable StatementError error;
    private final @Nullable Integer executionCount;
    private final double progress;
    private final Instant submittedAt;
    private final @Nullable Instant startedAt;
    private final @Nullable Instant completedAt;
    private final int polls;
    private final boolean sessionRecreated;

    private StatementResult(Builder b) {
        this.sessionId = Objects.requireNonNull(b.sessionId, "sessionId must not be null");
        this.statementId = Objects.requireNonNull(b.statementId, "statementId must not be null");
        this.backend = Objects.requireNonNull(b.backend, "backend must not be null");
        this.state = Objects.requireNonNull(b.state, "state must not be null");
        this.code = Objects.requireNonNull(b.code, "code must not be null");
        this.language = Objects.requireNonNull(b.language, "language must not be null");
        this.outputs = Map.copyOf(b.outputs);
        this.json = b.json;
        this.error = b.error;
        this.executionCount = b.executionCount;
        this.progress = b.progress;
        this.submittedAt = Objects.requireNonNull(b.submittedAt, "submittedAt must not be null");
        this.startedAt = b.startedAt;
        this.completedAt = b.completedAt;
        this.polls = b.polls;
        this.sessionRecreated = b.sessionRecreated;
    }

    /** A new builder (used by Glivy's engine and by test fakes). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this result's values. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .sessionId(sessionId)
                .statementId(statementId)
                .backend(backend)
                .state(state)
                .code(code)
                .language(language)
                .outputs(outputs)
                .progress(progress)
                .submittedAt(submittedAt)
                .polls(polls)
                .sessionRecreated(sessionRecreated);
        b.json = json;
        b.error = error;
        b.executionCount = executionCount;
        b.startedAt = startedAt;
        b.completedAt = completedAt;
        return b;
    }

    /** The id of the session that ran the statement. */
    public String sessionId() {
        return sessionId;
    }

    /** The backend's statement id (opaque; Livy and Glue use integers). */
    public String statementId() {
        return statementId;
    }

    /** The backend name, for example {@code "livy"}. */
    public String backend() {
        return backend;
    }

    /** The statement's state when this result was taken. */
    public StatementState state() {
        return state;
    }

    /** The code that was submitted. */
    public String code() {
        return code;
    }

    /** The statement's language. */
    public Language language() {
        return language;
    }

    /**
     * All outputs by MIME type (unmodifiable); empty when the statement produced none. An {@code application/json}
     * output held as bytes is decoded to text each time its value is read.
     */
    public Map<String, String> outputs() {
        return json == null ? outputs : new JsonOutputs(outputs, json);
    }

    /** The output of one MIME type. */
    public Optional<String> output(String mimeType) {
        if (json != null && APPLICATION_JSON.equals(mimeType)) {
            return Optional.of(json.text());
        }
        return Optional.ofNullable(outputs.get(mimeType));
    }

    /** The {@code application/json} output in the form the transport gave it, or {@code null} when held as text. */
    @Nullable
    JsonOutput jsonOutput() {
        return json;
    }

    /** The outputs held as text (everything but a {@link #jsonOutput()}). */
    Map<String, String> textOutputs() {
        return outputs;
    }

    /** The {@code text/plain} output, or an empty string when there is none. */
    public String text() {
        return outputs.getOrDefault(TEXT_PLAIN, "");
    }

    /** The {@code application/json} output as JSON text. */
    public Optional<String> json() {
        return output(APPLICATION_JSON);
    }

    /** The {@code image/png} output, decoded from base64. */
    public Optional<byte[]> png() {
        return output(IMAGE_PNG).map(s -> Base64.getMimeDecoder().decode(s));
    }

    /** The user-code error, present when the code raised. */
    public Optional<StatementError> error() {
        return Optional.ofNullable(error);
    }

    /** {@code true} when the statement is {@link StatementState#AVAILABLE} and the code raised no error. */
    public boolean succeeded() {
        return state == StatementState.AVAILABLE && error == null;
    }

    /** The backend's execution counter, when it reports one. */
    public Optional<Integer> executionCount() {
        return Optional.ofNullable(executionCount);
    }

    /** Progress between 0 and 1 as last reported by the backend (1 when finished). */
    public double progress() {
        return progress;
    }

    /** When Glivy submitted the statement. */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** When the backend started the statement, if it reports it. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** When the statement completed (backend time if reported, otherwise when Glivy saw it finished). */
    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    /** Time from submission to completion, when completed. */
    public Optional<Duration> duration() {
        return completedAt().map(c -> Duration.between(submittedAt, c));
    }

    /** How many status polls Glivy needed for this statement. */
    public int polls() {
        return polls;
    }

    /**
     * {@code true} when the remote session was lost and Glivy created a new one before running this statement
     * (see {@link SessionBuilder#recreateLostSession(boolean)}): variables and tables defined earlier are gone.
     */
    public boolean sessionRecreated() {
        return sessionRecreated;
    }

    @Override
    public String toString() {
        return "StatementResult{session=" + sessionId + ", statement=" + statementId + ", state=" + state
                + (error == null ? "" : ", error=" + error) + ", outputs=" + JsonOutputs.types(outputs, json) + "}";
    }

    /** Builder for {@link StatementResult}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String sessionId;
        private @Nullable String statementId;
        private String backend = "unknown";
        private @Nullable StatementState state;
        private String code = "";
        private Language language = Language.SCALA;
        private Map<String, String> outputs = new LinkedHashMap<>();
        private @Nullable JsonOutput json;
        private @Nullable StatementError error;
        private @Nullable Integer executionCount;
        private double progress;
        private Instant submittedAt = Instant.EPOCH;
        private @Nullable Instant startedAt;
        private @Nullable Instant completedAt;
        private int polls;
        private boolean sessionRecreated;

        private Builder() {}

        /** The session id. */
        public Builder sessionId(String v) {
            this.sessionId = v;
            return this;
        }

        /** The statement id. */
        public Builder statementId(String v) {
            this.statementId = v;
            return this;
        }

        /** The backend name. */
        public Builder backend(String v) {
            this.backend = v;
            return this;
        }

        /** The statement state. */
        public Builder state(StatementState v) {
            this.state = v;
            return this;
        }

        /** The submitted code. */
        public Builder code(String v) {
            this.code = v;
            return this;
        }

        /** The statement language. */
        public Builder language(Language v) {
            this.language = v;
            return this;
        }

        /** Outputs by MIME type (copied); replaces all outputs, including one set by {@link #jsonOutput}. */
        public Builder outputs(Map<String, String> v) {
            this.outputs = new LinkedHashMap<>(v);
            this.json = null;
            return this;
        }

        /**
         * The {@code application/json} output in the form the transport read it (see {@link JsonOutput}), replacing
         * a text one; {@code null} sets none (a text one stays).
         */
        public Builder jsonOutput(@Nullable JsonOutput v) {
            if (v != null) {
                this.outputs.remove(APPLICATION_JSON);
            }
            this.json = v;
            return this;
        }

        /** The user-code error, or {@code null}. */
        public Builder error(@Nullable StatementError v) {
            this.error = v;
            return this;
        }

        /** The execution count, or {@code null}. */
        public Builder executionCount(@Nullable Integer v) {
            this.executionCount = v;
            return this;
        }

        /** Progress between 0 and 1. */
        public Builder progress(double v) {
            this.progress = v;
            return this;
        }

        /** Submission time. */
        public Builder submittedAt(Instant v) {
            this.submittedAt = v;
            return this;
        }

        /** Backend start time, or {@code null}. */
        public Builder startedAt(@Nullable Instant v) {
            this.startedAt = v;
            return this;
        }

        /** Completion time, or {@code null}. */
        public Builder completedAt(@Nullable Instant v) {
            this.completedAt = v;
            return this;
        }

        /** Number of polls. */
        public Builder polls(int v) {
            this.polls = v;
            return this;
        }

        /** Whether the session was recreated before this statement. */
        public Builder sessionRecreated(boolean v) {
            this.sessionRecreated = v;
            return this;
        }

        /** Builds the result. */
        public StatementResult build() {
            return new StatementResult(this);
        }
    }
}
