package dev.glivy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.internal.sql.CharRegionReader;
import dev.glivy.internal.sql.SchemaJson;
import dev.glivy.internal.sql.SqlEnvelope;
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
final class SqlDecoder {
    /** Lenient only where backends differ: json4s (Livy) may write NaN and Infinity unquoted. */
    static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final ObjectMapper TREES = new ObjectMapper(JSON);

    private SqlDecoder() {}

    static SqlResult decode(StatementResult statement, SqlPlan plan) {
        if (!statement.succeeded()) {
            throw new IllegalArgumentException("statement " + statement.statementId() + " did not succeed (state "
                    + statement.state() + statement.error().map(e -> ", error " + e.name()).orElse("")
                    + "); there is no table to read");
        }
        if (plan.preludeMissing(statement)) {
            throw failure(statement, "the session has no " + plan.prelude().map(p -> p.function()).orElse("")
                    + " defined, so the call ran nothing; submit the plan's prelude() first", null);
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
                    throw new DecodeError("", "row " + (rows.size() + 1) + ": expected a JSON object but found "
                            + JsonRowReader.describe(p));
                }
                rows.add(row(reader, p, rows.size() + 1));
            }
        } catch (JsonProcessingException e) {
            throw new DecodeError("", "row " + (rows.size() + 1) + " is malformed JSON (" + where(e)
                    + " of the row lines): " + e.getOriginalMessage());
        }
        if (rows.size() != at.rows()) {
            throw new IllegalArgumentException("the end marker counts " + at.rows() + " rows but " + rows.size()
                    + " row lines were found");
        }
        String around = text.substring(0, at.schemaStart()) + text.substring(at.rowsEnd());
        return new SqlResult(schema, rows, at.truncated(), plan.limit(), plan.query(),
                without(statement, StatementResult.TEXT_PLAIN, around));
    }

    private static SqlResult table(StatementResult statement, SqlPlan plan) throws IOException {
        String json = statement.json().orElseThrow(() -> new IllegalArgumentException("the statement has no "
                + "application/json output (outputs: " + statement.outputs().keySet() + ")"));
        Schema schema = null;
        JsonNode pendingData = null;
        List<Row> rows = new ArrayList<>();
        boolean more = false;
        // Parsed as UTF-8 bytes: for the usual Latin-1 text that is one array copy, half the heap of the char[]
        // copy a String parser makes, and Jackson's byte parser is the faster one.
        try (JsonParser p = JSON.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the application/json output is not a JSON object with "
                        + "\"schema\" and \"data\"");
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                p.nextToken();
                if (field.equals("schema")) {
                    schema = SchemaJson.parse((JsonNode) TREES.readTree(p));
                } else if (field.equals("data") && schema != null) {
                    more = data(p, schema, plan.limit(), rows);
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
                more = data(p, schema, plan.limit(), rows);
            }
        }
        boolean capped = plan.rowCap() != SqlPlan.ALL_ROWS && rows.size() >= plan.rowCap();
        return new SqlResult(schema, rows, more || capped, plan.limit(), plan.query(),
                without(statement, StatementResult.APPLICATION_JSON, null));
    }

    /**
     * {@code statement} with the decoded output replaced by {@code kept} (removed when {@code null}): the rows live
     * in the result, so their text need not stay too (an 11 MB payload otherwise kept 47 MB).
     */
    static StatementResult without(StatementResult statement, String mimeType, @Nullable String kept) {
        Map<String, String> outputs = new LinkedHashMap<>(statement.outputs());
        if (kept == null) {
            outputs.remove(mimeType);
        } else {
            outputs.put(mimeType, kept);
        }
        return statement.toBuilder().outputs(outputs).build();
    }

    /** Reads up to {@code limit} rows; returns whether more followed. */
    private static boolean data(JsonParser p, Schema schema, int limit, List<Row> rows) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new DecodeError("", "\"data\" must be a JSON array of rows but found " + JsonRowReader.describe(p));
        }
        JsonRowReader reader = new JsonRowReader(schema);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (rows.size() == limit) {
                p.skipChildren();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    p.skipChildren();
                }
                return true;
            }
            rows.add(row(reader, p, rows.size() + 1));
        }
        return false;
    }

    static Row row(JsonRowReader reader, JsonParser p, long number) throws IOException {
        try {
            return reader.row(p);
        } catch (DecodeError e) {
            throw new DecodeError("", "row " + number + ", " + e.getMessage());
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static ResultFormatException failure(StatementResult s, @Nullable String problem,
            @Nullable Throwable cause) {
        return new ResultFormatException("Cannot read the SQL result of statement " + s.statementId()
                + " in session " + s.sessionId() + " (" + s.backend() + "): " + problem, cause, s.sessionId(),
                s.backend());
    }
}
