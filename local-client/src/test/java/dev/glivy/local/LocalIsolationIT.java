package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two sessions at once on one Spark: separate interpreter state, temporary views and SQL settings. */
class LocalIsolationIT {
    private static LocalTransport transport;
    private static InteractiveSession a;
    private static InteractiveSession b;

    @BeforeAll
    static void start() throws Exception {
        transport = LocalTransport.create();
        CompletableFuture<InteractiveSession> fa =
                LocalSessions.over(transport).build().startAsync();
        CompletableFuture<InteractiveSession> fb =
                LocalSessions.over(transport).build().startAsync();
        a = fa.get(3, TimeUnit.MINUTES);
        b = fb.get(3, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stop() {
        for (InteractiveSession s : new InteractiveSession[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        if (transport != null) {
            transport.close();
        }
    }

    private static StatementResult run(InteractiveSession s, String code) {
        return s.execute(
                StatementRequest.builder().code(code).failOnError(false).build());
    }

    private static StatementResult sql(InteractiveSession s, String code) {
        return s.execute(StatementRequest.builder()
                .code(code)
                .language(Language.SQL)
                .failOnError(false)
                .build());
    }

    @Test
    @DisplayName("the same names hold each session's own values, also in closures running on executors at once")
    void sameNamesOwnValues() throws Exception {
        assertThat(run(a, "val who = \"A\"\ncase class Rec(a: Int, tag: String)")
                        .succeeded())
                .isTrue();
        assertThat(run(b, "val who = \"B\"\ncase class Rec(b: String)").succeeded())
                .isTrue();
        String job = "sc.parallelize(1 to 40, 4).map { i => Thread.sleep(20); who }.collect().distinct.mkString";
        CompletableFuture<StatementResult> ja = a.executeAsync(job);
        CompletableFuture<StatementResult> jb = b.executeAsync(job);
        assertThat(ja.get(2, TimeUnit.MINUTES).text()).contains("String = A");
        assertThat(jb.get(2, TimeUnit.MINUTES).text()).contains("String = B");
        CompletableFuture<StatementResult> da =
                a.executeAsync("Seq(Rec(1, who)).toDS().map(r => r.tag * r.a)" + ".collect().head");
        CompletableFuture<StatementResult> db = b.executeAsync("sc.parallelize(Seq(Rec(who)), 1).collect().head.b");
        assertThat(da.get(2, TimeUnit.MINUTES).text()).contains("String = A");
        assertThat(db.get(2, TimeUnit.MINUTES).text()).contains("String = B");
    }

    @Test
    @DisplayName("a value defined in one session is not visible in the other")
    void definitionsStayInTheirSession() {
        assertThat(run(a, "val onlyInA = 42").succeeded()).isTrue();
        StatementResult r = run(b, "onlyInA");
        assertThat(r.error()).isPresent();
        assertThat(r.error().get().name()).isEqualTo("CompileError");
        assertThat(r.error().get().value()).contains("not found: value onlyInA");
        assertThat(run(a, "onlyInA + 1").text()).contains("Int = 43");
    }

    @Test
    @DisplayName("temporary views and SQL settings are per session; tables in the warehouse are shared")
    void sparkSessionState() {
        assertThat(run(a, "spark.range(3).createOrReplaceTempView(\"view_a\")").succeeded())
                .isTrue();
        assertThat(sql(a, "select count(*) from view_a").json().orElseThrow()).contains("[[3]]");
        assertThat(sql(b, "select count(*) from view_a").error().orElseThrow().value())
                .contains("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(sql(a, "set spark.sql.shuffle.partitions=7").succeeded()).isTrue();
        assertThat(sql(a, "set spark.sql.shuffle.partitions").json().orElseThrow())
                .contains("\"7\"");
        assertThat(sql(b, "set spark.sql.shuffle.partitions").json().orElseThrow())
                .contains("\"4\"");
        assertThat(sql(a, "create table shared_t using parquet as select 1 as x")
                        .succeeded())
                .isTrue();
        assertThat(sql(b, "select x from shared_t").json().orElseThrow()).contains("[[1]]");
        assertThat(sql(b, "drop table shared_t").succeeded()).isTrue();
    }

    @Test
    @DisplayName("a second transport shares the running Spark, and closing it leaves the first one working")
    void secondTransportSharesSpark() {
        try (LocalTransport other = LocalTransport.create();
                InteractiveSession c = LocalSessions.over(other).start()) {
            assertThat(run(
                                    c,
                                    "sc.applicationId == "
                                            + quoted(run(a, "sc.applicationId").text()))
                            .text())
                    .contains("Boolean = true");
        }
        assertThat(run(a, "sc.parallelize(1 to 3).sum").text()).contains("Double = 6.0");
    }

    /** The string literal of the value in a result line such as {@code res3: String = local-123}. */
    private static String quoted(String resultLine) {
        String v = resultLine.substring(resultLine.indexOf("= ") + 2).strip();
        return "\"" + v + "\"";
    }
}
