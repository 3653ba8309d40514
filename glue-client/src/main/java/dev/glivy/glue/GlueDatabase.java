package dev.glivy.glue;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A database of the Glue Data Catalog: name, description, location, parameters, creation time and catalog id.
 *
 * <p>Immutable.
 */
public final class GlueDatabase {
    private final String name;
    private final @Nullable String description;
    private final @Nullable String locationUri;
    private final Map<String, String> parameters;
    private final @Nullable Instant createTime;
    private final @Nullable String catalogId;

    private GlueDatabase(
            String name,
            @Nullable String description,
            @Nullable String locationUri,
            Map<String, String> parameters,
            @Nullable Instant createTime,
            @Nullable String catalogId) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.description = blankToNull(description);
        this.locationUri = blankToNull(locationUri);
        this.parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters must not be null"));
        this.createTime = createTime;
        this.catalogId = blankToNull(catalogId);
    }

    /**
     * A database (used by {@link GlueCatalog}; handy in tests).
     *
     * @param name the name
     * @param description the description, or {@code null}
     * @param locationUri the location, or {@code null}
     * @param parameters the parameters (copied)
     * @param createTime when it was created, or {@code null}
     * @param catalogId the catalog (account) id, or {@code null}
     */
    public static GlueDatabase of(
            String name,
            @Nullable String description,
            @Nullable String locationUri,
            Map<String, String> parameters,
            @Nullable Instant createTime,
            @Nullable String catalogId) {
        return new GlueDatabase(name, description, locationUri, parameters, createTime, catalogId);
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The name, for example {@code covid-19}. */
    public String name() {
        return name;
    }

    /** The description, when set. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The location (for example {@code s3://bucket/db/}), when set. */
    public Optional<String> locationUri() {
        return Optional.ofNullable(locationUri);
    }

    /** The parameters (unmodifiable). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** When the database was created, when the catalog says. */
    public Optional<Instant> createTime() {
        return Optional.ofNullable(createTime);
    }

    /** The id of the catalog (the AWS account) holding it, when the catalog says. */
    public Optional<String> catalogId() {
        return Optional.ofNullable(catalogId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueDatabase d
                && d.name.equals(name)
                && Objects.equals(d.description, description)
                && Objects.equals(d.locationUri, locationUri)
                && d.parameters.equals(parameters)
                && Objects.equals(d.createTime, createTime)
                && Objects.equals(d.catalogId, catalogId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, locationUri, parameters, createTime, catalogId);
    }

    @Override
    public String toString() {
        return "GlueDatabase{" + name + (locationUri == null ? "" : ", location=" + locationUri) + "}";
    }
}
