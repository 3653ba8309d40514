package dev.glivy;

import static dev.glivy.SqlTestSupport.decodeEnvelope;
import static dev.glivy.SqlTestSupport.decodeTable;
import static dev.glivy.SqlTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every Spark type through both wire formats: Spark's toJSON objects (envelope) and Livy's positional arrays. */
class SqlDecodeTypesTest {
    private static final String ALL = schema(
            "b:\"byte\"",
            "sh:\"short\"",
            "i:\"integer\"",
            "l:\"long\"",
            "f:\"float\"",
            "d:\"double\"",
            "dec:\"decimal(38,18)\"",
            "s:\"string\"",
            "vc:\"varchar(5)\"",
            "bool:\"boolean\"",
            "bin:\"binary\"",
            "day:\"date\"",
            "ts:\"timestamp\"",
            "ntz:\"timestamp_ntz\"",
            "n:\"void\"",
            "arr:{\"type\":\"array\",\"elementType\":\"integer\",\"containsNull\":true}",
            "m:{\"type\":\"map\",\"keyType\":\"long\",\"valueType\":\"string\",\"valueContainsNull\":true}",
            "st:{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"integer\",\"nullable\":true,"
                    + "\"metadata\":{}},{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\","
                    + "\"containsNull\":false},\"nullable\":true,\"metadata\":{}}]}",
            "iv:\"interval day to second\"");

