package dev.glivy.livy.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fake's statement outputs, shaped like Livy 0.7.1's own REPL. No network. */
class FakeLivyOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(String code, String kind) {
        return FakeLivyOutput.of(JSON, 0, code, kind)
                .path("data")
                .path("text/plain")
                .asText(null);
    }

    @Test
    @DisplayName("line endings: \\r\\n and a lone \\r become \\n")
    void normalise() {
        assertThat(FakeLivyOutput.normalise("a\r\nb\rc\nd")).isEqualTo("a\nb\nc\nd");
    }

    @Test
    @DisplayName("Scala text ends in a newline, Python's does not; comment-only statements print nothing")
    void text() {
        assertThat(text("1 + 1", "spark")).isEqualTo("1 + 1\n");
        assertThat(text("print(1)", "pyspark")).isEqualTo("print(1)");
        assertThat(text("// only a comment\n  // another", "spark")).isEmpty();
        assertThat(text("# a comment", "pyspark")).isEmpty();
        assertThat(text("sleep:5\n// glivy marker 1234", "spark")).isEqualTo("slept 5\n");
        assertThat(FakeLivyOutput.duration("sleep:7\n// marker", "spark", java.time.Duration.ZERO)
                        .toMillis())
                .isEqualTo(7);
    }

    @Test
    @DisplayName(
            "sql: decimals as doubles, timestamps cut to seconds in json4s's format, structs fail, errors are Error")
    void sql() {
        ObjectNode ok = FakeLivyOutput.of(
                JSON,
                3,
                "select cast('12345678901234567890.123' as decimal(38,18)) as d, "
                        + "cast('2024-01-02 03:04:05.678' as timestamp) as ts, cast('2024-01-02' as date) as day, 7 as n",
                "sql");
        assertThat(ok.path("status").asText()).isEqualTo("ok");
        String table = ok.path("data").path("application/json").toString();
        assertThat(table)
                .contains("\"type\":\"decimal(38,18)\"")
                .contains("\"type\":\"timestamp\"")
                .contains("[1.2345678901234567E19,\"2024-01-02T03:04:05Z\",\"2024-01-02T00:00:00Z\",7]");
        ObjectNode struct = FakeLivyOutput.of(JSON, 4, "select array(named_struct('a', 1)) as s", "sql");
        assertThat(struct.path("status").asText()).isEqualTo("error");
        assertThat(struct.path("ename").asText()).contains("NoClassDefFoundError");
        assertThat(struct.path("evalue").asText()).startsWith("scala/tools/scalap/");
        ObjectNode missing = FakeLivyOutput.of(JSON, 5, "select * from nope", "sql");
        assertThat(missing.path("ename").asText()).isEqualTo("Error");
        assertThat(missing.path("evalue").asText()).contains("nope");
        ObjectNode plain = FakeLivyOutput.of(JSON, 6, "select 1 as one", "sql");
        assertThat(plain.path("data").path("application/json").path("data").toString())
                .isEqualTo("[[1]]");
    }
}
