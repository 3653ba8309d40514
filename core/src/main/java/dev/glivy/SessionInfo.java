package dev.glivy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a remote session as the backend describes it: id, normalized and raw state, error message, creation
 * time, dashboard link, cost counters and backend-specific attributes (Glue role, worker type, Livy app id, ...).
 *
 * <p>Transports return it from the SPI; {@link InteractiveSession#info()} returns a fresh one. Immutable.
 */
public final class SessionInfo {
    private final String id;
    private final String backend;
    private final SessionState state;
    private final String backendState;
    private final @Nullable String errorMessage;
    private final @Nullable Instant createdAt;
    private final @Nullable String dashboardUrl;
    private final @Nullable Duration executionTime;
    private final @Nullable Double dpuSeconds;
    private final Map<String, String> attributes;

    private SessionInfo(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id must not be null");
        this.backend = Objects.requireNonNull(b.backend, "backend must not be null");
        this.state = Objects.requireNonNull(b.state, "state must not be null");
        this.backendState = b.backendState == null ? b.state.name() : b.backendState;
        this.errorMessage = b.errorMessage;
        this.createdAt = b.createdAt;
        this.dashboardUrl = b.dashboardUrl;
        this.executionTime = b.executionTime;
        this.dpuSeconds = b.dpuSeconds;
        this.attributes = Map.copyOf(b.attributes);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this snapshot. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .id(id)
                .backend(backend)
                .state(state)
                .backendState(backendState)
                .attributes(attributes);
        b.errorMessage = errorMessage;
        b.createdAt = createdAt;
        b.dashboardUrl = dashboardUrl;
        b.executionTime = executionTime;
        b.dpuSeconds = dpuSeconds;
        return b;
    }

    /** The backend's session id (opaque string). */
    public String id() {
        return id;
    }

    /** The backend name. */
    public String backend() {
        return backend;
    }

    /** The normalized state. */
    public SessionState state() {
        return state;
    }

    /** The backend's own state name, for example {@code "idle"} or {@code "PROVISIONING"}. */
    public String backendState() {
        return backendState;
    }

    /** The backend's error message for a failed session. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /** When the backend created the session. */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /** A link to the Spark UI or Glue dashboard, when the backend gives one. */
    public Optional<String> dashboardUrl() {
        return Optional.ofNullable(dashboardUrl);
    }

    /** Billed execution time so far (Glue {@code ExecutionTime}). */
    public Optional<Duration> executionTime() {
        return Optional.ofNullable(executionTime);
    }

    /** DPU-seconds consumed so far (Glue {@code DPUSeconds}). */
    public OptionalDouble dpuSeconds() {
        return dpuSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(dpuSeconds);
    }

    /** Backend-specific attributes in a stable order, for display (never contains secrets). */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "SessionInfo{id=" + id + ", backend=" + backend + ", state=" + state + " (" + backendState + ")"
                + (errorMessage == null ? "" : ", error=" + errorMessage) + ", attributes=" + attributes + "}";
    }

    /** Builder for {@link SessionInfo}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String backend;
        private @Nullable SessionState state;
        private @Nullable String backendState;
        private @Nullable String errorMessage;
        private @Nullable Instant createdAt;
        private @Nullable String dashboardUrl;
        private @Nullable Duration executionTime;
        private @Nullable Double dpuSeconds;
        private Map<String, String> attributes = new LinkedHashMap<>();

        private Builder() {}

        /** Session id. */
        public Builder id(String v) {
            this.id = v;
            return this;
        }

        /** Backend name. */
        public Builder backend(String v) {
            this.backend = v;
            return this;
        }

        /** Normalized state. */
        public Builder state(SessionState v) {
            this.state = v;
            return this;
        }

        /** Raw backend state. */
        public Builder backendState(@Nullable String v) {
            this.backendState = v;
            return this;
        }

        /** Error message, or {@code null}. */
        public Builder errorMessage(@Nullable String v) {
            this.errorMessage = v;
            return this;
        }

        /** Creation time, or {@code null}. */
        public Builder createdAt(@Nullable Instant v) {
            this.createdAt = v;
            return this;
        }

        /** Dashboard link, or {@code null}. */
        public Builder dashboardUrl(@Nullable String v) {
            this.dashboardUrl = v;
            return this;
        }

        /** Execution time, or {@code null}. */
        public Builder executionTime(@Nullable Duration v) {
            this.executionTime = v;
            return this;
        }

        /** DPU-seconds, or {@code null}. */
        public Builder dpuSeconds(@Nullable Double v) {
            this.dpuSeconds = v;
            return this;
        }

        /** Attributes (copied, order kept). */
        public Builder attributes(Map<String, String> v) {
            this.attributes = new LinkedHashMap<>(v);
            return this;
        }

        /** Adds one attribute; a {@code null} value is skipped. */
        public Builder attribute(String key, @Nullable Object value) {
            if (value != null) {
                this.attributes.put(key, String.valueOf(value));
            }
            return this;
        }

        /** Builds the snapshot. */
        public SessionInfo build() {
            return new SessionInfo(this);
        }
    }
}
