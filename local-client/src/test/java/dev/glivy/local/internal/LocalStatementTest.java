package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.StatementError;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LocalStatementTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private final LocalStatement st = new LocalStatement("3", "1 + 1", Language.SCALA, "glivy-s-3");

    private RemoteStatement view(double progress) {
        return st.remote(3, () -> OptionalDouble.of(progress));
    }

    @Test
    void runsToAvailableWithOutputsAndExecutionCount() {
        assertThat(view(0).state()).isEqualTo(StatementState.WAITING);
        assertThat(view(0).progress()).isEmpty();
        assertThat(st.begin(Thread.currentThread(), T0)).isTrue();
        RemoteStatement running = view(0.5);
        assertThat(running.state()).isEqualTo(StatementState.RUNNING);
        assertThat(running.progress()).hasValue(0.5);
        assertThat(view(1.0).progress()).hasValue(0.99);
        st.finish(Map.of("text/plain", "res0: Int = 2\n"), null, T1);
        RemoteStatement done = view(0);
        assertThat(done.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(done.backendState()).isEqualTo("available");
        assertThat(done.outputs()).containsEntry("text/plain", "res0: Int = 2\n");
        assertThat(done.executionCount()).hasValue(3);
        assertThat(done.progress()).hasValue(1.0);
        assertThat(done.code()).hasValue("1 + 1");
        assertThat(done.startedAt()).hasValue(T0);
        assertThat(done.completedAt()).hasValue(T1);
    }

    @Test
    void userErrorsAreAvailableWithTheError() {
        st.begin(Thread.currentThread(), T0);
        st.finish(Map.of("text/plain", ""), StatementError.of("E", "v", List.of()), T1);
        assertThat(view(0).state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(view(0).error()).isPresent();
    }

    @Test
    void cancellingAWaitingStatementCancelsItBeforeItRuns() {
        assertThat(st.requestCancel(T0)).isFalse();
        assertThat(st.state()).isEqualTo(StatementState.CANCELLED);
        assertThat(st.begin(Thread.currentThread(), T1)).isFalse();
        assertThat(view(0).completedAt()).hasValue(T0);
    }

    @Test
    void cancellingARunningStatementEndsCancelledEvenIfItFinishes() {
        st.begin(Thread.currentThread(), T0);
        assertThat(st.requestCancel(T1)).isTrue();
        assertThat(st.state()).isEqualTo(StatementState.CANCELLING);
        assertThat(st.requestCancel(T1)).isFalse();
        st.finish(Map.of("text/plain", "done"), null, T1);
        assertThat(st.state()).isEqualTo(StatementState.CANCELLED);
        assertThat(view(0).outputs()).isEmpty();
    }

    @Test
    void finishedStatementsIgnoreCancel() {
        st.begin(Thread.currentThread(), T0);
        st.finish(Map.of(), null, T1);
        assertThat(st.requestCancel(T1)).isFalse();
        assertThat(st.state()).isEqualTo(StatementState.AVAILABLE);
    }

    @Test
    void interruptsReachOnlyTheThreadStillRunningTheStatement() {
        st.begin(Thread.currentThread(), T0);
        st.requestCancel(T1);
        st.interruptIfRunning();
        assertThat(Thread.interrupted()).isTrue();
        st.finish(Map.of(), null, T1);
        st.interruptIfRunning();
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void progressIsClampedAndAskedOnlyWhileRunning() {
        assertThat(StatementProgress.fraction(3, 4)).isEqualTo(0.75);
        assertThat(StatementProgress.fraction(5, 4)).isEqualTo(1.0);
        int[] asked = {0};
        st.remote(0, () -> {
            asked[0]++;
            return OptionalDouble.empty();
        });
        assertThat(asked[0]).isZero();
    }
}
