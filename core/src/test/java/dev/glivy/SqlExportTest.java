package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CSV (RFC 4180) and JSON lines export, checked by parsing the output back. */
class SqlExportTest {
    private static final Schema INNER =
            Schema.of(Column.of("k", SparkType.STRING, true), Column.of("v", SparkType.decimal(5, 1), true));
    private static final Schema ALL = Schema.of(
            Column.of("id", SparkType.LONG, false),
            Column.of("s", SparkType.STRING, true),
            Column.of("i", SparkType.INTEGER, true),
            Column.of("f", SparkType.FLOAT, true),
            Column.of("d", SparkType.DOUBLE, true),
            Column.of("dec", SparkType.decimal(38, 10), true),
            Column.of("b", SparkType.BOOLEAN, true),
            Column.of("day", SparkType.DATE, true),
            Column.of("ts", SparkType.TIMESTAMP, true),
            Column.of("ntz", SparkType.TIMESTAMP_NTZ, true),
            Column.of("bin", SparkType.BINARY, true),
            Column.of("arr", SparkType.array(SparkType.STRING, true), true),
            Column.of("m", SparkType.map(SparkType.INTEGER, SparkType.DOUBLE, true), true),
            Column.of("st", SparkType.struct(INNER), true),
            Column.of("sh", SparkType.SHORT, true),
            Column.of("by", SparkType.BYTE, true));

    private static SqlResult result(List<Row> rows) {
        StatementResult st = StatementResult.builder()
                .sessionId("s")
                .statementId("1")
                .state(StatementState.AVAILABLE)
                .build();
        return new SqlResult(ALL, new ArrayList<>(rows), false, 1000, "q", st);
    }

