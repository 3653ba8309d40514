package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionStateException;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.SqlPlan;
import dev.glivy.spi.SubmitStatementRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The builder and the verbs that need no Spark: building a transport does not start Spark. */
class LocalTransportTest {

    private static Throwable failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not failed");
    }

    @Test
    void describesItself() {
        try (LocalTransport t = LocalTransport.builder().master("local[3]").build()) {
            assertThat(t.backend()).isEqualTo("local");
            assertThat(t.endpoint()).isEqualTo("local[3]");
            assertThat(t.languages()).containsExactlyInAnyOrder(Language.SCALA, Language.SQL);
            assertThat(t.defaultLanguage()).isEqualTo(Language.SCALA);
            assertThat(t.keepAliveInterval()).isEmpty();
            assertThat(t.toString()).contains("local[3]");
            assertThat(t.unsupportedSettings(
                            SessionConfig.builder().numberOfWorkers(3).build()))
                    .hasSize(1);
        }
    }

    @Test
    void sqlRunsNativelyBelowTheRowLimitIncludingTheDefaultLimit() {
        try (LocalTransport t = LocalTransport.create()) {
            SqlPlan byDefault = t.planSql("select 1", 1000, Language.SCALA);
            assertThat(byDefault.output()).isEqualTo(SqlPlan.Output.SPARK_JSON_TABLE);
            assertThat(byDefault.language()).isEqualTo(Language.SQL);
            assertThat(byDefault.code()).isEqualTo("select 1");
            assertThat(byDefault.rowCap()).isEqualTo(LocalTransport.DEFAULT_SQL_ROW_LIMIT);
            assertThat(t.planSql("select 1", 9_999, Language.SQL).output()).isEqualTo(SqlPlan.Output.SPARK_JSON_TABLE);
            assertThat(t.planSql("select 1", 10_000, Language.SQL).output()).isEqualTo(SqlPlan.Output.ENVELOPE);
            assertThat(t.planSql("select 1", 10_000, Language.SQL).language()).isEqualTo(Language.SCALA);
            assertThat(t.planSql("select '${x}'", 10, Language.SQL).output()).isEqualTo(SqlPlan.Output.ENVELOPE);
        }
        try (LocalTransport t = LocalTransport.builder().sqlRowLimit(5).build()) {
            assertThat(t.planSql("select 1", 4, Language.SCALA).rowCap()).isEqualTo(5);
            assertThat(t.planSql("select 1", 5, Language.SCALA).output()).isEqualTo(SqlPlan.Output.ENVELOPE);
        }
    }

    @Test
    void mastersOtherThanLocalAndConflictingKeysAreRefusedTogether() {
        assertThatThrownBy(() -> LocalTransport.builder()
                        .master("yarn")
                        .sparkConf("spark.master", "local")
                        .sparkConf("spark.app.name", "x")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master must be local, local[N], local[*] or local[N,maxFailures] but was 'yarn'")
                .hasMessageContaining("must not set spark.master")
                .hasMessageContaining("must not set spark.app.name");
        for (String ok : List.of("local", "local[1]", "local[*]", "local[2,3]", "local[*,2]")) {
            LocalTransport.builder().master(ok).build().close();
        }
        assertThatThrownBy(() -> LocalTransport.builder()
                        .master("local-cluster[2,1,1024]")
                        .build())
                .hasMessageContaining("local-cluster[2,1,1024]");
    }

    @Test
    void settersCheckTheirArguments() {
        LocalTransport.Builder b = LocalTransport.builder();
        assertThatThrownBy(() -> b.sqlRowLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqlRowLimit must be between 1 and 10000000 but was 0");
        assertThatThrownBy(() -> b.threads(0)).hasMessage("threads must be > 0 but was 0");
        assertThatThrownBy(() -> b.sparkConf(" ", "x")).hasMessage("sparkConf key must not be blank");
        assertThatThrownBy(() -> b.master(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("master must not be null");
        assertThatThrownBy(() -> b.interpreterClasspath(java.util.Arrays.asList(Path.of("a"), null)))
                .hasMessage("interpreterClasspath entries must not be null");
    }

    @Test
    void transportsShareSparkOnlyWithEqualSettings() {
        try (LocalTransport a = LocalTransport.builder().sparkConf("x.y", "1").build();
                LocalTransport b =
                        LocalTransport.builder().sparkConf(Map.of("x.y", "1")).build()) {
            assertThat(a.endpoint()).isEqualTo(b.endpoint());
            assertThatThrownBy(() -> LocalTransport.builder()
                            .master("local[4]")
                            .sparkConf("x.y", "2")
                            .build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("master local[2] vs local[4]")
                    .hasMessageContaining("sparkConf x.y: 1 vs 2")
                    .hasMessageContaining("one SparkContext per JVM");
        }
        LocalTransport.builder().master("local[4]").build().close();
    }

    @Test
    void pythonAndRAreRefusedWithAClearMessage() {
        try (LocalTransport t = LocalTransport.create()) {
            Throwable e =
                    failure(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.PYTHON, "tok-1")));
            assertThat(e)
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessage("Statement language python is not supported by the local transport (supported: "
                            + "scala, sql). Run Python or R statements on Livy or AWS Glue.");
            assertThat(((SessionBackendException) e).retryable()).isFalse();
            assertThat(failure(t.submitStatement("nope", SubmitStatementRequest.of("x", Language.R))))
                    .isInstanceOf(SessionLostException.class);
        }
    }

    @Test
    void unknownSessionsAreLostAndStoppingThemIsSuccess() throws Exception {
        try (LocalTransport t = LocalTransport.create()) {
            assertThat(failure(t.getSession("s-1")))
                    .isInstanceOf(SessionLostException.class)
                    .hasMessageContaining("Session s-1 is not known to this local transport");
            assertThat(t.stopSession("s-1").get()).isNull();
            assertThat(t.listSessions().get()).isEmpty();
            assertThat(t.findSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "t"))
                            .get())
                    .isEmpty();
            assertThat(failure(t.getStatement("s-1", "0"))).isInstanceOf(SessionLostException.class);
        }
    }

    @Test
    void aClosedTransportRefusesEverything() {
        LocalTransport t = LocalTransport.create();
        t.close();
        t.close();
        assertThat(failure(t.listSessions()))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("closed");
        assertThat(failure(t.createSession(CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "t"))))
                .isInstanceOf(SessionStateException.class);
    }

    @Test
    void theBuilderIsASessionTransportFactory() {
        try (var t = LocalTransport.builder().create()) {
            assertThat(t).isInstanceOf(LocalTransport.class);
        }
        assertThat(LocalTransport.JVM_FLAGS).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
    }
}
