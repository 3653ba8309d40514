package dev.glivy.notebook;

/**
 * The kind of a notebook cell, as nbformat 4's {@code cell_type} names it.
 *
 * @since 0.2
 */
public enum CellType {
    /** Code (and magics), run by {@link NotebookRunner}. */
    CODE("code"),
    /** Markdown text: kept, never run. */
    MARKDOWN("markdown"),
    /** Raw text: kept, never run. */
    RAW("raw");

    private final String json;

    CellType(String json) {
        this.json = json;
    }

    /** The {@code cell_type} value in the file. */
    public String json() {
        return json;
    }
}
