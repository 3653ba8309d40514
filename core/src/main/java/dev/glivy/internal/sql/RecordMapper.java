package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps rows to records and POJOs with Jackson: each row becomes a token stream whose field names are the target's
 * property names (matched to columns by the rule {@code SqlResult.asRecords} documents), which Jackson then binds.
 * Lossy coercions are turned off, and Jackson's errors are rewritten to name the row, column and property.
 */
public final class RecordMapper {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RecordMapper() {}

    /** Maps every row; see {@code SqlResult.asRecords}. */
    public static <T> List<T> map(Schema schema, List<Row> rows, Class<T> type) {
        JavaType target = MAPPER.constructType(type);
        Map<Schema, Map<JavaType, Binding>> bindings = new HashMap<>();
        Binding top = bind(schema, target, bindings);
        List<T> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            TokenBuffer buf = new TokenBuffer(MAPPER, false);
            try {
                write(buf, r, target, bindings);
                try (JsonParser p = buf.asParser()) {
                    out.add(MAPPER.readValue(p, target));
                }
            } catch (DatabindException e) {
                throw new IllegalArgumentException(message(i + 1, r, type, top, (JsonMappingException) e), e);
            } catch (IOException e) {
                throw new IllegalStateException("mapping row " + (i + 1) + " in memory failed", e);
            }
        }
        return out;
    }

    /** Which property each column fills, for one schema and target type. */
    private record Binding(String @Nullable [] property, JavaType[] types, boolean bean) {}

    private static Binding bind(Schema s, JavaType t, Map<Schema, Map<JavaType, Binding>> cache) {
        Map<JavaType, Binding> byType = cache.computeIfAbsent(s, k -> new HashMap<>());
        Binding b = byType.get(t);
        if (b == null) {
            b = compute(s, t);
            byType.put(t, b);
        }
        return b;
    }

    private static Binding compute(Schema s, JavaType t) {
        String[] property = new String[s.size()];
        JavaType[] types = new JavaType[s.size()];
        if (t.isMapLikeType() || t.isJavaLangObject() || t.isContainerType()) {
            for (int i = 0; i < s.size(); i++) {
                property[i] = s.column(i).name();
                types[i] = t.isMapLikeType() ? t.getContentType() : MAPPER.constructType(Object.class);
            }
            return new Binding(property, types, false);
        }
        BeanDescription d = MAPPER.getDeserializationConfig().introspect(t);
        List<String> missing = new ArrayList<>();
        for (BeanPropertyDefinition p : d.findProperties()) {
            if (!p.couldDeserialize()) {
                continue;
            }
            int column = best(s, p.getName(), t);
            if (column < 0) {
                missing.add(p.getName());
                continue;
            }
            property[column] = p.getName();
            types[column] = p.getPrimaryType();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Cannot map rows to " + t.getRawClass().getName() + ": no column "
                            + "for propert" + (missing.size() == 1 ? "y " : "ies ") + missing + "; the columns are "
                            + s.names() + " (matched exactly, then case-insensitively, then ignoring underscores)");
        }
        return new Binding(property, types, true);
    }

    /** The column best matching {@code name}: exact, then case-insensitive, then without underscores. */
    private static int best(Schema s, String name, JavaType t) {
        for (int rank = 0; rank < 3; rank++) {
            int found = -1;
            for (int i = 0; i < s.size(); i++) {
                if (matches(s.column(i).name(), name, rank)) {
                    if (found >= 0) {
                        throw new IllegalArgumentException(
                                "Cannot map rows to " + t.getRawClass().getName()
                                        + ": property '" + name + "' matches both column '"
                                        + s.column(found).name()
                                        + "' and column '" + s.column(i).name() + "'; rename one in the query");
                    }
                    found = i;
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }

    private static boolean matches(String column, String property, int rank) {
        switch (rank) {
            case 0:
                return column.equals(property);
            case 1:
                return column.equalsIgnoreCase(property);
            default:
                return column.replace("_", "").equalsIgnoreCase(property.replace("_", ""));
        }
    }

    private static void write(TokenBuffer b, @Nullable Object v, JavaType t, Map<Schema, Map<JavaType, Binding>> cache)
            throws IOException {
        if (v == null) {
            b.writeNull();
        } else if (v instanceof Row) {
            Row r = (Row) v;
            Binding bind = bind(r.schema(), t, cache);
            b.writeStartObject();
            for (int i = 0; i < r.size(); i++) {
                if (bind.property[i] != null) {
                    b.writeFieldName(bind.property[i]);
                    write(b, r.get(i), bind.types[i], cache);
                }
            }
            b.writeEndObject();
        } else if (v instanceof List) {
            JavaType element = t.getContentType() != null ? t.getContentType() : t;
            b.writeStartArray();
            for (Object e : (List<?>) v) {
                write(b, e, element, cache);
            }
            b.writeEndArray();
        } else if (v instanceof Map) {
            JavaType value = t.getContentType() != null ? t.getContentType() : t;
            b.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                b.writeFieldName(JsonLinesWriter.text(e.getKey()));
                write(b, e.getValue(), value, cache);
            }
            b.writeEndObject();
        } else if (v instanceof Boolean) {
            b.writeBoolean((Boolean) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float) {
            b.writeNumber((Float) v);
        } else if (v instanceof Double) {
            b.writeNumber((Double) v);
        } else if (v instanceof BigDecimal) {
            b.writeNumber((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            b.writeNumber((BigInteger) v);
        } else if (v instanceof byte[]) {
            b.writeBinary((byte[]) v);
        } else {
            b.writeString(JsonLinesWriter.text(v));
        }
    }

    private static String message(int rowNumber, Row r, Class<?> type, Binding top, JsonMappingException e) {
        StringBuilder where = new StringBuilder();
        int column = -1;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (where.length() == 0 && top.bean) {
                    column = columnOf(top, ref.getFieldName());
                }
                where.append(where.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                where.append('[').append(ref.getIndex()).append(']');
            }
        }
        String original = e.getOriginalMessage();
        int nl = original.indexOf('\n');
        original = nl < 0 ? original : original.substring(0, nl);
        StringBuilder m = new StringBuilder("Cannot map row " + rowNumber + " to " + type.getName());
        if (column >= 0) {
            Column c = r.schema().column(column);
            Object v = r.get(column);
            String shown = v == null ? "null" : JsonLinesWriter.text(v);
            if (shown.length() > 60) {
                shown = shown.substring(0, 60) + "...";
            }
            m.append(": column '")
                    .append(c.name())
                    .append("' (")
                    .append(c.type().simpleString())
                    .append(") holds ")
                    .append(shown)
                    .append(", which does not fit property '")
                    .append(where)
                    .append("' of type ")
                    .append(top.types[column].toCanonical());
        } else if (where.length() > 0) {
            m.append(": property '").append(where).append('\'');
        }
        return m.append(": ").append(original).toString();
    }

    private static int columnOf(Binding b, String property) {
        for (int i = 0; i < b.property.length; i++) {
            if (property.equals(b.property[i])) {
                return i;
            }
        }
        return -1;
    }
}
