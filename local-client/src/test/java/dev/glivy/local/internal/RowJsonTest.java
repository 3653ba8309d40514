package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

class RowJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final RowJson json = new RowJson(mapper.getFactory());

    private static StructType schema(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static Row row(StructType schema, Object... values) {
        return new GenericRowWithSchema(values, schema);
    }

    private static scala.collection.Seq<Object> seq(Object... values) {
        return JavaConverters.asScalaBuffer(new ArrayList<>(Arrays.asList(values)))
                .toSeq();
    }

    private static scala.collection.Map<Object, Object> map(Map<Object, Object> m) {
        return JavaConverters.mapAsScalaMap(m);
    }

    private JsonNode encode(StructType schema, List<Row> rows, boolean truncated) throws Exception {
        return mapper.readTree(json.encode(schema, rows, truncated));
    }

    @Test
    void numbersStayNumbers() throws Exception {
        StructType s = schema(
                field("i", DataTypes.IntegerType),
                field("l", DataTypes.LongType),
                field("sh", DataTypes.ShortType),
                field("b", DataTypes.ByteType),
                field("d", DataTypes.DoubleType),
                field("f", DataTypes.FloatType),
                field("dec", DataTypes.createDecimalType(38, 18)));
        JsonNode out = encode(
                s,
                List.of(row(
                        s,
                        42,
                        9_007_199_254_740_993L,
                        (short) 7,
                        (byte) -1,
                        0.1,
                        1.5f,
                        new BigDecimal("12345678901234567890.123456789012345678"))),
                false);
        JsonNode r = out.get("data").get(0);
        assertThat(r.get(0).isInt()).isTrue();
        assertThat(r.get(0).intValue()).isEqualTo(42);
        assertThat(r.get(1).isLong()).isTrue();
        assertThat(r.get(1).longValue()).isEqualTo(9_007_199_254_740_993L);
        assertThat(r.get(2).intValue()).isEqualTo(7);
        assertThat(r.get(3).intValue()).isEqualTo(-1);
        assertThat(r.get(4).doubleValue()).isEqualTo(0.1);
        assertThat(r.get(5).floatValue()).isEqualTo(1.5f);
        assertThat(r.get(6).isNumber()).isTrue();
        assertThat(json.encode(
                        s,
                        List.of(row(
                                s,
                                1,
                                1L,
                                (short) 1,
                                (byte) 1,
                                1.0,
                                1f,
                                new BigDecimal("12345678901234567890.123456789012345678"))),
                        false))
                .contains("12345678901234567890.123456789012345678");
    }

    @Test
    void decimalsNeverUseExponents() {
        assertThat(json.value(new BigDecimal("1E+3"), DataTypes.createDecimalType(10, 0)))
                .isEqualTo("1000");
        assertThat(json.value(new BigDecimal("0.00000001"), DataTypes.createDecimalType(10, 8)))
                .isEqualTo("0.00000001");
        assertThat(json.value(org.apache.spark.sql.types.Decimal.apply("2.50"), DataTypes.createDecimalType(3, 2)))
                .isEqualTo("2.50");
    }

    @Test
    void nonFiniteFloatingPointBecomesStrings() {
        assertThat(json.value(Double.NaN, DataTypes.DoubleType)).isEqualTo("\"NaN\"");
        assertThat(json.value(Double.POSITIVE_INFINITY, DataTypes.DoubleType)).isEqualTo("\"Infinity\"");
        assertThat(json.value(Float.NEGATIVE_INFINITY, DataTypes.FloatType)).isEqualTo("\"-Infinity\"");
    }

    @Test
    void booleansStringsAndNulls() throws Exception {
        StructType s = schema(
                field("b", DataTypes.BooleanType),
                field("s", DataTypes.StringType),
                field("n", DataTypes.NullType),
                field("missing", DataTypes.IntegerType));
        JsonNode r = encode(s, List.of(row(s, true, "a \"quoted\"\nline", null, null)), false)
                .get("data")
                .get(0);
        assertThat(r.get(0).isBoolean()).isTrue();
        assertThat(r.get(0).booleanValue()).isTrue();
        assertThat(r.get(1).textValue()).isEqualTo("a \"quoted\"\nline");
        assertThat(r.get(2).isNull()).isTrue();
        assertThat(r.get(3).isNull()).isTrue();
    }

    @Test
    void datesAndTimestampsAreIsoStrings() {
        assertThat(json.value(Date.valueOf("2024-02-29"), DataTypes.DateType)).isEqualTo("\"2024-02-29\"");
        assertThat(json.value(LocalDate.of(1, 1, 1), DataTypes.DateType)).isEqualTo("\"0001-01-01\"");
        Timestamp ts = Timestamp.from(Instant.parse("2024-02-29T12:34:56.123456Z"));
        assertThat(json.value(ts, DataTypes.TimestampType)).isEqualTo("\"2024-02-29T12:34:56.123456Z\"");
        assertThat(json.value(Instant.parse("2024-02-29T12:00:00Z"), DataTypes.TimestampType))
                .isEqualTo("\"2024-02-29T12:00:00Z\"");
        assertThat(json.value(LocalDateTime.parse("2024-02-29T12:00:00.5"), DataTypes.TimestampNTZType))
                .isEqualTo("\"2024-02-29T12:00:00.500\"");
        assertThat(json.value(Duration.ofHours(25), DataTypes.createDayTimeIntervalType()))
                .isEqualTo("\"PT25H\"");
        assertThat(json.value(Period.ofMonths(14), DataTypes.createYearMonthIntervalType()))
                .isEqualTo("\"P14M\"");
    }

    @Test
    void binaryIsBase64() {
        assertThat(json.value(new byte[] {1, 2, 3}, DataTypes.BinaryType)).isEqualTo("\"AQID\"");
    }

    @Test
    void arraysMapsAndStructsNest() throws Exception {
        StructType inner = schema(
                field("x", DataTypes.IntegerType), field("tags", DataTypes.createArrayType(DataTypes.StringType)));
        StructType s = schema(
                field("arr", DataTypes.createArrayType(DataTypes.LongType)),
                field("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType)),
                field("im", DataTypes.createMapType(DataTypes.IntegerType, DataTypes.DateType)),
                field("st", inner),
                field("nested", DataTypes.createArrayType(inner)));
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", 1.5);
        m.put("b", null);
        Map<Object, Object> im = new LinkedHashMap<>();
        im.put(7, Date.valueOf("2020-01-02"));
        Row st = row(inner, 1, seq("p", "q"));
        JsonNode r = encode(
                        s, List.of(row(s, seq(1L, null, 3L), map(m), map(im), st, seq(st, row(inner, 2, null)))), false)
                .get("data")
                .get(0);
        assertThat(r.get(0).toString()).isEqualTo("[1,null,3]");
        assertThat(r.get(1).toString()).isEqualTo("{\"a\":1.5,\"b\":null}");
        assertThat(r.get(2).toString()).isEqualTo("{\"7\":\"2020-01-02\"}");
        assertThat(r.get(3).toString()).isEqualTo("{\"x\":1,\"tags\":[\"p\",\"q\"]}");
        assertThat(r.get(4).toString()).isEqualTo("[{\"x\":1,\"tags\":[\"p\",\"q\"]},{\"x\":2,\"tags\":null}]");
    }

    @Test
    void documentHasSchemaDataAndTruncationFlag() throws Exception {
        StructType s = schema(field("one", DataTypes.IntegerType));
        JsonNode out = encode(s, List.of(row(s, 1), row(s, 2)), true);
        assertThat(out.get("schema")).isEqualTo(mapper.readTree(s.json()));
        assertThat(out.get("schema").get("fields").get(0).get("name").textValue())
                .isEqualTo("one");
        assertThat(out.get("data").toString()).isEqualTo("[[1],[2]]");
        assertThat(out.get("truncated").booleanValue()).isTrue();
        assertThat(encode(s, List.of(), false).get("data").size()).isZero();
    }
}
