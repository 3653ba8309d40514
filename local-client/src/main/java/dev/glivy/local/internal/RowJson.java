package dev.glivy.local.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Encodes a SQL result as Livy's {@code sql} kind does: {@code {"schema": <StructType JSON>, "data": [[...], ...]}},
 * plus {@code "truncated"}, true when rows were left out because of the row limit.
 *
 * <p>Values stay JSON-typed: integers and decimals are JSON numbers (decimals exact, never in exponent form),
 * floating-point NaN and infinities are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; dates are
 * ISO dates ({@code 2024-02-29}), timestamps ISO instants in UTC ({@code 2024-02-29T12:00:00.123456Z}), timestamps
 * without time zone ISO local date-times, intervals ISO durations/periods; binary is base64; arrays are JSON
 * arrays, structs JSON objects by field name, maps JSON objects whose keys are the keys' text.
 *
 * <p>Thread-safe (the factory is).
 */
public final class RowJson {
    private final JsonFactory factory;

    /** An encoder writing with {@code factory}. */
    public RowJson(JsonFactory factory) {
        this.factory = factory;
    }

    /** The JSON document for {@code rows} of {@code schema}. */
    public String encode(StructType schema, List<Row> rows, boolean truncated) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            g.writeStartObject();
            g.writeFieldName("schema");
            g.writeRawValue(schema.json());
            g.writeArrayFieldStart("data");
            StructField[] fields = schema.fields();
            for (Row row : rows) {
                g.writeStartArray();
                for (int i = 0; i < fields.length; i++) {
                    write(g, row.isNullAt(i) ? null : row.get(i), fields[i].dataType());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeBooleanField("truncated", truncated);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The JSON text of one value of {@code type} (exposed for tests and map keys). */
    public String value(@Nullable Object value, @Nullable DataType type) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            write(g, value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(JsonGenerator g, @Nullable Object v, @Nullable DataType type) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Row r) {
            writeStruct(g, r, type instanceof StructType st ? st : r.schema());
        } else if (v instanceof scala.collection.Map<?, ?> m) {
            writeMap(g, m, type);
        } else if (v instanceof scala.collection.Seq<?> s) {
            DataType element = type instanceof ArrayType a ? a.elementType() : null;
            g.writeStartArray();
            for (Iterator<?> it = s.iterator(); it.hasNext(); ) {
                Object e = it.next();
                write(g, e, element);
            }
            g.writeEndArray();
        } else {
            writeScalar(g, v);
        }
    }

    private void writeStruct(JsonGenerator g, Row r, @Nullable StructType type) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < r.length(); i++) {
            StructField f = type == null ? null : type.fields()[i];
            g.writeFieldName(f == null ? "_" + (i + 1) : f.name());
            Object v = r.isNullAt(i) ? null : r.get(i);
            write(g, v, f == null ? null : f.dataType());
        }
        g.writeEndObject();
    }

    private void writeMap(JsonGenerator g, scala.collection.Map<?, ?> m, @Nullable DataType type) throws IOException {
        DataType keyType = type instanceof MapType mt ? mt.keyType() : null;
        DataType valueType = type instanceof MapType mt ? mt.valueType() : null;
        g.writeStartObject();
        for (Iterator<? extends Tuple2<?, ?>> it = m.iterator(); it.hasNext(); ) {
            Tuple2<?, ?> e = it.next();
            Object k = e._1();
            g.writeFieldName(k instanceof String s ? s : keyText(k, keyType));
            write(g, e._2(), valueType);
        }
        g.writeEndObject();
    }

    private String keyText(@Nullable Object key, @Nullable DataType type) {
        String json = value(key, type);
        return json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")
                ? json.substring(1, json.length() - 1)
                : json;
    }

    private static void writeScalar(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.toString());
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                g.writeString(f.toString());
            } else {
                g.writeNumber(f);
            }
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Decimal d) {
            g.writeNumber(d.toJavaBigDecimal());
        } else if (v instanceof byte[] bytes) {
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof java.sql.Date d) {
            g.writeString(d.toLocalDate().toString());
        } else if (v instanceof java.sql.Timestamp t) {
            g.writeString(t.toInstant().toString());
        } else {
            // String, LocalDate, Instant, LocalDateTime, Duration, Period: their toString is ISO-8601.
            g.writeString(v.toString());
        }
    }
}
