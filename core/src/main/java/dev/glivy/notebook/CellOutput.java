package dev.glivy.notebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One output of a code cell, as nbformat 4 stores it: a {@code stream} (text on stdout or stderr), an
 * {@code execute_result} or {@code display_data} (data by MIME type: {@code text/plain}, {@code text/html},
 * {@code image/png} as base64, {@code application/json} as JSON text), or an {@code error} (name, value, traceback).
 *
 * <p>Immutable.
 *
 * @since 0.2
 */
public final class CellOutput {
    /** nbformat's output kinds. */
    public enum Kind {
        /** Text written to {@code stdout} or {@code stderr}. */
        STREAM("stream"),
        /** The value of the cell, with the cell's execution count. */
        EXECUTE_RESULT("execute_result"),
        /** Rich data shown by the cell (a chart, a table). */
        DISPLAY_DATA("display_data"),
        /** The cell raised. */
        ERROR("error");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        /** The {@code output_type} value in the file. */
        public String json() {
            return json;
        }
    }

    private final Kind kind;
    private final String name;
    private final String text;
    private final Map<String, String> data;
    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    private CellOutput(
            Kind kind,
            String name,
            String text,
            Map<String, String> data,
            String ename,
            String evalue,
            List<String> traceback) {
        this.kind = kind;
        this.name = name;
        this.text = text;
        this.data = Map.copyOf(data);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** Text on a stream, {@code "stdout"} or {@code "stderr"}. */
    public static CellOutput stream(String name, String text) {
        if (!name.equals("stdout") && !name.equals("stderr")) {
            throw new IllegalArgumentException("name must be stdout or stderr but was '" + name + "'");
        }
        return new CellOutput(
                Kind.STREAM, name, Objects.requireNonNull(text, "text must not be null"), Map.of(), "", "", List.of());
    }

    /** An {@code execute_result} or {@code display_data} with data by MIME type (kept in the given order). */
    public static CellOutput data(Kind kind, Map<String, String> data) {
        if (kind != Kind.EXECUTE_RESULT && kind != Kind.DISPLAY_DATA) {
            throw new IllegalArgumentException("kind must be EXECUTE_RESULT or DISPLAY_DATA but was " + kind);
        }
        return new CellOutput(kind, "", "", new LinkedHashMap<>(data), "", "", List.of());
    }

    /** An error: the exception's name and value and the traceback lines. */
    public static CellOutput error(String ename, String evalue, List<String> traceback) {
        return new CellOutput(
                Kind.ERROR,
                "",
                "",
                Map.of(),
                Objects.requireNonNull(ename, "ename must not be null"),
                Objects.requireNonNull(evalue, "evalue must not be null"),
                traceback);
    }

    /** What kind of output this is. */
    public Kind kind() {
        return kind;
    }

    /** The stream's name ({@code stdout}/{@code stderr}); empty for other kinds. */
    public String name() {
        return name;
    }

    /** The stream's text; empty for other kinds. */
    public String text() {
        return text;
    }

    /** Data by MIME type for {@code execute_result}/{@code display_data}; empty for other kinds. */
    public Map<String, String> data() {
        return data;
    }

    /** The error's name; empty for other kinds. */
    public String ename() {
        return ename;
    }

    /** The error's value (message); empty for other kinds. */
    public String evalue() {
        return evalue;
    }

    /** The error's traceback lines; empty for other kinds. */
    public List<String> traceback() {
        return traceback;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CellOutput c
                && c.kind == kind
                && c.name.equals(name)
                && c.text.equals(text)
                && c.data.equals(data)
                && c.ename.equals(ename)
                && c.evalue.equals(evalue)
                && c.traceback.equals(traceback);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, text, data, ename, evalue, traceback);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STREAM -> "CellOutput{stream " + name + ", " + text.length() + " chars}";
            case ERROR -> "CellOutput{error " + ename + "}";
            default -> "CellOutput{" + kind.json() + " " + data.keySet() + "}";
        };
    }
}
