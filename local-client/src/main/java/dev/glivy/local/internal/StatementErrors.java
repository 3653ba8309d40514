package dev.glivy.local.internal;

import dev.glivy.StatementError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Turns failures of user code into {@link StatementError}s with the shapes Livy uses: a name, a short value and the
 * full traceback. Spark messages embed executor stack traces, query plans and SQL excerpts after the first line; the
 * value keeps only the first meaningful line (capped), the traceback keeps everything.
 *
 * <p>Pure functions; thread-safe.
 */
public final class StatementErrors {
    /** The name of a Scala compilation error. */
    public static final String COMPILE_ERROR = "CompileError";
    /** The name of a Scala statement that ends in the middle of an expression. */
    public static final String INCOMPLETE_INPUT = "IncompleteInput";
    /** Lines of a compile error kept in its value: {@value}. */
    static final int COMPILE_ERROR_LINES = 6;
    /** Longest error value line kept; the traceback has the rest. */
    static final int MAX_VALUE_CHARS = 1_000;

    private static final Pattern COMPILE_ERROR_LINE = Pattern.compile("(?m)^<console>:\\d+: error: ");

    private StatementErrors() {}

    /** The error of a thrown exception: its class name, its trimmed message, its stack trace lines. */
    public static StatementError fromThrowable(Throwable thrown) {
        Throwable t = unwrap(thrown);
        String message = t.getMessage();
        String value = message == null || message.isBlank() ? t.getClass().getName() : trim(message);
        return StatementError.of(t.getClass().getName(), value, stackTrace(t));
    }

    /**
     * The error of a Scala compilation failure from the interpreter's report, for example
     * {@code <console>:23: error: not found: value x} followed by the code excerpt: the value is the first error
     * message without its position plus its following lines ({@code found: ... / required: ...}, the code and the
     * caret line; at most {@value #COMPILE_ERROR_LINES} lines), the traceback is the whole report.
     */
    public static StatementError fromCompileReport(String report) {
        List<String> lines = lines(report);
        StringBuilder value = null;
        int kept = 0;
        for (String line : lines) {
            if (value == null) {
                int at = line.indexOf("error: ");
                if (at >= 0) {
                    value = new StringBuilder(
                            cap(line.substring(at + "error: ".length()).strip()));
                    kept = 1;
                }
                continue;
            }
            if (kept >= COMPILE_ERROR_LINES || COMPILE_ERROR_LINE.matcher(line).find()) {
                break;
            }
            value.append('\n').append(cap(line.stripTrailing()));
            kept++;
            if (line.strip().equals("^")) {
                break;
            }
        }
        if (value == null) {
            return StatementError.of(
                    COMPILE_ERROR,
                    lines.stream()
                            .filter(l -> !l.isBlank())
                            .findFirst()
                            .map(l -> cap(l.strip()))
                            .orElse("the Scala compiler rejected the statement"),
                    lines);
        }
        return StatementError.of(COMPILE_ERROR, value.toString(), lines);
    }

    /** Whether the interpreter's report is about compilation errors ({@code <console>:23: error: ...}). */
    public static boolean isCompileReport(String report) {
        return COMPILE_ERROR_LINE.matcher(report).find();
    }

    /**
     * The error of a runtime failure from the interpreter's printed stack trace, when the exception itself is not
     * available: {@code java.lang.IllegalStateException: boom} gives name {@code java.lang.IllegalStateException} and
     * value {@code boom}.
     */
    public static StatementError fromRuntimeReport(String report) {
        List<String> lines = lines(report);
        String first = lines.stream()
                .filter(l -> !l.isBlank())
                .findFirst()
                .map(String::strip)
                .orElse("");
        int colon = first.indexOf(": ");
        String head = colon < 0 ? first : first.substring(0, colon);
        if (head.isEmpty() || !head.matches("[\\w$.]+")) {
            return StatementError.of("Error", first.isEmpty() ? "the statement failed" : cap(first), lines);
        }
        String value = colon < 0 ? head : first.substring(colon + 2);
        return StatementError.of(head, cap(value), lines);
    }

    /** The error of a statement that ends before its last expression is complete. */
    public static StatementError incomplete(String pending, String report) {
        List<String> trace = new ArrayList<>(lines(report));
        trace.add(0, "Incomplete Scala input:");
        trace.addAll(1, lines(pending));
        return StatementError.of(
                INCOMPLETE_INPUT,
                "the statement ends in the middle of an expression or definition"
                        + " (for example an unclosed brace, parenthesis or string)",
                trace);
    }

    /**
     * The first meaningful line of a message: leading blank lines are skipped and the line is cut before embedded
     * stack frames; capped at {@value #MAX_VALUE_CHARS} characters.
     */
    public static String trim(String message) {
        for (String line : lines(message)) {
            String s = line.strip();
            if (!s.isEmpty()) {
                return cap(s);
            }
        }
        return "";
    }

    /** The stack trace of {@code t} (causes included) as lines, tabs as two spaces. */
    public static List<String> stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        List<String> out = new ArrayList<>();
        for (String line : lines(w.toString())) {
            if (!line.isEmpty()) {
                out.add(line.replace("\t", "  "));
            }
        }
        return out;
    }

    /** Unwraps reflection, completion and execution wrappers to the exception the user code threw. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof InvocationTargetException
                        || cur instanceof ExceptionInInitializerError
                        || cur instanceof CompletionException
                        || cur instanceof ExecutionException)
                && cur.getCause() != null
                && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            out.add(line);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String cap(String s) {
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
