package dev.glivy;

import java.util.List;
import java.util.Objects;

/**
 * The error raised by user code: Livy's and Glue's {@code ename}, {@code evalue} and {@code traceback}.
 *
 * <p>Immutable.
 */
public final class StatementError {
    private final String name;
    private final String value;
    private final List<String> traceback;

    private StatementError(String name, String value, List<String> traceback) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.value = Objects.requireNonNull(value, "value must not be null");
        this.traceback = List.copyOf(traceback);
    }

    /** Creates an error; {@code traceback} is copied. */
    public static StatementError of(String name, String value, List<String> traceback) {
        return new StatementError(name, value, traceback);
    }

    /** The error's name or class, for example {@code "NameError"} or {@code "Error"}. */
    public String name() {
        return name;
    }

    /** The error's message. */
    public String value() {
        return value;
    }

    /** The traceback lines, possibly empty; never trimmed. */
    public List<String> traceback() {
        return traceback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementError e
                && name.equals(e.name)
                && value.equals(e.value)
                && traceback.equals(e.traceback);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, traceback);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
