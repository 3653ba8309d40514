package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.Row;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.config.RetryPolicy;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.glue.internal.S3ResultChannel;
import dev.glivy.glue.internal.S3SqlCode;
import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Scala S3 code compiled with the real Scala 2.12 compiler and run against a real local Spark 3.5,
 * writing to a local directory in place of S3 (the only change: the path literal). Spark's actual output (its
 * gzip part files, {@code _SUCCESS}, {@code .crc} files) is then uploaded to {@code moto_server}'s S3 as it would
 * sit there, and Glivy's reading half turns it into the same typed table as core's inline Scala wrapper, run on the
 * same Spark, for the same query: nulls, decimals, timestamps, dates, arrays, maps, structs, non-ASCII text.
 */
@DisplayName("The generated Scala S3 code on a real local Spark: same table as the inline wrapper")
class S3SqlScalaSparkIT {
    private static final String BUCKET = "scala-results";
    private static final String QUERY = "select * from glivy_s3_check order by id";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("glivy-s3-scala-check")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "3")
                .config("spark.sql.session.timeZone", "UTC")
                .config(
                        "spark.sql.warehouse.dir",
                        dir.resolve("warehouse").toUri().toString())
                .getOrCreate();
        spark.range(0, 37)
                .selectExpr(
                        "id",
                        "cast(id as int) as i",
                        "case when id % 3 = 0 then null else concat('n\u00e9-', id, ' \u2713') end as name",
                        "cast(id as decimal(12,2)) / 4 as amount",
                        "timestamp'2024-01-02 03:04:05.123' + make_interval(0, 0, 0, 0, 0, 0, id) as at",
                        "date_add(date'2024-02-28', cast(id as int)) as day",
                        "array(id, id * 2) as pair",
                        "map('k', cast(id as string)) as tags",
                        "named_struct('a', id, 'b', 'x\"y') as st",
                        "id % 2 = 0 as even")
                .repartition(3)
                .createOrReplaceTempView("glivy_s3_check");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Compiles {@code objects} (Scala source) with scalac against the test class path; returns their loader. */
    private static ClassLoader compile(String source) throws Exception {
        Path src = dir.resolve("GlivyChecks.scala");
        Path out = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src, source, StandardCharsets.UTF_8);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        boolean ok;
        PrintStream err = System.err;
        PrintStream outStream = System.out;
        try (PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            String[] args = {
                "-nowarn", "-classpath", System.getProperty("java.class.path"), "-d", out.toString(), src.toString()
            };
            ok = scala.Console.<Boolean>withErr(
                    capture,
                    () -> scala.Console.<Boolean>withOut(capture, () -> scala.tools.nsc.Main$.MODULE$.process(args)));
        } finally {
            System.setErr(err);
            System.setOut(outStream);
        }
        assertThat(ok)
                .as("scalac output:\n%s\nsource:\n%s", log.toString(StandardCharsets.UTF_8), source)
                .isTrue();
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, S3SqlScalaSparkIT.class.getClassLoader());
    }

    private static String wrap(String object, String code) {
        return "object " + object + " {\n"
                + "  def run(spark: org.apache.spark.sql.SparkSession): String = {\n"
                + "    val glivyCapture = new java.io.ByteArrayOutputStream()\n"
                + "    Console.withOut(new java.io.PrintStream(glivyCapture, true, \"UTF-8\")) {\n"
                + code.indent(6)
                + "    }\n"
                + "    glivyCapture.toString(\"UTF-8\")\n"
                + "  }\n"
                + "}\n";
    }

    private static String run(ClassLoader loader, String object) throws Exception {
        Method m = Class.forName(object, true, loader).getMethod("run", SparkSession.class);
        return (String) m.invoke(null, spark);
    }

    private static StatementResult statement(String text) {
        return StatementResult.builder()
                .sessionId("local")
                .statementId("1")
                .backend("glue")
                .state(StatementState.AVAILABLE)
                .language(Language.SCALA)
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text))
                .build();
    }

    @Test
    @DisplayName("scalac compiles it, Spark runs it, and the rows read back through S3 equal the inline result")
    void sameTableAsInline() throws Exception {
        S3Location run = S3Location.parse("s3://" + BUCKET + "/glivy/glivy-20260101T000000Z-5ca1a/");
        Path local = dir.resolve("out").resolve("run");
        String localUri = local.toUri().toString() + "/";
        SqlPlan inline = SqlPlan.wrapper(QUERY, 30, Language.SCALA);
        String s3Code = S3SqlCode.scala(QUERY, 30, inline.nonce(), run);
        assertThat(s3Code).contains(run.uri());
        ClassLoader loader = compile(
                wrap("GlivyS3Check", s3Code.replace(run.uri(), localUri)) + wrap("GlivyInlineCheck", inline.code()));

        String printed = run(loader, "GlivyS3Check");
        S3SqlCode.Pointer p = S3SqlCode.pointer(printed, inline.nonce());
        assertThat(p.uri()).isEqualTo(localUri);
        assertThat(p.rows()).isEqualTo(30);
        assertThat(p.written()).isEqualTo(31);
        assertThat(p.truncated()).isTrue();

        List<String> names = new ArrayList<>();
        try (MotoS3 s3 = new MotoS3(MOTO).bucket(BUCKET);
                Stream<Path> files = Files.walk(local)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = local.relativize(f).toString().replace('\\', '/');
                names.add(rel);
                s3.put(BUCKET, run.prefix() + rel, Files.readAllBytes(f));
            }
            assertThat(names)
                    .contains("_SUCCESS")
                    .anyMatch(n -> n.startsWith("part-") && n.endsWith(".json.gz"))
                    .anyMatch(n -> n.startsWith("."));
            ExecutorService executor = Executors.newFixedThreadPool(1);
            BlockingRetry retry = new BlockingRetry(RetryPolicy.none(), executor);
            S3ResultChannel channel = new S3ResultChannel(
                    S3Location.parse("s3://" + BUCKET + "/glivy/"),
                    Clock.systemUTC(),
                    sid -> CompletableFuture.completedFuture(s3.client()),
                    executor,
                    retry);
            SqlPlan viaPlan = channel.plan(QUERY, 30, Language.SCALA, run, inline.nonce());
            SqlResult viaS3;
            try {
                viaS3 = SqlResults.of(statement(printed.replace(localUri, run.uri())), viaPlan);
            } finally {
                retry.close();
                executor.shutdownNow();
            }
            SqlResult direct = SqlResults.of(statement(run(loader, "GlivyInlineCheck")), inline);

            assertThat(viaS3.schema()).isEqualTo(direct.schema());
            assertThat(viaS3.size()).isEqualTo(30);
            assertThat(viaS3.truncated()).isEqualTo(direct.truncated()).isTrue();
            for (int i = 0; i < 30; i++) {
                Row a = viaS3.row(i);
                Row b = direct.row(i);
                assertThat(a.getLong("id")).isEqualTo(i);
                for (int c = 0; c < direct.schema().size(); c++) {
                    assertThat(a.get(c))
                            .as("row %d column %s", i, direct.schema().column(c).name())
                            .isEqualTo(b.get(c));
                }
            }
            assertThat(viaS3.row(1).getString("name")).isEqualTo("n\u00e9-1 \u2713");
            assertThat(viaS3.row(3).get("name")).isNull();
            assertThat(s3.keys(BUCKET, "glivy/")).as("read, so deleted").isEmpty();
        }
    }
}
