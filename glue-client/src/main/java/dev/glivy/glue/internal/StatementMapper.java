package dev.glivy.glue.internal;

import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.glue.model.Statement;
import software.amazon.awssdk.services.glue.model.StatementOutput;

/**
 * Glue {@code Statement} to {@link RemoteStatement}: state, {@code TextPlain} output, the user-code error (output
 * status {@code error}), execution count, progress (0..1, which steers Glivy's poll schedule) and times. The code is
 * the code Glue ran, as Glue echoes it.
 */
public final class StatementMapper {
    private StatementMapper() {}

    /** The normalized state of a Glue statement state. */
    public static StatementState state(@Nullable String state) {
        if (state == null) {
            return StatementState.UNKNOWN;
        }
        switch (state.toUpperCase(Locale.ROOT)) {
            case "WAITING":
                return StatementState.WAITING;
            case "RUNNING":
                return StatementState.RUNNING;
            case "AVAILABLE":
            case "COMPLETED":
                return StatementState.AVAILABLE;
            case "CANCELLING":
                return StatementState.CANCELLING;
            case "CANCELLED":
                return StatementState.CANCELLED;
            case "ERROR":
            case "FAILED":
                return StatementState.ERROR;
            default:
                return StatementState.UNKNOWN;
        }
    }

    /** Maps a statement. */
    public static RemoteStatement remote(Statement s) {
        StatementState state = state(s.stateAsString());
        RemoteStatement.Builder b = RemoteStatement.builder()
                .id(String.valueOf(s.id()))
                .state(state)
                .backendState(s.stateAsString() == null ? "UNKNOWN" : s.stateAsString())
                .code(s.code())
                .startedAt(instant(s.startedOn()))
                .completedAt(state.isTerminal() ? instant(s.completedOn()) : null);
        if (s.progress() != null && !s.progress().isNaN()) {
            b.progress(Math.max(0.0, Math.min(1.0, s.progress())));
        }
        StatementOutput out = s.output();
        if (out != null) {
            if (out.data() != null && out.data().textPlain() != null) {
                b.output(StatementResult.TEXT_PLAIN, out.data().textPlain());
            }
            b.executionCount(out.executionCount());
            b.error(error(out, state));
        }
        return b.build();
    }

    private static @Nullable StatementError error(StatementOutput out, StatementState state) {
        String status = out.statusAsString();
        boolean failed = status != null && status.equalsIgnoreCase("error")
                || (state == StatementState.ERROR && out.errorName() != null);
        if (!failed) {
            return null;
        }
        List<String> tb = out.hasTraceback() ? out.traceback() : List.of();
        return StatementError.of(
                out.errorName() == null || out.errorName().isBlank() ? "Error" : out.errorName(),
                out.errorValue() == null ? "" : out.errorValue(),
                tb);
    }

    private static @Nullable Instant instant(@Nullable Long epochMillis) {
        return epochMillis == null || epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis);
    }
}
