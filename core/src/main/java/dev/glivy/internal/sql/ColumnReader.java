package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import dev.glivy.spi.JsonOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Reads rows of one schema from a streaming parser into a {@link ColumnTable}, so a large result costs a few arrays
 * instead of an object per value. Positional rows (Livy's SQL output) take a path that reads integers, doubles,
 * booleans, strings, decimals of up to 18 digits, dates and timestamps straight from the parser's buffer into the
 * columns; every other value, and every value that path does not recognise, goes through {@link JsonRowReader}, so
 * the accepted input and the error messages are exactly the row reader's. Rows as JSON objects are read by the row
 * reader and stored by column. Not thread-safe; one per table.
 */
final class ColumnReader {
    private final Schema schema;
    private final SparkType[] types;
    private final SparkType.Kind[] kinds;
    private final int[] scales;
    private final JsonRowReader objects;
    private final ColumnTable.Builder table;
    private final long[] parts = new long[3];
    /** Where the input ends (byte offset), to estimate the row count after the first rows; -1 when unknown. */
    private long end = -1;

    ColumnReader(Schema schema, int expected) {
        this.schema = schema;
        int n = schema.size();
        this.types = new SparkType[n];
        this.kinds = new SparkType.Kind[n];
        this.scales = new int[n];
        for (int c = 0; c < n; c++) {
            types[c] = schema.column(c).type();
            kinds[c] = types[c].kind();
            scales[c] = kinds[c] == SparkType.Kind.DECIMAL ? types[c].scale() : 0;
        }
        this.objects = new JsonRowReader(schema);
        this.table = new ColumnTable.Builder(schema, expected);
    }

    /**
     * Lets {@link #data} estimate the number of rows from the first {@value #SAMPLE} rows' size and the input's end
     * (a byte offset of the parser's input), so the columns are sized once instead of grown repeatedly.
     */
    ColumnReader end(long endOffset) {
        this.end = endOffset;
        return this;
    }

    private static final int SAMPLE = 1024;

    /** The rows read so far. */
    int size() {
        return table.size();
    }

    /** The table; this reader must not be used afterwards. */
    ColumnTable build() {
        return table.build();
    }

    /** Reads the row whose {@code START_ARRAY} or {@code START_OBJECT} is current. */
    void row(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            arrayRow(p);
        } else if (t == JsonToken.START_OBJECT) {
            Row r = objects.row(p);
            int row = table.next();
            for (int c = 0; c < kinds.length; c++) {
                put(c, row, r.get(c));
            }
        } else {
            throw new DecodeError("", "expected a row (a JSON object or array) but found " + JsonRowReader.describe(p));
        }
    }

    private void arrayRow(JsonParser p) throws IOException {
        int row = table.next();
        int c = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (c >= kinds.length) {
                throw new DecodeError(
                        "", "row has more values than the " + schema.size() + " columns " + schema.names());
            }
            try {
                cell(p, c, row);
            } catch (DecodeError e) {
                throw e.under(schema.column(c).name());
            }
            c++;
        }
        if (c != kinds.length) {
            throw new DecodeError(
                    "", "row has " + c + " values but there are " + schema.size() + " columns " + schema.names());
        }
    }

    private void cell(JsonParser p, int c, int row) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_NULL) {
            table.setNull(c, row);
            return;
        }
        switch (kinds[c]) {
            case LONG:
            case INTEGER:
            case SHORT:
            case BYTE:
                if (tok == JsonToken.VALUE_NUMBER_INT) {
                    table.setLong(c, row, JsonRowReader.integral(p, types[c]));
                    return;
                }
                break;
            case DOUBLE:
                table.setDouble(c, row, JsonRowReader.floating(p, types[c]));
                return;
            case BOOLEAN:
                if (tok == JsonToken.VALUE_TRUE || tok == JsonToken.VALUE_FALSE) {
                    table.setBoolean(c, row, tok == JsonToken.VALUE_TRUE);
                    return;
                }
                break;
            case STRING:
                if (tok == JsonToken.VALUE_STRING) {
                    table.setString(c, row, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    return;
                }
                break;
            case DECIMAL:
                if ((tok == JsonToken.VALUE_NUMBER_FLOAT || tok == JsonToken.VALUE_NUMBER_INT) && decimal(p, c, row)) {
                    return;
                }
                break;
            case DATE:
                if (tok == JsonToken.VALUE_STRING) {
                    long day = TemporalText.epochDay(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (day != TemporalText.NONE) {
                        table.setEpochDay(c, row, (int) day);
                        return;
                    }
                }
                break;
            case TIMESTAMP:
            case TIMESTAMP_NTZ:
                if (tok == JsonToken.VALUE_STRING
                        && TemporalText.parts(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), parts)) {
                    boolean offset = parts[2] != TemporalText.NONE;
                    if (kinds[c] == SparkType.Kind.TIMESTAMP) {
                        table.setSeconds(c, row, parts[0] - (offset ? parts[2] : 0), (int) parts[1]);
                        return;
                    }
                    if (!offset) {
                        table.setSeconds(c, row, parts[0], (int) parts[1]);
                        return;
                    }
                }
                break;
            default:
                break;
        }
        put(c, row, JsonRowReader.value(p, types[c])); // decodes, or throws the row reader's error
    }

    /**
     * A decimal whose text has at most 18 digits, no exponent, and is exact at the column's scale, as its unscaled
     * {@code long}; {@code false} for anything else (the row reader then decides, including refusing a double's
     * rendering of a decimal).
     */
    private boolean decimal(JsonParser p, int c, int row) throws IOException {
        int len = p.getTextLength();
        if (len >= JsonRowReader.LOSSY_MIN_LENGTH) {
            return false;
        }
        char[] b = p.getTextCharacters();
        int i = p.getTextOffset();
        int end = i + len;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        int fraction = -1;
        for (; i < end; i++) {
            char ch = b[i];
            if (ch >= '0' && ch <= '9') {
                v = v * 10 + (ch - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (ch == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return false;
            }
        }
        int scale = scales[c];
        int f = Math.max(fraction, 0);
        for (; f > scale; f--) {
            if (v % 10 != 0) {
                return false;
            }
            v /= 10;
        }
        for (; f < scale; f++) {
            if (v > Long.MAX_VALUE / 10) {
                return false;
            }
            v *= 10;
        }
        table.setUnscaled(c, row, negative ? -v : v);
        return true;
    }

    /** Stores a value the row reader decoded (of its column's Java type, or null). */
    private void put(int c, int row, @Nullable Object v) {
        if (v == null) {
            table.setNull(c, row);
            return;
        }
        switch (kinds[c]) {
            case LONG:
            case INTEGER:
            case SHORT:
            case BYTE:
                table.setLong(c, row, ((Number) v).longValue());
                break;
            case DOUBLE:
            case FLOAT:
                table.setDouble(c, row, ((Number) v).doubleValue());
                break;
            case BOOLEAN:
                table.setBoolean(c, row, (Boolean) v);
                break;
            case DECIMAL:
                BigDecimal d = (BigDecimal) v;
                if (d.scale() == scales[c] && d.precision() <= 18) {
                    table.setUnscaled(c, row, d.unscaledValue().longValue());
                } else {
                    table.setOverflow(c, row, d);
                }
                break;
            case DATE:
                long day = ((LocalDate) v).toEpochDay();
                if (day == (int) day) {
                    table.setEpochDay(c, row, (int) day);
                } else {
                    table.setOverflow(c, row, v);
                }
                break;
            case TIMESTAMP:
                Instant at = (Instant) v;
                table.setSeconds(c, row, at.getEpochSecond(), at.getNano());
                break;
            case TIMESTAMP_NTZ:
                LocalDateTime local = (LocalDateTime) v;
                table.setSeconds(c, row, local.toEpochSecond(ZoneOffset.UTC), local.getNano());
                break;
            case STRING:
                String text = (String) v;
                table.setString(c, row, text.toCharArray(), 0, text.length());
                break;
            default:
                table.setObject(c, row, v);
                break;
        }
    }

    /**
     * Reads the array of rows whose {@code START_ARRAY} (or {@code null}) is current, up to {@code limit} rows, and
     * skips the rest; returns whether more rows followed. A value that does not fit its column throws
     * {@link DecodeError} prefixed with the row number.
     */
    boolean data(JsonParser p, int limit) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new DecodeError("", "\"data\" must be a JSON array of rows but found " + JsonRowReader.describe(p));
        }
        long start = end < 0 ? -1 : p.currentTokenLocation().getByteOffset();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (size() == SAMPLE && start >= 0) {
                long at = p.currentTokenLocation().getByteOffset();
                if (at > start && end > at) {
                    double rows = SAMPLE * ((double) (end - start) / (at - start)) * 1.02;
                    table.reserve((int) Math.min(Math.min(rows, limit), Integer.MAX_VALUE - 16));
                }
            }
            if (size() == limit) {
                p.skipChildren();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    p.skipChildren();
                }
                return true;
            }
            try {
                row(p);
            } catch (DecodeError e) {
                throw new DecodeError("", "row " + size() + ", " + e.getMessage());
            }
        }
        return false;
    }

    /**
     * {@link dev.glivy.internal.sql.JsonTables#read}: the value whose {@code START_OBJECT} is current, as its bytes
     * in {@code body}, with the table decoded in the same pass when the value is a Spark JSON table
     * ({@code schema} before {@code data}, every value fitting its column).
     */
    static JsonOutput readOutput(JsonParser p, byte[] body) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        if (p.currentToken() != JsonToken.START_OBJECT || start < 0) {
            throw new IOException("cannot locate the application/json output in the response");
        }
        Schema schema = null;
        ColumnTable rows = null;
        boolean usable = true;
        boolean data = false;
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            boolean known = field.equals("schema") || field.equals("data");
            if (usable && field.equals("schema") && schema == null && !data) {
                JsonNode node = SqlDecoder.TREES.readTree(p);
                try {
                    schema = SchemaJson.parse(node);
                } catch (IllegalArgumentException e) {
                    usable = false;
                }
            } else if (usable && field.equals("data") && schema != null && !data) {
                data = true;
                rows = dataOrSkip(p, schema, body.length);
                usable = rows != null;
            } else {
                usable &= !known;
                p.skipChildren();
            }
        }
        long stop = p.currentLocation().getByteOffset();
        if (stop <= start || stop > body.length) {
            throw new IOException("cannot locate the application/json output in the response");
        }
        if (usable && schema != null && rows == null) {
            rows = new ColumnTable.Builder(schema, 0).build();
        }
        return new Utf8Json(body, (int) start, (int) (stop - start), usable ? rows : null);
    }

    /** The table, or {@code null} (with the parser moved to the end of the data) when a value does not fit. */
    private static @Nullable ColumnTable dataOrSkip(JsonParser p, Schema schema, long end) throws IOException {
        boolean container = p.currentToken().isStructStart();
        JsonStreamContext outer = p.getParsingContext().getParent();
        ColumnReader reader = new ColumnReader(schema, 0).end(end);
        try {
            reader.data(p, Integer.MAX_VALUE);
            return reader.build();
        } catch (DecodeError e) {
            while (container
                    && (p.getParsingContext() != outer || !p.currentToken().isStructEnd())) {
                if (p.nextToken() == null) {
                    throw new IOException("the application/json output ends inside its data");
                }
            }
            return null;
        }
    }
}
