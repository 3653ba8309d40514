package dev.glivy;

import static dev.glivy.SqlTestSupport.decodeTable;
import static dev.glivy.SqlTestSupport.envelope;
import static dev.glivy.SqlTestSupport.schema;
import static dev.glivy.SqlTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.internal.sql.SqlEnvelope;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Envelope robustness (stray output, cut-off output, forgeries) and honest truncation on both formats. */
class SqlEnvelopeAndLimitTest {
    private static final String S = schema("id:\"long\"");
    private final SqlPlan plan = SqlPlan.wrapper("select id from t", 10, Language.SCALA);

    private static List<String> rows(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("{\"id\":" + i + "}");
        }
        return out;
    }

    private SqlResult decode(String text) {
        return SqlResults.of(text(text), plan);
    }

    @Test
    @DisplayName("stray output before (without a newline) and after the envelope is ignored; CRLF works")
    void strayOutput() {
        String env = envelope(plan, S, rows(3), false);
        assertThat(decode("res0: Int = 1\nwarning: something" + env + "later output\n{\"id\":99}\n")
                        .size())
                .isEqualTo(3);
        assertThat(decode(env.replace("\n", "\r\n")).rows())
                .extracting(r -> r.getLong(0))
                .containsExactly(0L, 1L, 2L);
        assertThat(decode(env.strip()).size()).isEqualTo(3);
    }

    @Test
    @DisplayName("markers inside other lines, or of another statement's nonce, are not taken for this envelope")
    void forgeriesIgnored() {
        SqlPlan other = SqlPlan.wrapper("select id from t", 10, Language.SCALA);
        String fake = envelope(other, S, rows(5), true);
        String quoted = "print('" + SqlEnvelope.begin(plan.nonce()) + "')\n";
        String real = envelope(plan, S, rows(2), false);
        SqlResult r = decode(fake + quoted + real + fake);
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.truncated()).isFalse();
        assertThatThrownBy(() -> decode(fake))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("envelope of another statement");
        assertThatThrownBy(() -> decode(real + real)).hasMessageContaining("twice");
    }

    @Test
    @DisplayName("a missing envelope, a cut-off one and a bad trailer each get a message saying what happened")
    void brokenEnvelopes() {
        String env = envelope(plan, S, rows(4), false);
        assertThatThrownBy(() -> decode("Traceback: NameError: name 'spark' is not defined"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("Cannot read the SQL result of statement 3 in session s1 (glue)")
                .hasMessageContaining("no '#glivy-sql-v1 begin' marker")
                .hasMessageContaining("'Traceback: NameError");
        String cut = env.substring(0, env.indexOf("{\"id\":3}"));
        assertThatThrownBy(() -> decode(cut))
                .hasMessageContaining("cut off")
                .hasMessageContaining("3 line(s) after the schema")
                .hasMessageContaining("output limit");
        String noSchema = "\n" + SqlEnvelope.begin(plan.nonce());
        assertThatThrownBy(() -> decode(noSchema)).hasMessageContaining("no schema line");
        assertThatThrownBy(() -> decode(env.replace("rows=4", "rows=5")))
                .hasMessageContaining("the end marker counts 5 rows but 4 row lines were found");
        assertThatThrownBy(() -> decode(env.replace("truncated=false", "truncated=maybe")))
                .hasMessageContaining("end marker is malformed");
        assertThatThrownBy(() -> decode(env.replace("{\"id\":2}", "{\"id\":2")))
                .hasMessageContaining("row 3 is malformed JSON");
        assertThatThrownBy(() -> decode(env.replace("{\"id\":2}", "garbage"))).hasMessageContaining("row 3");
        assertThatThrownBy(() -> decode(env.replace("#glivy-sql-v1", "#glivy-sql-v2")))
                .hasMessageContaining("another format version (#glivy-sql-v2)");
        assertThatThrownBy(() -> decode(env.replace("{\"type\":\"struct\"", "{\"type\":\"strukt\"")))
                .hasMessageContaining("schema must be a struct type");
    }

    @Test
    @DisplayName("a failed statement has no table")
    void failedStatement() {
        StatementResult failed = StatementResult.builder()
                .sessionId("s")
                .statementId("1")
                .state(StatementState.AVAILABLE)
                .error(StatementError.of("AnalysisException", "no table", List.of()))
                .build();
        assertThatThrownBy(() -> SqlResults.of(failed, plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not succeed")
                .hasMessageContaining("AnalysisException");
    }

    @Test
    @DisplayName("envelope: truncated comes from the wrapper, which fetched limit + 1 rows")
    void envelopeTruncation() {
        assertThat(decode(envelope(plan, S, rows(10), true)).truncated()).isTrue();
        assertThat(decode(envelope(plan, S, rows(10), false)).truncated()).isFalse();
        assertThat(decode(envelope(plan, S, rows(0), false)).size()).isZero();
        assertThatThrownBy(() -> decode(envelope(plan, S, rows(11), true)))
                .hasMessageContaining("says 11 rows but the limit was 10");
    }

    @Test
    @DisplayName("SQL statement with a limit below the backend's cap: more rows than the limit proves truncation")
    void tableBelowCap() {
        String data = data(7);
        SqlResult r = decodeTable(S, data, 5, 1000);
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.truncated()).isTrue();
        assertThat(r.rows()).extracting(x -> x.getLong(0)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(decodeTable(S, data, 7, 1000).truncated()).isFalse();
        assertThat(decodeTable(S, data, 8, 1000).truncated()).isFalse();
        assertThat(decodeTable(S, data(0), 8, 1000).size()).isZero();
        assertThat(decodeTable(S, "null", 8, 1000).size()).isZero();
    }

    @Test
    @DisplayName("SQL statement with a limit at or above the cap: a full cap of rows may hide more, so it is truncated")
    void tableAtCap() {
        assertThat(decodeTable(S, data(1000), 1000, 1000).truncated()).isTrue();
        assertThat(decodeTable(S, data(1000), 5000, 1000).truncated()).isTrue();
        assertThat(decodeTable(S, data(999), 5000, 1000).truncated()).isFalse();
        assertThat(decodeTable(S, data(1000), 5000, SqlPlan.ALL_ROWS).truncated())
                .isFalse();
    }

    @Test
    @DisplayName("the data array may come before the schema, and other fields are ignored")
    void tableFieldOrder() {
        SqlPlan p = SqlPlan.sqlStatement("q", 10, 1000);
        SqlResult r = SqlResults.of(
                SqlTestSupport.json("{\"data\":[[1],[2]],\"extra\":{\"a\":[1]},\"schema\":" + S + "}"), p);
        assertThat(r.rows()).extracting(x -> x.getLong("id")).containsExactly(1L, 2L);
        assertThatThrownBy(() -> SqlResults.of(SqlTestSupport.json("{\"data\":[]}"), p))
                .hasMessageContaining("has no \"schema\"");
        assertThatThrownBy(() -> SqlResults.of(SqlTestSupport.json("[1]"), p))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SqlResults.of(SqlTestSupport.json("{\"schema\":" + S + ",\"data\":{}}"), p))
                .hasMessageContaining("\"data\" must be a JSON array");
        StatementResult textOnly = text("hello");
        assertThatThrownBy(() -> SqlResults.of(textOnly, p))
                .hasMessageContaining("no application/json output")
                .hasMessageContaining("text/plain");
        assertThatThrownBy(() -> SqlResults.of(SqlTestSupport.json("{\"schema\":" + S + ",\"data\":[[1],"), p))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("malformed JSON at line 1");
    }

    @Test
    @DisplayName("the result keeps the statement, query and limit; toString is short")
    void resultMetadata() {
        SqlResult r = decode(envelope(plan, S, rows(2), false));
        assertThat(r.query()).isEqualTo("select id from t");
        assertThat(r.limit()).isEqualTo(10);
        assertThat(r.statement().statementId()).isEqualTo("3");
        assertThat(r.columns()).containsExactly(Column.of("id", SparkType.LONG, true));
        assertThat(r.toString())
                .isEqualTo("SqlResult{columns=[id: bigint], rows=2, truncated=false, limit=10, " + "statement=3}");
        assertThatThrownBy(() -> r.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Map.of("a", r.row(1).asMap())).containsEntry("a", Map.of("id", 1L));
    }

    private static String data(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('[').append(i).append(']');
        }
        return b.append(']').toString();
    }
}
