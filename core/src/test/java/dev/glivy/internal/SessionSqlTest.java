package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionTimeoutException;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementState;
import dev.glivy.internal.sql.SqlCodegen;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** InteractiveSession.sql over the fake backend, on virtual time. */
class SessionSqlTest {
    private final EngineHarness h = new EngineHarness();

    private InteractiveSession started(SessionTransport t, Language language) throws Throwable {
        InteractiveSession s =
                h.builder().transport(t).config(c -> c.language(language)).build();
        h.await(s.startAsync());
        return s;
    }

    @Test
    @DisplayName("the default limit runs a generated wrapper in the session's language; a small one the SQL kind")
    void planFollowsLimitAndLanguage() throws Throwable {
        InteractiveSession scala = started(h.fake, Language.SCALA);
        SqlResult wrapped = h.await(scala.sqlAsync("select id from range(3)"));
        assertThat(wrapped.statement().language()).isEqualTo(Language.SCALA);
        assertThat(wrapped.statement().code())
                .contains("glivy-sql-v1")
                .doesNotContain("range(3)")
                .startsWith(SqlCodegen.SCALA_FUNCTION + "(")
                .doesNotContain("\n");
        assertThat(wrapped.rows()).extracting(r -> r.getLong("id")).containsExactly(0L, 1L, 2L);
        SqlResult direct = h.await(scala.sqlAsync(SqlRequest.of("select id from range(3)", 2)));
        assertThat(direct.statement().language()).isEqualTo(Language.SQL);
        assertThat(direct.statement().code()).isEqualTo("select id from range(3)");
        assertThat(direct.size()).isEqualTo(2);
        assertThat(direct.truncated()).isTrue();
        InteractiveSession python = started(h.fake, Language.PYTHON);
        SqlResult py = h.await(python.sqlAsync("select 'a' as x"));
        assertThat(py.statement().language()).isEqualTo(Language.PYTHON);
        assertThat(py.statement().code()).startsWith(SqlCodegen.PYTHON_FUNCTION + "(");
        assertThat(py.row(0).getString("x")).isEqualTo("a");
        assertThat(python.history()).as("the prelude, then the call").hasSize(2);
        assertThat(python.history().get(0).code()).isEqualTo(SqlCodegen.PYTHON_PRELUDE);
    }

    @Test
    @DisplayName("the blocking forms return the same typed result (real time)")
    void blocking() {
        FakeSessionTransport fake = new FakeSessionTransport(java.time.Clock.systemUTC())
                .startDelay(Duration.ZERO)
                .statementDuration(Duration.ZERO);
        try (SessionRuntime runtime = SessionRuntime.create();
                InteractiveSession s = InteractiveSession.builder()
                        .transport(fake)
                        .runtime(runtime)
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .start()) {
            assertThat(s.sql("select 1 as one").row(0).getInt("one")).isEqualTo(1);
            assertThat(s.sql("select id from range(9)", 4).size()).isEqualTo(4);
            assertThat(s.sql(SqlRequest.of("select id from range(9)", 20)).truncated())
                    .isFalse();
            assertThatThrownBy(() -> s.sql("select * from nowhere")).isInstanceOf(StatementFailedException.class);
        }
    }

    @Test
    @DisplayName("a transport's own planSql is used: here its SQL kind returns every row, so no wrapper is needed")
    void transportOverride() throws Throwable {
        h.fake.sqlRowCap(Integer.MAX_VALUE);
        SessionTransport allRows = new DelegatingTransport(h.fake) {
            @Override
            public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
                return SqlPlan.sqlStatement(query, limit, SqlPlan.ALL_ROWS);
            }
        };
        InteractiveSession s = started(allRows, Language.SCALA);
        SqlResult r = h.await(s.sqlAsync("select id from range(1001)"));
        assertThat(r.statement().language()).isEqualTo(Language.SQL);
        assertThat(r.size()).isEqualTo(1000);
        assertThat(r.truncated()).isTrue();
        SqlResult all = h.await(s.sqlAsync("select id from range(1000)"));
        assertThat(all.truncated()).isFalse();
    }

    @Test
    @DisplayName("a transport that cannot plan fails the future with its message; nothing is submitted")
    void planFailure() throws Throwable {
        SessionTransport none = new DelegatingTransport(h.fake) {
            @Override
            public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
                throw new IllegalArgumentException("no SQL here");
            }
        };
        InteractiveSession s = started(none, Language.SCALA);
        assertThat(h.failure(s.sqlAsync("select 1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no SQL here");
        assertThat(h.fake.calls("submitStatement")).isZero();
    }

    @Test
    @DisplayName("cancelling the future cancels the statement on the backend (the call, not the prelude before it)")
    void cancel() throws Throwable {
        h.fake.statementDuration(Duration.ofMinutes(30));
        InteractiveSession s = started(h.fake, Language.SCALA);
        CompletableFuture<SqlResult> f = s.sqlAsync("select 1 as one");
        h.time.advance(Duration.ofSeconds(2));
        f.cancel(true);
        assertThatThrownBy(() -> h.await(f)).isInstanceOf(CancellationException.class);
        h.time.advance(Duration.ofMinutes(31));
        String sid = s.id().orElseThrow();
        RemoteStatement prelude =
                h.await(h.fake.getStatement(sid, s.history().get(0).statementId()));
        assertThat(prelude.state()).isEqualTo(StatementState.AVAILABLE);
        RemoteStatement call =
                h.await(h.fake.getStatement(sid, s.history().get(1).statementId()));
        assertThat(call.code()).hasValueSatisfying(c -> assertThat(c).startsWith(SqlCodegen.SCALA_FUNCTION));
        assertThat(call.state()).isEqualTo(StatementState.CANCELLED);
    }

    @Test
    @DisplayName("the request's timeout bounds the statement; a failing query raises StatementFailedException")
    void timeoutAndFailure() throws Throwable {
        InteractiveSession s = started(h.fake, Language.SCALA);
        Throwable t = h.failure(s.sqlAsync(SqlRequest.of("select * from missing_table")));
        assertThat(t).isInstanceOf(StatementFailedException.class).hasMessageContaining("AnalysisException");
        h.fake.statementDuration(Duration.ofMinutes(30));
        Throwable late = h.failure(s.sqlAsync(SqlRequest.builder()
                .query("select 1 as one")
                .timeout(Duration.ofSeconds(30))
                .build()));
        assertThat(late).isInstanceOf(SessionTimeoutException.class).hasMessageContaining("30 seconds");
    }

    @Test
    @DisplayName("bad arguments fail before anything is sent")
    void badArguments() throws Throwable {
        InteractiveSession s = started(h.fake, Language.SCALA);
        assertThatThrownBy(() -> s.sqlAsync(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("query must not be blank");
        assertThatThrownBy(() -> s.sql("select 1", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 2147483646 but was 0");
        assertThat(h.fake.calls("submitStatement")).isZero();
    }
}
