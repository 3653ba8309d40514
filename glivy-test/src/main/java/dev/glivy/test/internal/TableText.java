package dev.glivy.test.internal;

import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.SqlResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders a SQL result as a small text table for assertion messages, so a failure shows what came back, not only
 * what was expected. At most {@link #MAX_ROWS} rows and {@link #MAX_CELL} characters per cell.
 */
public final class TableText {
    /** Rows shown before "... N more rows". */
    public static final int MAX_ROWS = 20;
    /** Characters shown per cell. */
    public static final int MAX_CELL = 40;

    private TableText() {}

    /** {@code result} as a text table, with its row count and truncation. */
    public static String render(SqlResult result) {
        List<Column> cols = result.columns();
        List<String[]> cells = new ArrayList<>();
        String[] head = new String[cols.size()];
        for (int i = 0; i < head.length; i++) {
            head[i] = cols.get(i).name() + ": " + cols.get(i).type().simpleString();
        }
        cells.add(head);
        List<Row> rows = result.rows();
        for (Row r : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
            String[] line = new String[cols.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = cell(r.get(i));
            }
            cells.add(line);
        }
        int[] width = new int[cols.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            b.append('|');
            for (int i = 0; i < width.length; i++) {
                String c = cells.get(l)[i];
                b.append(' ')
                        .append(c)
                        .append(" ".repeat(width[i] - c.length()))
                        .append(" |");
            }
            b.append('\n');
            if (l == 0) {
                b.append('|');
                for (int w : width) {
                    b.append("-".repeat(w + 2)).append('|');
                }
                b.append('\n');
            }
        }
        if (rows.size() > MAX_ROWS) {
            b.append("... ").append(rows.size() - MAX_ROWS).append(" more rows\n");
        }
        b.append(rows.size())
                .append(rows.size() == 1 ? " row" : " rows")
                .append(result.truncated() ? ", truncated at limit " + result.limit() : "");
        return b.toString();
    }

    /** One cell as text: {@code null}, strings quoted, arrays and nested rows shown by value. */
    public static String cell(@Nullable Object v) {
        String s;
        if (v == null) {
            s = "null";
        } else if (v instanceof String str) {
            s = "\"" + str + "\"";
        } else if (v instanceof byte[] bytes) {
            s = Arrays.toString(bytes);
        } else {
            s = v.toString();
        }
        s = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
    }
}
