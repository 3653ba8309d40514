package dev.glivy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One column of a result (or one field of a struct): its name, {@link SparkType} and whether it may hold nulls,
 * plus Spark's field metadata as JSON text.
 *
 * <p>Immutable.
 */
public final class Column {
    private final String name;
    private final SparkType type;
    private final boolean nullable;
    private final String metadataJson;

    private Column(String name, SparkType type, boolean nullable, String metadataJson) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.nullable = nullable;
        this.metadataJson = Objects.requireNonNull(metadataJson, "metadataJson must not be null");
    }

    /** A column with empty metadata. */
    public static Column of(String name, SparkType type, boolean nullable) {
        return new Column(name, type, nullable, "{}");
    }

    /**
     * A column with Spark field metadata given as a JSON object's text, for example {@code {"comment":"id"}}; the
     * text is kept as given.
     */
    public static Column of(String name, SparkType type, boolean nullable, String metadataJson) {
        return new Column(name, type, nullable, metadataJson);
    }

    /** The column name exactly as Spark reports it (may be empty, contain spaces, or repeat another's). */
    public String name() {
        return name;
    }

    /** The column's type. */
    public SparkType type() {
        return type;
    }

    /** Whether values may be null, as Spark's schema declares it. */
    public boolean nullable() {
        return nullable;
    }

    /** Spark's field metadata as JSON object text; {@code "{}"} when there is none. */
    public String metadataJson() {
        return metadataJson;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Column)) {
            return false;
        }
        Column c = (Column) o;
        return nullable == c.nullable
                && name.equals(c.name)
                && type.equals(c.type)
                && metadataJson.equals(c.metadataJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, nullable, metadataJson);
    }

    /** {@code name: type} plus {@code not null} when not nullable, for example {@code id: bigint not null}. */
    @Override
    public String toString() {
        return name + ": " + type.simpleString() + (nullable ? "" : " not null");
    }
}
