package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.StatementError;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class StatementErrorsTest {

    @Test
    void exceptionGivesClassMessageAndTrace() {
        StatementError e = StatementErrors.fromThrowable(new IllegalStateException("boom"));
        assertThat(e.name()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.value()).isEqualTo("boom");
        assertThat(e.traceback().get(0)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(e.traceback()).anyMatch(l -> l.startsWith("  at "));
    }

    @Test
    void sparkStyleMessagesAreCutAtTheFirstLineButTracebackKeepsAll() {
        String msg = "Job aborted due to stage failure: Task 1 in stage 4.0 failed 1 times, most recent failure: "
                + "Lost task 1.0 (TID 8) (127.0.0.1 executor driver): java.lang.RuntimeException: bad row 2\n"
                + "\tat $line10052.$read$$iw.$anonfun$res13$1(<console>:24)\n\nDriver stacktrace:";
        StatementError e = StatementErrors.fromThrowable(new RuntimeException(msg, new Error("root")));
        assertThat(e.value()).endsWith("java.lang.RuntimeException: bad row 2").doesNotContain("\n");
        String trace = String.join("\n", e.traceback());
        assertThat(trace).contains("Driver stacktrace:").contains("Caused by: java.lang.Error: root");
        assertThat(trace).doesNotContain("\t");
    }

    @Test
    void leadingBlankLinesAreSkipped() {
        String first = "[PARSE_SYNTAX_ERROR] Syntax error at or near 'selec'.(line 1, pos 0)";
        assertThat(StatementErrors.trim("\n" + first + "\n\n== SQL ==\nselec 1\n^^^\n"))
                .isEqualTo(first);
        assertThat(StatementErrors.trim(" \n  ")).isEmpty();
    }

    @Test
    void longValuesAreCapped() {
        String v = StatementErrors.trim("x".repeat(5_000));
        assertThat(v).hasSize(StatementErrors.MAX_VALUE_CHARS).endsWith("...");
    }

    @Test
    void messagelessExceptionsAreNamedByClass() {
        StatementError e = StatementErrors.fromThrowable(new NullPointerException());
        assertThat(e.value()).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void wrappersAreUnwrapped() {
        Throwable inner = new ArithmeticException("/ by zero");
        StatementError e =
                StatementErrors.fromThrowable(new InvocationTargetException(new ExceptionInInitializerError(inner)));
        assertThat(e.name()).isEqualTo("java.lang.ArithmeticException");
        assertThat(e.value()).isEqualTo("/ by zero");
    }

    @Test
    void compileReportGivesTheFirstErrorWithoutPosition() {
        String report = "<console>:25: error: not found: value noSuchValue\n       noSuchValue + 1\n       ^\n"
                + "<console>:26: error: type mismatch;\n";
        StatementError e = StatementErrors.fromCompileReport(report);
        assertThat(e.name()).isEqualTo(StatementErrors.COMPILE_ERROR);
        assertThat(e.value()).isEqualTo("not found: value noSuchValue\n       noSuchValue + 1\n       ^");
        assertThat(e.traceback()).hasSize(4).first().asString().startsWith("<console>:25");
    }

    @Test
    void compileReportKeepsFoundRequiredAndTheCaretInTheValue() {
        String report = "<console>:23: error: type mismatch;\n found   : String(\"a\")\n required: Int\n"
                + "       val x: Int = \"a\"\n                    ^\n<console>:24: error: not found: value y\n";
        StatementError e = StatementErrors.fromCompileReport(report);
        assertThat(e.value())
                .isEqualTo("type mismatch;\n found   : String(\"a\")\n required: Int\n"
                        + "       val x: Int = \"a\"\n                    ^");
        assertThat(e.traceback()).hasSize(6);
        String many = "<console>:1: error: x\n" + " more\n".repeat(30);
        assertThat(StatementErrors.fromCompileReport(many).value().lines())
                .hasSize(StatementErrors.COMPILE_ERROR_LINES);
    }

    @Test
    void compileReportWithoutErrorMarkerUsesTheFirstLine() {
        assertThat(StatementErrors.fromCompileReport("\n  something odd\n").value())
                .isEqualTo("something odd");
        assertThat(StatementErrors.fromCompileReport("").value()).contains("rejected");
    }

    @Test
    void compileReportsAreToldFromRuntimeReports() {
        assertThat(StatementErrors.isCompileReport("<console>:25: error: not found: value x\n"))
                .isTrue();
        assertThat(StatementErrors.isCompileReport("warning: one deprecation\n<console>:3: error: ')' expected"))
                .isTrue();
        assertThat(StatementErrors.isCompileReport("<console>:25: warning: dead code\nres0: Int = 1"))
                .isFalse();
        assertThat(StatementErrors.isCompileReport("java.lang.RuntimeException: <console>:1: error: x\n"))
                .isFalse();
    }

    @Test
    void runtimeReportGivesClassAndMessage() {
        StatementError e = StatementErrors.fromRuntimeReport(
                "java.lang.IllegalStateException: boom\n  at .x(<console>:" + "24)\n  ... 38 elided\n");
        assertThat(e.name()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.value()).isEqualTo("boom");
        assertThat(e.traceback()).hasSize(3);
        assertThat(StatementErrors.fromRuntimeReport("java.lang.InterruptedException\n  at x")
                        .name())
                .isEqualTo("java.lang.InterruptedException");
        assertThat(StatementErrors.fromRuntimeReport("something else: entirely").name())
                .isEqualTo("Error");
        assertThat(StatementErrors.fromRuntimeReport("").value()).isEqualTo("the statement failed");
    }

    @Test
    void incompleteInputNamesTheProblemAndShowsTheCode() {
        StatementError e = StatementErrors.incomplete("val x = List(1,\n2,", "");
        assertThat(e.name()).isEqualTo(StatementErrors.INCOMPLETE_INPUT);
        assertThat(e.value()).contains("ends in the middle");
        assertThat(e.traceback()).containsExactly("Incomplete Scala input:", "val x = List(1,", "2,");
    }
}
