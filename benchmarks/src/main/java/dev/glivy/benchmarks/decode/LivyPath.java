package dev.glivy.benchmarks.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.Language;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.internal.JsonOutputs;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.livy.internal.LivyDto;
import dev.glivy.livy.internal.LivyMapper;
import dev.glivy.livy.internal.OutputData;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SqlPlan;
import java.io.IOException;
import java.util.Map;

/**
 * The Livy decode paths of the benchmark on one statement answer: Jackson's token walk (reading each value, and
 * bare), the transport's
 * path (read exactly as {@code LivyHttp} reads a 2xx answer, the rows decoded during that parse, mapped by
 * {@link LivyMapper}, turned into the finished statement as the session does and read by {@link SqlResult#of}),
 * and the earlier tree-and-String path.
 */
final class LivyPath {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final LivyMapper MAPPER = new LivyMapper(JSON);

    private LivyPath() {}

    /**
     * The baseline: walks every token and reads each scalar's value as any decoder of it minimally must, and no
     * more: a string's characters ({@code getTextCharacters}/{@code getTextLength}, which makes Jackson decode it;
     * a bare walk only skips over it), an integer as a {@code long}, a float's characters (Jackson has already
     * copied them while finding the token's end), a field's (canonical) name. Returns a sum of what it read, so nothing can be optimised away.
     */
    static long tokenWalk(byte[] body) throws IOException {
        long n = 0;
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case VALUE_STRING, VALUE_NUMBER_FLOAT -> {
                        char[] chars = p.getTextCharacters();
                        int length = p.getTextLength();
                        n += length == 0 ? 0 : chars[p.getTextOffset() + length - 1];
                    }
                    case VALUE_NUMBER_INT -> n += p.getLongValue();
                    case FIELD_NAME -> n += p.currentName().length();
                    default -> n++;
                }
            }
        }
        return n;
    }

    /**
     * Jackson's bare token walk (the earlier baseline): every token found, no value read, so strings are skipped
     * over without being decoded. Returns the token count.
     */
    static long tokenSkip(byte[] body) throws IOException {
        long n = 0;
        try (JsonParser p = FACTORY.createParser(body)) {
            while (p.nextToken() != null) {
                n++;
            }
        }
        return n;
    }

    /** The Livy transport's path, body bytes to typed rows. */
    static SqlResult full(byte[] body, int limit) throws IOException {
        LivyDto.Statement st = JSON.readerFor(LivyDto.Statement.class)
                .withAttribute(OutputData.BODY, body)
                .readValue(body);
        RemoteStatement remote = MAPPER.statement(st);
        return decode(
                StatementResult.builder()
                        .outputs(JsonOutputs.textOf(remote.outputs()))
                        .jsonOutput(remote.jsonOutput().orElse(null)),
                limit);
    }

    /** The path before: a tree, the output written back as compact text, parsed again. */
    static SqlResult tree(byte[] body, int limit) throws IOException {
        JsonNode tree = JSON.readTree(body);
        String table = JSON.writeValueAsString(tree.get("output").get("data").get(StatementResult.APPLICATION_JSON));
        return decode(StatementResult.builder().outputs(Map.of(StatementResult.APPLICATION_JSON, table)), limit);
    }

    /** As the session builds the finished statement (StatementRun) and decodes it (SqlResult.of). */
    private static SqlResult decode(StatementResult.Builder b, int limit) {
        StatementResult statement = b.sessionId("0")
                .statementId("1")
                .backend("livy")
                .state(dev.glivy.StatementState.AVAILABLE)
                .language(Language.SQL)
                .build();
        return SqlResults.of(
                statement,
                SqlPlan.sqlStatement("select id, name, amount, day, ts, flag from orders", limit, SqlPlan.ALL_ROWS));
    }

    /** For tests: the outputs the transport's mapper makes of {@code body}. */
    static RemoteStatement mapped(byte[] body) throws IOException {
        return MAPPER.statement(JSON.readerFor(LivyDto.Statement.class)
                .withAttribute(OutputData.BODY, body)
                .readValue(body));
    }
}
