package dev.glivy.glue;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A column of a Glue Data Catalog table, as the catalog records it: its name, its type as the catalog writes it
 * (Hive type names: {@code "string"}, {@code "bigint"}, {@code "array<string>"},
 * {@code "struct<a:int,b:string>"}, {@code "decimal(10,2)"}...) and its comment.
 *
 * <p>Immutable.
 */
public final class GlueColumn {
    private final String name;
    private final String type;
    private final @Nullable String comment;

    private GlueColumn(String name, String type, @Nullable String comment) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.comment = comment == null || comment.isEmpty() ? null : comment;
    }

    /**
     * A column.
     *
     * @param name the column name
     * @param type the catalog's type string; empty when the catalog records none
     * @param comment the comment, or {@code null} (an empty comment counts as none)
     */
    public static GlueColumn of(String name, String type, @Nullable String comment) {
        return new GlueColumn(name, type, comment);
    }

    /** The column name, as the catalog records it (Glue stores names in lower case). */
    public String name() {
        return name;
    }

    /** The type as the catalog writes it, for example {@code "bigint"} or {@code "array<string>"}; may be empty. */
    public String type() {
        return type;
    }

    /** The column comment, when there is one. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueColumn c
                && c.name.equals(name)
                && c.type.equals(type)
                && Objects.equals(c.comment, comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, comment);
    }

    /** {@code name type} (and {@code -- comment}), as in a DDL. */
    @Override
    public String toString() {
        return name + " " + type + (comment == null ? "" : " -- " + comment);
    }
}
