package dev.glivy;

import dev.glivy.internal.sql.SchemaJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a result (or the fields of a struct), in order.
 *
 * <p><b>Name lookup</b> ({@link #indexOf(String)}, {@code Row.get(String)}): an exact match wins; otherwise a
 * case-insensitive match (Spark resolves names case-insensitively by default). A name that matches several columns
 * (Spark allows {@code select 1 as a, 2 as a}) is ambiguous: look such columns up by index.
 *
 * <p>Immutable.
 */
public final class Schema {
    private static final int AMBIGUOUS = -2;

    private final List<Column> columns;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();

    private Schema(List<Column> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            String n = this.columns.get(i).name();
            int index = i;
            exact.merge(n, index, (a, b) -> AMBIGUOUS);
            folded.merge(n.toLowerCase(Locale.ROOT), index, (a, b) -> AMBIGUOUS);
        }
    }

    /** A schema of {@code columns} (copied). */
    public static Schema of(List<Column> columns) {
        Objects.requireNonNull(columns, "columns must not be null");
        return new Schema(columns);
    }

    /** A schema of {@code columns}. */
    public static Schema of(Column... columns) {
        return new Schema(List.of(columns));
    }

    /**
     * Parses Spark's schema JSON (what {@code df.schema.json} prints):
     * {@code {"type":"struct","fields":[{"name":..,"type":..,"nullable":..,"metadata":{..}}]}}. Nested types are
     * objects ({@code {"type":"array","elementType":..,"containsNull":..}}, {@code map} with {@code keyType},
     * {@code valueType}, {@code valueContainsNull}, {@code struct} with {@code fields}); user-defined types
     * ({@code "udt"}) become their {@code sqlType}.
     *
     * @throws IllegalArgumentException naming the problem and where it is
     */
    public static Schema fromJson(String json) {
        Objects.requireNonNull(json, "json must not be null");
        return SchemaJson.parse(json);
    }

    /** This schema as Spark's schema JSON; {@link #fromJson(String)} reads it back to an equal schema. */
    public String toJson() {
        return SchemaJson.write(this);
    }

    /** The columns, in order (unmodifiable). */
    public List<Column> columns() {
        return columns;
    }

    /** The column names, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>(columns.size());
        columns.forEach(c -> out.add(c.name()));
        return List.copyOf(out);
    }

    /** The number of columns. */
    public int size() {
        return columns.size();
    }

    /** The column at {@code index}. @throws IndexOutOfBoundsException when out of range */
    public Column column(int index) {
        return columns.get(index);
    }

    /** The column named {@code name} (see the class comment for the lookup rule). */
    public Column column(String name) {
        return columns.get(indexOf(name));
    }

    /** Whether exactly one column matches {@code name}. */
    public boolean contains(String name) {
        return find(name) >= 0;
    }

    /**
     * The index of the column named {@code name}.
     *
     * @throws IllegalArgumentException when no column or several columns match, listing the columns
     */
    public int indexOf(String name) {
        int i = find(name);
        if (i >= 0) {
            return i;
        }
        if (i == AMBIGUOUS) {
            throw new IllegalArgumentException("column name '" + name + "' is ambiguous: several columns match "
                    + names() + "; look them up by index");
        }
        throw new IllegalArgumentException("no column named '" + name + "'; columns are " + names());
    }

    /** The index of {@code name}, -1 when absent, {@link #AMBIGUOUS} when several match. */
    int find(String name) {
        Integer i = exact.get(name);
        if (i == null) {
            i = folded.get(name.toLowerCase(Locale.ROOT));
        }
        return i == null ? -1 : i;
    }

    /** The index of a column matching {@code name} exactly, or -1 (also when several do). */
    int exactIndex(String name) {
        Integer i = exact.get(name);
        return i == null || i < 0 ? -1 : i;
    }

    /** Whether two columns share a name exactly. */
    boolean hasDuplicateNames() {
        return exact.size() < columns.size();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || (o instanceof Schema && columns.equals(((Schema) o).columns));
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    /** The columns, for example {@code [id: bigint not null, name: string]}. */
    @Override
    public String toString() {
        return columns.toString();
    }
}
