package dev.glivy.spi;

import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.internal.JsonOutputs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A statement as the backend describes it: id, normalized and raw state, code, outputs by MIME type, the user-code
 * error, execution count, progress and times.
 *
 * <p>Immutable.
 */
public final class RemoteStatement {
    private final String id;
    private final StatementState state;
    private final String backendState;
    private final @Nullable String code;
    private final Map<String, String> outputs;
    private final @Nullable JsonOutput json;
    private final @Nullable StatementError error;
    private final @Nullable Integer executionCount;
    private final @Nullable Double progress;
    private final @Nullable Instant startedAt;
    private final @Nullable Instant completedAt;

    private RemoteStatement(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id must not be null");
        this.state = Objects.requireNonNull(b.state, "state must not be null");
        this.backendState = b.backendState == null ? b.state.name() : b.backendState;
        this.code = b.code;
        this.outputs = Map.copyOf(b.outputs);
        this.json = b.json;
        this.error = b.error;
        this.executionCount = b.executionCount;
        this.progress = b.progress;
        this.startedAt = b.startedAt;
        this.completedAt = b.completedAt;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The statement id. */
    public String id() {
        return id;
    }

    /** The normalized state. */
    public StatementState state() {
        return state;
    }

    /** The backend's own state name. */
    public String backendState() {
        return backendState;
    }

    /** The code, when the backend echoes it (used to reconcile an ambiguous submission). */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * Outputs by MIME type (JSON as text, PNG as base64). An {@code application/json} output given as a
     * {@link JsonOutput} is decoded to text each time its value is read; core reads it through {@link #jsonOutput()}.
     */
    public Map<String, String> outputs() {
        return json == null ? outputs : new JsonOutputs(outputs, json);
    }

    /** The {@code application/json} output when the transport gave it as a {@link JsonOutput}. */
    public Optional<JsonOutput> jsonOutput() {
        return Optional.ofNullable(json);
    }

    /** The user-code error, when the output status is an error. */
    public Optional<StatementError> error() {
        return Optional.ofNullable(error);
    }

    /** The execution count. */
    public Optional<Integer> executionCount() {
        return Optional.ofNullable(executionCount);
    }

    /** Progress between 0 and 1, when the backend reports it. */
    public OptionalDouble progress() {
        return progress == null ? OptionalDouble.empty() : OptionalDouble.of(progress);
    }

    /** Backend start time. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** Backend completion time. */
    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    @Override
    public String toString() {
        return "RemoteStatement{id=" + id + ", state=" + state + " (" + backendState + "), outputs="
                + JsonOutputs.types(outputs, json) + (error == null ? "" : ", error=" + error) + "}";
    }

    /** Builder for {@link RemoteStatement}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable StatementState state;
        private @Nullable String backendState;
        private @Nullable String code;
        private Map<String, String> outputs = new LinkedHashMap<>();
        private @Nullable JsonOutput json;
        private @Nullable StatementError error;
        private @Nullable Integer executionCount;
        private @Nullable Double progress;
        private @Nullable Instant startedAt;
        private @Nullable Instant completedAt;

        private Builder() {}

        /** Statement id. */
        public Builder id(String v) {
            this.id = v;
            return this;
        }

        /** Normalized state. */
        public Builder state(StatementState v) {
            this.state = v;
            return this;
        }

        /** Raw backend state. */
        public Builder backendState(@Nullable String v) {
            this.backendState = v;
            return this;
        }

        /** Code echo, or {@code null}. */
        public Builder code(@Nullable String v) {
            this.code = v;
            return this;
        }

        /** Outputs by MIME type (copied); replaces all outputs, including one set by {@link #jsonOutput}. */
        public Builder outputs(Map<String, String> v) {
            this.outputs = new LinkedHashMap<>(v);
            this.json = null;
            return this;
        }

        /** Adds one output as text (an {@code application/json} one replaces a {@link #jsonOutput}). */
        public Builder output(String mimeType, String value) {
            if (StatementResult.APPLICATION_JSON.equals(mimeType)) {
                this.json = null;
            }
            this.outputs.put(mimeType, value);
            return this;
        }

        /**
         * The {@code application/json} output as the transport read it, for example the exact bytes of the answer
         * ({@link JsonOutput#utf8}), so core decodes a large SQL table without a String copy; replaces a text one
         * ({@code null} sets none, a text one stays).
         */
        public Builder jsonOutput(@Nullable JsonOutput v) {
            if (v != null) {
                this.outputs.remove(StatementResult.APPLICATION_JSON);
            }
            this.json = v;
            return this;
        }

        /** User-code error, or {@code null}. */
        public Builder error(@Nullable StatementError v) {
            this.error = v;
            return this;
        }

        /** Execution count, or {@code null}. */
        public Builder executionCount(@Nullable Integer v) {
            this.executionCount = v;
            return this;
        }

        /** Progress 0..1, or {@code null}. */
        public Builder progress(@Nullable Double v) {
            this.progress = v;
            return this;
        }

        /** Start time, or {@code null}. */
        public Builder startedAt(@Nullable Instant v) {
            this.startedAt = v;
            return this;
        }

        /** Completion time, or {@code null}. */
        public Builder completedAt(@Nullable Instant v) {
            this.completedAt = v;
            return this;
        }

        /** Builds the statement. */
        public RemoteStatement build() {
            return new RemoteStatement(this);
        }
    }
}
