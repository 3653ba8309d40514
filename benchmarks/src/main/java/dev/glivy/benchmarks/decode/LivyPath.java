package dev.glivy.benchmarks.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.Language;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.livy.internal.LivyDto;
import dev.glivy.livy.internal.LivyMapper;
import dev.glivy.livy.internal.OutputData;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SqlPlan;
import java.io.IOException;
import java.util.Map;

/**
 * The three Livy decode paths of the benchmark on one statement answer: Jackson's bare token walk, the transport's
 * path (read exactly as {@code LivyHttp} reads a 2xx answer, mapped by {@link LivyMapper}, decoded by
 * {@link SqlResult#of}), and the earlier tree-and-String path.
 */
final class LivyPath {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final LivyMapper MAPPER = new LivyMapper(JSON);

    private LivyPath() {}

    /** Walks every token; returns the count (so the walk cannot be optimised away). */
    static long tokenWalk(byte[] body) throws IOException {
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
        LivyDto.Statement st = JSON.readerFor(LivyDto.Statement.class).withAttribute(OutputData.BODY, body)
                .readValue(body);
        return decode(MAPPER.statement(st).outputs(), limit);
    }

    /** The path before: a tree, the output written back as compact text, parsed again. */
    static SqlResult tree(byte[] body, int limit) throws IOException {
        JsonNode tree = JSON.readTree(body);
        String table = JSON.writeValueAsString(tree.get("output").get("data").get(StatementResult.APPLICATION_JSON));
        return decode(Map.of(StatementResult.APPLICATION_JSON, table), limit);
    }

    private static SqlResult decode(Map<String, String> outputs, int limit) {
        StatementResult statement = StatementResult.builder().sessionId("0").statementId("1").backend("livy")
                .state(dev.glivy.StatementState.AVAILABLE).language(Language.SQL).outputs(outputs).build();
        return SqlResult.of(statement, SqlPlan.sqlStatement("select id, name, amount, day, ts, flag from orders",
                limit, SqlPlan.ALL_ROWS));
    }

    /** For tests: the outputs the transport's mapper makes of {@code body}. */
    static RemoteStatement mapped(byte[] body) throws IOException {
        return MAPPER.statement(JSON.readerFor(LivyDto.Statement.class).withAttribute(OutputData.BODY, body)
                .readValue(body));
    }
}
