package dev.glivy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Strict JSON for {@code %%configure}, {@code %%tags} and {@code glue_tags}: standard JSON only (no comments, single
 * quotes or trailing tokens), objects keep their key order, decimals become {@link java.math.BigDecimal}. Nothing is
 * ever evaluated.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {}

    /**
     * Parses a JSON object.
     *
     * @param what names the input for messages, for example {@code "%%configure"}
     * @throws IllegalArgumentException naming {@code what}, the position and the problem
     */
    public static Map<String, @Nullable Object> parseObject(String what, String text) {
        Object v = parse(what, text);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " must be a JSON object like {\"key\": \"value\"} but was "
                    + (v == null ? "null" : "a JSON " + kind(v)));
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> m = (Map<String, @Nullable Object>) v;
        return new LinkedHashMap<>(m);
    }

    /** Parses any JSON value. */
    public static @Nullable Object parse(String what, String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(what + " must be strict JSON (JSON true/false/null, double quotes, no "
                    + "comments)" + loc + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value as compact JSON. */
    public static String write(@Nullable Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON-ish name for the value's kind, for messages. */
    public static String kind(Object v) {
        if (v instanceof Map) {
            return "object";
        } else if (v instanceof java.util.List) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else {
            return "number";
        }
    }
}
