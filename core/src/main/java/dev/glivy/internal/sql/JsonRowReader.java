package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import dev.glivy.internal.InternalApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads rows of one schema from a streaming {@link JsonParser}, straight into the Java types of {@link SparkType}:
 * rows as objects keyed by column name (Spark's {@code toJSON}, where null fields are left out) or as positional
 * arrays (Livy's SQL output). Nested structs accept either shape.
 *
 * <p>Built for volume: no tree model, field names resolved by identity against the previous row's (Jackson
 * canonicalises them), dates and timestamps parsed from the parser's buffer. Not thread-safe; one per stream.
 */
@InternalApi
public final class JsonRowReader {
    private static final SqlAccess ACCESS = SqlAccess.get();

    /** The shortest float text with 16 significant digits ({@code 1.234567890123456}): shorter ones are exact. */
    static final int LOSSY_MIN_LENGTH = 17;

    private final Schema schema;
    private final String[] seen;
    private final int[] seenIndex;

    /** A reader of rows of {@code schema}. */
    public JsonRowReader(Schema schema) {
        this.schema = schema;
        this.seen = new String[schema.size()];
        this.seenIndex = new int[schema.size()];
    }

    /** Reads the row whose {@code START_OBJECT} or {@code START_ARRAY} is the current token. */
    Row row(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return objectRow(p, schema, this);
        }
        if (t == JsonToken.START_ARRAY) {
            return arrayRow(p, schema);
        }
        throw new DecodeError("", "expected a row (a JSON object or array) but found " + describe(p));
    }

    /** The column of field {@code name} seen at {@code position} of the row: cached by identity per position. */
    private int topIndex(String name, int position) {
        if (position < seen.length && seen[position] == name) {
            return seenIndex[position];
        }
        int i = ACCESS.exactIndex(schema, name);
        if (i >= 0 && position < seen.length) {
            seen[position] = name;
            seenIndex[position] = i;
        }
        return i;
    }

    private static Row objectRow(JsonParser p, Schema s, @Nullable JsonRowReader top) throws IOException {
        Object[] values = new Object[s.size()];
        boolean[] filled = null;
        int position = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int i = top != null && top.schema == s ? top.topIndex(name, position) : ACCESS.exactIndex(s, name);
            if (i < 0 && !ACCESS.hasDuplicateNames(s)) {
                throw new DecodeError("", "field '" + name + "' is not a column of " + s.names());
            }
            if (i < 0 || (filled != null && filled[i])) {
                if (filled == null) {
                    filled = new boolean[s.size()];
                }
                i = nextUnfilled(s, name, filled);
            }
            if (filled != null) {
                filled[i] = true;
            }
            p.nextToken();
            Column c = s.column(i);
            try {
                values[i] = value(p, c.type());
            } catch (DecodeError e) {
                throw e.under(c.name());
            }
            position++;
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new DecodeError("", "expected a field name or '}' but found " + describe(p));
        }
        return ACCESS.row(s, values);
    }

    private static int nextUnfilled(Schema s, String name, boolean[] filled) {
        for (int k = 0; k < s.size(); k++) {
            if (!filled[k] && s.column(k).name().equals(name)) {
                return k;
            }
        }
        throw new DecodeError(
                "",
                "field '" + name + "' is not a column of " + s.names()
                        + " (or appears more often than the schema has columns of that name)");
    }

    private static Row arrayRow(JsonParser p, Schema s) throws IOException {
        Object[] values = new Object[s.size()];
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (i >= values.length) {
                throw new DecodeError("", "row has more values than the " + s.size() + " columns " + s.names());
            }
            Column c = s.column(i);
            try {
                values[i] = value(p, c.type());
            } catch (DecodeError e) {
                throw e.under(c.name());
            }
            i++;
        }
        if (i != values.length) {
            throw new DecodeError("", "row has " + i + " values but there are " + s.size() + " columns " + s.names());
        }
        return ACCESS.row(s, values);
    }

    /** Reads the value whose first token is current, as type {@code t}. */
    static @Nullable Object value(JsonParser p, SparkType t) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (t.kind()) {
            case LONG:
                return tok == JsonToken.VALUE_NUMBER_INT ? integral(p, t) : mismatch(p, t);
            case INTEGER:
                return tok == JsonToken.VALUE_NUMBER_INT ? (int) integral(p, t) : mismatch(p, t);
            case SHORT:
                return tok == JsonToken.VALUE_NUMBER_INT ? (short) integral(p, t) : mismatch(p, t);
            case BYTE:
                return tok == JsonToken.VALUE_NUMBER_INT ? (byte) integral(p, t) : mismatch(p, t);
            case BOOLEAN:
                if (tok == JsonToken.VALUE_TRUE || tok == JsonToken.VALUE_FALSE) {
                    return tok == JsonToken.VALUE_TRUE;
                }
                return mismatch(p, t);
            case DOUBLE:
                return floating(p, t);
            case FLOAT:
                if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
                    return p.getFloatValue();
                }
                return (float) floating(p, t);
            case DECIMAL:
                return decimal(p, t);
            case STRING:
                return tok == JsonToken.VALUE_STRING ? p.getText() : mismatch(p, t);
            case BINARY:
                return binary(p, t);
            case DATE:
            case TIMESTAMP:
            case TIMESTAMP_NTZ:
                return temporal(p, t);
            case ARRAY:
                return array(p, t);
            case MAP:
                return map(p, t);
            case STRUCT:
                if (tok == JsonToken.START_OBJECT) {
                    return objectRow(p, t.fields(), null);
                }
                return tok == JsonToken.START_ARRAY ? arrayRow(p, t.fields()) : mismatch(p, t);
            default:
                return generic(p);
        }
    }

    static long integral(JsonParser p, SparkType t) throws IOException {
        long v;
        try {
            v = p.getLongValue();
        } catch (InputCoercionException e) {
            throw new DecodeError("", p.getText() + " does not fit " + t.simpleString());
        }
        long min;
        long max;
        switch (t.kind()) {
            case BYTE:
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
                break;
            case SHORT:
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
                break;
            case INTEGER:
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
                break;
            default:
                return v;
        }
        if (v < min || v > max) {
            throw new DecodeError("", v + " does not fit " + t.simpleString());
        }
        return v;
    }

    static double floating(JsonParser p, SparkType t) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (tok == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                case "+Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw mismatchError(p, t);
    }

    private static Object decimal(JsonParser p, SparkType t) throws IOException {
        JsonToken tok = p.currentToken();
        BigDecimal v;
        if (tok == JsonToken.VALUE_NUMBER_INT) {
            v = p.getDecimalValue();
        } else if (tok == JsonToken.VALUE_NUMBER_FLOAT) {
            if (p.getTextLength() >= LOSSY_MIN_LENGTH) {
                refuseDoubleRendering(p.getText(), t);
            }
            v = p.getDecimalValue();
        } else if (tok == JsonToken.VALUE_STRING) {
            try {
                v = new BigDecimal(p.getText());
            } catch (NumberFormatException e) {
                return mismatch(p, t);
            }
        } else {
            return mismatch(p, t);
        }
        return scaled(v, t.scale());
    }

    /**
     * Refuses a decimal that a double has rounded: {@code text} is exactly how Java renders a double (the shortest
     * digits that identify it, as json4s writes Livy's {@code sql} rows) and has 16 or more significant digits,
     * where a double no longer holds every digit, and an exact writer cannot have produced it: Spark and Glivy's
     * wrappers write a decimal with exactly its scale's fraction digits and never with a positive exponent. Values
     * a double holds exactly (15 digits or fewer) are accepted whoever wrote them.
     */
    static void refuseDoubleRendering(String text, SparkType t) {
        int e = Math.max(text.indexOf('E'), text.indexOf('e'));
        String mantissa = e < 0 ? text : text.substring(0, e);
        int digits = 0;
        boolean leading = true;
        for (int i = 0; i < mantissa.length(); i++) {
            char c = mantissa.charAt(i);
            if (c >= '0' && c <= '9') {
                leading &= c == '0';
                if (!leading) {
                    digits++;
                }
            }
        }
        if (digits < 16) {
            return;
        }
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            return;
        }
        if (!Double.toString(d).equals(text)) {
            return;
        }
        int dot = mantissa.indexOf('.');
        int fraction = dot < 0 ? 0 : mantissa.length() - dot - 1;
        boolean positiveExponent = e >= 0 && text.charAt(e + 1) != '-';
        if (!positiveExponent && e < 0 && fraction == t.scale()) {
            return;
        }
        throw new DecodeError(
                "",
                text + " is a double (" + digits + " significant digits, rounded to a double's "
                        + "precision) where the schema says " + t.simpleString()
                        + "; Glivy does not round decimals. Livy's "
                        + "sql statement kind (json4s) sends decimals as doubles and loses digits: run the query through the "
                        + "default generated code instead (LivyTransportBuilder.sqlKind(false), the default).");
    }

    /** {@code v} at {@code scale} when that is exact (so equal decimals compare equal), else as is. */
    static BigDecimal scaled(BigDecimal v, int scale) {
        if (v.scale() == scale) {
            return v;
        }
        try {
            return v.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return v;
        }
    }

    private static Object binary(JsonParser p, SparkType t) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_STRING) {
            try {
                return p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
            } catch (IOException | IllegalArgumentException e) {
                throw new DecodeError("", "expected base64 text for binary but found " + describe(p));
            }
        }
        if (tok == JsonToken.START_ARRAY) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                        || p.getLongValue() < -128
                        || p.getLongValue() > 255) {
                    throw new DecodeError(
                            "", "expected byte values (-128..255) in a binary array but found " + describe(p));
                }
                out.write((int) p.getLongValue());
            }
            return out.toByteArray();
        }
        return mismatch(p, t);
    }

    private static Object temporal(JsonParser p, SparkType t) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return mismatch(p, t);
        }
        char[] b = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        Object v;
        String example;
        if (t.kind() == SparkType.Kind.DATE) {
            v = TemporalText.date(b, off, len);
            example = "2024-01-02";
        } else if (t.kind() == SparkType.Kind.TIMESTAMP) {
            v = TemporalText.instant(b, off, len);
            example = "2024-01-02T03:04:05.123Z";
        } else {
            v = TemporalText.localDateTime(b, off, len);
            example = "2024-01-02T03:04:05.123, without an offset";
        }
        if (v == null) {
            throw new DecodeError(
                    "",
                    "cannot read " + describe(p) + " as a " + t.simpleString() + " (expected ISO-8601 like " + example
                            + ")");
        }
        return v;
    }

    private static Object array(JsonParser p, SparkType t) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return mismatch(p, t);
        }
        List<@Nullable Object> out = new ArrayList<>();
        SparkType element = t.elementType();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                out.add(value(p, element));
            } catch (DecodeError e) {
                throw e.under("[" + out.size() + "]");
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static Object map(JsonParser p, SparkType t) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return mismatch(p, t);
        }
        Map<Object, @Nullable Object> out = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            Object key = MapKeys.parse(name, t.keyType());
            p.nextToken();
            try {
                out.put(key, value(p, t.valueType()));
            } catch (DecodeError e) {
                throw e.under("[" + name + "]");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Any JSON value as plain Java: String, Long/BigInteger, BigDecimal, Boolean, List, Map. */
    static @Nullable Object generic(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_ARRAY:
                List<@Nullable Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(generic(p));
                }
                return Collections.unmodifiableList(list);
            case START_OBJECT:
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    p.nextToken();
                    map.put(name, generic(p));
                }
                return Collections.unmodifiableMap(map);
            default:
                return null;
        }
    }

    private static Object mismatch(JsonParser p, SparkType t) throws IOException {
        throw mismatchError(p, t);
    }

    private static DecodeError mismatchError(JsonParser p, SparkType t) throws IOException {
        return new DecodeError("", "expected " + expected(t) + " but found " + describe(p));
    }

    private static String expected(SparkType t) {
        switch (t.kind()) {
            case BYTE:
            case SHORT:
            case INTEGER:
            case LONG:
                return "an integer for " + t.simpleString();
            case FLOAT:
            case DOUBLE:
                return "a number (or \"NaN\", \"Infinity\", \"-Infinity\") for " + t.simpleString();
            case DECIMAL:
                return "a number for " + t.simpleString();
            case BOOLEAN:
                return "true or false";
            case STRING:
                return "a JSON string";
            case BINARY:
                return "base64 text or an array of bytes for binary";
            case ARRAY:
                return "a JSON array for " + t.simpleString();
            case MAP:
                return "a JSON object for " + t.simpleString();
            case STRUCT:
                return "a JSON object or array for " + t.simpleString();
            default:
                return "an ISO-8601 string for " + t.simpleString();
        }
    }

    /** The current token for messages: scalars as their (shortened) text, containers by kind. */
    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the input";
        }
        switch (t) {
            case START_OBJECT:
                return "a JSON object";
            case START_ARRAY:
                return "a JSON array";
            case VALUE_STRING:
                String s = p.getText();
                return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
            default:
                String x = p.getText();
                return x == null ? t.toString() : (x.length() > 80 ? x.substring(0, 80) + "..." : x);
        }
    }
}
