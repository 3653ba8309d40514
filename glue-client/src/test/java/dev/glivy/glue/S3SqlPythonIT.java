package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glivy.Language;
import dev.glivy.Row;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.config.RetryPolicy;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.glue.internal.S3Objects;
import dev.glivy.glue.internal.S3ResultChannel;
import dev.glivy.glue.internal.S3SqlCode;
import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import dev.glivy.testkit.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated Python S3 code with this machine's real {@code python3} against a stand-in for the Spark
 * objects it calls ({@code spark.sql}, {@code df.limit}, {@code df.write.mode(..).option(..).json(path)},
 * {@code spark.read.text(path).count()}, {@code df.schema.json()}): the stand-in really uploads gzip JSON lines to
 * {@code moto_server}'s S3 with boto3, in two parts and a {@code _SUCCESS} marker, and counts the lines back. Glivy
 * then parses the pointer the code printed, reads the objects and decodes them. Skipped, visibly, without python3
 * or boto3.
 */
@DisplayName("The generated Python S3 code, run by real python3 against a Spark stand-in writing to moto S3")
class S3SqlPythonIT {
    private static final String BUCKET = "py-results";
    private static final String STAND_IN = String.join(
            "\n",
            "import boto3, gzip, json, os, sys, uuid",
            "_s3 = boto3.client('s3', endpoint_url=os.environ['MOTO'], region_name='us-east-1',",
            "                   aws_access_key_id='AKIDMOTO', aws_secret_access_key='moto-secret')",
            "def _split(path):",
            "    assert path.startswith('s3://'), path",
            "    bucket, prefix = path[5:].split('/', 1)",
            "    return bucket, prefix",
            "class _Schema:",
            "    def json(self):",
            "        return json.dumps({'type': 'struct', 'fields': [",
            "            {'name': 'id', 'type': 'long', 'nullable': False, 'metadata': {}},",
            "            {'name': 'q', 'type': 'string', 'nullable': True, 'metadata': {}},",
            "            {'name': 'd\\u00e9', 'type': 'string', 'nullable': True, 'metadata': {}}]},",
            "            ensure_ascii=False, separators=(',', ':'))",
            "class _Writer:",
            "    def __init__(self, df):",
            "        self.df = df",
            "    def mode(self, m):",
            "        spark.calls.append('mode=' + m)",
            "        return self",
            "    def option(self, k, v):",
            "        spark.calls.append('option:%s=%s' % (k, v))",
            "        return self",
            "    def json(self, path):",
            "        spark.calls.append('json=' + path)",
            "        bucket, prefix = _split(path)",
            "        if _s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get('KeyCount', 0):",
            "            raise Exception('path ' + path + ' already exists')",
            "        rows, job = self.df.rows, uuid.uuid4()",
            "        half = len(rows) // 2",
            "        for i, part in enumerate([rows[:half], rows[half:]]):",
            "            body = ''.join(json.dumps(r, ensure_ascii=False, separators=(',', ':')) + '\\n'",
            "                           for r in part)",
            "            _s3.put_object(Bucket=bucket, Key='%spart-%05d-%s-c000.json.gz' % (prefix, i, job),",
            "                           Body=gzip.compress(body.encode('utf-8')))",
            "        _s3.put_object(Bucket=bucket, Key=prefix + '_SUCCESS', Body=b'')",
            "class _DataFrame:",
            "    def __init__(self, rows):",
            "        self.rows, self.schema = rows, _Schema()",
            "    def limit(self, n):",
            "        spark.calls.append('limit=%d' % n)",
            "        return _DataFrame(self.rows[:n])",
            "    @property",
            "    def write(self):",
            "        return _Writer(self)",
            "class _Text:",
            "    def __init__(self, path):",
            "        self.path = path",
            "    def count(self):",
            "        bucket, prefix = _split(self.path)",
            "        n = 0",
            "        for o in _s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get('Contents', []):",
            "            name = o['Key'][len(prefix):]",
            "            if name.startswith('_') or name.startswith('.') or '/' in name:",
            "                continue",
            "            body = _s3.get_object(Bucket=bucket, Key=o['Key'])['Body'].read()",
            "            n += gzip.decompress(body).decode('utf-8').count('\\n')",
            "        return n",
            "class _Read:",
            "    def text(self, path):",
            "        spark.calls.append('read.text=' + path)",
            "        return _Text(path)",
            "class _Spark:",
            "    def __init__(self):",
            "        self.calls, self.read, self.count = [], _Read(), 0",
            "    def sql(self, q):",
            "        sys.stderr.write('QUERY ' + q.encode('utf-8').hex() + '\\n')",
            "        rows = []",
            "        for i in range(self.count):",
            "            row = {'id': i, 'q': q}",
            "            if i % 2 == 0:",
            "                row['d\\u00e9'] = '\\u00e9\\U0001F600\\n\"'",
            "            rows.append(row)",
            "        return _DataFrame(rows)",
            "spark = _Spark()",
            "print('stray output before, without a newline', end='')",
            "");

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static boolean python;

