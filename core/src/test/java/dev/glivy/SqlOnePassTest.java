package dev.glivy;

import static dev.glivy.SqlTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.glivy.internal.sql.JsonTables;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.internal.sql.Utf8Json;
import dev.glivy.spi.JsonOutput;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SqlPlan;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one-pass Livy path: a Spark JSON table decoded while the transport parses the statement answer
 * ({@link JsonTables#read}), or from the answer's bytes ({@link JsonOutput#utf8}), must give exactly what decoding
 * the same table as text gives, values, errors and limits alike.
 */
class SqlOnePassTest {
    private static final JsonFactory JSON = new JsonFactory();

    /** A Livy statement answer holding {@code table} as its application/json output, then more fields. */
    private static byte[] answer(String table) {
        return ("{\"id\":1,\"state\":\"available\",\"output\":{\"status\":\"ok\",\"data\":{\"text/plain\":\"x\","
                        + "\"application/json\":" + table
                        + ",\"text/html\":\"<b>\"}},\"progress\":1.0,\"after\":[1,{\"a\":2}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code body} as a transport would, reading the application/json value with core's reader. */
    private static JsonOutput readDuringParse(byte[] body) throws IOException {
        JsonOutput out = null;
        List<String> after = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("application/json")) {
                    p.nextToken();
                    out = JsonTables.read(p, body);
                    assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                } else if (t == JsonToken.FIELD_NAME && out != null) {
                    after.add(p.currentName());
                }
            }
        }
        assertThat(after)
                .as("the parser continues right after the table")
                .containsExactly("text/html", "progress", "after", "a");
        return out;
    }

    private static StatementResult statement(JsonOutput out) {
        RemoteStatement remote = RemoteStatement.builder()
                .id("4")
                .state(StatementState.AVAILABLE)
                .output(StatementResult.TEXT_PLAIN, "x")
                .jsonOutput(out)
                .build();
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("4")
                .backend("livy")
                .state(StatementState.AVAILABLE)
                .language(Language.SQL)
                .outputs(dev.glivy.internal.JsonOutputs.textOf(remote.outputs()))
                .jsonOutput(remote.jsonOutput().orElseThrow())
                .build();
    }

    /** The three forms of one table, decoded; asserts they agree and returns the one decoded during the parse. */
    private static SqlResult threeWays(String schemaJson, String data, int limit, boolean decodable)
            throws IOException {
        String table = "{\"schema\":" + schemaJson + ",\"data\":" + data + "}";
        byte[] body = answer(table);
        JsonOutput parsed = readDuringParse(body);
        assertThat(parsed.text()).isEqualTo(table);
        assertThat(((Utf8Json) parsed).table() != null)
                .as("decoded during the parse")
                .isEqualTo(decodable);
        SqlPlan plan = SqlPlan.sqlStatement("select x", limit, SqlPlan.ALL_ROWS);
        SqlResult fromText = SqlTestSupport.decodeTable(schemaJson, data, limit, SqlPlan.ALL_ROWS);
        byte[] bytes = table.getBytes(StandardCharsets.UTF_8);
        SqlResult fromBytes = SqlResults.of(statement(JsonOutput.utf8(bytes, 0, bytes.length)), plan);
        SqlResult fromParse = SqlResults.of(statement(parsed), plan);
        for (SqlResult r : List.of(fromBytes, fromParse)) {
            assertThat(r.schema()).isEqualTo(fromText.schema());
            assertThat(r.truncated()).isEqualTo(fromText.truncated());
            assertThat(r.rows()).isEqualTo(fromText.rows());
            assertThat(r.statement().outputs()).containsOnlyKeys(StatementResult.TEXT_PLAIN);
        }
        return fromParse;
    }

    @Test
    @DisplayName("every Spark type, nested arrays, maps and structs included, decodes the same in one pass")
    void allTypes() throws IOException {
        String s = schema(
                "b:\"byte\"",
                "i:\"integer\"",
                "l:\"long\"",
                "f:\"float\"",
                "d:\"double\"",
                "dec:\"decimal(38,18)\"",
                "small:\"decimal(10,2)\"",
                "s:\"string\"",
                "bool:\"boolean\"",
                "bin:\"binary\"",
                "day:\"date\"",
                "ts:\"timestamp\"",
                "ntz:\"timestamp_ntz\"",
                "arr:{\"type\":\"array\",\"elementType\":{\"type\":\"array\",\"elementType\":\"long\","
                        + "\"containsNull\":true},\"containsNull\":true}",
                "m:{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"array\",\"elementType\":"
                        + "\"integer\",\"containsNull\":true},\"valueContainsNull\":true}",
                "st:{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"integer\",\"nullable\":true,"
                        + "\"metadata\":{}},{\"name\":\"in\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":"
                        + "\"y\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,"
                        + "\"metadata\":{}}]}");
        String row = "[-128,-2147483648,9223372036854775807,1.1,0.1,12345678901234567890.123456789012345678,"
                + "-0.05,\"h\\u00e9\\\"llo\\n\\ud83d\\ude00\",true,\"AAH/fw==\",\"1999-12-31\","
                + "\"2024-02-29T23:59:59.123456789+01:00\",\"2024-01-02 03:04:05.600\",[[1,null],null,[]],"
                + "{\"k\":[1,2],\"n\":null},[5,{\"y\":\"\\u0041\"}]]";
        SqlResult r = threeWays(
                s, "[" + row + "," + row.replace("true,", "false,") + ",[" + "null,".repeat(15) + "null]]", 10, true);
        Row first = r.row(0);
        assertThat(first.get("b")).isEqualTo((byte) -128);
        assertThat(first.getInt("i")).isEqualTo(Integer.MIN_VALUE);
        assertThat(first.getLong("l")).isEqualTo(Long.MAX_VALUE);
        assertThat(first.get("f")).isEqualTo(1.1f);
        assertThat(first.getDouble("d")).isEqualTo(0.1d);
        assertThat(first.getBigDecimal("dec")).isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
        assertThat(first.getBigDecimal("small")).isEqualTo(new BigDecimal("-0.05"));
        assertThat(first.getString("s")).isEqualTo("h\u00e9\"llo\n\uD83D\uDE00");
        assertThat(first.getBoolean("bool")).isTrue();
        assertThat(r.row(1).getBoolean("bool")).isFalse();
        assertThat(first.getBytes("bin")).containsExactly(0, 1, -1, 127);
        assertThat(first.getDate("day")).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(first.getTimestamp("ts")).isEqualTo(Instant.parse("2024-02-29T22:59:59.123456789Z"));
        assertThat(first.getLocalDateTime("ntz")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000));
        assertThat(first.getList("arr")).containsExactly(java.util.Arrays.asList(1L, null), null, List.of());
        assertThat(first.getMap("m")).containsEntry("k", List.of(1, 2)).containsEntry("n", null);
        assertThat(first.getStruct("st").getStruct("in").getString("y")).isEqualTo("A");
        Row empty = r.row(2);
        for (int c = 0; c < empty.size(); c++) {
            assertThat(empty.isNull(c)).isTrue();
            assertThat(empty.get(c)).isNull();
        }
        assertThatThrownBy(() -> empty.getLong("l"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("column 'l' is null");
        assertThatThrownBy(() -> first.getLong("s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 's' is string")
                .hasMessageContaining("getString");
    }

    @Test
    @DisplayName("strings: escapes, Latin-1 and beyond, empty and null, mixed in one column")
    void strings() throws IOException {
        String[] values = {
            "",
            "plain",
            "\u00ff\u00e9",
            "\u0100 just beyond Latin-1",
            "\u65e5\u672c",
            "tab\there",
            "quote\"back\\slash",
            "\uD83D\uDE00"
        };
        StringBuilder data = new StringBuilder("[");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String v = i % 7 == 3 ? null : values[i % values.length] + i;
            expected.add(v);
            data.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(i)
                    .append(',')
                    .append(v == null ? "null" : "\"" + escape(v, i % 2 == 0) + "\"")
                    .append(']');
        }
        SqlResult r =
                threeWays(schema("i:\"long\"", "s:\"string\""), data.append(']').toString(), 1000, true);
        for (int i = 0; i < 300; i++) {
            assertThat(r.row(i).getString("s")).as("row %d", i).isEqualTo(expected.get(i));
            assertThat(r.row(i).getLong("i")).isEqualTo(i);
        }
    }

    /** JSON string content for {@code s}: every non-ASCII character as a unicode escape, or as is. */
    private static String escape(String s, boolean unicodeEscapes) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c > 0x7f && unicodeEscapes) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Test
    @DisplayName("numbers: huge and exact decimals, every integer width, nulls across bitmap words")
    void numbers() throws IOException {
        Random random = new Random(7);
        StringBuilder data = new StringBuilder("[");
        List<BigDecimal> decimals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String dec =
                    switch (i % 6) {
                        case 0 -> "0.1";
                        case 1 -> "-99999999999999.99";
                        case 2 -> "1.230";
                        case 3 -> "123456789012345678901234567890.12";
                        case 4 -> "7E+2";
                        default -> Long.toString(random.nextLong() / 1000) + "." + (10 + random.nextInt(90));
                    };
            decimals.add(i % 5 == 4 ? null : new BigDecimal(dec));
            data.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(i % 5 == 4 ? "null" : dec)
                    .append(',')
                    .append(i % 3 == 0 ? "null" : Long.toString(random.nextLong()))
                    .append(',')
                    .append(i % 64 == 63 ? "null" : Integer.toString((short) random.nextInt()))
                    .append(',')
                    .append(i % 4 == 0 ? "\"NaN\"" : Double.toString(random.nextGaussian()))
                    .append(']');
        }
        SqlResult r = threeWays(
                schema("dec:\"decimal(38,2)\"", "l:\"long\"", "sh:\"short\"", "d:\"double\""),
                data.append(']').toString(),
                1000,
                true);
        for (int i = 0; i < 200; i++) {
            BigDecimal want = decimals.get(i);
            BigDecimal got = r.row(i).getBigDecimal("dec");
            if (want == null) {
                assertThat(got).isNull();
            } else {
                assertThat(got).as("row %d", i).isEqualByComparingTo(want);
                assertThat(got.scale()).isEqualTo(2);
            }
        }
        assertThat(r.row(0).getDouble("d")).isNaN();
        assertThat(r.row(63).isNull("sh")).isTrue();
        assertThat(r.row(64).isNull("sh")).isFalse();
    }

    @Test
    @DisplayName("a decimal with more digits than its scale stays exact, and a double's rendering is refused")
    void decimalExactness() throws IOException {
        SqlResult r = threeWays(schema("d:\"decimal(10,2)\""), "[[1.234],[5],[-0.00]]", 10, true);
        assertThat(r.rows())
                .extracting(x -> x.getBigDecimal(0))
                .containsExactly(new BigDecimal("1.234"), new BigDecimal("5.00"), new BigDecimal("0.00"));
        String lossy = schema("d:\"decimal(38,18)\"");
        threeWaysFail(lossy, "[[1],[1.2345678901234567E19]]", "row 2", "column 'd'", "is a double");
    }

    @Test
    @DisplayName("a long beyond 64 bits fails with its row and column; the answer still parses")
    void hugeInteger() throws IOException {
        threeWaysFail(
                schema("id:\"long\"", "s:\"string\""),
                "[[1,\"a\"],[2,\"b\"],[92233720368547758070,\"c\"],[4,\"d\"]]",
                "row 3",
                "column 'id'",
                "does not fit bigint");
    }

    @Test
    @DisplayName("a value of the wrong type deep in a nested column fails in the SQL decoder, not in the parse")
    void mismatchDeepInside() throws IOException {
        String s = schema("a:{\"type\":\"array\",\"elementType\":{\"type\":\"map\",\"keyType\":\"string\","
                + "\"valueType\":\"long\",\"valueContainsNull\":true},\"containsNull\":true}");
        threeWaysFail(
                s,
                "[[[{\"k\":1}]],[[{\"k\":1},{\"x\":[\"no\",[1]]}]],[[]]]",
                "row 2",
                "a[1][x]",
                "expected an integer");
    }

    private static void threeWaysFail(String schemaJson, String data, String... message) throws IOException {
        String table = "{\"schema\":" + schemaJson + ",\"data\":" + data + "}";
        JsonOutput parsed = readDuringParse(answer(table));
        assertThat(parsed.text()).isEqualTo(table);
        assertThat(((Utf8Json) parsed).table())
                .as("not decoded: the decoder reports it")
                .isNull();
        SqlPlan plan = SqlPlan.sqlStatement("select x", 100, SqlPlan.ALL_ROWS);
        byte[] bytes = table.getBytes(StandardCharsets.UTF_8);
        for (StatementResult st : List.of(
                statement(parsed), statement(JsonOutput.utf8(bytes, 0, bytes.length)), SqlTestSupport.json(table))) {
            assertThatThrownBy(() -> SqlResults.of(st, plan))
                    .isInstanceOf(ResultFormatException.class)
                    .hasMessageContaining("statement 4")
                    .hasMessageContainingAll(message);
        }
    }

    @Test
    @DisplayName("malformed JSON fails the answer's parse")
    void malformed() {
        for (String bad : List.of("[[1,,2]]", "[[1,2]", "[[1,2]]]", "[[\"unterminated]]", "[[01]]")) {
            byte[] body = answer("{\"schema\":" + schema("a:\"long\"", "b:\"long\"") + ",\"data\":" + bad + "}");
            assertThatThrownBy(() -> readDuringParse(body)).as(bad).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    @DisplayName("JSON that is not a table, or data before schema, is kept as exact bytes and read the slow way")
    void notATable() throws IOException {
        String other = "{\"a\": [1, 2.50, {\"b\": null}], \"schema\": 3}";
        JsonOutput out = readDuringParse(answer(other));
        assertThat(out.text()).isEqualTo(other);
        assertThat(((Utf8Json) out).table()).isNull();
        String s = schema("a:\"long\"");
        SqlResult dataFirst = SqlResults.of(
                statement(readDuringParse(answer("{\"data\":[[1],[2]],\"schema\":" + s + "}"))),
                SqlPlan.sqlStatement("select x", 10, SqlPlan.ALL_ROWS));
        assertThat(dataFirst.rows()).extracting(x -> x.getLong(0)).containsExactly(1L, 2L);
        assertThat(threeWays(s, "null", 10, true).size()).isZero();
    }

    @Test
    @DisplayName("limit and row cap apply to a table decoded during the parse; the result keeps no output bytes")
    void limitAndCap() throws IOException {
        StringBuilder data = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            data.append(i == 0 ? "" : ",").append("[").append(i).append("]");
        }
        String table = "{\"schema\":" + schema("a:\"long\"") + ",\"data\":" + data.append(']') + "}";
        JsonOutput parsed = readDuringParse(answer(table));
        SqlResult limited = SqlResults.of(statement(parsed), SqlPlan.sqlStatement("select x", 7, SqlPlan.ALL_ROWS));
        assertThat(limited.rows()).extracting(x -> x.getLong(0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(limited.truncated()).isTrue();
        assertThat(limited.statement().json()).isEmpty();
        assertThat(limited.statement().text()).isEqualTo("x");
        SqlResult capped = SqlResults.of(statement(parsed), SqlPlan.sqlStatement("select x", 100, 50));
        assertThat(capped.size()).isEqualTo(50);
        assertThat(capped.truncated()).isTrue();
        SqlResult all = SqlResults.of(statement(parsed), SqlPlan.sqlStatement("select x", 100, SqlPlan.ALL_ROWS));
        assertThat(all.truncated()).isFalse();
    }

    @Test
    @DisplayName("dates and timestamps: leap days, year 0, before 1970, beyond int days, offsets, and refusals")
    void temporal() throws IOException {
        String s = schema("day:\"date\"", "ts:\"timestamp\"", "ntz:\"timestamp_ntz\"");
        SqlResult r = threeWays(
                s,
                "[[\"2000-02-29\",\"1969-12-31T23:59:59.999Z\",\"0001-01-01T00:00:00\"],"
                        + "[\"0000-01-01\",\"2024-06-01 12:00:00+05:30\",\"9999-12-31T23:59:59.999999999\"],"
                        + "[\"+999999999-12-31\",\"2024-01-01T00:00:00.1-0800\",null]]",
                10,
                true);
        assertThat(r.rows())
                .extracting(x -> x.getDate(0))
                .containsExactly(LocalDate.of(2000, 2, 29), LocalDate.of(0, 1, 1), LocalDate.MAX);
        assertThat(r.rows())
                .extracting(x -> x.getTimestamp(1))
                .containsExactly(
                        Instant.parse("1969-12-31T23:59:59.999Z"),
                        Instant.parse("2024-06-01T06:30:00Z"),
                        Instant.parse("2024-01-01T08:00:00.1Z"));
        assertThat(r.row(1).getLocalDateTime(2)).isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999));
        threeWaysFail(s, "[[\"1900-02-29\",null,null]]", "row 1", "column 'day'", "1900-02-29");
        threeWaysFail(s, "[[null,null,\"2024-01-01T00:00:00Z\"]]", "row 1", "column 'ntz'");
    }

    @Test
    @DisplayName("rows of a decoded table equal rows built from values, with the same hash and text")
    void rowViews() throws IOException {
        String s = schema("a:\"long\"", "b:\"string\"", "c:\"binary\"", "d:\"decimal(5,1)\"");
        SqlResult r = threeWays(s, "[[1,\"x\",\"AQI=\",1.5],[null,null,null,null]]", 10, true);
        Schema schema = r.schema();
        Row built = Row.of(schema, java.util.Arrays.asList(1L, "x", new byte[] {1, 2}, new BigDecimal("1.5")));
        assertThat(r.row(0)).isEqualTo(built).hasSameHashCodeAs(built).hasToString(built.toString());
        assertThat(r.row(0).asMap()).containsEntry("a", 1L).containsEntry("b", "x");
        byte[] bytes = r.row(0).getBytes("c");
        bytes[0] = 9;
        assertThat(r.row(0).getBytes("c")).containsExactly(1, 2);
        assertThat(r.row(1)).isEqualTo(Row.of(schema, java.util.Arrays.asList(null, null, null, null)));
        assertThat(r.row(0)).isNotEqualTo(r.row(1));
        assertThatThrownBy(() -> r.rows().add(built)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.row(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("a byte-form output becomes text only when read; listing outputs or printing costs nothing")
    void lazyText() {
        byte[] body = "xx{\"k\":\"\u00e9\"}yy".getBytes(StandardCharsets.UTF_8);
        JsonOutput out = JsonOutput.utf8(body, 2, body.length - 4);
        StatementResult st = statement(out);
        assertThat(st.outputs()).containsOnlyKeys(StatementResult.TEXT_PLAIN, StatementResult.APPLICATION_JSON);
        assertThat(st.json()).contains("{\"k\":\"\u00e9\"}");
        assertThat(st.outputs()).containsEntry(StatementResult.APPLICATION_JSON, "{\"k\":\"\u00e9\"}");
        assertThat(st.toString()).contains("application/json").doesNotContain("\u00e9");
        assertThat(st.toBuilder().build().json()).isEqualTo(st.json());
        assertThat(st.toBuilder().outputs(Map.of()).build().outputs()).isEmpty();
        assertThatThrownBy(() -> JsonOutput.utf8(body, 3, body.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(JsonOutput.of("[1]").text()).isEqualTo("[1]");
    }
}
