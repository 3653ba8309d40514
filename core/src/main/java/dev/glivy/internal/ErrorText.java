package dev.glivy.internal;

import dev.glivy.StatementError;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a failed statement's exception message: the error's name and value, keeping up to
 * {@value #MAX_LINES} lines of a multi-line value (a Scala compile error's "found / required" lines and caret line),
 * each capped at {@value #MAX_LINE_CHARS} characters, then where the full traceback is. A sentence is never ended
 * twice ("catalog.." or "mismatch;."). Also the sentence every lost-session message ends with, core's and the
 * transports'. Pure functions; thread-safe.
 */
@InternalApi
public final class ErrorText {
    /** The end of a message saying a session is lost: what is gone and the two ways on. */
    public static final String LOST_SESSION_HINT = "Everything defined in it is gone; build a new session, or enable "
            + "SessionBuilder.recreateLostSession(true).";
    /** Lines of an error value kept in an exception message: {@value}. */
    public static final int MAX_LINES = 6;
    /** Characters kept of each line: {@value}. */
    public static final int MAX_LINE_CHARS = 500;

    private ErrorText() {}

    /**
     * {@code "<where> failed: <name>: <value>"} followed by {@code hint}: on the same line after a single-line value,
     * on a line of its own after a multi-line one.
     */
    public static String failed(String where, StatementError error, String hint) {
        List<String> lines = valueLines(error.value());
        StringBuilder b = new StringBuilder(where).append(" failed: ").append(error.name());
        if (!lines.isEmpty()) {
            b.append(": ").append(lines.get(0));
        }
        if (lines.size() <= 1) {
            return b.append(endsSentence(b) ? " " : ". ").append(hint).toString();
        }
        for (int i = 1; i < lines.size(); i++) {
            b.append('\n').append(lines.get(i));
        }
        return b.append('\n').append(hint).toString();
    }

    /** The value's lines, trailing blank lines dropped, capped in count and length. */
    static List<String> valueLines(String value) {
        List<String> all = new ArrayList<>(List.of(value.split("\r?\n", -1)));
        while (!all.isEmpty() && all.get(all.size() - 1).isBlank()) {
            all.remove(all.size() - 1);
        }
        while (!all.isEmpty() && all.get(0).isBlank()) {
            all.remove(0);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size() && i < MAX_LINES; i++) {
            String line = all.get(i).stripTrailing();
            out.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line);
        }
        if (all.size() > MAX_LINES) {
            out.add("... (" + (all.size() - MAX_LINES) + " more lines)");
        }
        if (!out.isEmpty()) {
            out.set(0, out.get(0).strip());
        }
        return out;
    }

    private static boolean endsSentence(CharSequence s) {
        char last = s.length() == 0 ? ' ' : s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?';
    }
}
