package dev.glivy.internal.sql;

import dev.glivy.internal.InternalApi;

/**
 * A value that does not fit its column, raised deep inside the row decoder and caught by the caller that knows
 * the row, line and statement. Carries the path inside the row ({@code st.items[2]}); no stack trace, since it is
 * always rethrown as a {@link dev.glivy.ResultFormatException}.
 */
@InternalApi
public final class DecodeError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /** An error at {@code path} inside the row ({@code ""} for the row itself). */
    public DecodeError(String path, String problem) {
        super(path.isEmpty() ? problem : "column '" + path + "': " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** The same error one level further out: {@code prefix} is a column name or {@code name[index]}. */
    public DecodeError under(String prefix) {
        if (path.isEmpty()) {
            return new DecodeError(prefix, problem);
        }
        return new DecodeError(prefix + (path.startsWith("[") ? "" : ".") + path, problem);
    }
}
