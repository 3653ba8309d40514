package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.internal.sql.AdversarialText;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Compiles and runs the generated Scala wrapper in a real Scala 2.12 REPL ({@code IMain}, as Livy and Glue run Scala
 * statements), against a stand-in for the Spark objects it calls (test resource {@code sql-wrapper-standin.scala}).
 * The stand-in answers rows holding the query it received; Glivy parses the printed output back. Running it on real
 * Spark is the transports' integration tests' job.
 */
class SqlWrapperScalaIT {
    private static IMain repl;
    private static final StringWriter REPL_OUTPUT = new StringWriter();

    @BeforeAll
    static void startRepl() throws IOException, URISyntaxException {
        Settings settings = new Settings();
        String library = Path.of(scala.Predef.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        settings.processArgumentString("-classpath " + library);
        repl = new IMain(settings, new PrintWriter(REPL_OUTPUT, true));
        try (InputStream in = SqlWrapperScalaIT.class.getResourceAsStream("sql-wrapper-standin.scala")) {
            String standIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(repl.interpret(standIn))
                    .as("stand-in compiles: %s", REPL_OUTPUT)
                    .isEqualTo(Results.Success$.MODULE$);
        }
    }

    @AfterAll
    static void stopRepl() {
        repl.close();
    }

    private static String run(SqlPlan plan, int rows) {
        assertThat(repl.interpret("GlivyStandIn.counts = List(" + rows + ")")).isEqualTo(Results.Success$.MODULE$);
        REPL_OUTPUT.getBuffer().setLength(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Results.Result r = scala.Console.withOut(out, () -> repl.interpret(plan.code()));
        assertThat(r).as("the wrapper compiles and runs: %s", REPL_OUTPUT).isEqualTo(Results.Success$.MODULE$);
        assertThat(REPL_OUTPUT.toString())
                .as("the wrapper leaves no REPL value output")
                .isEmpty();
        return "res3: Int = 3\n" + out.toString(StandardCharsets.UTF_8);
    }

    private static StatementResult statement(String text) {
        return StatementResult.builder()
                .sessionId("s1")
                .statementId("9")
                .backend("livy")
                .state(StatementState.AVAILABLE)
                .language(Language.SCALA)
                .outputs(Map.of(StatementResult.TEXT_PLAIN, text))
                .build();
    }

    @Test
    @DisplayName("scalac 2.12 compiles and runs the wrapper for adversarial queries; the stand-in receives each "
            + "query exactly and Glivy parses the printed table back")
    void adversarialQueries() {
        List<String> queries = new ArrayList<>(AdversarialText.texts(31L, 10));
        queries.add("select '\"\"\" ${x} s\"${y}\" \\u0041 \\\\ \n \u00e9\uD83D\uDE00 \0' as x");
        queries.add(AdversarialText.text(new Random(8), 12_000));
        Random r = new Random(4);
        for (String q : queries) {
            SqlPlan plan = SqlPlan.wrapper(q, 1 + r.nextInt(3), Language.SCALA);
            int count = r.nextInt(5);
            String output = run(plan, count);
            assertThat(output.chars().allMatch(c -> c < 128)).as("ASCII output").isTrue();
            SqlResult res = SqlResults.of(statement(output), plan);
            assertThat(res.size()).isEqualTo(Math.min(count, plan.limit()));
            assertThat(res.truncated()).isEqualTo(count > plan.limit());
            assertThat(res.schema().names()).containsExactly("q", "n", "hex", "note");
            String hex = HexFormat.of().formatHex(q.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < res.size(); i++) {
                Row row = res.row(i);
                assertThat(row.getString("hex"))
                        .as("query bytes as the stand-in received them")
                        .isEqualTo(hex);
                assertThat(row.getString("q")).isEqualTo(q);
                assertThat(row.getLong("n")).isEqualTo(i);
                assertThat(row.getString("note")).isEqualTo("\u00e9\uD83D\uDE00");
            }
        }
    }

    @Test
    @DisplayName("the wrapper is one block: none of its names are left in the session")
    void leavesNoNames() {
        run(SqlPlan.wrapper("select 1", 10, Language.SCALA), 1);
        REPL_OUTPUT.getBuffer().setLength(0);
        assertThat(repl.interpret("glivyQuery")).isEqualTo(Results.Error$.MODULE$);
        assertThat(REPL_OUTPUT.toString()).contains("not found");
    }

    @Test
    @DisplayName("the session wrapper: a call before the prelude does not compile (nothing runs) and says 'not found' "
            + "as Glivy expects; after the prelude, one-line calls run adversarial queries exactly")
    void preludeThenCalls() {
        SqlPlan early = SqlPlan.sessionWrapper("select 1", 5, Language.SCALA);
        assertThat(repl.interpret("GlivyStandIn.counts = List(1)")).isEqualTo(Results.Success$.MODULE$);
        REPL_OUTPUT.getBuffer().setLength(0);
        assertThat(repl.interpret(early.code())).isEqualTo(Results.Error$.MODULE$);
        String firstLine = REPL_OUTPUT.toString().lines().findFirst().orElse("");
        StatementResult failed = StatementResult.builder()
                .sessionId("s1")
                .statementId("8")
                .backend("livy")
                .state(StatementState.AVAILABLE)
                .language(Language.SCALA)
                .error(StatementError.of("Error", firstLine, List.of()))
                .build();
        assertThat(early.preludeMissing(failed)).as("REPL said: %s", firstLine).isTrue();
        assertThat(repl.interpret("GlivyStandIn.counts")).isEqualTo(Results.Success$.MODULE$);
        assertThat(REPL_OUTPUT.toString())
                .as("the stand-in was not asked for rows")
                .contains("List(1)");

        REPL_OUTPUT.getBuffer().setLength(0);
        assertThat(repl.interpret(early.prelude().orElseThrow().code()))
                .as("prelude compiles: %s", REPL_OUTPUT)
                .isEqualTo(Results.Success$.MODULE$);
        List<String> queries = new ArrayList<>(AdversarialText.texts(57L, 6));
        queries.add(AdversarialText.text(new Random(9), 9_000));
        Random r = new Random(5);
        for (String q : queries) {
            SqlPlan plan = SqlPlan.sessionWrapper(q, 1 + r.nextInt(3), Language.SCALA);
            assertThat(plan.code()).doesNotContain("\n");
            int count = r.nextInt(5);
            SqlResult res = SqlResults.of(statement(run(plan, count)), plan);
            assertThat(res.size()).isEqualTo(Math.min(count, plan.limit()));
            assertThat(res.truncated()).isEqualTo(count > plan.limit());
            String hex = HexFormat.of().formatHex(q.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < res.size(); i++) {
                assertThat(res.row(i).getString("hex")).isEqualTo(hex);
                assertThat(res.row(i).getLong("n")).isEqualTo(i);
            }
        }
    }
}
