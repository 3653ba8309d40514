package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glivy.internal.sql.AdversarialText;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import dev.glivy.testkit.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated Python wrapper with this machine's real {@code python3}, against a minimal stand-in for the
 * Spark objects it calls ({@code spark.sql(q)}, {@code df.schema.json()}, {@code df.toJSON().take(n)}). The stand-in
 * records the exact query it received (as UTF-8 hex on stderr) and answers Spark-like JSON rows carrying the query
 * and non-ASCII text. Glivy then parses the real output. Skipped, visibly, when python3 is not installed.
 */
class SqlWrapperPythonIT {
    private static final String STAND_IN = String.join(
            "\n",
            "import json, sys",
            "class _Schema:",
            "    def json(self):",
            "        return json.dumps({'type': 'struct', 'fields': [",
            "            {'name': 'q', 'type': 'string', 'nullable': True, 'metadata': {}},",
            "            {'name': 'n', 'type': 'long', 'nullable': False, 'metadata': {}},",
            "            {'name': 'note', 'type': 'string', 'nullable': True, 'metadata': {}},",
            "            {'name': 'd\\u00e9j\\u00e0', 'type': 'decimal(20,10)', 'nullable': True, 'metadata': {}},",
            "            {'name': 'ts', 'type': 'timestamp', 'nullable': True, 'metadata': {}}]},",
            "            ensure_ascii=False, separators=(',', ':'))",
            "class _Rows:",
            "    def __init__(self, rows):",
            "        self.rows = rows",
            "    def take(self, n):",
            "        spark.took.append(n)",
            "        return self.rows[:n]",
            "class _DataFrame:",
            "    def __init__(self, q, count):",
            "        self.q, self.count, self.schema = q, count, _Schema()",
            "    def toJSON(self):",
            "        rows = []",
            "        for i in range(self.count):",
            "            row = {'q': self.q, 'n': i}",
            "            if i % 2 == 0:",
            "                row['note'] = '\\u00e9\\U0001F600\\u2028\\n\"'",
            "            row['d\\u00e9j\\u00e0'] = 'DEC' if i == 0 else None",
            "            row['ts'] = '2024-01-02T03:04:05.123+01:00'",
            "            rows.append(json.dumps(row, ensure_ascii=False, separators=(',', ':'))"
                    + ".replace('\"DEC\"', '1234567890.0123456789'))",
            "        return _Rows(rows)",
            "class _Conf:",
            "    def __init__(self):",
            "        self.m = {'spark.sql.variable.substitute': 'true'}",
            "    def get(self, k, d=None):",
            "        return self.m.get(k, d)",
            "    def set(self, k, v):",
            "        self.m[k] = v",
            "    def unset(self, k):",
            "        self.m.pop(k, None)",
            "class _Spark:",
            "    def __init__(self):",
            "        self.took = []",
            "        self.counts = []",
            "        self.conf = _Conf()",
            "    def sql(self, q):",
            "        if self.conf.get('spark.sql.variable.substitute') != 'false':",
            "            raise Exception('variable substitution is still on')",
            "        sys.stderr.write(q.encode('utf-8').hex() + '\\n')",
            "        return _DataFrame(q, self.counts.pop(0))",
            "spark = _Spark()",
            "print('stray output before, without a newline', end='')",
            "");

    private static boolean python3;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPython() {
        python3 = Executables.onPath("python3");
    }

    private record Run(String stdout, List<String> queriesSeen) {}

    private Run python(String code) throws IOException, InterruptedException {
        Executables.Output o = Executables.python3(
                dir, "wrapper.py", code, Map.of("PYTHONIOENCODING", "ascii:strict"), Duration.ofSeconds(120));
        List<String> seen = new ArrayList<>();
        for (String line : o.stderr().split("\n")) {
            if (!line.isEmpty()) {
                seen.add(new String(HexFormat.of().parseHex(line), StandardCharsets.UTF_8));
            }
        }
        return new Run(o.stdout(), seen);
    }

    private static StatementResult statement(String text) {
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("7")
                .backend("glue")
                .state(StatementState.AVAILABLE)
                .language(Language.PYTHON)
                .outputs(java.util.Map.of(StatementResult.TEXT_PLAIN, text))
                .build();
    }

