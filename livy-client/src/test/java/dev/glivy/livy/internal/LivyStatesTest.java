package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.SessionState;
import dev.glivy.StatementState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LivyStatesTest {

    @ParameterizedTest(name = "session {0} -> {1}")
    @CsvSource({
        "not_started, STARTING", "starting, STARTING", "recovering, STARTING", "idle, IDLE", "running, BUSY",
        "busy, BUSY", "shutting_down, STOPPING", "error, FAILED", "dead, FAILED", "killed, FAILED",
        "success, STOPPED", "IDLE, IDLE", "' idle ', IDLE", "suspended_by_a_future_livy, UNKNOWN"
    })
    @DisplayName("every Livy session state maps to core's enum; unknown ones to UNKNOWN")
    void sessionStates(String livy, SessionState expected) {
        assertThat(LivyStates.session(livy)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "statement {0} -> {1}")
    @CsvSource({
        "waiting, WAITING",
        "running, RUNNING",
        "available, AVAILABLE",
        "error, ERROR",
        "cancelling, CANCELLING",
        "cancelled, CANCELLED",
        "canceled, CANCELLED",
        "Available, AVAILABLE",
        "queued_remotely, UNKNOWN"
    })
    @DisplayName("every Livy statement state maps to core's enum; unknown ones to UNKNOWN")
    void statementStates(String livy, StatementState expected) {
        assertThat(LivyStates.statement(livy)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a missing state is UNKNOWN, never an exception")
    void nullStates() {
        assertThat(LivyStates.session(null)).isEqualTo(SessionState.UNKNOWN);
        assertThat(LivyStates.statement(null)).isEqualTo(StatementState.UNKNOWN);
    }

    @Test
    @DisplayName("gone: terminal and shutting down; lost state is FAILED for dead sessions, LOST otherwise")
    void goneAndLost() {
        assertThat(LivyStates.gone(SessionState.FAILED)).isTrue();
        assertThat(LivyStates.gone(SessionState.STOPPED)).isTrue();
        assertThat(LivyStates.gone(SessionState.STOPPING)).isTrue();
        assertThat(LivyStates.gone(SessionState.STARTING)).isFalse();
        assertThat(LivyStates.gone(SessionState.UNKNOWN)).isFalse();
        assertThat(LivyStates.lostState(SessionState.FAILED)).isEqualTo(SessionState.FAILED);
        assertThat(LivyStates.lostState(SessionState.STOPPED)).isEqualTo(SessionState.LOST);
        assertThat(LivyStates.lostState(SessionState.STOPPING)).isEqualTo(SessionState.LOST);
    }
}
