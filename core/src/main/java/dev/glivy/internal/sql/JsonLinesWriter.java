package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows as JSON lines in the shape Spark's {@code toJSON} uses, so Glivy's own reader (and Spark's
 * {@code spark.read.json}) reads them back to the same values: see {@code SqlResult.writeJsonLines}.
 */
public final class JsonLinesWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private JsonLinesWriter() {}

    /** Writes {@code rows}, one JSON object per line. */
    public static void write(List<Row> rows, Appendable out) throws IOException {
        Writer w = AppendableWriter.of(out);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.setRootValueSeparator(null);
            for (Row r : rows) {
                row(g, r);
                g.writeRaw('\n');
            }
        }
        w.flush();
    }

    /** A nested value (array, map, struct) as compact JSON text, for CSV fields. */
    static String json(@Nullable Object value, SparkType type) {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(s)) {
            value(g, value, type);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        return s.toString();
    }

    private static void row(JsonGenerator g, Row r) throws IOException {
        Schema s = r.schema();
        g.writeStartObject();
        for (int i = 0; i < s.size(); i++) {
            Column c = s.column(i);
            g.writeFieldName(c.name());
            value(g, r.get(i), c.type());
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, @Nullable Object v, SparkType t) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Row) {
            row(g, (Row) v);
        } else if (v instanceof List) {
            g.writeStartArray();
            SparkType element = t.kind() == SparkType.Kind.ARRAY ? t.elementType() : t;
            for (Object e : (List<?>) v) {
                value(g, e, element);
            }
            g.writeEndArray();
        } else if (v instanceof Map) {
            g.writeStartObject();
            SparkType valueType = t.kind() == SparkType.Kind.MAP ? t.valueType() : t;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(text(e.getKey()));
                value(g, e.getValue(), valueType);
            }
            g.writeEndObject();
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeString(text(v));
            } else if (v instanceof Float) {
                g.writeNumber((Float) v);
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof byte[]) {
            g.writeBinary((byte[]) v);
        } else {
            g.writeString(text(v));
        }
    }

    /** A scalar value as text: ISO-8601 for time (timestamps in UTC), plain decimals, the rest by toString. */
    static String text(Object v) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof LocalDateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) v);
        }
        if (v instanceof Instant || v instanceof LocalDate) {
            return v.toString();
        }
        if (v instanceof byte[]) {
            return java.util.Base64.getEncoder().encodeToString((byte[]) v);
        }
        return String.valueOf(v);
    }

    /** Adapts any {@link Appendable} to a {@link Writer}; a Writer passes through. */
    private static final class AppendableWriter extends Writer {
        private final Appendable out;

        private AppendableWriter(Appendable out) {
            this.out = out;
        }

        static Writer of(Appendable out) {
            return out instanceof Writer ? (Writer) out : new AppendableWriter(out);
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.append(java.nio.CharBuffer.wrap(buf, off, len));
        }

        @Override
        public void flush() {
            // nothing buffered here
        }

        @Override
        public void close() {
            // the caller owns out
        }
    }
}
