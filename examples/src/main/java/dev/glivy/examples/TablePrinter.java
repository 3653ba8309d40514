package dev.glivy.examples;

import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.SqlResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints a {@link SqlResult} as a text table, like Spark's {@code show()}, and says when it was truncated. */
final class TablePrinter {
    private static final int MAX_WIDTH = 28;

    private TablePrinter() {}

    static void print(String title, SqlResult result, PrintStream out) {
        List<String> header = new ArrayList<>();
        for (Column c : result.columns()) {
            header.add(c.name());
        }
        List<List<String>> cells = new ArrayList<>();
        for (Row r : result.rows()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                line.add(clip(r.isNull(i) ? "null" : String.valueOf(r.get(i))));
            }
            cells.add(line);
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = clip(header.get(i)).length();
            for (List<String> line : cells) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w)).append('+');
        }
        out.println(title);
        out.println(rule);
        out.println(line(header, width));
        out.println(rule);
        for (List<String> line : cells) {
            out.println(line(line, width));
        }
        out.println(rule);
        out.println(
                result.size() + " row(s)" + (result.truncated() ? ", truncated at the limit of " + result.limit() : "")
                        + "; columns: " + types(result));
        out.println();
    }

    private static String types(SqlResult result) {
        List<String> t = new ArrayList<>();
        for (Column c : result.columns()) {
            t.add(c.name() + " " + c.type().simpleString());
        }
        return String.join(", ", t);
    }

    private static String line(List<String> values, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            String v = i < values.size() ? clip(values.get(i)) : "";
            sb.append(" ".repeat(width[i] - v.length())).append(v).append('|');
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= MAX_WIDTH ? s : s.substring(0, MAX_WIDTH - 3) + "...";
    }
}
