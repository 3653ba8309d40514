package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionAdmin;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementResult;
import dev.glivy.glue.internal.SqlCode;
import dev.glivy.glue.stub.GlueStubExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed notebook's flow through the Java API against the loopback Glue stub: set magics, start, run the Glue
 * boilerplate, {@code %%sql}, {@code %status}, {@code %list_sessions}, {@code %reconnect}, {@code %stop_session};
 * plus expiry, failure, progress and the limits the transport checks itself.
 */
@DisplayName("The seed notebook's flow runs through GlueTransport")
class GlueNotebookFlowIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveRole";
    private static final String SHOW_TABLES = "+--------+--------------------+-----------+\n"
            + "|database|           tableName|isTemporary|\n"
            + "+--------+--------------------+-----------+\n"
            + "|covid-19|       country_codes|      false|\n"
            + "|covid-19|  county_populations|      false|\n"
            + "+--------+--------------------+-----------+\n";

    @RegisterExtension
    final GlueStubExtension glue =
            new GlueStubExtension().configure(s -> s.respond("show tables in `covid-19`", SHOW_TABLES));

    private GlueTransport transport;
    private GlueAdmin admin;

    @BeforeEach
    void transport() {
        transport = GlueStubContractIT.transportFor(glue.stub());
        admin = GlueAdmin.builder()
                .clientConfig(GlueStubContractIT.clientConfig(glue.stub()))
                .build();
    }

    @AfterEach
    void close() {
        transport.close();
        admin.close();
    }

    @Test
    @DisplayName("magics, start, code, %%sql, %status, %list_sessions, %reconnect, %stop_session")
    void notebook() {
        InteractiveSession s = GlueMagicsIT.builder(transport)
                .magics("%glue_version 3.0\n%number_of_workers 2\n" + "%worker_type G.2X\n%idle_timeout 1")
                .config(c -> c.iamRole(ROLE))
                .start();
        String id = s.id().orElseThrow();
        StatementResult init = s.execute(String.join(
                "\n",
                "from awsglue.context import GlueContext",
                "from pyspark.context import SparkContext",
                "sc = SparkContext.getOrCreate()",
                "glueContext = GlueContext(sc)",
                "spark = glueContext.spark_session",
                "print(\"glue ready\")"));
        assertThat(init.succeeded()).isTrue();
        assertThat(init.text()).isEqualTo("glue ready\n");

        StatementResult tables = s.execute("show tables in `covid-19`", Language.SQL);
        assertThat(tables.text()).isEqualTo(SHOW_TABLES);
        assertThat(glue.stub().statementCodes(id).get(1))
                .startsWith("spark.sql(__import__(\"base64\")")
                .doesNotContain("covid");

        assertThat(s.execute("select 1 as one, 'x' as letter", Language.SQL).text())
                .isEqualTo("+---+------+\n|one|letter|\n+---+------+\n|  1|     x|\n+---+------+\n");
        SqlResult typed = s.sql("select id from range(30)", 25);
        assertThat(typed.size()).isEqualTo(25);
        assertThat(typed.truncated()).isTrue();
        assertThat(typed.row(24).getLong("id")).isEqualTo(24L);

        GlueSessionStatus status = admin.status(id);
        assertThat(status.status()).isEqualTo("READY");
        assertThat(status.info().attributes())
                .containsEntry("glueVersion", "3.0")
                .containsEntry("workerType", "G.2X")
                .containsEntry("numberOfWorkers", "2")
                .containsEntry("idleTimeoutMinutes", "1")
                .containsEntry("role", ROLE);
        assertThat(status.dpus()).isEqualTo(4.0);
        assertThat(status.executionTime()).isPositive();
        assertThat(status.dpuSeconds()).isPositive();
        assertThat(status.estimatedCost()).isGreaterThanOrEqualTo(4.0 * 60 / 3600 * 0.44 - 1e-9);
        assertThat(status.tags()).containsEntry("created-by", "glivy");
        assertThat(status.defaultArguments()).containsEntry("--enable-glue-datacatalog", "true");
        assertThat(status.dashboardUrl()).hasValueSatisfying(u -> assertThat(u).contains(id));
        assertThat(status.describe())
                .contains("Session ID: " + id)
                .contains("Estimated cost")
                .contains("Worker type: " + "G.2X")
                .doesNotContain("stub-token");
        assertThat(GlueSessionStatus.of(s.info()).dpuSeconds()).isPositive();

        try (SessionAdmin lister = SessionAdmin.builder().transport(transport).build()) {
            assertThat(lister.listSessions()).extracting(SessionInfo::id).contains(id);
        }
        assertThat(admin.listSessions(Map.of("created-by", "glivy")))
                .extracting(SessionInfo::id)
                .containsExactly(id);
        assertThat(admin.listSessions(Map.of("team", "nobody"))).isEmpty();

        try (InteractiveSession again =
                GlueMagicsIT.builder(transport).attach(id).start()) {
            assertThat(again.id()).contains(id);
            assertThat(again.execute("print(\"reconnected\")").text()).contains("reconnected");
        }
        assertThat(glue.stub().tags(id)).isNotEmpty();

        s.close();
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        assertThat(List.of("STOPPING", "STOPPED")).contains(admin.status(id).status());
    }

    @Test
    @DisplayName("SQL cannot break out of the generated code: quotes, triple quotes and backslashes arrive intact")
    void sqlIsEmbeddedSafely() {
        String evil = "select '\"\"\") ; import os; os.system(\"x\") #\\\\' as x";
        String shortEvil = "select '\"\"\"\\\\' as x";
        try (InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start()) {
            StatementResult r = s.execute(shortEvil, Language.SQL);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.text()).contains("|\"\"\"\\|");
            String sent = glue.stub().statementCodes(s.id().orElseThrow()).get(0);
            assertThat(sent).doesNotContain("\"\"\"").doesNotContain("\\");
            assertThat(SqlCode.query(sent)).contains(shortEvil);
            assertThat(s.sql(evil).row(0).getString("x")).isEqualTo("\"\"\") ; import os; os.system(\"x\") #\\");
            String wrapper = glue.stub().statementCodes(s.id().orElseThrow()).get(1);
            assertThat(wrapper).startsWith("# glivy-sql-v1").doesNotContain("import os");
        }
    }

    @Test
    @DisplayName("a user error carries Glue's ErrorName, ErrorValue and traceback")
    void userError() {
        try (InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start()) {
            assertThatThrownBy(() -> s.execute("raise ValueError(\"bad input\")"))
                    .isInstanceOfSatisfying(StatementFailedException.class, e -> {
                        assertThat(e.error().name()).isEqualTo("ValueError");
                        assertThat(e.error().value()).isEqualTo("bad input");
                        assertThat(e.error().traceback()).isNotEmpty();
                    });
        }
    }

    @Test
    @DisplayName("Glue's progress is reported while a statement runs")
    void progress() throws Exception {
        try (InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start()) {
            CompletableFuture<StatementResult> f = s.executeAsync("import time\ntime.sleep(1.5)");
            double seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!f.isDone() && System.nanoTime() < deadline) {
                if (!s.history().isEmpty()) {
                    double p = s.history().get(0).progress();
                    seen = p > 0 && p < 1 ? p : seen;
                }
                Thread.sleep(20);
            }
            assertThat(f.get().progress()).isEqualTo(1.0);
            assertThat(seen).isBetween(0.01, 0.99);
        }
    }

    @Test
    @DisplayName("a session that reached Glue's TIMEOUT is EXPIRED: SessionLostException, state EXPIRED")
    void expired() {
        try (InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start()) {
            glue.stub().expire(s.id().orElseThrow());
            assertThatThrownBy(() -> s.execute("print(1)"))
                    .isInstanceOfSatisfying(SessionLostException.class, e -> assertThat(e.state())
                            .isEqualTo(SessionState.EXPIRED))
                    .hasMessageContaining("expired");
            assertThat(s.state()).isEqualTo(SessionState.EXPIRED);
            SessionInfo info = transport.getSession(s.id().orElseThrow()).join();
            assertThat(info.state()).isEqualTo(SessionState.EXPIRED);
            assertThat(info.errorMessage())
                    .hasValueSatisfying(m -> assertThat(m).contains("TIMEOUT"));
        }
    }

    @Test
    @DisplayName("a session that fails while provisioning fails start() with Glue's error message")
    void failedWhileStarting() {
        glue.stub().failNewSessions("Insufficient capacity in us-east-1a");
        assertThatThrownBy(() -> GlueMagicsIT.builder(transport)
                        .config(c -> c.iamRole(ROLE))
                        .start())
                .isInstanceOfSatisfying(
                        SessionLostException.class, e -> assertThat(e.state()).isEqualTo(SessionState.FAILED))
                .hasMessageContaining("Insufficient capacity in us-east-1a");
    }

    @Test
    @DisplayName("code over 68,000 characters is refused before RunStatement is called")
    void codeLimit() {
        try (InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start()) {
            String big = "#" + "x".repeat(68_000);
            assertThatThrownBy(() -> s.execute(big))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("68001")
                    .hasMessageContaining("68000");
            assertThat(glue.stub().calls("RunStatement")).isZero();
        }
    }

    @Test
    @DisplayName("deleteSession removes the session; whoami reports the stub's caller")
    void deleteAndWhoami() {
        InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start();
        String id = s.id().orElseThrow();
        s.close();
        admin.deleteSession(id);
        admin.deleteSession(id);
        assertThatThrownBy(() -> admin.status(id)).isInstanceOf(SessionLostException.class);
        GlueCallerIdentity me = admin.whoami();
        assertThat(me.account()).isEqualTo("123456789012");
        assertThat(me.derivedRoleArn()).contains("arn:aws:iam::123456789012:role/GlivyStubRole");
    }
}
