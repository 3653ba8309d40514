package dev.glivy.internal.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text format the generated SQL wrappers print, and how Glivy finds it in a statement's output.
 *
 * <pre>
 * (anything the session printed before)
 * #glivy-sql-v1 begin &lt;nonce&gt;
 * {"type":"struct","fields":[...]}          the schema, Spark's StructType JSON, one line
 * {"id":1,"name":"a"}                       one row per line: Spark's toJSON (null fields left out)
 * ...
 * #glivy-sql-v1 end &lt;nonce&gt; rows=&lt;n&gt; truncated=&lt;true|false&gt;
 * (anything printed after)
 * </pre>
 *
 * <p>The markers start a line; the wrapper prints a newline first, so output without a final newline before it does
 * not matter. The nonce is random per statement, so neither other output nor data can forge a marker, and the
 * trailer's row count proves no line went missing. Every line is ASCII, and JSON keeps newlines inside strings
 * escaped, so each row is exactly one line. {@code \r\n} line ends are accepted.
 */
public final class SqlEnvelope {
    /** The version tag that starts both markers. */
    public static final String TAG = "#glivy-sql-v1";

    private static final Pattern TRAILER = Pattern.compile("rows=(\\d{1,18}) truncated=(true|false)\\s*");

    private SqlEnvelope() {}

    /** The begin marker line (without line end). */
    public static String begin(String nonce) {
        return TAG + " begin " + nonce;
    }

    /** The end marker line up to the row count. */
    public static String endPrefix(String nonce) {
        return TAG + " end " + nonce + " ";
    }

    /** The complete end marker line (without line end). */
    public static String end(String nonce, long rows, boolean truncated) {
        return endPrefix(nonce) + "rows=" + rows + " truncated=" + truncated;
    }

    /**
     * Where the parts of the envelope are in {@code text}: the schema line {@code [schemaStart, schemaEnd)}, the row
     * lines {@code [rowsStart, rowsEnd)}, and the trailer's row count and truncated flag.
     */
    public record Located(int schemaStart, int schemaEnd, int rowsStart, int rowsEnd, long rows, boolean truncated) {}

    /**
     * Finds the envelope with {@code nonce}.
     *
     * @throws IllegalArgumentException explaining what is missing (the whole envelope, the schema line, the
     *     trailer, or a well-formed trailer) and what was found instead
     */
    public static Located locate(String text, String nonce) {
        String begin = begin(nonce);
        int at = lineStart(text, begin, 0);
        if (at < 0) {
            throw new IllegalArgumentException(missingBeginMessage(text));
        }
        int again = lineStart(text, begin, at + begin.length());
        if (again >= 0) {
            throw new IllegalArgumentException("the output holds the envelope '" + begin + "' twice");
        }
        int schemaStart = text.indexOf('\n', at) + 1;
        if (schemaStart == 0 || schemaStart >= text.length()) {
            throw new IllegalArgumentException("the output ends right after '" + begin + "': no schema line");
        }
        int nl = text.indexOf('\n', schemaStart);
        if (nl < 0) {
            throw new IllegalArgumentException(cutOff(text, 0));
        }
        int schemaEnd = nl > schemaStart && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        String end = "\n" + endPrefix(nonce);
        int endAt = text.indexOf(end, nl);
        if (endAt < 0) {
            throw new IllegalArgumentException(cutOff(text, countLines(text, nl + 1, text.length())));
        }
        int lineEnd = text.indexOf('\n', endAt + 1);
        String trailer = text.substring(endAt + end.length(), lineEnd < 0 ? text.length() : lineEnd);
        Matcher m = TRAILER.matcher(trailer);
        if (!m.matches()) {
            throw new IllegalArgumentException("the end marker is malformed: '" + endPrefix(nonce) + trailer
                    + "' (expected 'rows=<n> truncated=<true|false>')");
        }
        return new Located(
                schemaStart,
                schemaEnd,
                nl + 1,
                endAt + 1,
                Long.parseLong(m.group(1)),
                Boolean.parseBoolean(m.group(2)));
    }

    private static int lineStart(String text, String marker, int from) {
        int i = text.indexOf(marker, from);
        while (i >= 0) {
            int after = i + marker.length();
            boolean startsLine = i == 0 || text.charAt(i - 1) == '\n';
            boolean endsLine = after == text.length()
                    || text.charAt(after) == '\n'
                    || (text.charAt(after) == '\r' && (after + 1 == text.length() || text.charAt(after + 1) == '\n'));
            if (startsLine && endsLine) {
                return i;
            }
            i = text.indexOf(marker, i + 1);
        }
        return -1;
    }

    private static String missingBeginMessage(String text) {
        int other = text.indexOf(TAG + " begin ");
        if (other >= 0) {
            return "the output holds a Glivy SQL envelope of another statement (different nonce), not this one's";
        }
        int version = text.indexOf("#glivy-sql-v");
        if (version >= 0) {
            int e = text.indexOf(' ', version);
            return "the output holds a Glivy SQL envelope of another format version ("
                    + text.substring(version, e < 0 ? Math.min(text.length(), version + 20) : e)
                    + "); this Glivy reads " + TAG;
        }
        return "the output holds no '" + TAG + " begin' marker, so the generated code did not run to the end. "
                + "The output starts with: " + preview(text);
    }

    private static String cutOff(String text, int lines) {
        return "the output was cut off: it has the begin marker and " + lines + " line(s) after the schema, but "
                + "no end marker (" + text.length() + " characters in all). The backend's statement output limit "
                + "may have been reached: ask for fewer rows (SqlRequest limit) or select fewer columns.";
    }

    private static int countLines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Up to 200 characters of {@code text}, newlines shown as {@code \n}, for messages. */
    public static String preview(String text) {
        String s = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return "'" + s.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
