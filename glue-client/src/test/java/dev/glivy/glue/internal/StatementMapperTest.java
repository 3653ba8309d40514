package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.StatementState;
import dev.glivy.glue.GlueTransport;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Statement;

@DisplayName("StatementMapper turns Glue statements into RemoteStatements")
class StatementMapperTest {
    @Test
    @DisplayName("every Glue statement state, plus the kernel's extra ones and unknown values")
    void states() {
        Map<String, StatementState> expected = Map.of(
                "WAITING",
                StatementState.WAITING,
                "RUNNING",
                StatementState.RUNNING,
                "AVAILABLE",
                StatementState.AVAILABLE,
                "CANCELLING",
                StatementState.CANCELLING,
                "CANCELLED",
                StatementState.CANCELLED,
                "ERROR",
                StatementState.ERROR,
                "COMPLETED",
                StatementState.AVAILABLE,
                "FAILED",
                StatementState.ERROR,
                "NEW_STATE",
                StatementState.UNKNOWN);
        expected.forEach(
                (glue, ours) -> assertThat(StatementMapper.state(glue)).as(glue).isEqualTo(ours));
        assertThat(StatementMapper.state(null)).isEqualTo(StatementState.UNKNOWN);
    }

    @Test
    @DisplayName("output, execution count, times and progress of a finished statement")
    void available() {
        RemoteStatement r = StatementMapper.remote(Statement.builder()
                .id(4)
                .code("print(1)")
                .state("AVAILABLE")
                .progress(1.0)
                .startedOn(1_000L)
                .completedOn(3_000L)
                .output(o -> o.status("ok").executionCount(5).data(d -> d.textPlain("1\n")))
                .build());
        assertThat(r.id()).isEqualTo("4");
        assertThat(r.state()).isEqualTo(StatementState.AVAILABLE);
        assertThat(r.outputs()).containsExactly(Map.entry("text/plain", "1\n"));
        assertThat(r.executionCount()).contains(5);
        assertThat(r.error()).isEmpty();
        assertThat(r.startedAt()).contains(Instant.ofEpochMilli(1_000));
        assertThat(r.completedAt()).contains(Instant.ofEpochMilli(3_000));
        assertThat(r.code()).contains("print(1)");
    }

    @Test
    @DisplayName("output status error carries ErrorName, ErrorValue and the traceback")
    void userError() {
        RemoteStatement r = StatementMapper.remote(Statement.builder()
                .id(1)
                .state("AVAILABLE")
                .output(o -> o.status("error")
                        .errorName("NameError")
                        .errorValue("name 'x' is not defined")
                        .traceback("Traceback...\n", "NameError: ...\n"))
                .build());
        assertThat(r.error()).hasValueSatisfying(e -> {
            assertThat(e.name()).isEqualTo("NameError");
            assertThat(e.value()).isEqualTo("name 'x' is not defined");
            assertThat(e.traceback()).hasSize(2);
        });
    }

    @Test
    @DisplayName("progress is clamped to 0..1; a running statement has no completion time")
    void progress() {
        assertThat(StatementMapper.remote(Statement.builder()
                                .id(1)
                                .state("RUNNING")
                                .progress(1.7)
                                .completedOn(5L)
                                .build())
                        .progress()
                        .getAsDouble())
                .isEqualTo(1.0);
        RemoteStatement r = StatementMapper.remote(Statement.builder()
                .id(1)
                .state("RUNNING")
                .progress(-0.2)
                .completedOn(5L)
                .build());
        assertThat(r.progress().getAsDouble()).isEqualTo(0.0);
        assertThat(r.completedAt()).isEmpty();
        assertThat(StatementMapper.remote(
                                Statement.builder().id(1).state("WAITING").build())
                        .progress())
                .isEmpty();
    }

    @Test
    @DisplayName("the code is what Glue ran; the transport recognises its SQL wrapping only when reconciling")
    void sqlEcho() {
        String code = SqlCode.code("select 'a' as x", Language.PYTHON);
        assertThat(StatementMapper.remote(Statement.builder()
                                .id(1)
                                .code(code)
                                .state("RUNNING")
                                .build())
                        .code())
                .contains(code);
        try (GlueTransport t = GlueTransport.builder().region("us-east-1").build()) {
            assertThat(t.echoes(SubmitStatementRequest.of("select 'a' as x", Language.SQL), code))
                    .isTrue();
            assertThat(t.echoes(SubmitStatementRequest.of("select 'b' as x", Language.SQL), code))
                    .isFalse();
            assertThat(t.echoes(SubmitStatementRequest.of("select 'a' as x", Language.PYTHON), code))
                    .isFalse();
            assertThat(t.echoes(SubmitStatementRequest.of("select 'a' as x", Language.SQL), "select 'a' as x"))
                    .as("the plain code is compared by the core itself")
                    .isFalse();
        }
    }
}
