package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.StatementError;
import dev.glivy.local.internal.ScalaLines.Kind;
import dev.glivy.local.internal.ScalaLines.Outcome;
import dev.glivy.local.internal.ScalaLines.Piece;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalaLinesTest {
    /** A fake interpreter: balanced parentheses complete a piece; "fail" errors; records what it was given. */
    private final List<String> seen = new ArrayList<>();

    private Piece interpret(String code) {
        seen.add(code);
        long open = code.chars().filter(c -> c == '(').count();
        long close = code.chars().filter(c -> c == ')').count();
        if (code.strip().startsWith("//") && !code.contains("\n")) {
            return new Piece(Kind.INCOMPLETE, "", null);
        }
        if (open > close) {
            return new Piece(Kind.INCOMPLETE, "", null);
        }
        if (code.contains("fail")) {
            return new Piece(Kind.ERROR, "error output\n", StatementError.of("X", "failed", List.of()));
        }
        return new Piece(Kind.SUCCESS, "ran: " + code.replace("\n", "|") + "\n", null);
    }

    @Test
    void eachCompletePieceRunsOnItsOwnAndOutputsAreJoined() {
        Outcome o = ScalaLines.run("a()\nb(\n1)\n\nc()", this::interpret, () -> false);
        assertThat(o.error()).isNull();
        assertThat(seen).containsExactly("a()", "b(", "b(\n1)", "c()");
        assertThat(o.output()).isEqualTo("ran: a()\nran: b(|1)\nran: c()\n");
    }

    @Test
    void theFirstErrorStopsTheStatementAndKeepsEarlierOutput() {
        Outcome o = ScalaLines.run("a()\nfail()\nnever()", this::interpret, () -> false);
        assertThat(o.error()).isNotNull();
        assertThat(o.error().value()).isEqualTo("failed");
        assertThat(o.output()).isEqualTo("ran: a()\nerror output\n");
        assertThat(seen).doesNotContain("never()");
    }

    @Test
    void trailingCommentsRunWrappedInABlock() {
        Outcome o = ScalaLines.run("a()\n// done", this::interpret, () -> false);
        assertThat(o.error()).isNull();
        assertThat(seen).containsExactly("a()", "// done", "{\n// done\n}");
    }

    @Test
    void unfinishedInputIsAnIncompleteInputError() {
        Outcome o = ScalaLines.run("a(\nb(", this::interpret, () -> false);
        assertThat(o.error()).isNotNull();
        assertThat(o.error().name()).isEqualTo(StatementErrors.INCOMPLETE_INPUT);
    }

    @Test
    void cancellationStopsBeforeTheNextPiece() {
        int[] calls = {0};
        Outcome o = ScalaLines.run(
                "a()\nb()\nc()",
                code -> {
                    calls[0]++;
                    return interpret(code);
                },
                () -> calls[0] >= 1);
        assertThat(o.cancelled()).isTrue();
        assertThat(seen).containsExactly("a()");
    }

    @Test
    void blankCodeRunsNothing() {
        Outcome o = ScalaLines.run("\n  \n", this::interpret, () -> false);
        assertThat(o.output()).isEmpty();
        assertThat(o.error()).isNull();
        assertThat(seen).isEmpty();
    }

    @Test
    void windowsLineEndingsAreLines() {
        ScalaLines.run("a()\r\nb()", this::interpret, () -> false);
        assertThat(seen).containsExactly("a()", "b()");
    }
}