    @TempDir
    Path dir;

    private MotoS3 s3;

    @BeforeAll
    static void findPython() throws Exception {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import boto3")
                    .redirectErrorStream(true)
                    .start();
            python = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            python = false;
        }
    }

    @BeforeEach
    void setUp() {
        s3 = new MotoS3(MOTO).bucket(BUCKET);
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    private record Run(String stdout, String stderr) {}

    private Run python(String code) throws Exception {
        Executables.Output o = Executables.python3(
                dir,
                "statement.py",
                code,
                Map.of("PYTHONIOENCODING", "ascii:strict", "MOTO", MOTO.uri().toString()),
                Duration.ofSeconds(120));
        return new Run(o.stdout(), o.stderr());
    }

    private static StatementResult statement(String text) {
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("3")
                .backend("glue")
                .state(StatementState.AVAILABLE)
                .language(Language.PYTHON)
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text))
                .build();
    }

    @Test
    @DisplayName("the code writes limit + 1 rows as gzip JSON under a fresh prefix, prints the pointer; Glivy reads "
            + "back exactly limit rows and deletes them")
    void roundTrip() throws Exception {
        assumeTrue(python, "python3 with boto3 is not available: the generated Python S3 code was NOT executed");
        String query = "select * from t where s = '\"\"\"\\' -- ünï ✓\n; drop table x";
        ExecutorService executor = Executors.newFixedThreadPool(1);
        BlockingRetry retry = new BlockingRetry(RetryPolicy.none(), executor);
        S3ResultChannel channel = new S3ResultChannel(
                S3Location.parse("s3://" + BUCKET + "/glivy/"),
                Clock.systemUTC(),
                sid -> CompletableFuture.completedFuture(s3.client()),
                executor,
                retry);
        S3Location at = S3Location.parse("s3://" + BUCKET + "/glivy/glivy-20260101T000000Z-0123456789abcdef/");
        String nonce = "00112233445566778899aabbccddeeff";
        SqlPlan plan = channel.plan(query, 7, Language.PYTHON, at, nonce);
        Run run = python(STAND_IN + "spark.count = 12\n" + plan.code() + "print(sorted(n for n in globals() if "
                + "'glivy' in n))\nprint(spark.calls)\n");

        assertThat(run.stderr()).contains("QUERY " + hex(query));
        assertThat(run.stdout())
                .startsWith("stray output before, without a newline\n#glivy-s3-v1 begin " + nonce + "\n");
        S3SqlCode.Pointer p = S3SqlCode.pointer(run.stdout(), nonce);
        assertThat(p.uri()).isEqualTo(at.uri());
        assertThat(p.rows()).isEqualTo(7);
        assertThat(p.written()).isEqualTo(8);
        assertThat(p.truncated()).isTrue();
        assertThat(p.schema().names()).containsExactly("id", "q", "dé");
        assertThat(run.stdout())
                .contains("\n[]\n['limit=8', 'mode=errorifexists', 'option:compression=gzip', 'json=" + at.uri()
                        + "', 'read.text=" + at.uri() + "']\n");
        List<String> keys = s3.keys(BUCKET, at.prefix());
        assertThat(keys).hasSize(3).anyMatch(k -> k.endsWith("/_SUCCESS"));

        SqlResult r = SqlResults.of(statement(run.stdout()), plan);
        assertThat(r.size()).isEqualTo(7);
        assertThat(r.truncated()).isTrue();
        for (int i = 0; i < 7; i++) {
            Row row = r.row(i);
            assertThat(row.getLong("id")).isEqualTo(i);
            assertThat(row.getString("q")).isEqualTo(query);
            assertThat(row.getString("dé")).isEqualTo(i % 2 == 0 ? "é\uD83D\uDE00\n\"" : null);
        }
        assertThat(s3.keys(BUCKET, "glivy/")).as("read, so deleted").isEmpty();
        retry.close();
        executor.shutdownNow();
    }

    @Test
    @DisplayName("an empty result and the largest limit (no limit call): the pointer says 0 rows, not truncated")
    void emptyAndUnlimited() throws Exception {
        assumeTrue(python, "python3 with boto3 is not available: the generated Python S3 code was NOT executed");
        S3Location at = S3Location.parse("s3://" + BUCKET + "/x/glivy-run/");
        Run run = python(STAND_IN + "spark.count = 0\n"
                + S3SqlCode.code("select 1", dev.glivy.SqlRequest.MAX_LIMIT, "abc123", at, Language.PYTHON)
                + "print(spark.calls)\n");
        S3SqlCode.Pointer p = S3SqlCode.pointer(run.stdout(), "abc123");
        assertThat(p.rows()).isZero();
        assertThat(p.truncated()).isFalse();
        assertThat(run.stdout()).contains("['mode=errorifexists', 'option:compression=gzip'");
        assertThat(S3Objects.dataKeys(at, new S3Objects(s3.client()).list(at))).hasSize(2);
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
