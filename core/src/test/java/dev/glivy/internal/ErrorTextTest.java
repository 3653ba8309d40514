package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.StatementError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorTextTest {
    private static String failed(String value) {
        return ErrorText.failed("Statement 1", StatementError.of("CompileError", value, List.of()), "Hint.");
    }

    @Test
    void aCompileErrorKeepsItsFoundRequiredAndCaretLines() {
        assertThat(failed("type mismatch;\n found   : String(\"a\")\n required: Int\n       val x: Int = \"a\"\n"
                        + "                    ^\n"))
                .isEqualTo("Statement 1 failed: CompileError: type mismatch;\n"
                        + " found   : String(\"a\")\n required: Int\n       val x: Int = \"a\"\n"
                        + "                    ^\nHint.");
    }

    @Test
    void aSentenceIsNeverEndedTwice() {
        assertThat(failed("Database 'x' not found in catalog."))
                .isEqualTo("Statement 1 failed: CompileError: Database 'x' not found in catalog. Hint.");
        assertThat(failed("boom")).isEqualTo("Statement 1 failed: CompileError: boom. Hint.");
        assertThat(failed("")).isEqualTo("Statement 1 failed: CompileError. Hint.");
    }

    @Test
    void longValuesAreCappedInLinesAndCharacters() {
        String value = ("x".repeat(2000) + "\n").repeat(40);
        String msg = failed(value);
        assertThat(msg.lines()).hasSize(ErrorText.MAX_LINES + 2);
        assertThat(msg).contains("... (34 more lines)");
        assertThat(msg.length()).isLessThan(ErrorText.MAX_LINES * (ErrorText.MAX_LINE_CHARS + 10) + 200);
    }

    @Test
    void aFailedStatementsExceptionMessageKeepsTheLinesAndEndsOnce() throws Throwable {
        EngineHarness h = new EngineHarness();
        dev.glivy.InteractiveSession s = h.builder().build();
        h.await(s.startAsync());
        Throwable compile = h.failure(s.executeAsync("fail:type mismatch;\n found   : String(\"a\")\n required: Int\n"
                + "       val x: Int = \"a\"\n                    ^"));
        assertThat(compile)
                .isInstanceOf(dev.glivy.StatementFailedException.class)
                .hasMessageContaining(
                        "failed: Error: type mismatch;\n found   : String(\"a\")\n required: Int\n       val x: Int = \"a\"\n"
                                + "                    ^\nThe traceback is in StatementFailedException.error()");
        Throwable catalog = h.failure(s.executeAsync("fail:Database 'x' not found in catalog."));
        assertThat(catalog.getMessage())
                .contains("not found in catalog. The traceback")
                .doesNotContain("..");
    }
}
