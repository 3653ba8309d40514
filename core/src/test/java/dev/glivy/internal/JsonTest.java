package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @DisplayName("strict JSON: key order kept, whole numbers Long/BigInteger, decimals BigDecimal")
    void types() {
        Map<String, Object> m = Json.parseObject(
                "x", "{\"b\": 1, \"a\": 1.50, \"c\": 123456789012345678901234567890," + " \"d\": [true, null]}");
        assertThat(m.keySet()).containsExactly("b", "a", "c", "d");
        assertThat(m.get("b")).isEqualTo(1L);
        assertThat(m.get("a")).isEqualTo(new BigDecimal("1.50"));
        assertThat(m.get("c")).isInstanceOf(BigInteger.class);
        assertThat(m.get("d")).isEqualTo(java.util.Arrays.asList(true, null));
        assertThat(Json.normalize("x", Map.of("n", 1, "d", 0.5)))
                .isEqualTo(Map.of("n", 1L, "d", new BigDecimal("0.5")));
    }

    @Test
    @DisplayName("errors name the input and position; deep nesting fails cleanly")
    void errors() {
        assertThatThrownBy(() -> Json.parse("%%tags", "{\"a\": }"))
                .hasMessageStartingWith("%%tags must be strict JSON")
                .hasMessageContaining("at line 1, column 8");
        assertThatThrownBy(() -> Json.parse("%%tags", " "))
                .hasMessage("%%tags needs a JSON value but the text is " + "empty");
        assertThatThrownBy(() -> Json.parse("x", "[".repeat(100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> Json.parseObject("x", "[]"))
                .hasMessage("x must be a JSON object like " + "{\"key\": \"value\"} but was a JSON array");
        assertThat(Json.parse("x", "\"" + "a\\u0000".repeat(3) + "\"")).isEqualTo("a\u0000".repeat(3));
        assertThat(Json.write(List.of("a\nb"))).isEqualTo("[\"a\\nb\"]");
        assertThatThrownBy(() -> Json.parse("x", "{\"password\": hunter2}"))
                .hasMessageContaining("Unrecognized " + "token")
                .hasMessageNotContaining("hunter2");
    }
}
