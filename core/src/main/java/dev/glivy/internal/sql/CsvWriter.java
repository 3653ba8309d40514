package dev.glivy.internal.sql;

import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes rows as RFC 4180 CSV: see {@code SqlResult.writeCsv} for the rules. */
public final class CsvWriter {
    private static final String EOL = "\r\n";

    private CsvWriter() {}

    /** Writes a header line and one line per row. */
    public static void write(Schema schema, List<Row> rows, Appendable out) throws IOException {
        for (int i = 0; i < schema.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(schema.column(i).name(), out);
        }
        out.append(EOL);
        for (Row r : rows) {
            for (int i = 0; i < schema.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object v = r.get(i);
                if (v != null) {
                    field(text(v, schema.column(i).type()), out);
                }
            }
            out.append(EOL);
        }
    }

    private static String text(Object v, SparkType t) {
        if (t.isNested()) {
            return JsonLinesWriter.json(v, t);
        }
        return JsonLinesWriter.text(v);
    }

    /** One field, quoted when it must be (and when empty, so it differs from a null). */
    static void field(@Nullable String s, Appendable out) throws IOException {
        if (s == null) {
            return;
        }
        if (!needsQuotes(s)) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
