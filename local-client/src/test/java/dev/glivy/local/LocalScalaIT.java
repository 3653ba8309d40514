package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SqlResult;
import dev.glivy.StatementError;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scala statements in one session: notebook state, closures on executors, case classes, errors. */
class LocalScalaIT {
    private static LocalTransport transport;
    private static InteractiveSession session;

    @BeforeAll
    static void start() {
        transport = LocalTransport.builder().build();
        session = LocalSessions.over(transport).start();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    private static StatementResult run(String code) {
        return session.execute(
                StatementRequest.builder().code(code).failOnError(false).build());
    }

    @Test
    @DisplayName("a value defined in one statement is visible in the next, also inside closures run by tasks")
    void notebookState() {
        assertThat(run("val factor = 21").text()).contains("factor: Int = 21");
        assertThat(run("factor * 2").text()).contains("Int = 42");
        StatementResult r = run("sc.parallelize(1 to 4, 2).map(_ * factor).collect().sum");
        assertThat(r.error()).isEmpty();
        assertThat(r.text()).contains("Int = 210");
        assertThat(run("def twice(x: Int) = x * 2").succeeded()).isTrue();
        assertThat(run("spark.range(1, 4).map(x => twice(x.toInt))(org.apache.spark.sql.Encoders.scalaInt)"
                                + ".collect().toList")
                        .text())
                .contains("List(2, 4, 6)");
    }

    @Test
    @DisplayName("a case class defined in one statement is used in a Dataset and collected in later ones")
    void caseClassAcrossStatements() {
        assertThat(run("case class Person(name: String, age: Int)").succeeded()).isTrue();
        StatementResult ds = run("val people = Seq(Person(\"ann\", 31), Person(\"bob\", 42)).toDS()");
        assertThat(ds.error()).isEmpty();
        assertThat(run("people.filter(_.age > 40).collect().map(_.name).toList").text())
                .contains("List(bob)");
        StatementResult rdd =
                run("val back: Array[Person] = sc.parallelize(Seq(Person(\"cy\", 7)), 1).collect()\n" + "back(0).name");
        assertThat(rdd.error()).isEmpty();
        assertThat(rdd.text()).contains("String = cy");
    }

    @Test
    @DisplayName("a case class and its Dataset in the same statement work, because statements run piece by piece")
    void caseClassInOneStatement() {
        StatementResult r = run(
                "case class Point(x: Int, y: Int)\nSeq(Point(1, 2), Point(3, 4)).toDS().map(_.x)" + ".reduce(_ + _)");
        assertThat(r.error()).isEmpty();
        assertThat(r.text()).contains("Int = 4");
    }

    @Test
    @DisplayName("println output and results of several pieces are concatenated")
    void output() {
        StatementResult r = run("println(\"hello\")\nval greeting = \"hi\"\n// a comment\n\ngreeting.length");
        assertThat(r.text()).contains("hello").contains("greeting: String = hi").contains("Int = 2");
        assertThat(run("// only a comment").succeeded()).isTrue();
        String longResult = run("\"x\" * 2000").text();
        assertThat(longResult).hasSizeLessThan(900).contains("...");
        assertThat(run("println(\"y\" * 2000)").text().strip()).hasSize(2000);
    }

    @Test
    @DisplayName("a runtime exception becomes an error with class name, message and traceback")
    void runtimeError() {
        StatementResult r = run("throw new IllegalStateException(\"boom\")");
        StatementError e = r.error().orElseThrow();
        assertThat(e.name()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.value()).isEqualTo("boom");
        assertThat(e.traceback()).first().asString().contains("IllegalStateException: boom");
        assertThat(run("1 + 1").text()).contains("Int = 2");
    }

    @Test
    @DisplayName("a failing Spark task reports a one-line value and the executor stack trace in the traceback")
    void sparkJobError() {
        StatementResult r = run("sc.parallelize(1 to 2, 2).map(x => if (x > 1) throw new RuntimeException(\"bad row "
                + "\" + x) else x).collect()");
        StatementError e = r.error().orElseThrow();
        assertThat(e.name()).isEqualTo("org.apache.spark.SparkException");
        assertThat(e.value()).contains("bad row 2").doesNotContain("\n");
        assertThat(String.join("\n", e.traceback())).contains("Driver stacktrace");
    }

    @Test
    @DisplayName("a compile error is a CompileError naming the problem; the session stays usable")
    void compileError() {
        StatementResult r = run("val ok = 1\nnoSuchValue + 1");
        StatementError e = r.error().orElseThrow();
        assertThat(e.name()).isEqualTo("CompileError");
        assertThat(e.value()).contains("not found: value noSuchValue");
        assertThat(r.text()).contains("ok: Int = 1");
        assertThatThrownBy(() -> session.execute("val x: Int = \"a\""))
                .isInstanceOf(dev.glivy.StatementFailedException.class)
                .hasMessageContaining("CompileError: type mismatch;\n")
                .hasMessageContaining("required: Int")
                .hasMessageContaining("^")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain(";."));
        assertThat(run("ok + 1").text()).contains("Int = 2");
    }

    @Test
    @DisplayName("the README quickstart works as written: a session that owns its transport, Scala then typed SQL")
    void readmeQuickstart() {
        String count;
        String name;
        try (InteractiveSession session =
                InteractiveSession.builder().transport(LocalTransport.builder()).start()) {
            session.execute("case class Person(name: String, age: Int)");
            session.execute("Seq(Person(\"ann\", 31), Person(\"bob\", 42)).toDF().createOrReplaceTempView(\"people\")");
            count = session.execute("spark.table(\"people\").count()").text();
            SqlResult r = session.sql("select name from people where age > 40");
            name = r.row(0).getString("name");
        }
        assertThat(count).isEqualTo("res1: Long = 2\n");
        assertThat(name).isEqualTo("bob");
        assertThat(run("1 + 1").succeeded())
                .as("the shared Spark still runs for the class's session")
                .isTrue();
    }

    @Test
    @DisplayName("an unfinished statement is an IncompleteInput error")
    void incomplete() {
        StatementError e = run("val unfinished = List(1,\n2,").error().orElseThrow();
        assertThat(e.name()).isEqualTo("IncompleteInput");
    }
}