    private static void checkAll(Row r) {
        assertThat(r.get("b")).isEqualTo((byte) -128);
        assertThat(r.get("sh")).isEqualTo((short) 32767);
        assertThat(r.get("i")).isEqualTo(-2147483648);
        assertThat(r.get("l")).isEqualTo(9223372036854775807L);
        assertThat(r.get("f")).isEqualTo(1.1f);
        assertThat(r.get("d")).isEqualTo(0.1d);
        assertThat(r.getBigDecimal("dec")).isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
        assertThat(r.getString("s")).isEqualTo("h\u00e9\"llo\n\uD83D\uDE00");
        assertThat(r.getString("vc")).isEqualTo("abc");
        assertThat(r.getBoolean("bool")).isFalse();
        assertThat(r.getBytes("bin")).containsExactly(0, 1, -1, 127);
        assertThat(r.getDate("day")).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(r.getTimestamp("ts")).isEqualTo(Instant.parse("2024-02-29T22:59:59.999Z"));
        assertThat(r.getLocalDateTime("ntz")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000));
        assertThat(r.isNull("n")).isTrue();
        assertThat(r.getList("arr")).containsExactly(1, null, 3);
        assertThat(r.getMap("m")).containsExactly(Map.entry(1L, "one"), Map.entry(-2L, "minus two"));
        Map<Object, Object> m = r.getMap("m");
        assertThat(m.keySet()).allMatch(k -> k instanceof Long);
        Row st = r.getStruct("st");
        assertThat(st.getInt("x")).isEqualTo(5);
        assertThat(st.getList("tags")).containsExactly("a", "b");
        assertThat(r.get("iv")).isEqualTo("INTERVAL '1 02:03:04' DAY TO SECOND");
        assertThat(r.schema().column("iv").type().kind()).isEqualTo(SparkType.Kind.OTHER);
    }

    @Test
    @DisplayName("every type decodes from Spark's toJSON objects (the envelope)")
    void envelopeAllTypes() {
        String row = "{\"b\":-128,\"sh\":32767,\"i\":-2147483648,\"l\":9223372036854775807,\"f\":1.1,\"d\":0.1,"
                + "\"dec\":12345678901234567890.123456789012345678,\"s\":\"h\\u00e9\\\"llo\\n\\ud83d\\ude00\","
                + "\"vc\":\"abc\",\"bool\":false,\"bin\":\"AAH/fw==\",\"day\":\"1999-12-31\","
                + "\"ts\":\"2024-02-29T23:59:59.999+01:00\",\"ntz\":\"2024-01-02T03:04:05.6\",\"arr\":[1,null,3],"
                + "\"m\":{\"1\":\"one\",\"-2\":\"minus two\"},\"st\":{\"x\":5,\"tags\":[\"a\",\"b\"]},"
                + "\"iv\":\"INTERVAL '1 02:03:04' DAY TO SECOND\"}";
        SqlResult r = decodeEnvelope(ALL, List.of(row), 10, false);
        assertThat(r.size()).isEqualTo(1);
        checkAll(r.row(0));
    }

    @Test
    @DisplayName("every type decodes from Livy's positional arrays, structs as arrays")
    void tableAllTypes() {
        String row = "[-128,32767,-2147483648,9223372036854775807,1.1,0.1,"
                + "12345678901234567890.123456789012345678,\"h\u00e9\\\"llo\\n\uD83D\uDE00\",\"abc\",false,"
                + "[0,1,255,127],\"1999-12-31\",\"2024-02-29T22:59:59.999Z\",\"2024-01-02 03:04:05.600\",null,"
                + "[1,null,3],{\"1\":\"one\",\"-2\":\"minus two\"},[5,[\"a\",\"b\"]],"
                + "\"INTERVAL '1 02:03:04' DAY TO SECOND\"]";
        SqlResult r = decodeTable(ALL, "[" + row + "]", 10, 1000);
        checkAll(r.row(0));
    }

    @Test
    @DisplayName("toJSON leaves null fields out: missing fields, explicit nulls and empty rows are nulls")
    void nullsOmitted() {
        SqlResult r = decodeEnvelope(
                schema("a:\"long\"", "b:\"string\"", "c:\"date\""),
                List.of("{\"b\":\"x\"}", "{}", "{\"a\":null,\"b\":null,\"c\":null}", "{\"c\":\"2020-01-01\",\"a\":1}"),
                10,
                false);
        assertThat(r.rows())
                .extracting(x -> x.get("a"), x -> x.get("b"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, "x"),
                        org.assertj.core.groups.Tuple.tuple(null, null),
                        org.assertj.core.groups.Tuple.tuple(null, null),
                        org.assertj.core.groups.Tuple.tuple(1L, null));
        assertThat(r.row(3).getDate("c")).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThatThrownBy(() -> r.row(0).getLong("a"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("column 'a' is null")
                .hasMessageContaining("isNull");
    }

    @Test
    @DisplayName("random null omission and field order over 2,000 rows: every value lands in its own column")
    void randomOmissionAndOrder() {
        java.util.Random r = new java.util.Random(11);
        String[] names = {"a", "b", "c", "d", "e"};
        String s = schema("a:\"long\"", "b:\"long\"", "c:\"long\"", "d:\"long\"", "e:\"long\"");
        List<String> lines = new java.util.ArrayList<>();
        List<Long[]> expected = new java.util.ArrayList<>();
        for (int row = 0; row < 2000; row++) {
            Long[] values = new Long[5];
            List<Integer> order = new java.util.ArrayList<>(List.of(0, 1, 2, 3, 4));
            if (r.nextInt(4) == 0) {
                java.util.Collections.shuffle(order, r);
            }
            StringBuilder b = new StringBuilder("{");
            for (int c : order) {
                if (r.nextInt(3) > 0) {
                    values[c] = r.nextLong();
                    b.append(b.length() == 1 ? "" : ",")
                            .append('"')
                            .append(names[c])
                            .append("\":")
                            .append(values[c]);
                }
            }
            lines.add(b.append('}').toString());
            expected.add(values);
        }
        SqlResult res = decodeEnvelope(s, lines, 5000, false);
        for (int row = 0; row < 2000; row++) {
            for (int c = 0; c < 5; c++) {
                assertThat(res.row(row).get(c))
                        .as("row %d column %s: %s", row, names[c], lines.get(row))
                        .isEqualTo(expected.get(row)[c]);
            }
        }
    }

    @Test
    @DisplayName("decimals keep every digit and take the column's scale; NaN and infinities decode")
    void numbers() {
        SqlResult r = decodeTable(
                schema("d:\"decimal(10,2)\"", "x:\"double\"", "f:\"float\""),
                "[[1.5,\"NaN\",\"Infinity\"],[12,\"-Infinity\",NaN],[\"0.10\",1e308,-0.0],[99999999.99,1,2]]",
                10,
                1000);
        assertThat(r.rows())
                .extracting(x -> x.getBigDecimal("d"))
                .containsExactly(
                        new BigDecimal("1.50"),
                        new BigDecimal("12.00"),
                        new BigDecimal("0.10"),
                        new BigDecimal("99999999.99"));
        assertThat(r.row(0).getDouble("x")).isNaN();
        assertThat(r.row(0).get("f")).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(r.row(1).getDouble("x")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.row(1).get("f")).isEqualTo(Float.NaN);
        assertThat(r.row(2).getDouble("x")).isEqualTo(1e308);
        assertThat(r.row(3).get("x")).isEqualTo(1.0d);
    }

    @Test
    @DisplayName(
            "a decimal that arrives as a rounded double (Livy's json4s sql kind) is refused, naming column and value")
    void lossyDecimalRefused() {
        String schema = schema("id:\"long\"", "amount:\"decimal(38,18)\"");
        assertThatThrownBy(() -> decodeTable(schema, "[[1,1.5],[2,1.2345678901234567E19]]", 10, 1000))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("row 2")
                .hasMessageContaining("column 'amount'")
                .hasMessageContaining("1.2345678901234567E19")
                .hasMessageContaining("decimal(38,18)")
                .hasMessageContaining("sql statement kind (json4s)")
                .hasMessageContaining("sqlKind(false)");
        // a plain-form double of 17 digits (json4s writes 1.123456789012345678 so) is refused too
        assertThatThrownBy(() -> decodeTable(schema, "[[1,1.1234567890123457]]", 10, 1000))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("1.1234567890123457");
        // inside a nested struct the path names the field
        assertThatThrownBy(() -> decodeTable(
                        schema("s:{\"type\":\"struct\",\"fields\":[{\"name\":\"v\","
                                + "\"type\":\"decimal(38,18)\",\"nullable\":true,\"metadata\":{}}]}"),
                        "[[[-9.876543210987654E22]]]",
                        10,
                        1000))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("column 's.v'");
    }

    @Test
    @DisplayName("exact decimals pass: few digits, every digit of the scale, a string, or an integer")
    void exactDecimalsAccepted() {
        SqlResult r = decodeTable(
                schema("d:\"decimal(38,18)\"", "e:\"decimal(20,3)\""),
                "[[12345678901234567890.123456789012345678,12345678901234.567],"
                        + "[1.2345678901234E19,\"1.2345678901234567E19\"],[1.0E-7,12345678901234567]]",
                10,
                1000);
        assertThat(r.row(0).getBigDecimal("d")).isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
        assertThat(r.row(0).getBigDecimal("e")).isEqualTo(new BigDecimal("12345678901234.567"));
        assertThat(r.row(1).getBigDecimal("d")).isEqualByComparingTo(new BigDecimal("12345678901234000000"));
        assertThat(r.row(1).getBigDecimal("e")).isEqualByComparingTo(new BigDecimal("12345678901234567000"));
        assertThat(r.row(2).getBigDecimal("d")).isEqualByComparingTo(new BigDecimal("0.0000001"));
        assertThat(r.row(2).getBigDecimal("e")).isEqualByComparingTo(new BigDecimal("12345678901234567"));
    }

    @Test
    @DisplayName("timestamps: every offset form is the same instant; without an offset they are UTC")
    void timestampForms() {
        List<String> forms = List.of(
                "2024-01-02T03:04:05Z",
                "2024-01-02T04:04:05+01:00",
                "2024-01-02T04:04:05+0100",
                "2024-01-02T04:04:05+01",
                "2024-01-01T22:04:05-05:00",
                "2024-01-02 03:04:05",
                "2024-01-02T03:04:05.0Z",
                "2024-01-02T03:04:05.000000000Z",
                "2024-01-02 03:04:05.0",
                "2024-01-02T05:04:05+02:00:00");
        StringBuilder data = new StringBuilder("[");
        forms.forEach(f -> data.append(data.length() == 1 ? "" : ",")
                .append("[\"")
                .append(f)
                .append("\"]"));
        SqlResult r = decodeTable(schema("ts:\"timestamp\""), data + "]", 100, 1000);
        assertThat(r.rows()).extracting(x -> x.getTimestamp(0)).containsOnly(Instant.parse("2024-01-02T03:04:05Z"));
        SqlResult far = decodeTable(
                schema("ts:\"timestamp\"", "d:\"date\""),
                "[[\"+10000-01-01T00:00:00Z\",\"+10000-01-01\"],[\"0001-01-01T00:00:00.123456Z\",\"0001-01-01\"]]",
                10,
                1000);
        assertThat(far.row(0).getTimestamp(0)).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(far.row(0).getDate(1)).isEqualTo(LocalDate.of(10000, 1, 1));
        assertThat(far.row(1).getTimestamp(0)).isEqualTo(Instant.parse("0001-01-01T00:00:00.123456Z"));
    }

    @Test
    @DisplayName("nested: arrays of structs, maps of arrays, structs as objects or arrays, typed map keys")
    @SuppressWarnings("unchecked")
    void nested() {
        String aos = "{\"type\":\"array\",\"elementType\":{\"type\":\"struct\",\"fields\":[{\"name\":\"k\","
                + "\"type\":\"string\",\"nullable\":true,\"metadata\":{}},{\"name\":\"v\",\"type\":\"decimal(5,1)\","
                + "\"nullable\":true,\"metadata\":{}}]},\"containsNull\":true}";
        String moa = "{\"type\":\"map\",\"keyType\":\"date\",\"valueType\":{\"type\":\"array\",\"elementType\":"
                + "\"timestamp\",\"containsNull\":true},\"valueContainsNull\":true}";
        SqlResult r = decodeEnvelope(
                schema("aos:" + aos, "moa:" + moa),
                List.of("{\"aos\":[{\"k\":\"a\",\"v\":1},null,[\"b\",2.5],{\"v\":3}],"
                        + "\"moa\":{\"2024-01-02\":[\"2024-01-02T00:00:00Z\",null],\"2024-01-03\":null}}"),
                10,
                false);
        List<Object> aosValue = r.row(0).getList("aos");
        assertThat(aosValue).hasSize(4);
        assertThat(((Row) aosValue.get(0)).getBigDecimal("v")).isEqualTo(new BigDecimal("1.0"));
        assertThat(aosValue.get(1)).isNull();
        assertThat(((Row) aosValue.get(2)).getString("k")).isEqualTo("b");
        assertThat(((Row) aosValue.get(3)).isNull("k")).isTrue();
        Map<Object, Object> moaValue = r.row(0).getMap("moa");
        assertThat(moaValue.keySet()).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));
        assertThat((List<Object>) moaValue.get(LocalDate.of(2024, 1, 2)))
                .containsExactly(Instant.parse("2024-01-02T00:00:00Z"), null);
        assertThat(moaValue.get(LocalDate.of(2024, 1, 3))).isNull();
        assertThatThrownBy(() -> r.row(0).getList("aos").add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("duplicate column names keep their positions, in both formats")
    void duplicateNames() {
        String s = schema("a:\"integer\"", "a:\"string\"", "b:\"integer\"");
        SqlResult e = decodeEnvelope(s, List.of("{\"a\":1,\"a\":\"x\",\"b\":2}"), 10, false);
        SqlResult t = decodeTable(s, "[[1,\"x\",2]]", 10, 1000);
        for (SqlResult r : List.of(e, t)) {
            assertThat(r.row(0).get(0)).isEqualTo(1);
            assertThat(r.row(0).get(1)).isEqualTo("x");
            assertThat(r.row(0).getInt("b")).isEqualTo(2);
            assertThatThrownBy(() -> r.row(0).get("a"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ambiguous");
        }
    }

    @Test
    @DisplayName("a value that does not fit names the statement, row, column path, type and value")
    void mismatchMessages() {
        String s = schema(
                "id:\"integer\"",
                "st:{\"type\":\"struct\",\"fields\":[{\"name\":\"items\",\"type\":"
                        + "{\"type\":\"array\",\"elementType\":\"date\",\"containsNull\":true},\"nullable\":true,"
                        + "\"metadata\":{}}]}");
        assertThatThrownBy(() -> decodeEnvelope(
                        s,
                        List.of("{\"id\":1}", "{\"id\":2,\"st\":{\"items\":[\"2024-01-01\",\"2024-13-01\"]}}"),
                        10,
                        false))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("statement 3 in session s1 (glue)")
                .hasMessageContaining("row 2, column 'st.items[1]'")
                .hasMessageContaining("cannot read \"2024-13-01\" as a date");
        assertThatThrownBy(() -> decodeTable(s, "[[3000000000,null]]", 10, 1000))
                .hasMessageContaining("row 1, column 'id': 3000000000 does not fit int");
        assertThatThrownBy(() -> decodeTable(s, "[[\"1\",null]]", 10, 1000))
                .hasMessageContaining("column 'id': expected an integer for int but found \"1\"");
        assertThatThrownBy(() -> decodeTable(s, "[[1]]", 10, 1000))
                .hasMessageContaining("row 1, row has 1 values but there are 2 columns [id, st]");
        assertThatThrownBy(() -> decodeEnvelope(s, List.of("{\"idx\":1}"), 10, false))
                .hasMessageContaining("field 'idx' is not a column of [id, st]");
        assertThatThrownBy(() -> decodeTable(schema("x:\"byte\""), "[[128]]", 10, 1000))
                .hasMessageContaining("128 does not fit tinyint");
        assertThatThrownBy(() -> decodeTable(schema("x:\"binary\""), "[[\"***\"]]", 10, 1000))
                .hasMessageContaining("expected base64 text for binary");
        assertThatThrownBy(() -> decodeTable(
                        schema("m:{\"type\":\"map\",\"keyType\":\"integer\",\"valueType\":"
                                + "\"integer\",\"valueContainsNull\":true}"),
                        "[[{\"x\":1}]]",
                        10,
                        1000))
                .hasMessageContaining("map key \"x\" is not a int");
        assertThatThrownBy(() -> decodeTable(schema("t:\"timestamp_ntz\""), "[[\"2024-01-02T03:04:05Z\"]]", 10, 1000))
                .hasMessageContaining("without an offset");
        assertThat(Arrays.asList(ResultFormatException.class.getInterfaces())).isEmpty();
        ResultFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                ResultFormatException.class, () -> decodeTable(schema("x:\"long\""), "[[true]]", 10, 1000));
        assertThat(e.retryable()).isFalse();
        assertThat(e.sessionId()).isEqualTo("s1");
        assertThat(e.backend()).isEqualTo("livy");
    }

    @Test
    @DisplayName("schema JSON: every form parses, user-defined types become their SQL type, bad schemas fail clearly")
    void schemas() {
        Schema s = Schema.fromJson(ALL);
        assertThat(Schema.fromJson(s.toJson())).isEqualTo(s);
        assertThat(s.column("vc").type().kind()).isEqualTo(SparkType.Kind.STRING);
        assertThat(s.column("m").type().simpleString()).isEqualTo("map<bigint,string>");
        assertThat(s.column("st").type().simpleString()).isEqualTo("struct<x:int,tags:array<string>>");
        Schema udt = Schema.fromJson(schema("v:{\"type\":\"udt\",\"class\":\"x.VectorUDT\",\"sqlType\":{\"type\":"
                + "\"array\",\"elementType\":\"double\",\"containsNull\":false}}"));
        assertThat(udt.column(0).type()).isEqualTo(SparkType.array(SparkType.DOUBLE, false));
        assertThatThrownBy(() -> Schema.fromJson("{\"type\":\"struct\",\"fields\":[{\"name\":\"a\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.fields[0].type is missing");
        assertThatThrownBy(() -> Schema.fromJson("[1]")).hasMessageContaining("must be a type name or a type object");
        assertThatThrownBy(() -> Schema.fromJson("\"long\"")).hasMessageContaining("must be a struct type");
        assertThatThrownBy(() -> Schema.fromJson(
                        "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":" + "\"decimal(x)\"}]}"))
                .hasMessageContaining("not a valid decimal type");
        assertThatThrownBy(() -> Schema.fromJson("{")).hasMessageContaining("not valid JSON");
    }
}
