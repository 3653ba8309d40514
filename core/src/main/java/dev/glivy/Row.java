package dev.glivy;

import dev.glivy.internal.sql.ColumnTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result: values in column order, each of the Java type its {@link SparkType} decodes to (see
 * {@link SparkType}). Structs are nested {@code Row}s; arrays and maps are unmodifiable {@link List}s and
 * {@link Map}s (maps keep the backend's key order) whose elements follow the same rules and may be {@code null}.
 *
 * <p><b>Getters.</b> {@link #get(int)} returns the value as is. The typed getters check the column's type and throw
 * {@link IllegalArgumentException} naming the column, its type and the getter to use instead; the primitive ones
 * ({@link #getLong}, {@link #getInt}, {@link #getDouble}, {@link #getBoolean}) throw {@link NullPointerException}
 * for a null value rather than inventing a zero: check {@link #isNull} first for nullable columns. Names are looked
 * up as {@link Schema} describes.
 *
 * <p><b>Time.</b> {@code timestamp} values are {@link Instant}s: the exact instant Spark stored, whatever the
 * session time zone was (a timestamp the backend printed without an offset is read as UTC). {@code timestamp_ntz}
 * values are {@link LocalDateTime}s and {@code date}s {@link LocalDate}s, neither tied to a zone. Precision is what
 * the wire carried: Spark's JSON writers print milliseconds.
 *
 * <p>Immutable, except that {@code byte[]} values nested in lists, maps or structs are not copied: do not modify
 * them. Top-level {@code binary} values are copied by {@link #get(int)} and {@link #getBytes(int)}.
 */
public final class Row {
    private static final SparkType.Kind[] BOOLEAN = {SparkType.Kind.BOOLEAN};
    private static final SparkType.Kind[] INTS = {SparkType.Kind.BYTE, SparkType.Kind.SHORT, SparkType.Kind.INTEGER};
    private static final SparkType.Kind[] LONGS = {
        SparkType.Kind.BYTE, SparkType.Kind.SHORT, SparkType.Kind.INTEGER, SparkType.Kind.LONG
    };
    private static final SparkType.Kind[] DECIMALS = {
        SparkType.Kind.DECIMAL, SparkType.Kind.BYTE, SparkType.Kind.SHORT, SparkType.Kind.INTEGER, SparkType.Kind.LONG
    };
    private static final SparkType.Kind[] STRING = {SparkType.Kind.STRING};
    private static final SparkType.Kind[] DATE = {SparkType.Kind.DATE};
    private static final SparkType.Kind[] TIMESTAMP = {SparkType.Kind.TIMESTAMP};

    private final Schema schema;
    /** The values, or {@code null} when this row is row {@link #at} of {@link #table}. */
    private final @Nullable Object @Nullable [] values;

    private final @Nullable ColumnTable table;
    private final int at;

    /** Trusted: {@code values} already has the Java types the schema prescribes and is never shared. */
    Row(Schema schema, @Nullable Object[] values) {
        this.schema = schema;
        this.values = values;
        this.table = null;
        this.at = 0;
    }

    /** Row {@code at} of {@code table}: a view, so a stored table costs no object per row. */
    Row(ColumnTable table, int at) {
        this.schema = table.schema();
        this.values = null;
        this.table = table;
        this.at = at;
    }

    /** The value at {@code index} as stored (binary not copied), boxed or built when the row is a table's. */
    private @Nullable Object raw(int index) {
        Object[] v = values;
        return v != null ? v[index] : table().get(index, at);
    }

    private ColumnTable table() {
        return Objects.requireNonNull(table);
    }

    /**
     * A row of {@code values} for {@code schema}, checked and copied: each value must be {@code null} or of the
     * Java type its column's {@link SparkType} decodes to (lists, maps and nested rows are checked deeply).
     *
     * @throws IllegalArgumentException naming the first value that does not fit, or when the counts differ
     */
    public static Row of(Schema schema, List<?> values) {
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(values, "values must not be null");
        if (values.size() != schema.size()) {
            throw new IllegalArgumentException("values has " + values.size() + " entries but the schema has "
                    + schema.size() + " columns " + schema.names());
        }
        Object[] copy = new Object[values.size()];
        for (int i = 0; i < copy.length; i++) {
            Column c = schema.column(i);
            copy[i] = checked(values.get(i), c.type(), c.name());
        }
        return new Row(schema, copy);
    }

    private static @Nullable Object checked(@Nullable Object v, SparkType t, String path) {
        if (v == null) {
            return null;
        }
        switch (t.kind()) {
            case ARRAY:
                List<?> list = expect(v, List.class, t, path);
                List<@Nullable Object> l = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    l.add(checked(list.get(i), t.elementType(), path + "[" + i + "]"));
                }
                return Collections.unmodifiableList(l);
            case MAP:
                Map<?, ?> map = expect(v, Map.class, t, path);
                Map<Object, @Nullable Object> m = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object k = checked(e.getKey(), t.keyType(), path + ".key");
                    if (k == null) {
                        throw new IllegalArgumentException(path + ": map keys must not be null");
                    }
                    m.put(k, checked(e.getValue(), t.valueType(), path + "[" + k + "]"));
                }
                return Collections.unmodifiableMap(m);
            case STRUCT:
                Row r = expect(v, Row.class, t, path);
                if (!r.schema.equals(t.fields())) {
                    throw new IllegalArgumentException(path + ": nested row has schema " + r.schema
                            + " but the column's struct has " + t.fields());
                }
                return r;
            case BINARY:
                return expect(v, byte[].class, t, path).clone();
            case OTHER:
                return v;
            default:
                return expect(v, javaType(t), t, path);
        }
    }

    private static <T> T expect(Object v, Class<T> type, SparkType t, String path) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("value of '" + path + "' (" + t.simpleString() + ") must be a "
                    + type.getSimpleName() + " but was a " + v.getClass().getName());
        }
        return type.cast(v);
    }

    /** The Java class values of an atomic kind decode to. */
    static Class<?> javaType(SparkType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return Boolean.class;
            case BYTE:
                return Byte.class;
            case SHORT:
                return Short.class;
            case INTEGER:
                return Integer.class;
            case LONG:
                return Long.class;
            case FLOAT:
                return Float.class;
            case DOUBLE:
                return Double.class;
            case DECIMAL:
                return BigDecimal.class;
            case STRING:
                return String.class;
            case BINARY:
                return byte[].class;
            case DATE:
                return LocalDate.class;
            case TIMESTAMP:
                return Instant.class;
            case TIMESTAMP_NTZ:
                return LocalDateTime.class;
            case ARRAY:
                return List.class;
            case MAP:
                return Map.class;
            case STRUCT:
                return Row.class;
            default:
                return Object.class;
        }
    }

    /** The row's schema. */
    public Schema schema() {
        return schema;
    }

    /** The number of values (= columns). */
    public int size() {
        return schema.size();
    }

    /** The value at {@code index}, or {@code null}. @throws IndexOutOfBoundsException when out of range */
    public @Nullable Object get(int index) {
        Objects.checkIndex(index, size());
        Object v = raw(index);
        return v instanceof byte[] ? ((byte[]) v).clone() : v;
    }

    /** The value of the column named {@code name}, or {@code null}. */
    public @Nullable Object get(String name) {
        return get(schema.indexOf(name));
    }

    /** Whether the value at {@code index} is null. */
    public boolean isNull(int index) {
        Objects.checkIndex(index, size());
        Object[] v = values;
        return v != null ? v[index] == null : table().isNull(index, at);
    }

    /** Whether the value of the column named {@code name} is null. */
    public boolean isNull(String name) {
        return isNull(schema.indexOf(name));
    }

    /** A {@code boolean} column's value. */
    public boolean getBoolean(int index) {
        if (values == null) {
            stored(index, "getBoolean", BOOLEAN);
            return table().getBoolean(index, at);
        }
        return (Boolean) present(index, "getBoolean", BOOLEAN);
    }

    /** A {@code boolean} column's value, by name. */
    public boolean getBoolean(String name) {
        return getBoolean(schema.indexOf(name));
    }

    /** A {@code byte}, {@code short} or {@code integer} column's value. */
    public int getInt(int index) {
        if (values == null) {
            stored(index, "getInt", INTS);
            return (int) table().getLong(index, at);
        }
        return ((Number) present(index, "getInt", INTS)).intValue();
    }

    /** A {@code byte}, {@code short} or {@code integer} column's value, by name. */
    public int getInt(String name) {
        return getInt(schema.indexOf(name));
    }

    /** A {@code byte}, {@code short}, {@code integer} or {@code long} column's value. */
    public long getLong(int index) {
        if (values == null) {
            stored(index, "getLong", LONGS);
            return table().getLong(index, at);
        }
        return ((Number) present(index, "getLong", LONGS)).longValue();
    }

    /** A {@code byte}, {@code short}, {@code integer} or {@code long} column's value, by name. */
    public long getLong(String name) {
        return getLong(schema.indexOf(name));
    }

    /**
     * A numeric column's value as a {@code double}: exact for {@code float}, {@code double} and integers up to
     * 2^53; {@code long} and {@code decimal} values may be rounded.
     */
    public double getDouble(int index) {
        return ((Number) present(
                        index,
                        "getDouble",
                        SparkType.Kind.FLOAT,
                        SparkType.Kind.DOUBLE,
                        SparkType.Kind.DECIMAL,
                        SparkType.Kind.BYTE,
                        SparkType.Kind.SHORT,
                        SparkType.Kind.INTEGER,
                        SparkType.Kind.LONG))
                .doubleValue();
    }

    /** A numeric column's value as a {@code double}, by name. */
    public double getDouble(String name) {
        return getDouble(schema.indexOf(name));
    }

    /** A {@code decimal} or integer column's value, exactly; {@code null} when null. */
    public @Nullable BigDecimal getBigDecimal(int index) {
        Object v = typed(index, "getBigDecimal", DECIMALS);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        return new BigDecimal(BigInteger.valueOf(((Number) v).longValue()));
    }

    /** A {@code decimal} or integer column's value, by name. */
    public @Nullable BigDecimal getBigDecimal(String name) {
        return getBigDecimal(schema.indexOf(name));
    }

    /** A {@code string} ({@code char}, {@code varchar}) column's value; {@code null} when null. */
    public @Nullable String getString(int index) {
        return (String) typed(index, "getString", STRING);
    }

    /** A {@code string} column's value, by name. */
    public @Nullable String getString(String name) {
        return getString(schema.indexOf(name));
    }

    /** A {@code binary} column's value (a copy); {@code null} when null. */
    public byte @Nullable [] getBytes(int index) {
        byte[] v = (byte[]) typed(index, "getBytes", SparkType.Kind.BINARY);
        return v == null ? null : v.clone();
    }

    /** A {@code binary} column's value (a copy), by name. */
    public byte @Nullable [] getBytes(String name) {
        return getBytes(schema.indexOf(name));
    }

    /** A {@code date} column's value; {@code null} when null. */
    public @Nullable LocalDate getDate(int index) {
        return (LocalDate) typed(index, "getDate", DATE);
    }

    /** A {@code date} column's value, by name. */
    public @Nullable LocalDate getDate(String name) {
        return getDate(schema.indexOf(name));
    }

    /** A {@code timestamp} column's value (see the class comment on time); {@code null} when null. */
    public @Nullable Instant getTimestamp(int index) {
        return (Instant) typed(index, "getTimestamp", TIMESTAMP);
    }

    /** A {@code timestamp} column's value, by name. */
    public @Nullable Instant getTimestamp(String name) {
        return getTimestamp(schema.indexOf(name));
    }

    /** A {@code timestamp_ntz} column's value; {@code null} when null. */
    public @Nullable LocalDateTime getLocalDateTime(int index) {
        return (LocalDateTime) typed(index, "getLocalDateTime", SparkType.Kind.TIMESTAMP_NTZ);
    }

    /** A {@code timestamp_ntz} column's value, by name. */
    public @Nullable LocalDateTime getLocalDateTime(String name) {
        return getLocalDateTime(schema.indexOf(name));
    }

    /** An {@code array} column's value (unmodifiable; elements may be null); {@code null} when null. */
    @SuppressWarnings("unchecked")
    public @Nullable List<@Nullable Object> getList(int index) {
        return (List<@Nullable Object>) typed(index, "getList", SparkType.Kind.ARRAY);
    }

    /** An {@code array} column's value, by name. */
    public @Nullable List<@Nullable Object> getList(String name) {
        return getList(schema.indexOf(name));
    }

    /** A {@code map} column's value (unmodifiable, backend's key order; values may be null); or {@code null}. */
    @SuppressWarnings("unchecked")
    public @Nullable Map<Object, @Nullable Object> getMap(int index) {
        return (Map<Object, @Nullable Object>) typed(index, "getMap", SparkType.Kind.MAP);
    }

    /** A {@code map} column's value, by name. */
    public @Nullable Map<Object, @Nullable Object> getMap(String name) {
        return getMap(schema.indexOf(name));
    }

    /** A {@code struct} column's value; {@code null} when null. */
    public @Nullable Row getStruct(int index) {
        return (Row) typed(index, "getStruct", SparkType.Kind.STRUCT);
    }

    /** A {@code struct} column's value, by name. */
    public @Nullable Row getStruct(String name) {
        return getStruct(schema.indexOf(name));
    }

    /**
     * The values by column name, in column order (unmodifiable; values may be null). With duplicate column names
     * the last one wins; use {@link #get(int)} for those.
     */
    public Map<String, @Nullable Object> asMap() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            m.put(schema.column(i).name(), get(i));
        }
        return Collections.unmodifiableMap(m);
    }

    private Object present(int index, String getter, SparkType.Kind... kinds) {
        Object v = typed(index, getter, kinds);
        if (v == null) {
            throw nullValue(index, getter);
        }
        return v;
    }

    private NullPointerException nullValue(int index, String getter) {
        return new NullPointerException("column '" + schema.column(index).name() + "' is null in this row; " + getter
                + " cannot return null: check isNull(...) first, or use get(...)");
    }

    /** For a table's row: checks the column's kind and that the value is not null, without building it. */
    private void stored(int index, String getter, SparkType.Kind... kinds) {
        check(index, getter, kinds);
        if (table().isNull(index, at)) {
            throw nullValue(index, getter);
        }
    }

    private @Nullable Object typed(int index, String getter, SparkType.Kind... kinds) {
        check(index, getter, kinds);
        return raw(index);
    }

    private void check(int index, String getter, SparkType.Kind... kinds) {
        Objects.checkIndex(index, size());
        Column c = schema.column(index);
        for (SparkType.Kind k : kinds) {
            if (c.type().kind() == k) {
                return;
            }
        }
        throw new IllegalArgumentException("column '" + c.name() + "' is "
                + c.type().simpleString() + "; "
                + getter + " reads " + Arrays.toString(kinds).toLowerCase(java.util.Locale.ROOT) + " columns. Use "
                + suggest(c.type()) + " or get(...)");
    }

    private static String suggest(SparkType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return "getBoolean";
            case BYTE:
            case SHORT:
            case INTEGER:
                return "getInt";
            case LONG:
                return "getLong";
            case FLOAT:
            case DOUBLE:
                return "getDouble";
            case DECIMAL:
                return "getBigDecimal";
            case STRING:
                return "getString";
            case BINARY:
                return "getBytes";
            case DATE:
                return "getDate";
            case TIMESTAMP:
                return "getTimestamp";
            case TIMESTAMP_NTZ:
                return "getLocalDateTime";
            case ARRAY:
                return "getList";
            case MAP:
                return "getMap";
            case STRUCT:
                return "getStruct";
            default:
                return "get";
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Row)) {
            return false;
        }
        Row r = (Row) o;
        if (!schema.equals(r.schema)) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!Objects.deepEquals(raw(i), r.raw(i))) {
                return false;
            }
        }
        return true;
    }

    /** As {@code 31 * schema.hashCode() + Arrays.deepHashCode(values)}, whichever way the row is stored. */
    @Override
    public int hashCode() {
        Object[] v = values;
        if (v != null) {
            return 31 * schema.hashCode() + Arrays.deepHashCode(v);
        }
        Object[] built = new Object[size()];
        for (int i = 0; i < built.length; i++) {
            built[i] = raw(i);
        }
        return 31 * schema.hashCode() + Arrays.deepHashCode(built);
    }

    /** The values by name, for example {@code {id=1, name=a}}; binary values show their length. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < size(); i++) {
            Object v = raw(i);
            b.append(i == 0 ? "" : ", ")
                    .append(schema.column(i).name())
                    .append('=')
                    .append(v instanceof byte[] ? "<" + ((byte[]) v).length + " bytes>" : v);
        }
        return b.append('}').toString();
    }
}