    @Test
    @DisplayName("real python3 runs wrappers for 150 adversarial queries: Spark receives each query exactly, and "
            + "Glivy parses the printed tables back")
    void adversarialQueriesRoundTrip() throws Exception {
        assumeTrue(python3, "python3 is not on PATH: the generated Python wrapper was NOT executed");
        List<String> queries = AdversarialText.texts(777L, 150);
        Random r = new Random(99);
        List<SqlPlan> plans = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        StringBuilder code = new StringBuilder(STAND_IN);
        StringBuilder countList = new StringBuilder("spark.counts = [");
        for (String q : queries) {
            SqlPlan plan = SqlPlan.wrapper(q, 1 + r.nextInt(4), Language.PYTHON);
            int count = r.nextInt(6);
            plans.add(plan);
            counts.add(count);
            countList.append(count).append(',');
            code.append(plan.code()).append("print('stray output between statements')\n");
        }
        code.insert(STAND_IN.length(), countList.append("]\n"));
        Run run = python(code.toString());

        assertThat(run.queriesSeen()).hasSize(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            assertThat(run.queriesSeen().get(i))
                    .as("query %d as Spark received it", i)
                    .isEqualTo(queries.get(i));
            SqlPlan plan = plans.get(i);
            SqlResult res = SqlResults.of(statement(run.stdout()), plan);
            int count = counts.get(i);
            assertThat(res.size()).isEqualTo(Math.min(count, plan.limit()));
            assertThat(res.truncated()).isEqualTo(count > plan.limit());
            assertThat(res.schema().names()).containsExactly("q", "n", "note", "d\u00e9j\u00e0", "ts");
            for (int k = 0; k < res.size(); k++) {
                Row row = res.row(k);
                assertThat(row.getString("q")).isEqualTo(queries.get(i));
                assertThat(row.getLong("n")).isEqualTo(k);
                assertThat(row.getString("note")).isEqualTo(k % 2 == 0 ? "\u00e9\uD83D\uDE00\u2028\n\"" : null);
                assertThat(row.getBigDecimal(3))
                        .isEqualTo(k == 0 ? new java.math.BigDecimal("1234567890.0123456789") : null);
                assertThat(row.getTimestamp("ts")).isEqualTo(Instant.parse("2024-01-02T02:04:05.123Z"));
            }
        }
    }

    @Test
    @DisplayName("real python3: a 60,000-character query and a 0-row result")
    void longQueryAndEmptyResult() throws Exception {
        assumeTrue(python3, "python3 is not on PATH: the generated Python wrapper was NOT executed");
        String q = AdversarialText.text(new Random(5), 30_000);
        SqlPlan plan = SqlPlan.wrapper(q, 1000, Language.PYTHON);
        Run run = python(STAND_IN + "spark.counts = [0]\n" + plan.code());
        assertThat(run.queriesSeen()).containsExactly(q);
        SqlResult res = SqlResults.of(statement(run.stdout()), plan);
        assertThat(res.size()).isZero();
        assertThat(res.truncated()).isFalse();
        assertThat(res.schema().size()).isEqualTo(5);
        assertThat(run.stdout()).startsWith("stray output before, without a newline\n#glivy-sql-v1 begin ");
    }

    @Test
    @DisplayName("real python3: the wrapper leaves no name behind in the session, even when the query fails")
    void leavesNoNames() throws Exception {
        assumeTrue(python3, "python3 is not on PATH: the generated Python wrapper was NOT executed");
        SqlPlan plan = SqlPlan.wrapper("select 1", 10, Language.PYTHON);
        String failing = "def _raise(q):\n    raise RuntimeException('boom')\n";
        Run run = python(STAND_IN + "spark.counts = [1]\n" + plan.code()
                + "print(sorted(n for n in globals() if 'glivy' in n))\n"
                + "class RuntimeException(Exception):\n    pass\n"
                + failing + "spark.sql = _raise\n"
                + "try:\n" + plan.code().indent(4) + "except RuntimeException:\n    print('raised')\n"
                + "print(sorted(n for n in globals() if 'glivy' in n))\n");
        assertThat(run.stdout()).contains("[]\nraised\n[]\n");
    }

    @Test
    @DisplayName("real python3, the session wrapper: a call before the prelude prints the marker and asks Spark for "
            + "nothing; after the prelude, one-line calls run adversarial queries exactly")
    void preludeThenCalls() throws Exception {
        assumeTrue(python3, "python3 is not on PATH: the generated Python wrapper was NOT executed");
        SqlPlan early = SqlPlan.sessionWrapper("select 1", 5, Language.PYTHON);
        Run before = python(STAND_IN + "spark.counts = [1]\n" + early.code() + "\n");
        assertThat(before.queriesSeen()).isEmpty();
        assertThat(early.preludeMissing(statement(before.stdout())))
                .as(before.stdout())
                .isTrue();

        List<String> queries = AdversarialText.texts(321L, 40);
        Random r = new Random(12);
        List<SqlPlan> plans = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        StringBuilder calls = new StringBuilder();
        for (String q : queries) {
            SqlPlan plan = SqlPlan.sessionWrapper(q, 1 + r.nextInt(4), Language.PYTHON);
            assertThat(plan.code()).doesNotContain("\n");
            plans.add(plan);
            counts.add(r.nextInt(6));
            calls.append(plan.code()).append('\n');
        }
        String countList = "spark.counts = " + counts + "\n";
        Run run = python(STAND_IN + countList + early.prelude().orElseThrow().code() + calls);
        assertThat(run.queriesSeen()).isEqualTo(queries);
        for (int i = 0; i < queries.size(); i++) {
            SqlPlan plan = plans.get(i);
            assertThat(plan.preludeMissing(statement(run.stdout()))).isFalse();
            SqlResult res = SqlResults.of(statement(run.stdout()), plan);
            assertThat(res.size()).isEqualTo(Math.min(counts.get(i), plan.limit()));
            assertThat(res.truncated()).isEqualTo(counts.get(i) > plan.limit());
            for (int k = 0; k < res.size(); k++) {
                assertThat(res.row(k).getString("q")).isEqualTo(queries.get(i));
            }
        }
    }
}
