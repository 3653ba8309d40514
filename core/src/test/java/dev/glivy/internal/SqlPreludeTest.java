package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementResult;
import dev.glivy.internal.sql.SqlCodegen;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SubmitStatementRequest;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.TransportFaults.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated SQL wrapper is defined once per session (a prelude statement) and each query sends a one-line call;
 * a call in a session without the definition runs nothing, so it is defined again and called once more. Virtual time.
 */
class SqlPreludeTest {
    private final EngineHarness h = new EngineHarness();

    private InteractiveSession started(SessionTransport t, Language lang) throws Throwable {
        InteractiveSession s = h.builder()
                .transport(t)
                .config(c -> c.language(lang))
                .recreateLostSession(true)
                .build();
        h.await(s.startAsync());
        return s;
    }

    private static String prelude(Language lang) {
        return lang == Language.PYTHON ? SqlCodegen.PYTHON_PRELUDE : SqlCodegen.SCALA_PRELUDE;
    }

    private static String function(Language lang) {
        return lang == Language.PYTHON ? SqlCodegen.PYTHON_FUNCTION : SqlCodegen.SCALA_FUNCTION;
    }

    private long preludes(List<String> executed, Language lang) {
        return executed.stream().filter(c -> c.equals(prelude(lang))).count();
    }

    @ParameterizedTest
    @EnumSource(
            value = Language.class,
            names = {"PYTHON", "SCALA"})
    @DisplayName("ten queries: one definition, then ten one-line calls, concurrent ones included")
    void definedOnce(Language lang) throws Throwable {
        InteractiveSession s = started(h.fake, lang);
        List<CompletableFuture<SqlResult>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fs.add(s.sqlAsync("select id from range(" + (i + 1) + ")"));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(h.await(fs.get(i)).size()).isEqualTo(i + 1);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(h.await(s.sqlAsync("select " + i + " as n")).row(0).getInt("n"))
                    .isEqualTo(i);
        }
        List<String> executed = h.fake.executed(s.id().orElseThrow());
        assertThat(executed).hasSize(11);
        assertThat(executed.get(0)).isEqualTo(prelude(lang));
        assertThat(executed.subList(1, 11)).allSatisfy(c -> assertThat(c)
                .startsWith(function(lang) + "(")
                .doesNotContain("\n")
                .doesNotContain("take("));
    }

    @ParameterizedTest
    @EnumSource(
            value = Language.class,
            names = {"PYTHON", "SCALA"})
    @DisplayName("the interpreter lost the definition: the call runs nothing, the prelude is sent again, then the "
            + "call once more; the query runs once")
    void lostDefinition(Language lang) throws Throwable {
        InteractiveSession s = started(h.fake, lang);
        h.await(s.sqlAsync("select 1 as one"));
        String sid = s.id().orElseThrow();
        h.fake.forgetDefinitions(sid);
        SqlResult r = h.await(s.sqlAsync("select 7 as seven"));
        assertThat(r.row(0).getInt("seven")).isEqualTo(7);
        List<String> executed = h.fake.executed(sid);
        assertThat(executed).hasSize(5);
        assertThat(executed.get(2)).as("the call that found nothing").isEqualTo(executed.get(4));
        assertThat(executed.get(3)).isEqualTo(prelude(lang));
        List<StatementResult> history = s.history();
        assertThat(history).hasSize(5);
        if (lang == Language.SCALA) {
            assertThat(history.get(2).error()).hasValueSatisfying(e -> assertThat(e.value())
                    .contains("not found: value " + SqlCodegen.SCALA_FUNCTION));
        } else {
            assertThat(history.get(2).text()).startsWith("#glivy-sql-v1 undefined " + SqlCodegen.PYTHON_FUNCTION);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Language.class,
            names = {"PYTHON", "SCALA"})
    @DisplayName("after the session was recreated the prelude is defined in the new one: before the first call when "
            + "the recreate is known, after a call that found nothing when the call itself recreated it")
    void recreatedSession(Language lang) throws Throwable {
        InteractiveSession s = started(h.fake, lang);
        h.await(s.sqlAsync("select 1 as one"));
        String first = s.id().orElseThrow();
        h.fake.loseSession(first);
        assertThat(h.await(s.executeAsync("print(1)")).sessionRecreated()).isTrue();
        String second = s.id().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(h.await(s.sqlAsync("select 2 as two")).row(0).getInt("two")).isEqualTo(2);
        List<String> executed = h.fake.executed(second);
        assertThat(executed).hasSize(3);
        assertThat(executed.get(1)).isEqualTo(prelude(lang));

        h.fake.loseSession(second);
        SqlResult r = h.await(s.sqlAsync("select 3 as three"));
        assertThat(r.row(0).getInt("three")).isEqualTo(3);
        List<String> third = h.fake.executed(s.id().orElseThrow());
        assertThat(third).hasSize(3);
        assertThat(third.get(0))
                .as("recreated by the call, which found nothing")
                .isEqualTo(third.get(2));
        assertThat(third.get(1)).isEqualTo(prelude(lang));
    }

    @ParameterizedTest
    @EnumSource(
            value = Language.class,
            names = {"PYTHON", "SCALA"})
    @DisplayName("a definition that failed is the query's error; the next query tries to define again")
    void failedDefinition(Language lang) throws Throwable {
        SessionTransport broken = new DelegatingTransport(h.fake) {
            private int preludes;

            @Override
            public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
                if (request.code().equals(prelude(lang)) && preludes++ == 0) {
                    return super.submitStatement(
                            sessionId, SubmitStatementRequest.of("fail:cannot define", request.language()));
                }
                return super.submitStatement(sessionId, request);
            }
        };
        InteractiveSession s = started(broken, lang);
        Throwable t = h.failure(s.sqlAsync("select 1 as one"));
        assertThat(t).isInstanceOf(StatementFailedException.class).hasMessageContaining("cannot define");
        assertThat(h.await(s.sqlAsync("select 2 as two")).row(0).getInt("two")).isEqualTo(2);
        assertThat(preludes(h.fake.executed(s.id().orElseThrow()), lang)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Language.class,
            names = {"PYTHON", "SCALA"})
    @DisplayName("a lost submission response of the prelude or the call is reconciled, not resent")
    void reconciled(Language lang) throws Throwable {
        InteractiveSession s = started(h.fake, lang);
        h.await(s.executeAsync("print(0)"));
        h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
        h.fake.failNext("submitStatement", Fault.RESPONSE_LOST);
        assertThat(h.await(s.sqlAsync("select 3 as three")).row(0).getInt("three"))
                .isEqualTo(3);
        assertThat(h.fake.executed(s.id().orElseThrow())).hasSize(3);
    }
}
