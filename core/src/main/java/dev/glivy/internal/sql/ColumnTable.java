package dev.glivy.internal.sql;

import dev.glivy.Schema;
import dev.glivy.SparkType;
import dev.glivy.internal.InternalApi;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A decoded table stored by column, so a million rows are a few arrays instead of millions of objects: integers in
 * a {@code long[]}, {@code float}/{@code double} in a {@code double[]}, booleans in a {@code boolean[]}, dates as
 * epoch days in an {@code int[]}, timestamps as epoch seconds plus nanos, decimals that fit 18 digits at the
 * column's scale as unscaled {@code long}s, strings of Latin-1 characters (most text) as bytes in one array per
 * column with an end offset per row; what the compact forms cannot hold (other strings, longer decimals, dates
 * beyond {@code int} days) and nested values as objects. Nulls are one bit each, allocated for a column only once it holds a null. Values are materialised
 * (boxed, {@code LocalDate}, {@code Instant}...) only when read through {@link #get}, so the serial collector has
 * little to copy and a row costs roughly its primitive width.
 *
 * <p>Immutable once built (the {@link Builder} is not thread-safe; a built table is).
 */
@InternalApi
public final class ColumnTable {
    private final Schema schema;
    private final int size;
    private final SparkType.Kind[] kinds;
    private final int[] scales;
    private final @Nullable Object[] columns;
    private final @Nullable Object[] big;
    private final @Nullable int[][] nanos;
    private final @Nullable long[][] nulls;
    private final byte[][] latin1;

    private ColumnTable(Builder b, int size) {
        this.schema = b.schema;
        this.size = size;
        this.kinds = b.kinds;
        this.scales = b.scales;
        this.columns = b.columns;
        this.big = b.big;
        this.nanos = b.nanos;
        this.nulls = b.nulls;
        this.latin1 = b.latin1;
    }

    /** The columns. */
    public Schema schema() {
        return schema;
    }

    /** The number of rows. */
    public int size() {
        return size;
    }

    /** Whether the value at column {@code col} of row {@code row} is null. */
    public boolean isNull(int col, int row) {
        long[] n = nulls[col];
        return n != null && (n[row >>> 6] & (1L << row)) != 0;
    }

    /** An integer column's value (byte, short, integer, long); undefined when null. */
    public long getLong(int col, int row) {
        return ((long[]) columns[col])[row];
    }

    /** A float or double column's value; undefined when null. */
    public double getDouble(int col, int row) {
        return ((double[]) columns[col])[row];
    }

    /** A boolean column's value; undefined when null. */
    public boolean getBoolean(int col, int row) {
        return ((boolean[]) columns[col])[row];
    }

    /** The value as {@link dev.glivy.Row#get(int)} returns it (boxed or built now), or {@code null}. */
    public @Nullable Object get(int col, int row) {
        if (isNull(col, row)) {
            return null;
        }
        Object[] b = (Object[]) big[col];
        if (b != null && b[row] != null) {
            return b[row];
        }
        switch (kinds[col]) {
            case LONG:
                return getLong(col, row);
            case INTEGER:
                return (int) getLong(col, row);
            case SHORT:
                return (short) getLong(col, row);
            case BYTE:
                return (byte) getLong(col, row);
            case DOUBLE:
                return getDouble(col, row);
            case FLOAT:
                return (float) getDouble(col, row);
            case BOOLEAN:
                return getBoolean(col, row);
            case DECIMAL:
                return BigDecimal.valueOf(getLong(col, row), scales[col]);
            case DATE:
                return LocalDate.ofEpochDay(((int[]) columns[col])[row]);
            case STRING:
                int[] ends = (int[]) columns[col];
                int from = row == 0 ? 0 : ends[row - 1];
                return new String(latin1[col], from, ends[row] - from, StandardCharsets.ISO_8859_1);
            case TIMESTAMP:
                return Instant.ofEpochSecond(getLong(col, row), nanosOf(col)[row]);
            case TIMESTAMP_NTZ:
                return LocalDateTime.ofEpochSecond(getLong(col, row), nanosOf(col)[row], ZoneOffset.UTC);
            default:
                return ((Object[]) columns[col])[row];
        }
    }

    private int[] nanosOf(int col) {
        return java.util.Objects.requireNonNull(nanos[col]);
    }

    /** The first {@code n} rows (this table when {@code n >= size()}), copied so the rest can be collected. */
    public ColumnTable head(int n) {
        if (n >= size) {
            return this;
        }
        Builder b = new Builder(schema, 0);
        for (int c = 0; c < kinds.length; c++) {
            b.columns[c] = copy(columns[c], n);
            b.big[c] = copy(big[c], n);
            b.nanos[c] = nanos[c] == null ? null : Arrays.copyOf(nanos[c], n);
            b.nulls[c] = nulls[c] == null ? null : Arrays.copyOf(nulls[c], (n + 63) >>> 6);
            if (kinds[c] == SparkType.Kind.STRING) {
                b.latin1[c] = Arrays.copyOf(latin1[c], n == 0 ? 0 : ((int[]) columns[c])[n - 1]);
            }
        }
        return new ColumnTable(b, n);
    }

    private static @Nullable Object copy(@Nullable Object array, int n) {
        if (array == null) {
            return null;
        }
        if (array instanceof long[] l) {
            return Arrays.copyOf(l, n);
        }
        if (array instanceof double[] d) {
            return Arrays.copyOf(d, n);
        }
        if (array instanceof boolean[] z) {
            return Arrays.copyOf(z, n);
        }
        if (array instanceof int[] i) {
            return Arrays.copyOf(i, n);
        }
        return Arrays.copyOf((Object[]) array, n);
    }

    /**
     * Appends rows column by column: {@link #next()} opens a row (all its values unset are null), the setters fill
     * it, {@link #build()} trims the arrays (when more than an eighth is spare) and returns the table. Not
     * thread-safe.
     */
    public static final class Builder {
        private final Schema schema;
        private final SparkType.Kind[] kinds;
        private final int[] scales;
        private final @Nullable Object[] columns;
        private final @Nullable Object[] big;
        private final @Nullable int[][] nanos;
        private final @Nullable long[][] nulls;
        private final byte[][] latin1;
        private final int[] latin1Size;
        private int capacity;
        private int size;

        /** A builder for {@code schema}, with room for {@code expected} rows before it grows. */
        public Builder(Schema schema, int expected) {
            this.schema = schema;
            int n = schema.size();
            this.kinds = new SparkType.Kind[n];
            this.scales = new int[n];
            this.columns = new Object[n];
            this.big = new Object[n];
            this.nanos = new int[n][];
            this.nulls = new long[n][];
            this.latin1 = new byte[n][];
            this.latin1Size = new int[n];
            this.capacity = Math.max(0, expected);
            for (int c = 0; c < n; c++) {
                SparkType t = schema.column(c).type();
                kinds[c] = t.kind();
                scales[c] = t.kind() == SparkType.Kind.DECIMAL ? t.scale() : 0;
                columns[c] = array(kinds[c], capacity);
                if (kinds[c] == SparkType.Kind.TIMESTAMP || kinds[c] == SparkType.Kind.TIMESTAMP_NTZ) {
                    nanos[c] = new int[capacity];
                }
                if (kinds[c] == SparkType.Kind.STRING) {
                    latin1[c] = new byte[capacity * 8];
                }
            }
        }

        private static Object array(SparkType.Kind k, int n) {
            switch (k) {
                case LONG:
                case INTEGER:
                case SHORT:
                case BYTE:
                case DECIMAL:
                case TIMESTAMP:
                case TIMESTAMP_NTZ:
                    return new long[n];
                case DOUBLE:
                case FLOAT:
                    return new double[n];
                case BOOLEAN:
                    return new boolean[n];
                case DATE:
                case STRING:
                    return new int[n];
                default:
                    return new Object[n];
            }
        }

        /** The schema the rows follow. */
        public Schema schema() {
            return schema;
        }

        /** The rows so far. */
        public int size() {
            return size;
        }

        /** Opens the next row and returns its index. */
        public int next() {
            if (size == capacity) {
                grow(capacity < 16 ? 16 : capacity + (capacity >> 1));
            }
            for (int c = 0; c < kinds.length; c++) {
                if (kinds[c] == SparkType.Kind.STRING) {
                    ((int[]) columns[c])[size] = latin1Size[c]; // empty until set
                }
            }
            return size++;
        }

        /** Makes room for {@code rows} rows in all (an estimate: the builder still grows past it, or trims). */
        public void reserve(int rows) {
            if (rows > capacity) {
                if (size > 0) {
                    for (int c = 0; c < kinds.length; c++) {
                        if (kinds[c] == SparkType.Kind.STRING) {
                            long bytes = (long) ((double) latin1Size[c] / size * rows * 1.02);
                            if (bytes > latin1[c].length) {
                                latin1[c] = Arrays.copyOf(latin1[c], (int) Math.min(bytes, Integer.MAX_VALUE - 16));
                            }
                        }
                    }
                }
                grow(rows);
            }
        }

        private void grow(int to) {
            for (int c = 0; c < kinds.length; c++) {
                columns[c] = resize(columns[c], to);
                big[c] = resize(big[c], to);
                if (nanos[c] != null) {
                    nanos[c] = Arrays.copyOf(nanos[c], to);
                }
                if (nulls[c] != null) {
                    nulls[c] = Arrays.copyOf(nulls[c], (to + 63) >>> 6);
                }
            }
            capacity = to;
        }

        private static @Nullable Object resize(@Nullable Object array, int n) {
            return array == null ? null : copy(array, n);
        }

        /** Marks a value null. */
        public void setNull(int col, int row) {
            long[] n = nulls[col];
            if (n == null) {
                n = new long[(capacity + 63) >>> 6];
                nulls[col] = n;
            }
            n[row >>> 6] |= 1L << row;
        }

        /** An integer column's value. */
        public void setLong(int col, int row, long v) {
            ((long[]) columns[col])[row] = v;
        }

        /** A float or double column's value. */
        public void setDouble(int col, int row, double v) {
            ((double[]) columns[col])[row] = v;
        }

        /** A boolean column's value. */
        public void setBoolean(int col, int row, boolean v) {
            ((boolean[]) columns[col])[row] = v;
        }

        /** A date column's value, as days since 1970-01-01. */
        public void setEpochDay(int col, int row, int day) {
            ((int[]) columns[col])[row] = day;
        }

        /** A timestamp or timestamp_ntz column's value: epoch seconds (local for ntz) and nanos. */
        public void setSeconds(int col, int row, long seconds, int nano) {
            ((long[]) columns[col])[row] = seconds;
            nanos[col][row] = nano;
        }

        /** A decimal column's value as its unscaled value at the column's scale. */
        public void setUnscaled(int col, int row, long unscaled) {
            ((long[]) columns[col])[row] = unscaled;
        }

        /**
         * A value the column's compact form cannot hold, already of its Java type: a decimal that is no
         * {@code long} at the column's scale, a date beyond {@code int} days.
         */
        public void setOverflow(int col, int row, Object v) {
            Object[] b = (Object[]) big[col];
            if (b == null) {
                b = new Object[capacity];
                big[col] = b;
            }
            b[row] = v;
        }

        /**
         * A string column's value: stored as Latin-1 bytes when every character is one (most text), else kept as
         * the String.
         */
        public void setString(int col, int row, char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] > 0xFF) {
                    setOverflow(col, row, new String(chars, offset, length));
                    return;
                }
            }
            byte[] b = latin1[col];
            int at = latin1Size[col];
            if (at + length > b.length) {
                b = Arrays.copyOf(b, Math.max(at + length, b.length + (b.length >> 1) + 16));
                latin1[col] = b;
            }
            for (int i = 0; i < length; i++) {
                b[at + i] = (byte) chars[offset + i];
            }
            latin1Size[col] = at + length;
            ((int[]) columns[col])[row] = at + length;
        }

        /** Any other column's value (binary, array, map, struct, other), already of its Java type. */
        public void setObject(int col, int row, @Nullable Object v) {
            ((Object[]) columns[col])[row] = v;
        }

        /** The table of the rows so far; the builder must not be used afterwards. */
        public ColumnTable build() {
            if (capacity - size > size >> 3) {
                grow(size);
            }
            for (int c = 0; c < kinds.length; c++) {
                if (kinds[c] == SparkType.Kind.STRING && latin1[c].length - latin1Size[c] > latin1Size[c] >> 3) {
                    latin1[c] = Arrays.copyOf(latin1[c], latin1Size[c]);
                }
            }
            return new ColumnTable(this, size);
        }
    }
}
