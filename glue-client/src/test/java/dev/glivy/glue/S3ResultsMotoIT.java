package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.ResultFormatException;
import dev.glivy.Row;
import dev.glivy.RowStream;
import dev.glivy.SessionException;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.config.RetryPolicy;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.glue.internal.S3Objects;
import dev.glivy.glue.internal.S3ResultChannel;
import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.glue.stub.StubS3Sql;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reading half of the S3 side channel against {@code moto_server}'s S3, with the objects uploaded by the test
 * exactly as a Spark job leaves them: several {@code part-*} files (gzip and plain), a {@code _SUCCESS} marker,
 * Hadoop's hidden leftovers, a result larger than memory should hold. The S3 plan's reader lists, streams, decodes
 * and deletes.
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
    private ExecutorService executor;
    private BlockingRetry retry;
    private S3ResultChannel channel;
    private final S3Location run = S3Location.parse("s3://" + BUCKET + "/glivy/glivy-20260101T000000Z-0001/");

    @BeforeEach
    void setUp() {
        s3 = new MotoS3(MOTO).bucket(BUCKET);
        objects = new S3Objects(s3.client());
        executor = Executors.newFixedThreadPool(2);
        retry = new BlockingRetry(
                RetryPolicy.builder()
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(10))
                        .build(),
                executor);
        channel = new S3ResultChannel(
                S3Location.parse("s3://" + BUCKET + "/glivy/"),
                Clock.systemUTC(),
                sid -> CompletableFuture.completedFuture(s3.client()),
                executor,
                retry);
    }

    @AfterEach
    void tearDown() {
        retry.close();
        executor.shutdownNow();
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
        s3.put(
                BUCKET,
                p + "part-00001-7d0c-c000" + ext,
                gzip ? StubS3Sql.gzip(rows(third, 2 * third)) : rows(third, 2 * third));
        s3.put(BUCKET, p + "part-00002-7d0c-c000.json", rows(2 * third, rows));
        s3.put(BUCKET, p + "_SUCCESS", new byte[0]);
        s3.put(BUCKET, p + ".part-00000-7d0c-c000" + ext + ".crc", "crc".getBytes(StandardCharsets.UTF_8));
        s3.put(
                BUCKET,
                p + "_temporary/0/task/part-00009.json",
                "{\"not\":\"data\"}\n".getBytes(StandardCharsets.UTF_8));
        s3.put(
                BUCKET,
                "glivy/glivy-20260101T000000Z-0002/part-00000.json",
                "{\"id\":-1}\n".getBytes(StandardCharsets.UTF_8));
    }

    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    /** What the generated code prints once it wrote {@code rows} of {@code written} rows under {@code run}. */
    private static String pointer(S3Location run, long rows, long written) {
        return "stray output\n#glivy-s3-v1 begin " + NONCE + "\n{\"uri\":\"" + run.uri() + "\",\"rows\":" + rows
                + ",\"written\":" + written + ",\"truncated\":" + (written > rows) + ",\"schema\":" + SCHEMA
                + "}\n#glivy-s3-v1 end " + NONCE + "\n";
    }

    private static StatementResult statement(String text) {
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("4")
                .backend("glue")
                .state(StatementState.AVAILABLE)
                .language(Language.PYTHON)
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text))
                .build();
    }

    /** The plan the channel makes for {@code limit} rows of a query, writing under {@link #run}. */
    private SqlPlan plan(int limit) {
        return channel.plan("select * from t", limit, Language.PYTHON, run, NONCE);
    }

    private RowStream stream(long rows, long written) {
        return plan((int) rows)
                .reader()
                .open(statement(pointer(run, rows, written)))
                .join();
    }

    @Test
    @DisplayName("sql(): the plan's reader reads the parts in order (gzip and plain, hidden files skipped), deletes")
    void tableForSql() {
        sparkOutput(31);
        assertThat(S3Objects.dataKeys(run, objects.list(run)))
                .containsExactly(
                        run.prefix() + "part-00000-7d0c-c000.json.gz",
                        run.prefix() + "part-00001-7d0c-c000.json.gz",
                        run.prefix() + "part-00002-7d0c-c000.json");
        SqlPlan plan = plan(30);
        assertThat(plan.code()).startsWith("# glivy-s3-v1").contains(run.uri()).contains(NONCE);
        SqlResult r = SqlResults.of(statement(pointer(run, 30, 31)), plan);
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
        assertThat(r.statement().text())
                .as("the statement keeps the small pointer")
                .contains("\"rows\":30");
        assertThat(s3.keys(BUCKET, run.prefix())).as("read, so deleted").isEmpty();
        assertThat(s3.keys(BUCKET, "glivy/")).containsExactly("glivy/glivy-20260101T000000Z-0002/part-00000.json");
        assertThatThrownBy(() ->
                        plan.reader().open(statement(pointer(run, 30, 31))).join())
                .hasMessageContaining("already read or discarded");
    }

    @Test
    @DisplayName("an empty result (only _SUCCESS), objects lacking rows, a foreign pointer; discard deletes")
    void emptyMissingAndDiscard() throws Exception {
        s3.put(BUCKET, run.prefix() + "_SUCCESS", new byte[0]);
        SqlResult empty = SqlResults.of(statement(pointer(run, 0, 0)), plan(10));
        assertThat(empty.size()).isZero();
        assertThat(empty.truncated()).isFalse();

        s3.put(BUCKET, run.prefix() + "part-00000.json.gz", StubS3Sql.gzip(rows(0, 7)));
        assertThatThrownBy(() -> SqlResults.of(statement(pointer(run, 10, 10)), plan(10)))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("ends after 7 rows but the statement wrote 10");
        assertThat(s3.keys(BUCKET, run.prefix()))
                .as("closed after the failure, so deleted")
                .isEmpty();

        s3.put(BUCKET, run.prefix() + "part-00000.json", rows(0, 3));
        S3Location other = S3Location.parse("s3://" + BUCKET + "/glivy/elsewhere/");
        assertThatThrownBy(() -> SqlResults.of(statement(pointer(other, 3, 3)), plan(10)))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("Reading the S3 result of statement 4 in session s1")
                .hasMessageContaining("the session wrote to " + other.uri());
        awaitEmpty();

        s3.put(BUCKET, run.prefix() + "part-00000.json", rows(0, 3));
        plan(10).reader().discard("s1");
        awaitEmpty();
    }

    private void awaitEmpty() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!s3.keys(BUCKET, run.prefix()).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(s3.keys(BUCKET, run.prefix()))
                .as("deleted in the background")
                .isEmpty();
    }

    @Test
    @DisplayName("sqlStream(): 600,000 rows (about 50 MB of JSON) stream in bounded memory, then are deleted")
    void largeStreamsInBoundedMemory() {
        long total = 600_000;
        sparkOutput(total, false);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long maxHeapGrowth = 0;
        long sum = 0;
        try (RowStream rows = stream(total, total)) {
            assertThat(rows.next().getLong("id")).isZero();
            assertThat(rows.rowCount()).hasValue(total);
            while (rows.hasNext()) {
                Row r = rows.next();
                sum += r.getLong("id");
                if (rows.rowsRead() % 100_000 == 0) {
                    System.gc();
                    maxHeapGrowth = Math.max(maxHeapGrowth, rt.totalMemory() - rt.freeMemory() - heapBefore);
                }
            }
            assertThat(rows.rowsRead()).isEqualTo(total);
            assertThat(rows.truncated()).isFalse();
        }
        assertThat(sum).isEqualTo(total * (total - 1) / 2);
        // Loose, after a GC at every 100,000 rows: the decoded rows would take well over 100 MB if kept.
        assertThat(maxHeapGrowth).as("live heap growth while streaming").isLessThan(64L * 1024 * 1024);
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();
    }

    @Test
    @DisplayName("parts are fetched lazily: objects removed after the first row make a later part fail")
    void lazyParts() {
        sparkOutput(3_000);
        try (RowStream rows = stream(3_000, 3_000)) {
            assertThat(rows.next().getLong("id")).isZero();
            for (String k : s3.keys(BUCKET, run.prefix())) {
                s3.client().deleteObject(r -> r.bucket(BUCKET).key(k));
            }
            assertThatThrownBy(rows::toList)
                    .isInstanceOf(SessionException.class)
                    .hasMessageContaining("GetObject");
        }
    }

    @Test
    @DisplayName("closing early stops reading and deletes; truncation is reported")
    void earlyCloseAndChecks() {
        sparkOutput(3_000);
        RowStream rows = stream(2_999, 3_000);
        assertThat(rows.truncated()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(rows.next().getLong("id")).isEqualTo(i);
        }
        rows.close();
        rows.close();
        assertThat(rows.hasNext()).isFalse();
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();

        sparkOutput(30);
        try (RowStream limited = stream(25, 26)) {
            List<Row> all = limited.toList();
            assertThat(all).hasSize(25);
            assertThat(all.get(24).getLong("id")).isEqualTo(24);
            assertThat(limited.hasNext()).isFalse();
        }
        assertThat(s3.keys(BUCKET, run.prefix())).isEmpty();
    }
}
