package dev.glivy;

import dev.glivy.internal.sql.SqlEnvelope;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.util.List;
import java.util.Map;

/** Builds statement outputs in both SQL wire formats for decoder tests. */
final class SqlTestSupport {
    private SqlTestSupport() {}

    static StatementResult text(String text) {
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("3")
                .backend("glue")
                .state(StatementState.AVAILABLE)
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text))
                .build();
    }

    static StatementResult json(String json) {
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("4")
                .backend("livy")
                .state(StatementState.AVAILABLE)
                .language(Language.SQL)
                .outputs(Map.of(StatementResult.APPLICATION_JSON, json))
                .build();
    }

    /** An envelope as the wrappers print it, for {@code plan}'s nonce. */
    static String envelope(SqlPlan plan, String schemaJson, List<String> rows, boolean truncated) {
        StringBuilder b =
                new StringBuilder("\n").append(SqlEnvelope.begin(plan.nonce())).append('\n');
        b.append(schemaJson).append('\n');
        rows.forEach(r -> b.append(r).append('\n'));
        return b.append(SqlEnvelope.end(plan.nonce(), rows.size(), truncated))
                .append('\n')
                .toString();
    }

    static SqlResult decodeEnvelope(String schemaJson, List<String> rows, int limit, boolean truncated) {
        SqlPlan plan = SqlPlan.wrapper("select x", limit, Language.PYTHON);
        return SqlResults.of(text(envelope(plan, schemaJson, rows, truncated)), plan);
    }

    static SqlResult decodeTable(String schemaJson, String data, int limit, int cap) {
        SqlPlan plan = SqlPlan.sqlStatement("select x", limit, cap);
        return SqlResults.of(json("{\"schema\":" + schemaJson + ",\"data\":" + data + "}"), plan);
    }

    /** Schema JSON for {@code fields}, each {@code name:typeJson} (type JSON as Spark writes it). */
    static String schema(String... fields) {
        StringBuilder b = new StringBuilder("{\"type\":\"struct\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            int colon = fields[i].indexOf(':');
            b.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(fields[i], 0, colon)
                    .append("\",\"type\":")
                    .append(fields[i].substring(colon + 1))
                    .append(",\"nullable\":true,\"metadata\":{}}");
        }
        return b.append("]}").toString();
    }
}
