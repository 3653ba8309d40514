package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.StatementError;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SQL statements: Livy's JSON shape with JSON-typed values, the row limit, errors, per-session settings. */
class LocalSqlIT {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static LocalTransport transport;
    private static InteractiveSession session;

    @BeforeAll
    static void start() {
        transport = LocalTransport.builder().sqlRowLimit(5).build();
        session = LocalSessions.over(transport)
                .config(c -> c.language(Language.SQL)
                        .sparkConf("spark.sql.session.timeZone=UTC --conf spark.executor.memory=1g"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    private static StatementResult sql(String query) {
        return session.execute(StatementRequest.builder()
                .code(query)
                .language(Language.SQL)
                .failOnError(false)
                .build());
    }

    private static JsonNode json(StatementResult r) throws Exception {
        assertThat(r.error()).isEmpty();
        return JSON.readTree(r.json().orElseThrow());
    }

    @Test
    @DisplayName("every Spark type comes back JSON-typed under Spark's schema")
    void allTypes() throws Exception {
        JsonNode out = json(sql("select cast(1 as int) as i, cast(9007199254740993 as bigint) as l, "
                + "cast(7 as tinyint) as tiny, cast(8 as smallint) as small, cast(1.5 as double) as d, "
                + "cast(2.5 as float) as f, cast('12345678901234567890.123456789012345678' as decimal(38,18)) as dec, "
                + "true as b, cast(null as string) as n, 'text' as s, date'2024-02-29' as dt, "
                + "timestamp'2024-02-29 12:34:56.123456' as ts, timestamp_ntz'2024-02-29 12:00:00' as ntz, "
                + "X'010203' as bin, array(1, 2, null) as arr, map('a', 1, 'b', 2) as m, map(1, 'x') as im, "
                + "named_struct('x', 1, 'y', 'z') as st, array(named_struct('k', date'2020-01-02')) as arrst, "
                + "interval '1' day as dti, cast('NaN' as double) as nan"));
        JsonNode fields = out.get("schema").get("fields");
        assertThat(out.get("schema").get("type").textValue()).isEqualTo("struct");
        assertThat(fields.get(6).get("type").textValue()).isEqualTo("decimal(38,18)");
        assertThat(fields.get(11).get("type").textValue()).isEqualTo("timestamp");
        JsonNode r = out.get("data").get(0);
        assertThat(r.get(0).isInt()).isTrue();
        assertThat(r.get(1).longValue()).isEqualTo(9007199254740993L);
        assertThat(r.get(2).intValue()).isEqualTo(7);
        assertThat(r.get(3).intValue()).isEqualTo(8);
        assertThat(r.get(4).doubleValue()).isEqualTo(1.5);
        assertThat(r.get(5).floatValue()).isEqualTo(2.5f);
        assertThat(r.get(6).isNumber()).isTrue();
        assertThat(r.get(6).decimalValue()).isEqualByComparingTo("12345678901234567890.123456789012345678");
        assertThat(r.get(7).booleanValue()).isTrue();
        assertThat(r.get(8).isNull()).isTrue();
        assertThat(r.get(9).textValue()).isEqualTo("text");
        assertThat(r.get(10).textValue()).isEqualTo("2024-02-29");
        assertThat(r.get(11).textValue()).isEqualTo("2024-02-29T12:34:56.123456Z");
        assertThat(r.get(12).textValue()).isEqualTo("2024-02-29T12:00");
        assertThat(r.get(13).textValue()).isEqualTo("AQID");
        assertThat(r.get(14).toString()).isEqualTo("[1,2,null]");
        assertThat(r.get(15).toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(r.get(16).toString()).isEqualTo("{\"1\":\"x\"}");
        assertThat(r.get(17).toString()).isEqualTo("{\"x\":1,\"y\":\"z\"}");
        assertThat(r.get(18).toString()).isEqualTo("[{\"k\":\"2020-01-02\"}]");
        assertThat(r.get(19).textValue()).isEqualTo("PT24H");
        assertThat(r.get(20).textValue()).isEqualTo("NaN");
        assertThat(out.get("truncated").booleanValue()).isFalse();
    }

    @Test
    @DisplayName("results past the row limit are cut and marked truncated")
    void rowLimit() throws Exception {
        JsonNode cut = json(sql("select id from range(100)"));
        assertThat(cut.get("data")).hasSize(5);
        assertThat(cut.get("truncated").booleanValue()).isTrue();
        JsonNode exact = json(sql("select id from range(5)"));
        assertThat(exact.get("data")).hasSize(5);
        assertThat(exact.get("truncated").booleanValue()).isFalse();
        assertThat(session.log(-1, 50)).anyMatch(l -> l.contains("truncated to 5 rows"));
    }

    @Test
    @DisplayName("commands run and return an empty table; tables persist across statements")
    void commands() throws Exception {
        assertThat(json(sql("create table people (name string, age int) using parquet"))
                        .get("data"))
                .isEmpty();
        json(sql("insert into people values ('ann', 31), ('bob', 42)"));
        JsonNode r = json(sql("select name from people where age > 40"));
        assertThat(r.get("data").toString()).isEqualTo("[[\"bob\"]]");
        json(sql("drop table people"));
    }

    @Test
    @DisplayName("%spark_conf runtime SQL settings apply to the session; cluster settings are ignored with a log line")
    void sessionSparkConf() throws Exception {
        JsonNode r = json(sql("set spark.sql.session.timeZone"));
        assertThat(r.get("data").get(0).get(1).textValue()).isEqualTo("UTC");
        assertThat(session.log(0, 100)).anyMatch(l -> l.contains("%spark_conf spark.sql.session.timeZone set"));
    }

    @Test
    @DisplayName("SQL errors carry the Spark exception class and a one-line message")
    void errors() {
        StatementError missing = sql("select * from no_such_table").error().orElseThrow();
        assertThat(missing.name()).startsWith("org.apache.spark.sql.").endsWith("AnalysisException");
        assertThat(missing.value()).contains("TABLE_OR_VIEW_NOT_FOUND").doesNotContain("\n");
        StatementError syntax = sql("selec 1").error().orElseThrow();
        assertThat(syntax.name()).endsWith("ParseException");
        assertThat(syntax.value()).contains("PARSE_SYNTAX_ERROR");
        assertThat(String.join("\n", syntax.traceback())).contains("== SQL ==");
        assertThat(sql("select 1 as one").succeeded()).isTrue();
    }

    @Test
    @DisplayName("Scala statements run in a SQL session too and see the same temporary views")
    void scalaInSqlSession() throws Exception {
        StatementResult r = session.execute(StatementRequest.builder()
                .code("spark.range(3).toDF(\"n\").createOrReplaceTempView(\"nums\")")
                .language(Language.SCALA)
                .build());
        assertThat(r.succeeded()).isTrue();
        assertThat(json(sql("select sum(n) as total from nums")).get("data").toString())
                .isEqualTo("[[3]]");
        assertThat(List.of(session.execute("1 + 1", Language.SCALA).text()))
                .singleElement()
                .asString()
                .contains("Int = 2");
    }
}
