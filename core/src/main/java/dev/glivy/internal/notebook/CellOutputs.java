package dev.glivy.internal.notebook;

import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.SqlResult;
import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import dev.glivy.internal.InternalApi;
import dev.glivy.notebook.CellOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cell's run shows, as nbformat outputs: magic messages and printed text as {@code stdout} streams, a
 * statement's PNG and JSON as {@code display_data}, a {@code %%sql} table as an {@code execute_result} with an HTML
 * table and a plain-text one, a failure as an {@code error}. Pure functions; thread-safe.
 */
@InternalApi
public final class CellOutputs {
    /** Characters of one cell in the plain-text table before it is cut. */
    static final int PLAIN_CELL_WIDTH = 40;

    private CellOutputs() {}

    /** Magic messages, one per line, as one {@code stdout} stream (none when there are none). */
    public static List<CellOutput> messages(List<String> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return List.of(CellOutput.stream("stdout", String.join("\n", messages) + "\n"));
    }

    /** A statement's outputs: text as a stream, other MIME types as display data. */
    public static List<CellOutput> statement(StatementResult r) {
        List<CellOutput> out = new ArrayList<>();
        Map<String, String> rich = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : r.outputs().entrySet()) {
            if (e.getKey().equals(StatementResult.TEXT_PLAIN)) {
                if (!e.getValue().isEmpty()) {
                    out.add(CellOutput.stream("stdout", e.getValue()));
                }
            } else {
                rich.put(e.getKey(), e.getValue());
            }
        }
        if (!rich.isEmpty()) {
            rich.putIfAbsent(
                    StatementResult.TEXT_PLAIN,
                    rich.containsKey(StatementResult.IMAGE_PNG)
                            ? "<image>"
                            : "<" + String.join(", ", rich.keySet()) + ">");
            out.add(CellOutput.data(CellOutput.Kind.DISPLAY_DATA, rich));
        }
        return out;
    }

    /** A {@code %%sql} table as an {@code execute_result} with {@code text/html} and {@code text/plain}. */
    public static CellOutput table(SqlResult t) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("text/html", html(t));
        data.put(StatementResult.TEXT_PLAIN, plain(t));
        return CellOutput.data(CellOutput.Kind.EXECUTE_RESULT, data);
    }

    /** An error output from a statement's error. */
    public static CellOutput error(StatementError e) {
        return CellOutput.error(e.name(), e.value(), e.traceback());
    }

    /** An error output for a failure outside user code (a bad magic, a timeout, a lost session). */
    public static CellOutput error(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        return CellOutput.error(
                t.getClass().getSimpleName(), message, List.of(t.getClass().getName() + ": " + message));
    }

    static String html(SqlResult t) {
        StringBuilder sb = new StringBuilder("<table>\n<thead>\n<tr>");
        for (Column c : t.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr>\n</thead>\n<tbody>\n");
        for (Row r : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                sb.append("<td>").append(escape(String.valueOf(r.get(i)))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (t.truncated()) {
            sb.append("<p>Only the first ").append(t.size()).append(" rows are shown.</p>\n");
        }
        return sb.toString();
    }

    static String plain(SqlResult t) {
        int n = t.columns().size();
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[n];
        for (int i = 0; i < n; i++) {
            head[i] = cut(t.columns().get(i).name());
        }
        lines.add(head);
        for (Row r : t.rows()) {
            String[] cells = new String[n];
            for (int i = 0; i < n; i++) {
                cells[i] = cut(String.valueOf(r.get(i)));
            }
            lines.add(cells);
        }
        int[] width = new int[n];
        for (String[] l : lines) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w)).append('+');
        }
        StringBuilder sb = new StringBuilder().append(rule).append('\n');
        for (int k = 0; k < lines.size(); k++) {
            sb.append('|');
            for (int i = 0; i < n; i++) {
                String v = lines.get(k)[i];
                sb.append(" ".repeat(width[i] - v.length())).append(v).append('|');
            }
            sb.append('\n');
            if (k == 0) {
                sb.append(rule).append('\n');
            }
        }
        sb.append(rule);
        if (t.truncated()) {
            sb.append("\nonly showing the first ").append(t.size()).append(" rows");
        }
        return sb.toString();
    }

    private static String cut(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > PLAIN_CELL_WIDTH ? one.substring(0, PLAIN_CELL_WIDTH - 3) + "..." : one;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
