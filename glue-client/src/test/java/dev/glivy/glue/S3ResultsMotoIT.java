package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.ResultFormatException;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.glue.internal.PartsInputStream;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.glue.internal.S3Objects;
import dev.glivy.glue.internal.S3Results;
import dev.glivy.glue.internal.S3SqlCode;
import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.glue.stub.StubS3Sql;
import dev.glivy.spi.SqlPlan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reading half of the S3 side channel against {@code moto_server}'s S3, with the objects uploaded by the test
 * exactly as a Spark job leaves them: several {@code part-*} files (gzip and plain), a {@code _SUCCESS} marker,
 * Hadoop's hidden leftovers, a result larger than memory should hold. Glivy lists, streams, decodes and deletes.
 */
@DisplayName("S3 results against moto_server: Spark's output layout read back, streamed, deleted")
class S3ResultsMotoIT {
    private static final String BUCKET = "glivy-results";
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"amount\",\"type\":\"decimal(12,2)\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"at\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}}]}";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private MotoS3 s3;
    private S3Objects objects;
    private final S3Location run = S3Location.parse("s3://" + BUCKET + "/glivy/glivy-20260101T000000Z-0001/");

    @BeforeEach
    void setUp() {
        s3 = new MotoS3(MOTO).bucket(BUCKET);
        objects = new S3Objects(s3.client());
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    private static String row(long id) {
        return "{\"id\":" + id + (id % 3 == 0 ? "" : ",\"name\":\"n\\u00e9-" + id + "\"") + ",\"amount\":" + id
                + ".25,\"at\":\"2024-01-02T03:04:05.000+01:00\"}\n";
    }

    private static byte[] rows(long from, long to) {
        StringBuilder b = new StringBuilder();
        for (long i = from; i < to; i++) {
            b.append(row(i));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Spark's layout: gzip parts, one plain part, _SUCCESS, and hidden files that are not data. */
    private void sparkOutput(long rows) {
        sparkOutput(rows, true);
    }

    private void sparkOutput(long rows, boolean gzip) {
        long third = rows / 3;
        String p = run.prefix();
        String ext = gzip ? ".json.gz" : ".json";
        s3.put(BUCKET, p + "part-00000-7d0c-c000" + ext, gzip ? StubS3Sql.gzip(rows(0, third)) : rows(0, third));
        s3.put(BUCKET, p + "part-00001-7d0c-c000" + ext, gzip ? StubS3Sql.gzip(rows(third, 2 * third))
                : rows(third, 2 * third));
        s3.put(BUCKET, p + "part-00002-7d0c-c000.json", rows(2 * third, rows));
        s3.put(BUCKET, p + "_SUCCESS", new byte[0]);
        s3.put(BUCKET, p + ".part-00000-7d0c-c000" + ext + ".crc", "crc".getBytes(StandardCharsets.UTF_8));
        s3.put(BUCKET, p + "_temporary/0/task/part-00009.json",
                "{\"not\":\"data\"}\n".getBytes(StandardCharsets.UTF_8));
        s3.put(BUCKET, "glivy/glivy-20260101T000000Z-0002/part-00000.json", "{\"id\":-1}\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    private static S3SqlCode.Pointer pointer(S3Location run, long rows, long written) {
        return new S3SqlCode.Pointer(run.uri(), rows, written, written > rows, Schema.fromJson(SCHEMA));
    }

    private static StatementResult statement(String text) {
        return StatementResult.builder().sessionId("s1").statementId("4").backend("glue")
                .state(StatementState.AVAILABLE).language(Language.PYTHON)
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text)).build();
    }

    @Test
    @DisplayName("sql(): parts read in order (gzip and plain, hidden files skipped) into the envelope core decodes")
    void envelopeForSql() {
        sparkOutput(31);
        assertThat(S3Objects.dataKeys(run, objects.list(run))).containsExactly(
                run.prefix() + "part-00000-7d0c-c000.json.gz", run.prefix() + "part-00001-7d0c-c000.json.gz",
                run.prefix() + "part-00002-7d0c-c000.json");
        SqlPlan plan = SqlPlan.wrapper("select * from t", 30, Language.PYTHON);
        String text = S3Results.envelope(objects, run, pointer(run, 30, 31), plan.nonce());
        SqlResult r = SqlResult.of(statement(text), plan);
        assertThat(r.size()).isEqualTo(30);
        assertThat(r.truncated()).isTrue();
        assertThat(r.schema().names()).containsExactly("id", "name", "amount", "at");
        for (int i = 0; i < 30; i++) {
            Row row = r.row(i);
            assertThat(row.getLong("id")).isEqualTo(i);
            assertThat(row.getString("name")).isEqualTo(i % 3 == 0 ? null : "né-" + i);
            assertThat(row.getBigDecimal("amount")).isEqualTo(new BigDecimal(i + ".25"));
            assertThat(row.getTimestamp("at")).isEqualTo(Instant.parse("2024-01-02T02:04:05Z"));
        }

        S3Results.deleteQuietly(objects, run);
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();
        assertThat(s3.keys(BUCKET, "glivy/")).containsExactly("glivy/glivy-20260101T000000Z-0002/part-00000.json");
    }

    @Test
    @DisplayName("an empty result (only _SUCCESS) and a result whose objects lack rows the session counted")
    void emptyAndMissing() {
        s3.put(BUCKET, run.prefix() + "_SUCCESS", new byte[0]);
        SqlPlan plan = SqlPlan.wrapper("select 1", 10, Language.PYTHON);
        SqlResult empty = SqlResult.of(statement(S3Results.envelope(objects, run, pointer(run, 0, 0), plan.nonce())),
                plan);
        assertThat(empty.size()).isZero();
        assertThat(empty.truncated()).isFalse();

        s3.put(BUCKET, run.prefix() + "part-00000.json.gz", StubS3Sql.gzip(rows(0, 7)));
        assertThatThrownBy(() -> S3Results.envelope(objects, run, pointer(run, 10, 10), plan.nonce()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the 1 data object(s) under " + run + " hold 7 rows but the session reported 10");
    }

    private GlueResultStream stream(long rows, long written) {
        List<String> keys = S3Objects.dataKeys(run, objects.list(run));
        PartsInputStream parts = new PartsInputStream(keys, k -> objects.open(BUCKET, k));
        return new GlueResultStream(Schema.fromJson(SCHEMA), rows, written > rows, run.uri(), statement("pointer"),
                parts, () -> S3Results.deleteQuietly(objects, run));
    }

    @Test
    @DisplayName("sqlStream(): 600,000 rows (about 50 MB of JSON) stream in bounded memory, then are deleted")
    void largeStreamsInBoundedMemory() {
        long total = 600_000;
        sparkOutput(total, false);
        long stored = 0;
        for (String k : s3.keys(BUCKET, run.prefix())) {
            stored += s3.client().headObject(r -> r.bucket(BUCKET).key(k)).contentLength();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long maxHeapGrowth = 0;
        long sum = 0;
        try (GlueResultStream rows = stream(total, total)) {
            assertThat(rows.next().getLong("id")).isZero();
            long afterFirst = rows.bytesRead();
            assertThat(afterFirst).as("bytes fetched to decode the first row, of %s stored", stored)
                    .isLessThan(stored / 20);
            long half = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                sum += r.getLong("id");
                if (rows.rowsRead() == total / 2) {
                    half = rows.bytesRead();
                }
                if (rows.rowsRead() % 100_000 == 0) {
                    System.gc();
                    maxHeapGrowth = Math.max(maxHeapGrowth, rt.totalMemory() - rt.freeMemory() - heapBefore);
                }
            }
            assertThat(half).as("bytes fetched at half the rows").isBetween(stored / 4, stored * 3 / 4);
            assertThat(rows.rowsRead()).isEqualTo(total);
            assertThat(rows.bytesRead()).isLessThanOrEqualTo(stored);
            assertThat(rows.truncated()).isFalse();
        }
        assertThat(sum).isEqualTo(total * (total - 1) / 2);
        // Loose, after a GC at every 100,000 rows: the decoded rows would take well over 100 MB if kept.
        assertThat(maxHeapGrowth).as("live heap growth while streaming").isLessThan(64L * 1024 * 1024);
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();
    }

    @Test
    @DisplayName("closing early stops reading and deletes; too few rows and truncation are reported")
    void earlyCloseAndChecks() {
        sparkOutput(3_000);
        GlueResultStream rows = stream(2_999, 3_000);
        assertThat(rows.truncated()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(rows.next().getLong("id")).isEqualTo(i);
        }
        rows.close();
        rows.close();
        assertThat(rows.hasNext()).isFalse();
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();

        sparkOutput(30);
        try (GlueResultStream few = stream(40, 40)) {
            assertThatThrownBy(few::toList).isInstanceOf(ResultFormatException.class)
                    .hasMessageContaining("the objects end after 30 rows but the session wrote 40");
        }
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();

        sparkOutput(30);
        try (GlueResultStream limited = stream(25, 26)) {
            List<Row> all = limited.toList();
            assertThat(all).hasSize(25);
            assertThat(all.get(24).getLong("id")).isEqualTo(24);
            assertThat(limited.hasNext()).isFalse();
        }
    }
}
