package dev.glivy.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The definition of an AWS Glue job as Glivy creates it from a notebook: the fields of Glue's {@code CreateJob}
 * request that a notebook's magics decide (see {@link GlueJobs} for the mapping). {@link #toJson()} writes it in
 * the shape {@code aws glue create-job --cli-input-json} reads, so you can review or commit it.
 *
 * <p>Immutable; thread-safe. {@link #equals} compares every field.
 *
 * @since 0.2
 */
public final class GlueJobDefinition {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String description;
    private final String role;
    private final String commandName;
    private final String scriptLocation;
    private final String pythonVersion;
    private final String glueVersion;
    private final @Nullable String workerType;
    private final @Nullable Integer numberOfWorkers;
    private final @Nullable Double maxCapacity;
    private final Duration timeout;
    private final @Nullable String securityConfiguration;
    private final List<String> connections;
    private final Map<String, String> defaultArguments;
    private final Map<String, String> tags;

    private GlueJobDefinition(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.description = Objects.requireNonNull(b.description, "description");
        this.role = Objects.requireNonNull(b.role, "role");
        this.commandName = Objects.requireNonNull(b.commandName, "commandName");
        this.scriptLocation = Objects.requireNonNull(b.scriptLocation, "scriptLocation");
        this.pythonVersion = b.pythonVersion;
        this.glueVersion = Objects.requireNonNull(b.glueVersion, "glueVersion");
        this.workerType = b.workerType;
        this.numberOfWorkers = b.numberOfWorkers;
        this.maxCapacity = b.maxCapacity;
        this.timeout = Objects.requireNonNull(b.timeout, "timeout");
        this.securityConfiguration = b.securityConfiguration;
        this.connections = List.copyOf(b.connections);
        this.defaultArguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.defaultArguments));
        this.tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this definition's values. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .name(name)
                .description(description)
                .role(role)
                .commandName(commandName)
                .scriptLocation(scriptLocation)
                .pythonVersion(pythonVersion)
                .glueVersion(glueVersion)
                .timeout(timeout)
                .connections(connections)
                .defaultArguments(defaultArguments)
                .tags(tags);
        b.workerType = workerType;
        b.numberOfWorkers = numberOfWorkers;
        b.maxCapacity = maxCapacity;
        b.securityConfiguration = securityConfiguration;
        return b;
    }

    /** The job's name ({@code Name}). */
    public String name() {
        return name;
    }

    /** {@code Description}. */
    public String description() {
        return description;
    }

    /** The IAM role the job runs as ({@code Role}). */
    public String role() {
        return role;
    }

    /** {@code Command.Name}: {@code glueetl} or {@code gluestreaming}. */
    public String commandName() {
        return commandName;
    }

    /** {@code Command.ScriptLocation}: the script's S3 URI. */
    public String scriptLocation() {
        return scriptLocation;
    }

    /** {@code Command.PythonVersion}, {@code "3"}. */
    public String pythonVersion() {
        return pythonVersion;
    }

    /** {@code GlueVersion}, for example {@code "4.0"}. */
    public String glueVersion() {
        return glueVersion;
    }

    /** {@code WorkerType}, when set (with {@link #numberOfWorkers()}). */
    public Optional<String> workerType() {
        return Optional.ofNullable(workerType);
    }

    /** {@code NumberOfWorkers}, when set (with {@link #workerType()}). */
    public OptionalInt numberOfWorkers() {
        return numberOfWorkers == null ? OptionalInt.empty() : OptionalInt.of(numberOfWorkers);
    }

    /** {@code MaxCapacity} in DPUs, when set instead of workers. */
    public OptionalDouble maxCapacity() {
        return maxCapacity == null ? OptionalDouble.empty() : OptionalDouble.of(maxCapacity);
    }

    /** {@code Timeout}: how long a run may take before Glue stops it (whole minutes). */
    public Duration timeout() {
        return timeout;
    }

    /** {@code SecurityConfiguration}, when set. */
    public Optional<String> securityConfiguration() {
        return Optional.ofNullable(securityConfiguration);
    }

    /** {@code Connections.Connections}; empty when none. */
    public List<String> connections() {
        return connections;
    }

    /** {@code DefaultArguments}, in a stable order. */
    public Map<String, String> defaultArguments() {
        return defaultArguments;
    }

    /** {@code Tags} given at creation. */
    public Map<String, String> tags() {
        return tags;
    }

    /**
     * The definition as {@code CreateJob} JSON ({@code aws glue create-job --cli-input-json file://job.json}),
     * indented, keys in Glue's names.
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", name);
        m.put("Description", description);
        m.put("Role", role);
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("Name", commandName);
        command.put("ScriptLocation", scriptLocation);
        command.put("PythonVersion", pythonVersion);
        m.put("Command", command);
        m.put("DefaultArguments", defaultArguments);
        if (!connections.isEmpty()) {
            m.put("Connections", Map.of("Connections", connections));
        }
        m.put("Timeout", timeout.toMinutes());
        if (maxCapacity != null) {
            m.put("MaxCapacity", maxCapacity);
        }
        if (securityConfiguration != null) {
            m.put("SecurityConfiguration", securityConfiguration);
        }
        m.put("Tags", tags);
        m.put("GlueVersion", glueVersion);
        if (numberOfWorkers != null) {
            m.put("NumberOfWorkers", numberOfWorkers);
        }
        if (workerType != null) {
            m.put("WorkerType", workerType);
        }
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the job definition as JSON", e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof GlueJobDefinition d && d.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "GlueJobDefinition{" + name + ", " + commandName + ", " + scriptLocation + ", glue " + glueVersion
                + (workerType == null ? "" : ", " + numberOfWorkers + " x " + workerType)
                + (maxCapacity == null ? "" : ", " + maxCapacity + " DPU") + ", timeout " + timeout.toMinutes()
                + " min}";
    }

    /**
     * Builds a {@link GlueJobDefinition}; {@link GlueJobs#plan} builds the one for a notebook. Not thread-safe.
     * Required: name, role, command name, script location; defaults: description {@code ""}, Python version
     * {@code "3"}, Glue version {@code 4.0}, timeout 4 hours, no workers, capacity, security configuration,
     * connections, arguments or tags.
     */
    public static final class Builder {
        private @Nullable String name;
        private String description = "";
        private @Nullable String role;
        private @Nullable String commandName;
        private @Nullable String scriptLocation;
        private String pythonVersion = "3";
        private String glueVersion = dev.glivy.config.SessionConfig.DEFAULT_GLUE_VERSION;
        private @Nullable String workerType;
        private @Nullable Integer numberOfWorkers;
        private @Nullable Double maxCapacity;
        private Duration timeout = dev.glivy.config.SessionConfig.DEFAULT_MAX_LIFETIME;
        private @Nullable String securityConfiguration;
        private List<String> connections = List.of();
        private Map<String, String> defaultArguments = Map.of();
        private Map<String, String> tags = Map.of();

        private Builder() {}

        /** {@code Name}. */
        public Builder name(String v) {
            this.name = Objects.requireNonNull(v, "name must not be null");
            return this;
        }

        /** {@code Description}. Default empty. */
        public Builder description(String v) {
            this.description = Objects.requireNonNull(v, "description must not be null");
            return this;
        }

        /** {@code Role}. */
        public Builder role(String v) {
            this.role = Objects.requireNonNull(v, "role must not be null");
            return this;
        }

        /** {@code Command.Name}. */
        public Builder commandName(String v) {
            this.commandName = Objects.requireNonNull(v, "commandName must not be null");
            return this;
        }

        /** {@code Command.ScriptLocation}. */
        public Builder scriptLocation(String v) {
            this.scriptLocation = Objects.requireNonNull(v, "scriptLocation must not be null");
            return this;
        }

        /** {@code Command.PythonVersion}. Default {@code "3"}. */
        public Builder pythonVersion(String v) {
            this.pythonVersion = Objects.requireNonNull(v, "pythonVersion must not be null");
            return this;
        }

        /** {@code GlueVersion}. Default {@code 4.0}. */
        public Builder glueVersion(String v) {
            this.glueVersion = Objects.requireNonNull(v, "glueVersion must not be null");
            return this;
        }

        /** {@code WorkerType} and {@code NumberOfWorkers} together. Default none (Glue's default capacity). */
        public Builder workers(String type, int count) {
            this.workerType = Objects.requireNonNull(type, "workerType must not be null");
            if (count < 1) {
                throw new IllegalArgumentException("numberOfWorkers must be > 0 but was " + count);
            }
            this.numberOfWorkers = count;
            return this;
        }

        /** {@code MaxCapacity} in DPUs. Default none. */
        public Builder maxCapacity(double dpus) {
            if (!(dpus > 0)) {
                throw new IllegalArgumentException("maxCapacity must be > 0 but was " + dpus);
            }
            this.maxCapacity = dpus;
            return this;
        }

        /** {@code Timeout}, whole minutes. Default 4 hours. */
        public Builder timeout(Duration v) {
            Objects.requireNonNull(v, "timeout must not be null");
            if (v.toMinutes() < 1 || !v.equals(Duration.ofMinutes(v.toMinutes()))) {
                throw new IllegalArgumentException(
                        "timeout must be a whole number of minutes, at least 1, but was " + v);
            }
            this.timeout = v;
            return this;
        }

        /** {@code SecurityConfiguration}. Default none. */
        public Builder securityConfiguration(String v) {
            this.securityConfiguration = Objects.requireNonNull(v, "securityConfiguration must not be null");
            return this;
        }

        /** {@code Connections}. Default none. */
        public Builder connections(List<String> v) {
            this.connections = List.copyOf(v);
            return this;
        }

        /** {@code DefaultArguments}, order kept. Default none. */
        public Builder defaultArguments(Map<String, String> v) {
            this.defaultArguments = new LinkedHashMap<>(v);
            return this;
        }

        /** {@code Tags}, order kept. Default none. */
        public Builder tags(Map<String, String> v) {
            this.tags = new LinkedHashMap<>(v);
            return this;
        }

        /**
         * Builds the definition.
         *
         * @throws IllegalStateException listing every missing field and conflict
         */
        public GlueJobDefinition build() {
            List<String> problems = new ArrayList<>();
            if (name == null) {
                problems.add("name is required");
            }
            if (role == null) {
                problems.add("role is required");
            }
            if (commandName == null) {
                problems.add("commandName is required");
            }
            if (scriptLocation == null) {
                problems.add("scriptLocation is required");
            }
            if (maxCapacity != null && workerType != null) {
                problems.add("maxCapacity and workers are exclusive");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid GlueJobDefinition: " + String.join("; ", problems));
            }
            return new GlueJobDefinition(this);
        }
    }
}
