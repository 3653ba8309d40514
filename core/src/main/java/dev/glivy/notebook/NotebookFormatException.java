package dev.glivy.notebook;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A notebook file that is not a notebook Glivy can read: not JSON, not nbformat 4, or a cell of the wrong shape. The
 * message names the file, the cell (0-based index, when one is at fault) and what was expected.
 *
 * <p>An input mistake, so a plain {@link IllegalArgumentException} like Glivy's configuration errors.
 *
 * @since 0.2
 */
public final class NotebookFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int cellIndex;

    /**
     * An error in a notebook.
     *
     * @param source the file name (or another description of where the text came from)
     * @param cellIndex the 0-based index of the cell at fault, or {@code -1} for the notebook as a whole
     * @param problem what is wrong and what was expected
     * @param cause the parser's error, or {@code null}
     */
    public NotebookFormatException(String source, int cellIndex, String problem, @Nullable Throwable cause) {
        super(message(source, cellIndex, problem), cause);
        this.source = source;
        this.cellIndex = cellIndex;
    }

    /** The same, without a cause. */
    public NotebookFormatException(String source, int cellIndex, String problem) {
        super(message(source, cellIndex, problem));
        this.source = source;
        this.cellIndex = cellIndex;
    }

    private static String message(String source, int cellIndex, String problem) {
        return "Cannot read notebook " + source + (cellIndex < 0 ? "" : ", cell " + cellIndex) + ": " + problem;
    }

    /** Where the notebook came from (a file name). */
    public String source() {
        return source;
    }

    /** The 0-based index of the cell at fault, empty when the notebook as a whole is. */
    public OptionalInt cellIndex() {
        return cellIndex < 0 ? OptionalInt.empty() : OptionalInt.of(cellIndex);
    }
}
