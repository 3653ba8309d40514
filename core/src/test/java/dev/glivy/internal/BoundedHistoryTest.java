package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBuilder;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.testkit.FaultPlan;
import dev.glivy.testkit.TransportFaults.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** History keeps a bounded number of recent results, and SQL results keep rows, not their text; virtual time. */
class BoundedHistoryTest {
    private final EngineHarness h = new EngineHarness();

    private InteractiveSession started(SessionBuilder b) throws Throwable {
        InteractiveSession s = b.build();
        h.await(s.startAsync());
        return s;
    }

    @Test
    @DisplayName("history keeps the newest historySize statements, oldest dropped first; 0 keeps none")
    void bounded() throws Throwable {
        InteractiveSession s = started(h.builder().historySize(3));
        for (int i = 0; i < 10; i++) {
            h.await(s.executeAsync("print(" + i + ")"));
        }
        assertThat(s.history()).extracting(StatementResult::code).containsExactly("print(7)", "print(8)", "print(9)");
        assertThat(s.history()).allMatch(r -> r.state() == StatementState.AVAILABLE);

        InteractiveSession none = started(h.builder().historySize(0));
        assertThat(h.await(none.executeAsync("print(1)")).text()).isEqualTo("print(1)");
        assertThat(none.history()).isEmpty();
    }

    @Test
    @DisplayName("the default keeps 100; the setter checks its range with the house message")
    void defaultsAndRange() throws Throwable {
        InteractiveSession s = started(h.builder());
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            fs.add(s.executeAsync("s" + i));
        }
        for (CompletableFuture<StatementResult> f : fs) {
            h.await(f);
        }
        assertThat(s.history()).hasSize(SessionBuilder.DEFAULT_HISTORY_SIZE);
        assertThat(s.history().get(0).code()).isEqualTo("s30");
        assertThatThrownBy(() -> InteractiveSession.builder().historySize(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("historySize must be between 0 and 1000000 but was -1");
        assertThatThrownBy(() -> InteractiveSession.builder().historySize(SessionBuilder.MAX_HISTORY_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("running statements are in history with their latest state and get their final one when done")
    void runningThenFinal() throws Throwable {
        InteractiveSession s = started(h.builder().historySize(2));
        CompletableFuture<StatementResult> f = s.executeAsync("sleep:5000");
        h.time.advance(Duration.ofSeconds(2));
        assertThat(s.history()).singleElement().satisfies(r -> assertThat(r.state())
                .isEqualTo(StatementState.RUNNING));
        h.await(f);
        assertThat(s.history()).singleElement().satisfies(r -> assertThat(r.text())
                .isEqualTo("slept 5000"));
    }

    @Test
    @DisplayName("with history of 1, lost submission responses are still reconciled exactly once: the claimed ids "
            + "live in the submission queue, not in history")
    void reconciliationNeedsNoHistory() throws Throwable {
        InteractiveSession s = started(h.builder().historySize(1));
        h.fake.faults().rate("submitStatement", 0.2, Fault.RESPONSE_LOST).rate(FaultPlan.ANY, 0.05, Fault.UNAVAILABLE);
        List<CompletableFuture<StatementResult>> fs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            fs.add(s.executeAsync("print(" + (i % 3) + ")"));
        }
        for (CompletableFuture<StatementResult> f : fs) {
            assertThat(h.await(f).state()).isEqualTo(StatementState.AVAILABLE);
        }
        assertThat(h.fake.executed(s.id().orElseThrow())).hasSize(120);
        assertThat(s.history()).hasSize(1);
    }

    @Test
    @DisplayName("a SqlResult and its history entry keep the rows once: no application/json table text, and of "
            + "an envelope only its marker lines and the stray output around it")
    void sqlKeepsRowsNotText() throws Throwable {
        InteractiveSession s = started(h.builder().config(c -> c.language(Language.SCALA)));
        SqlResult table = h.await(s.sqlAsync(SqlRequest.of("select id from range(500)", 2000)));
        assertThat(table.size()).isEqualTo(500);
        assertThat(table.statement().text())
                .contains("#glivy-sql-v1 begin " + "")
                .startsWith("fake REPL: stray output without a newline\n#glivy-sql-v1 begin ")
                .contains("#glivy-sql-v1 end")
                .contains("fake REPL: stray output without a newline")
                .contains("fake REPL: stray output after")
                .doesNotContain("\"id\"")
                .hasSizeLessThan(300);
        assertThat(s.history().get(s.history().size() - 1)).isSameAs(table.statement());

        SqlResult kind = h.await(s.sqlAsync(SqlRequest.of("select id from range(500)", 10)));
        assertThat(kind.statement().language()).isEqualTo(Language.SQL);
        assertThat(kind.statement().json()).isEmpty();
        assertThat(kind.statement().outputs()).doesNotContainKey(StatementResult.APPLICATION_JSON);
        assertThat(s.history().get(s.history().size() - 1)).isSameAs(kind.statement());
        assertThat(kind.rows()).hasSize(10);
    }
}
