package dev.glivy.benchmarks.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Row;
import dev.glivy.RowStream;
import dev.glivy.Schema;
import dev.glivy.SqlResult;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the decode benchmark runnable: its payload is valid and a tiny run writes a full report. */
class DecodeBenchmarkTest {
    @Test
    void payloadDecodesToTheGeneratedRows(@TempDir Path dir) throws Exception {
        byte[] bytes = Payload.bytes(1000, 1);
        assertThat(Payload.size(1000, 1)).isEqualTo(bytes.length);
        List<Row> rows = new ArrayList<>();
        try (RowStream s = RowStream.jsonLines(new ByteArrayInputStream(bytes), Schema.fromJson(Payload.SCHEMA))) {
            s.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(1000);
        assertThat(rows).extracting(r -> r.getLong("id")).startsWith(0L, 1L, 2L);
        assertThat(rows).filteredOn(r -> r.isNull("name")).hasSizeBetween(20, 90);
        assertThat(rows.get(0).getBigDecimal("amount").scale()).isEqualTo(2);

        Path out = dir.resolve("r.md");
        DecodeBenchmark.main(new String[] {"--rows", "2000", "--runs", "1", "--warmup", "0", "--out", out.toString()});
        String report = Files.readString(out);
        assertThat(report)
                .contains("| materialise | ")
                .contains("| stream | ")
                .contains("| stream-generated | ")
                .contains("| livy-token-walk | ")
                .contains("| livy-full | ")
                .contains("| livy-full-read | ")
                .contains("| livy-token-skip | ")
                .contains("| livy-tree | ")
                .contains("2,000 rows");
    }

    @Test
    void livyPathsDecodeTheSameRowsAsTheJsonLines() throws Exception {
        List<Row> lines = new ArrayList<>();
        try (RowStream s =
                RowStream.jsonLines(new ByteArrayInputStream(Payload.bytes(500, 7)), Schema.fromJson(Payload.SCHEMA))) {
            s.forEachRemaining(lines::add);
        }
        byte[] body = Payload.livyStatement(500, 7);
        String table = LivyPath.mapped(body).outputs().get("application/json");
        String text = new String(body, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(text).as("the output is the exact slice of the answer").contains(table);
        assertThat(table).startsWith("{\"schema\":").endsWith("]}");
        for (SqlResult r : List.of(LivyPath.full(body, 500), LivyPath.tree(body, 500))) {
            assertThat(r.size()).isEqualTo(500);
            for (int i = 0; i < 500; i++) {
                for (int c = 0; c < 6; c++) {
                    assertThat(r.row(i).get(c))
                            .as("row %d column %d", i, c)
                            .isEqualTo(lines.get(i).get(c));
                }
            }
        }
        assertThat(LivyPath.tokenSkip(body)).isGreaterThan(500L * 8);
        assertThat(LivyPath.tokenWalk(body)).isGreaterThan(LivyPath.tokenSkip(body));
    }
}