    private static Row randomRow(Random r, long id) {
        List<Object> v = new ArrayList<>();
        v.add(id);
        v.add(r.nextInt(5) == 0 ? null : dev.glivy.internal.sql.AdversarialText.text(r, r.nextInt(8)));
        v.add(r.nextInt(5) == 0 ? null : r.nextInt());
        float[] floats = {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, 1.1f, Float.MAX_VALUE, Float.MIN_VALUE};
        v.add(r.nextInt(5) == 0 ? null : r.nextBoolean() ? floats[r.nextInt(floats.length)] : r.nextFloat());
        double[] doubles = {Double.NaN, Double.NEGATIVE_INFINITY, 0.1, 1e300, Double.MIN_VALUE};
        v.add(r.nextInt(5) == 0 ? null : r.nextBoolean() ? doubles[r.nextInt(doubles.length)] : r.nextGaussian());
        v.add(r.nextInt(5) == 0 ? null : new BigDecimal(new java.math.BigInteger(90, r), 10));
        v.add(r.nextInt(5) == 0 ? null : r.nextBoolean());
        v.add(r.nextInt(5) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000));
        v.add(r.nextInt(5) == 0 ? null : Instant.ofEpochSecond(r.nextInt(), r.nextInt(1000) * 1_000_000L));
        v.add(r.nextInt(5) == 0 ? null : LocalDateTime.of(2024, 1, 2, 3, 4, r.nextInt(60), r.nextInt(1000) * 1000));
        byte[] bin = new byte[r.nextInt(6)];
        r.nextBytes(bin);
        v.add(r.nextInt(5) == 0 ? null : bin);
        v.add(r.nextInt(5) == 0 ? null : Arrays.asList("a,b", null, "\"q\"", "\n"));
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(r.nextInt(), r.nextDouble());
        m.put(-1, null);
        v.add(r.nextInt(5) == 0 ? null : m);
        v.add(
                r.nextInt(5) == 0
                        ? null
                        : Row.of(INNER, Arrays.asList("x\u00e9", r.nextBoolean() ? null : new BigDecimal("12.5"))));
        v.add(r.nextInt(5) == 0 ? null : (short) r.nextInt(65536 - 32768));
        v.add(r.nextInt(5) == 0 ? null : (byte) r.nextInt(128));
        return Row.of(ALL, v);
    }

    @Test
    @DisplayName("JSON lines read back with RowStream to equal rows (200 random rows of every type)")
    void jsonLinesRoundTrip() throws Exception {
        Random r = new Random(42);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(randomRow(r, i));
        }
        String out = result(rows).toJsonLines();
        assertThat(out.split("\n", -1)).hasSize(201);
        List<Row> back = new ArrayList<>();
        try (RowStream s = RowStream.jsonLines(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)), ALL)) {
            s.forEachRemaining(back::add);
            assertThat(s.rowsRead()).isEqualTo(200);
        }
        for (int i = 0; i < rows.size(); i++) {
            assertThat(back.get(i)).as("row %d", i).isEqualTo(rows.get(i));
        }
    }

    @Test
    @DisplayName("JSON lines: nulls written, decimals plain, time ISO-8601 in UTC, binary base64, NaN as a string")
    void jsonLinesShape() {
        Row row = Row.of(
                ALL,
                Arrays.asList(
                        1L,
                        null,
                        2,
                        Float.NaN,
                        1.5,
                        new BigDecimal("1E+3").setScale(10),
                        true,
                        LocalDate.of(2024, 1, 2),
                        Instant.parse("2024-01-02T03:04:05Z"),
                        LocalDateTime.of(2024, 1, 2, 3, 4),
                        new byte[] {1, 2, 3},
                        List.of("x"),
                        Map.of(1, 2.0),
                        Row.of(INNER, Arrays.asList("k", null)),
                        (short) 3,
                        (byte) 4));
        assertThat(result(List.of(row)).toJsonLines())
                .isEqualTo("{\"id\":1,\"s\":null,\"i\":2,\"f\":\"NaN\","
                        + "\"d\":1.5,\"dec\":1000.0000000000,\"b\":true,\"day\":\"2024-01-02\",\"ts\":\"2024-01-02T03:04:05Z\","
                        + "\"ntz\":\"2024-01-02T03:04:00\",\"bin\":\"AQID\",\"arr\":[\"x\"],\"m\":{\"1\":2.0},"
                        + "\"st\":{\"k\":\"k\",\"v\":null},\"sh\":3,\"by\":4}\n");
    }

    @Test
    @DisplayName("CSV: RFC 4180 quoting, CRLF, null vs empty string, and it parses back to the same fields")
    void csv() throws Exception {
        Random r = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(randomRow(r, i));
        }
        rows.add(Row.of(
                ALL,
                Arrays.asList(
                        0L, "", null, null, null, null, null, null, null, null, null, null, null, null, null, null)));
        StringBuilder csv = new StringBuilder();
        result(rows).writeCsv(csv);
        List<List<String>> parsed = parseRfc4180(csv.toString());
        assertThat(parsed).hasSize(rows.size() + 1);
        assertThat(parsed.get(0)).isEqualTo(ALL.names());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            List<String> fields = parsed.get(i + 1);
            assertThat(fields).hasSize(ALL.size());
            for (int c = 0; c < ALL.size(); c++) {
                Object v = row.get(c);
                String expected = v == null
                        ? null
                        : v instanceof String
                                ? (String) v
                                : v instanceof BigDecimal
                                        ? ((BigDecimal) v).toPlainString()
                                        : v instanceof byte[]
                                                ? java.util.Base64.getEncoder().encodeToString((byte[]) v)
                                                : v instanceof LocalDateTime
                                                        ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                                                                (LocalDateTime) v)
                                                        : v instanceof Row || v instanceof List || v instanceof Map
                                                                ? null
                                                                : String.valueOf(v);
                if (expected != null || v == null) {
                    assertThat(fields.get(c))
                            .as("row %d column %s", i, ALL.column(c).name())
                            .isEqualTo(expected);
                }
            }
        }
        String last = csv.substring(csv.lastIndexOf("\r\n", csv.length() - 3) + 2);
        assertThat(last).isEqualTo("0,\"\",,,,,,,,,,,,,,\r\n");
        Row nested = Row.of(
                ALL,
                Arrays.asList(
                        1L,
                        " padded",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("a,b"),
                        null,
                        Row.of(INNER, Arrays.asList("q\"", null)),
                        null,
                        null));
        assertThat(result(List.of(nested)).toCsv())
                .endsWith("1,\" padded\",,,,,,,,,,\"[\"\"a,b\"\"]\",,"
                        + "\"{\"\"k\"\":\"\"q\\\"\"\"\",\"\"v\"\":null}\",,\r\n");
    }

    /** A strict RFC 4180 reader: null for an empty unquoted field, "" for a quoted empty one. */
    private static List<List<String>> parseRfc4180(String s) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            String field;
            if (s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    char c = s.charAt(i);
                    if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        b.append(c);
                        i++;
                    }
                }
                field = b.toString();
            } else {
                int start = i;
                while (s.charAt(i) != ',' && s.charAt(i) != '\r') {
                    assertThat(s.charAt(i)).as("unquoted field char").isNotIn('"', '\n');
                    i++;
                }
                field = i == start ? null : s.substring(start, i);
            }
            fields.add(field);
            if (s.charAt(i) == ',') {
                i++;
            } else {
                assertThat(s.substring(i, i + 2)).isEqualTo("\r\n");
                i += 2;
                records.add(fields);
                fields = new ArrayList<>();
            }
        }
        return records;
    }
}
