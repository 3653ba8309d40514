package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.ResultFormatException;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.internal.InternalApi;
import dev.glivy.spi.JsonOutput;
import dev.glivy.spi.SqlPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a finished statement's output into a {@link SqlResult}, according to its {@link SqlPlan}: Livy-style
 * {@code application/json} tables, or the envelope the generated wrappers print. Every failure becomes a
 * {@link ResultFormatException} naming the statement, the row and the column.
 */
@InternalApi
public final class SqlDecoder {
    private static final SqlAccess ACCESS = SqlAccess.get();

    /** Lenient only where backends differ: json4s (Livy) may write NaN and Infinity unquoted. */
    public static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static final ObjectMapper TREES = new ObjectMapper(JSON);

    private SqlDecoder() {}

    static SqlResult decode(StatementResult statement, SqlPlan plan) {
        if (!statement.succeeded()) {
            throw new IllegalArgumentException("statement " + statement.statementId() + " did not succeed (state "
                    + statement.state()
                    + statement.error().map(e -> ", error " + e.name()).orElse("")
                    + "); there is no table to read");
        }
        if (plan.preludeMissing(statement)) {
            throw failure(
                    statement,
                    "the session has no "
                            + plan.prelude().map(p -> p.function()).orElse("")
                            + " defined, so the call ran nothing; submit the plan's prelude() first",
                    null);
        }
        try {
            if (plan.output() == SqlPlan.Output.ENVELOPE) {
                return envelope(statement, plan);
            }
            return table(statement, plan);
        } catch (DecodeError e) {
            throw failure(statement, e.getMessage(), null);
        } catch (JsonProcessingException e) {
            throw failure(statement, "malformed JSON at " + where(e) + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw failure(statement, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SqlResult envelope(StatementResult statement, SqlPlan plan) throws IOException {
        String text = statement.text();
        SqlEnvelope.Located at = SqlEnvelope.locate(text, plan.nonce());
        Schema schema = SchemaJson.parse(text.substring(at.schemaStart(), at.schemaEnd()));
        if (at.rows() > plan.limit()) {
            throw new IllegalArgumentException("the envelope says " + at.rows() + " rows but the limit was "
                    + plan.limit() + "; was it produced for another request?");
        }
        List<Row> rows = new ArrayList<>((int) at.rows());
        JsonRowReader reader = new JsonRowReader(schema);
        try (JsonParser p = JSON.createParser(new CharRegionReader(text, at.rowsStart(), at.rowsEnd()))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    throw new DecodeError(
                            "",
                            "row " + (rows.size() + 1) + ": expected a JSON object but found "
                                    + JsonRowReader.describe(p));
                }
                rows.add(row(reader, p, rows.size() + 1));
            }
        } catch (JsonProcessingException e) {
            throw new DecodeError(
                    "",
                    "row " + (rows.size() + 1) + " is malformed JSON (" + where(e) + " of the row lines): "
                            + e.getOriginalMessage());
        }
        if (rows.size() != at.rows()) {
            throw new IllegalArgumentException(
                    "the end marker counts " + at.rows() + " rows but " + rows.size() + " row lines were found");
        }
        String around = text.substring(0, at.schemaStart()) + text.substring(at.rowsEnd());
        return ACCESS.result(
                schema,
                rows,
                at.truncated(),
                plan.limit(),
                plan.query(),
                without(statement, StatementResult.TEXT_PLAIN, around));
    }

    private static SqlResult table(StatementResult statement, SqlPlan plan) throws IOException {
        JsonOutput out = ACCESS.jsonOutput(statement);
        ColumnTable decoded = out instanceof Utf8Json u ? u.table() : null;
        Schema schema = decoded == null ? null : decoded.schema();
        boolean more = false;
        if (decoded == null) {
            if (out == null && statement.json().isEmpty()) {
                throw new IllegalArgumentException("the statement has no application/json output (outputs: "
                        + statement.outputs().keySet() + ")");
            }
            // Parsed as UTF-8 bytes: the transport's own bytes when it handed them over, else the text's (for the
            // usual Latin-1 text one array copy, half the heap of the char[] copy a String parser makes).
            JsonParser parser;
            if (out instanceof Utf8Json u) {
                parser = JSON.createParser(u.bytes(), u.offset(), u.length());
            } else {
                String json = out != null ? out.text() : statement.json().orElseThrow();
                parser = JSON.createParser(json.getBytes(StandardCharsets.UTF_8));
            }
            JsonNode pendingData = null;
            try (JsonParser p = parser) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(
                            "the application/json output is not a JSON object with " + "\"schema\" and \"data\"");
                }
                String field;
                while ((field = p.nextFieldName()) != null) {
                    p.nextToken();
                    if (field.equals("schema")) {
                        schema = SchemaJson.parse((JsonNode) TREES.readTree(p));
                    } else if (field.equals("data") && schema != null) {
                        ColumnReader reader = new ColumnReader(schema, 0);
                        more = reader.data(p, plan.limit());
                        decoded = reader.build();
                    } else if (field.equals("data")) {
                        pendingData = TREES.readTree(p);
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (schema == null) {
                throw new IllegalArgumentException("the application/json output has no \"schema\"");
            }
            if (pendingData != null) {
                try (JsonParser p = pendingData.traverse(TREES)) {
                    p.nextToken();
                    ColumnReader reader = new ColumnReader(schema, 0);
                    more = reader.data(p, plan.limit());
                    decoded = reader.build();
                }
            }
            if (decoded == null) {
                decoded = new ColumnTable.Builder(schema, 0).build();
            }
        }
        more |= decoded.size() > plan.limit();
        ColumnTable kept = decoded.head(plan.limit());
        boolean capped = plan.rowCap() != SqlPlan.ALL_ROWS && kept.size() >= plan.rowCap();
        return ACCESS.result(
                schema,
                ACCESS.rows(kept),
                more || capped,
                plan.limit(),
                plan.query(),
                without(statement, StatementResult.APPLICATION_JSON, null));
    }

    /**
     * {@code statement} with the decoded output replaced by {@code kept} (removed when {@code null}): the rows live
     * in the result, so their text (or bytes) need not stay too (an 11 MB payload otherwise kept 47 MB).
     */
    static StatementResult without(StatementResult statement, String mimeType, @Nullable String kept) {
        Map<String, String> outputs = new LinkedHashMap<>(ACCESS.textOutputs(statement));
        if (kept == null) {
            outputs.remove(mimeType);
        } else {
            outputs.put(mimeType, kept);
        }
        StatementResult.Builder b = statement.toBuilder().outputs(outputs);
        if (!mimeType.equals(StatementResult.APPLICATION_JSON)) {
            b.jsonOutput(ACCESS.jsonOutput(statement));
        }
        return b.build();
    }

    public static Row row(JsonRowReader reader, JsonParser p, long number) throws IOException {
        try {
            return reader.row(p);
        } catch (DecodeError e) {
            throw new DecodeError("", "row " + number + ", " + e.getMessage());
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }

    private static ResultFormatException failure(
            StatementResult s, @Nullable String problem, @Nullable Throwable cause) {
        return new ResultFormatException(
                "Cannot read the SQL result of statement " + s.statementId() + " in session " + s.sessionId() + " ("
                        + s.backend() + "): " + problem,
                cause,
                s.sessionId(),
                s.backend());
    }
}
