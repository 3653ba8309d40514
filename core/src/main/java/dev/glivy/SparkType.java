package dev.glivy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Spark SQL data type as it appears in a result's schema: an atomic type such as {@code long} or
 * {@code decimal(10,2)}, or a nested {@code array}, {@code map} or {@code struct}.
 *
 * <p>Each {@link Kind} decodes to one Java type in {@link Row}: {@code boolean} {@link Boolean}, {@code byte}
 * {@link Byte}, {@code short} {@link Short}, {@code integer} {@link Integer}, {@code long} {@link Long},
 * {@code float} {@link Float}, {@code double} {@link Double}, {@code decimal} {@link java.math.BigDecimal} (at the
 * column's scale), {@code string} (also {@code char(n)}/{@code varchar(n)}) {@link String}, {@code binary}
 * {@code byte[]}, {@code date} {@link java.time.LocalDate}, {@code timestamp} {@link java.time.Instant},
 * {@code timestamp_ntz} {@link java.time.LocalDateTime}, {@code array} {@link java.util.List}, {@code map}
 * {@link java.util.Map}, {@code struct} {@link Row}, {@code null} (Spark's {@code void}) always {@code null}.
 * Types Glivy does not model (intervals, {@code variant}, future types) are {@link Kind#OTHER} and keep the value as
 * the backend wrote it (a {@link String}, number, {@link Boolean}, {@link java.util.List} or {@link java.util.Map}).
 *
 * <p>Immutable; {@link #equals} compares the full structure.
 */
public final class SparkType {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");

    /** The broad family of a type; nested kinds carry their element, key/value or field types. */
    public enum Kind {
        /** {@code boolean}. */
        BOOLEAN,
        /** {@code byte} ({@code tinyint}). */
        BYTE,
        /** {@code short} ({@code smallint}). */
        SHORT,
        /** {@code integer} ({@code int}). */
        INTEGER,
        /** {@code long} ({@code bigint}). */
        LONG,
        /** {@code float}. */
        FLOAT,
        /** {@code double}. */
        DOUBLE,
        /** {@code decimal(precision,scale)}. */
        DECIMAL,
        /** {@code string}, {@code char(n)}, {@code varchar(n)}. */
        STRING,
        /** {@code binary}. */
        BINARY,
        /** {@code date}. */
        DATE,
        /** {@code timestamp}: an instant (Spark's session time zone only affects how it is printed). */
        TIMESTAMP,
        /** {@code timestamp_ntz}: a local date-time without a time zone (Spark 3.4+). */
        TIMESTAMP_NTZ,
        /** {@code null} ({@code void}): the type of an untyped {@code NULL} literal. */
        NULL,
        /** {@code array<element>}. */
        ARRAY,
        /** {@code map<key,value>}. */
        MAP,
        /** {@code struct<field:type,...>}. */
        STRUCT,
        /** Any other type (intervals, {@code variant}, ...); see {@link SparkType#name()}. */
        OTHER
    }

    /** {@code boolean}. */
    public static final SparkType BOOLEAN = atomic(Kind.BOOLEAN, "boolean");
    /** {@code byte}. */
    public static final SparkType BYTE = atomic(Kind.BYTE, "byte");
    /** {@code short}. */
    public static final SparkType SHORT = atomic(Kind.SHORT, "short");
    /** {@code integer}. */
    public static final SparkType INTEGER = atomic(Kind.INTEGER, "integer");
    /** {@code long}. */
    public static final SparkType LONG = atomic(Kind.LONG, "long");
    /** {@code float}. */
    public static final SparkType FLOAT = atomic(Kind.FLOAT, "float");
    /** {@code double}. */
    public static final SparkType DOUBLE = atomic(Kind.DOUBLE, "double");
    /** {@code string}. */
    public static final SparkType STRING = atomic(Kind.STRING, "string");
    /** {@code binary}. */
    public static final SparkType BINARY = atomic(Kind.BINARY, "binary");
    /** {@code date}. */
    public static final SparkType DATE = atomic(Kind.DATE, "date");
    /** {@code timestamp}. */
    public static final SparkType TIMESTAMP = atomic(Kind.TIMESTAMP, "timestamp");
    /** {@code timestamp_ntz}. */
    public static final SparkType TIMESTAMP_NTZ = atomic(Kind.TIMESTAMP_NTZ, "timestamp_ntz");
    /** {@code null}. */
    public static final SparkType NULL = atomic(Kind.NULL, "null");

    private final Kind kind;
    private final String name;
    private final int precision;
    private final int scale;
    private final @Nullable SparkType element;
    private final @Nullable SparkType key;
    private final boolean containsNull;
    private final @Nullable Schema fields;

    private SparkType(
            Kind kind,
            String name,
            int precision,
            int scale,
            @Nullable SparkType element,
            @Nullable SparkType key,
            boolean containsNull,
            @Nullable Schema fields) {
        this.kind = kind;
        this.name = name;
        this.precision = precision;
        this.scale = scale;
        this.element = element;
        this.key = key;
        this.containsNull = containsNull;
        this.fields = fields;
    }

    private static SparkType atomic(Kind kind, String name) {
        return new SparkType(kind, name, 0, 0, null, null, false, null);
    }

    /**
     * The type named {@code typeName} as Spark writes it in schema JSON, case-insensitively: {@code long},
     * {@code decimal(10,2)}, {@code varchar(20)}, {@code timestamp_ntz}... The SQL aliases {@code bigint},
     * {@code int}, {@code smallint}, {@code tinyint}, {@code bool}, {@code void} are accepted too; {@code decimal}
     * alone is {@code decimal(10,0)}. Names Glivy does not model give a {@link Kind#OTHER} type keeping the name.
     *
     * @throws IllegalArgumentException when the name is blank, names a nested type ({@code array}, {@code map},
     *     {@code struct}: use {@link #array}, {@link #map}, {@link #struct}) or is a malformed decimal
     */
    public static SparkType named(String typeName) {
        Objects.requireNonNull(typeName, "typeName must not be null");
        String n = typeName.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "boolean":
            case "bool":
                return BOOLEAN;
            case "byte":
            case "tinyint":
                return BYTE;
            case "short":
            case "smallint":
                return SHORT;
            case "integer":
            case "int":
                return INTEGER;
            case "long":
            case "bigint":
                return LONG;
            case "float":
            case "real":
                return FLOAT;
            case "double":
                return DOUBLE;
            case "string":
                return STRING;
            case "binary":
                return BINARY;
            case "date":
                return DATE;
            case "timestamp":
            case "timestamp_ltz":
                return TIMESTAMP;
            case "timestamp_ntz":
                return TIMESTAMP_NTZ;
            case "null":
            case "void":
                return NULL;
            case "decimal":
                return decimal(10, 0);
            case "":
                throw new IllegalArgumentException("typeName must not be blank");
            case "array":
            case "map":
            case "struct":
                throw new IllegalArgumentException(
                        "typeName '" + typeName + "' is a nested type; use SparkType." + n + "(...) to build it");
            default:
                break;
        }
        if (n.startsWith("decimal")) {
            Matcher m = DECIMAL.matcher(n);
            if (!m.matches()) {
                throw new IllegalArgumentException("typeName '" + typeName + "' is not a valid decimal type; "
                        + "expected decimal(precision,scale) like decimal(10,2)");
            }
            return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (n.startsWith("char(") || n.startsWith("varchar(")) {
            return new SparkType(Kind.STRING, n, 0, 0, null, null, false, null);
        }
        return new SparkType(Kind.OTHER, n, 0, 0, null, null, false, null);
    }

    /**
     * {@code decimal(precision,scale)}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= precision <= 38} and {@code scale <= precision}
     */
    public static SparkType decimal(int precision, int scale) {
        if (precision < 1 || precision > 38) {
            throw new IllegalArgumentException("decimal precision must be between 1 and 38 but was " + precision);
        }
        if (scale > precision) {
            throw new IllegalArgumentException(
                    "decimal scale must be <= precision (" + precision + ") but was " + scale);
        }
        return new SparkType(
                Kind.DECIMAL, "decimal(" + precision + "," + scale + ")", precision, scale, null, null, false, null);
    }

    /** {@code array<element>}; {@code containsNull} says whether elements may be null. */
    public static SparkType array(SparkType element, boolean containsNull) {
        Objects.requireNonNull(element, "element must not be null");
        return new SparkType(Kind.ARRAY, "array", 0, 0, element, null, containsNull, null);
    }

    /** {@code map<key,value>}; {@code valueContainsNull} says whether values may be null (keys never are). */
    public static SparkType map(SparkType key, SparkType value, boolean valueContainsNull) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        return new SparkType(Kind.MAP, "map", 0, 0, value, key, valueContainsNull, null);
    }

    /** {@code struct<...>} with the given fields. */
    public static SparkType struct(Schema fields) {
        Objects.requireNonNull(fields, "fields must not be null");
        return new SparkType(Kind.STRUCT, "struct", 0, 0, null, null, false, fields);
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }

    /**
     * The name Spark uses in schema JSON: {@code "long"}, {@code "decimal(10,2)"}, {@code "varchar(5)"}, or
     * {@code "array"}, {@code "map"}, {@code "struct"} for nested types.
     */
    public String name() {
        return name;
    }

    /** {@code true} for arrays, maps and structs. */
    public boolean isNested() {
        return kind == Kind.ARRAY || kind == Kind.MAP || kind == Kind.STRUCT;
    }

    /** A decimal's precision (total digits). @throws IllegalStateException unless this is a decimal */
    public int precision() {
        require(Kind.DECIMAL, "precision()");
        return precision;
    }

    /** A decimal's scale (digits after the point). @throws IllegalStateException unless this is a decimal */
    public int scale() {
        require(Kind.DECIMAL, "scale()");
        return scale;
    }

    /** An array's element type. @throws IllegalStateException unless this is an array */
    public SparkType elementType() {
        require(Kind.ARRAY, "elementType()");
        return Objects.requireNonNull(element);
    }

    /** Whether an array's elements may be null. @throws IllegalStateException unless this is an array */
    public boolean containsNull() {
        require(Kind.ARRAY, "containsNull()");
        return containsNull;
    }

    /** A map's key type. @throws IllegalStateException unless this is a map */
    public SparkType keyType() {
        require(Kind.MAP, "keyType()");
        return Objects.requireNonNull(key);
    }

    /** A map's value type. @throws IllegalStateException unless this is a map */
    public SparkType valueType() {
        require(Kind.MAP, "valueType()");
        return Objects.requireNonNull(element);
    }

    /** Whether a map's values may be null. @throws IllegalStateException unless this is a map */
    public boolean valueContainsNull() {
        require(Kind.MAP, "valueContainsNull()");
        return containsNull;
    }

    /** A struct's fields. @throws IllegalStateException unless this is a struct */
    public Schema fields() {
        require(Kind.STRUCT, "fields()");
        return Objects.requireNonNull(fields);
    }

    private void require(Kind k, String what) {
        if (kind != k) {
            throw new IllegalStateException(what + " is only defined for "
                    + k.name().toLowerCase(Locale.ROOT) + " types, but this type is " + simpleString());
        }
    }

    /**
     * The type in Spark SQL's short form, for example {@code bigint}, {@code decimal(10,2)},
     * {@code array<int>}, {@code map<string,bigint>}, {@code struct<a:int,b:array<string>>}.
     */
    public String simpleString() {
        switch (kind) {
            case BYTE:
                return "tinyint";
            case SHORT:
                return "smallint";
            case INTEGER:
                return "int";
            case LONG:
                return "bigint";
            case NULL:
                return "void";
            case ARRAY:
                return "array<" + elementType().simpleString() + ">";
            case MAP:
                return "map<" + keyType().simpleString() + "," + valueType().simpleString() + ">";
            case STRUCT:
                StringBuilder b = new StringBuilder("struct<");
                for (int i = 0; i < fields().size(); i++) {
                    Column c = fields().column(i);
                    b.append(i == 0 ? "" : ",")
                            .append(c.name())
                            .append(':')
                            .append(c.type().simpleString());
                }
                return b.append('>').toString();
            default:
                return name;
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SparkType)) {
            return false;
        }
        SparkType t = (SparkType) o;
        return kind == t.kind
                && name.equals(t.name)
                && containsNull == t.containsNull
                && Objects.equals(element, t.element)
                && Objects.equals(key, t.key)
                && Objects.equals(fields, t.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, containsNull, element, key, fields);
    }

    /** The same as {@link #simpleString()}. */
    @Override
    public String toString() {
        return simpleString();
    }
}
