package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.ResultFormatException;
import dev.glivy.Row;
import dev.glivy.RowStream;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 side channel end to end: {@code InteractiveSession.sql(...)} and {@code sqlStream(...)} through
 * the real SDK against the loopback Glue stub, whose simulated session, on seeing Glivy's {@code glivy-s3-v1} code,
 * writes the rows to {@code moto_server}'s S3 as Spark would and prints the pointer. Glivy reads them back with its
 * own S3 client and deletes them.
 */
@DisplayName("S3 side channel end to end: sql() and sqlStream() via the Glue stub and moto S3")
class S3SqlEndToEndIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveRole";
    private static final String BUCKET = "glivy-results";
    private static final String PREFIX = "team/glivy/";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension();

    private MotoS3 s3;
    private GlueTransport transport;

    @BeforeEach
    void setUp() {
        s3 = new MotoS3(MOTO).bucket(BUCKET);
        glue.stub().s3Writer(s3.writer());
        transport = transport(glue.stub());
    }

    private static GlueTransport transport(GlueStub stub) {
        return GlueTransport.builder()
                .region("us-east-1")
                .clientConfig(c -> c.endpointOverride(stub.uri())
                        .stsEndpointOverride(stub.uri())
                        .credentialsProvider(MotoS3.CREDENTIALS)
                        .httpClient(stub.httpClient())
                        .requestTimeout(Duration.ofSeconds(10))
                        .s3EndpointOverride(MOTO.uri()))
                .resultsS3Uri("s3://" + BUCKET + "/" + PREFIX)
                .build();
    }

    @AfterEach
    void tearDown() {
        transport.close();
        s3.close();
    }

    private InteractiveSession start(Language language) {
        return GlueMagicsIT.builder(transport)
                .config(c -> c.iamRole(ROLE).language(language))
                .start();
    }

    private List<String> leftovers() {
        return s3.keys(BUCKET, PREFIX);
    }

    /** A failed statement's objects are deleted in the background. */
    private void awaitNoLeftovers() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!leftovers().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("sql(): the session writes to S3, Glivy reads the rows back, deletes them; the statement is the "
            + "S3 code Glue ran, its output the pointer")
    void sqlThroughS3() {
        assertThat(transport.resultsS3Uri()).contains("s3://" + BUCKET + "/" + PREFIX);
        try (InteractiveSession s = start(Language.PYTHON)) {
            SqlResult r = s.sql("select id from range(30)", 25);
            assertThat(r.size()).isEqualTo(25);
            assertThat(r.truncated()).isTrue();
            assertThat(r.row(24).getLong("id")).isEqualTo(24L);
            List<String> sent = glue.stub().statementCodes(s.id().orElseThrow());
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0))
                    .startsWith("# glivy-s3-v1")
                    .contains("s3://" + BUCKET + "/" + PREFIX + "glivy-")
                    .contains(".limit(26)");
            assertThat(r.statement().code()).isEqualTo(sent.get(0));
            assertThat(r.statement().text()).contains("#glivy-s3-v1 end").contains("\"rows\":25");
            assertThat(s.history()).hasSize(1);

            SqlResult all = s.sql(SqlRequest.of("select 'ünï ✓' as u, 7 as n", 10));
            assertThat(all.truncated()).isFalse();
            assertThat(all.row(0).getString("u")).isEqualTo("ünï ✓");
            assertThat(all.row(0).getInt("n")).isEqualTo(7);

            SqlResult empty = s.sql("select id from range(0)");
            assertThat(empty.size()).isZero();
            assertThat(empty.truncated()).isFalse();
            assertThat(empty.schema().names()).containsExactly("id");
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("sql() in a Scala session sends the Scala variant")
    void scalaSession() {
        try (InteractiveSession s = start(Language.SCALA)) {
            SqlResult r = s.sql("select id from range(4)");
            assertThat(r.rows()).extracting(row -> row.getLong("id")).containsExactly(0L, 1L, 2L, 3L);
            assertThat(glue.stub().statementCodes(s.id().orElseThrow()).get(0))
                    .startsWith("// glivy-s3-v1")
                    .contains("val glivyPath = \"s3://" + BUCKET + "/" + PREFIX);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("sqlStream(): rows streamed from the objects, truncation exact, objects deleted on close")
    void stream() {
        try (InteractiveSession s = start(Language.PYTHON)) {
            try (RowStream rows = s.sqlStream(SqlRequest.of("select id from range(1000)", 999))) {
                assertThat(rows.rowCount()).hasValue(999);
                assertThat(rows.truncated()).isTrue();
                assertThat(leftovers())
                        .hasSize(4)
                        .anyMatch(k -> k.endsWith("/_SUCCESS"))
                        .allMatch(k -> k.startsWith(PREFIX + "glivy-"));
                long expected = 0;
                while (rows.hasNext()) {
                    assertThat(rows.next().getLong("id")).isEqualTo(expected++);
                }
                assertThat(expected).isEqualTo(999);
                assertThat(rows.statement().orElseThrow().text()).contains("#glivy-s3-v1 begin");
            }
            assertThat(leftovers()).isEmpty();

            RowStream early = s.sqlStream(SqlRequest.of("select id from range(5000)", SqlRequest.MAX_LIMIT));
            assertThat(early.truncated()).isFalse();
            assertThat(early.rowCount()).hasValue(5000);
            assertThat(early.next().getLong("id")).isZero();
            early.close();
            assertThat(leftovers()).isEmpty();
            assertThat(glue.stub().statementCodes(s.id().orElseThrow()).get(1)).doesNotContain(".limit(");
        }
    }

    @Test
    @DisplayName("sqlStream(): 500,000 rows come through, read one part at a time")
    void largeStream() {
        try (InteractiveSession s = start(Language.PYTHON);
                RowStream rows = s.sqlStream(SqlRequest.of("select id from range(500000)", SqlRequest.MAX_LIMIT))) {
            Row first = rows.next();
            assertThat(first.getLong("id")).isZero();
            long n = 1;
            long sum = 0;
            while (rows.hasNext()) {
                sum += rows.next().getLong("id");
                n++;
            }
            assertThat(n).isEqualTo(500_000);
            assertThat(sum).isEqualTo(500_000L * 499_999 / 2);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("a failing query raises Spark's error and leaves nothing; missing objects are reported and cleaned")
    void failures() throws InterruptedException {
        try (InteractiveSession s = start(Language.PYTHON)) {
            assertThatThrownBy(() -> s.sql("select * from `covid-19`.nope"))
                    .isInstanceOf(StatementFailedException.class)
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
            assertThatThrownBy(() -> s.sqlStream(SqlRequest.of("select * from nope")))
                    .isInstanceOf(StatementFailedException.class);
            awaitNoLeftovers();

            glue.stub().s3Writer((bucket, key, data) -> {
                if (!key.contains("part-00001")) {
                    s3.put(bucket, key, data);
                }
            });
            assertThatThrownBy(() -> s.sql("select id from range(30)"))
                    .isInstanceOf(ResultFormatException.class)
                    .hasMessageContaining("Cannot read the SQL result of statement")
                    .hasMessageContaining("ends after 20 rows but the statement wrote 30");
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    @DisplayName("a lost RunStatement answer is reconciled by the S3 code Glue echoes: one statement, the right rows")
    void lostSubmission() {
        try (InteractiveSession s = start(Language.PYTHON)) {
            glue.stub().failNext("RunStatement", Fault.RESPONSE_LOST);
            SqlResult r = s.sql("select id from range(3)");
            assertThat(r.size()).isEqualTo(3);
            assertThat(glue.stub().statementCodes(s.id().orElseThrow())).hasSize(1);
            glue.stub().failNext("GetStatement", Fault.THROTTLE);
            assertThat(s.sql("select id from range(2)").size()).isEqualTo(2);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("closing the transport deletes the objects of statements submitted but not yet read")
    void closeDeletesUnread() throws Exception {
        glue.stub().statementDuration(Duration.ofSeconds(30));
        InteractiveSession s = start(Language.PYTHON);
        CompletableFuture<SqlResult> pending = s.sqlAsync("select id from range(10)");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (glue.stub().statementCodes(s.id().orElseThrow()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(leftovers()).isNotEmpty();
        transport.close();
        assertThat(pending).isNotDone();
        // close() first stops the sessions the transport still has open, without blocking, then deletes the results
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!leftovers().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(leftovers()).isEmpty();
        s.close(); // waits for the stop the transport sent
    }

    @Test
    @DisplayName("options: without a results URI sqlStream streams the inline result; S3 options without one, or "
            + "bad URIs, are refused")
    void options() {
        try (GlueTransport plain = GlueStubContractIT.transportFor(glue.stub());
                InteractiveSession s =
                        GlueMagicsIT.builder(plain).config(c -> c.iamRole(ROLE)).start()) {
            assertThat(plain.resultsS3Uri()).isEmpty();
            try (RowStream rows = s.sqlStream(SqlRequest.of("select 1 as x"))) {
                assertThat(rows.next().getInt("x")).isEqualTo(1);
                assertThat(rows.hasNext()).isFalse();
            }
            assertThat(s.sql("select 1 as x").row(0).getInt("x")).isEqualTo(1);
        }
        // One GlueClientConfig may carry S3 settings for GlueJobs too: without resultsS3Uri they are simply unused.
        try (GlueTransport shared = GlueTransport.builder()
                .clientConfig(c -> c.s3EndpointOverride(MOTO.uri()))
                .region("us-east-1")
                .build()) {
            assertThat(shared.resultsS3Uri()).isEmpty();
            assertThat(shared.planSql("select 1", 10, Language.PYTHON).code())
                    .as("the inline wrapper, not S3")
                    .contains("#glivy-sql-v1 begin")
                    .doesNotContain("glivy-s3-v1");
        }
        assertThatThrownBy(() -> GlueTransport.builder().resultsS3Uri("https://bucket/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with s3://");
        assertThat(transport.toString()).contains("resultsS3=s3://" + BUCKET + "/" + PREFIX);
    }
}
