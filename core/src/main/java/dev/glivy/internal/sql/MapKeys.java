package dev.glivy.internal.sql;

import dev.glivy.SparkType;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Map keys arrive as JSON object field names, that is as text; this turns them back into the key type's Java
 * value. Keys of nested types (Spark allows struct keys) stay the backend's text.
 */
final class MapKeys {
    private MapKeys() {}

    static Object parse(String key, SparkType t) {
        try {
            switch (t.kind()) {
                case BYTE:
                    return Byte.parseByte(key);
                case SHORT:
                    return Short.parseShort(key);
                case INTEGER:
                    return Integer.parseInt(key);
                case LONG:
                    return Long.parseLong(key);
                case FLOAT:
                    return Float.parseFloat(key);
                case DOUBLE:
                    return Double.parseDouble(key);
                case DECIMAL:
                    return JsonRowReader.scaled(new BigDecimal(key), t.scale());
                case BOOLEAN:
                    if (key.equals("true") || key.equals("false")) {
                        return Boolean.valueOf(key);
                    }
                    throw new NumberFormatException();
                case DATE:
                    return orFail(TemporalText.date(key.toCharArray(), 0, key.length()));
                case TIMESTAMP:
                    return orFail(TemporalText.instant(key.toCharArray(), 0, key.length()));
                case TIMESTAMP_NTZ:
                    return orFail(TemporalText.localDateTime(key.toCharArray(), 0, key.length()));
                default:
                    return key;
            }
        } catch (NumberFormatException e) {
            throw new DecodeError("", "map key \"" + key + "\" is not a " + t.simpleString());
        }
    }

    private static Object orFail(@Nullable Object v) {
        if (v == null) {
            throw new NumberFormatException();
        }
        return v;
    }
}
