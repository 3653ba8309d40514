package dev.glivy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Strict JSON for {@code %%configure}, {@code %%tags} and {@code glue_tags}: standard JSON only (no comments, single
 * quotes, duplicate keys or trailing tokens), objects keep their key order, whole numbers become {@link Long} (or
 * {@link java.math.BigInteger} when too large), decimals {@link java.math.BigDecimal}. Nothing is ever evaluated.
 * Jackson's stream limits apply (nesting depth 1000, 20 million characters per string), so hostile input fails with
 * an {@link IllegalArgumentException} instead of exhausting the stack.
 */
@InternalApi
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    /** Jackson's complaint about a Python literal (the Glue kernel used {@code ast.literal_eval}). */
    private static final Pattern PYTHON_LITERAL = Pattern.compile("token '(True|False|None)'|\\(''' \\(code 39\\)\\)");

    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*+'");

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
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " needs a JSON value but the text is empty");
        }
        try {
            return longs(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            String message = String.valueOf(e.getOriginalMessage());
            String hint = PYTHON_LITERAL.matcher(message).find()
                    ? " (Python literals are not evaluated: write true/false/null and \"double quotes\")"
                    : "";
            // Jackson repeats an unquoted token, which may be a pasted secret: keep only that a token was wrong
            message = UNRECOGNIZED_TOKEN.matcher(message).replaceAll("Unrecognized token");
            throw new IllegalArgumentException(
                    what + " must be strict JSON (JSON true/false/null, double quotes, no " + "comments)" + loc + ": "
                            + SettingParser.clip(message, 300) + hint,
                    e);
        }
    }

    /** Turns Integers into Longs in place, so whole numbers have one type (Jackson's own flag fails on BigIntegers). */
    @SuppressWarnings("unchecked")
    private static @Nullable Object longs(@Nullable Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> m) {
            ((Map<Object, @Nullable Object>) m).replaceAll((k, v) -> longs(v));
        } else if (value instanceof List<?> l) {
            ((List<@Nullable Object>) l).replaceAll(Json::longs);
        }
        return value;
    }

    /**
     * Writes a value as compact JSON.
     *
     * @throws IllegalArgumentException when the value is not made of JSON types
     */
    public static String write(@Nullable Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Returns {@code value} in the form {@link #parse} produces (key order kept, numbers as Long/BigInteger/
     * BigDecimal), so that values built in Java compare equal to the same values read back from text.
     *
     * @throws IllegalArgumentException naming {@code what} when the value is not made of JSON types
     */
    public static @Nullable Object normalize(String what, @Nullable Object value) {
        String text;
        try {
            text = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    what + " must hold only JSON values (String, Boolean, numbers, null, "
                            + "List, Map with String keys): " + e.getOriginalMessage(),
                    e);
        }
        return parse(what, text);
    }

    /** A JSON-ish name for the value's kind, for messages. */
    public static String kind(Object v) {
        if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
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
