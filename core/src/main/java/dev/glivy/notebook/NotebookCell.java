package dev.glivy.notebook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One cell of a notebook: its kind, its source text, its tags, and (for code cells) the execution count and outputs
 * the last run left. The cell's other metadata and its {@code id} are kept as they were read and written back
 * unchanged.
 *
 * <p>Immutable; {@code with*} methods return changed copies.
 *
 * @since 0.2
 */
public final class NotebookCell {
    private final CellType type;
    private final @Nullable String id;
    private final String source;
    private final List<String> tags;
    private final String metadataJson;
    private final @Nullable Integer executionCount;
    private final List<CellOutput> outputs;

    private NotebookCell(
            CellType type,
            @Nullable String id,
            String source,
            List<String> tags,
            String metadataJson,
            @Nullable Integer executionCount,
            List<CellOutput> outputs) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.id = id;
        this.source = Objects.requireNonNull(source, "source must not be null");
        this.tags = List.copyOf(tags);
        this.metadataJson = Objects.requireNonNull(metadataJson, "metadataJson must not be null");
        this.executionCount = executionCount;
        this.outputs = List.copyOf(outputs);
    }

    /** A new code cell with {@code source} and no id, tags, metadata or outputs. */
    public static NotebookCell code(String source) {
        return new NotebookCell(CellType.CODE, null, source, List.of(), "{}", null, List.of());
    }

    /** A new markdown cell with {@code source}. */
    public static NotebookCell markdown(String source) {
        return new NotebookCell(CellType.MARKDOWN, null, source, List.of(), "{}", null, List.of());
    }

    /**
     * A cell with every part given; used by the reader.
     *
     * @param metadataJson the cell's {@code metadata} object as JSON text (tags included)
     */
    public static NotebookCell of(
            CellType type,
            @Nullable String id,
            String source,
            List<String> tags,
            String metadataJson,
            @Nullable Integer executionCount,
            List<CellOutput> outputs) {
        return new NotebookCell(type, id, source, tags, metadataJson, executionCount, outputs);
    }

    /** The cell's kind. */
    public CellType type() {
        return type;
    }

    /** The cell's nbformat 4.5 {@code id}, when the file has one. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The source text, lines joined. */
    public String source() {
        return source;
    }

    /** The cell's tags ({@code metadata.tags}), for example {@code parameters}. */
    public List<String> tags() {
        return tags;
    }

    /** Whether the cell carries {@code tag}. */
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** The cell's {@code metadata} object as JSON text. */
    public String metadataJson() {
        return metadataJson;
    }

    /** The execution count of a code cell that ran. */
    public Optional<Integer> executionCount() {
        return Optional.ofNullable(executionCount);
    }

    /** The outputs of a code cell (empty when it did not run or printed nothing). */
    public List<CellOutput> outputs() {
        return outputs;
    }

    /** A copy with a new id. */
    public NotebookCell withId(@Nullable String newId) {
        return new NotebookCell(type, newId, source, tags, metadataJson, executionCount, outputs);
    }

    /** A copy with new tags. */
    public NotebookCell withTags(List<String> newTags) {
        return new NotebookCell(type, id, source, newTags, metadataJson, executionCount, outputs);
    }

    /** A copy with new metadata (JSON object text; {@code tags} in it are replaced by {@link #tags()} on write). */
    public NotebookCell withMetadataJson(String json) {
        return new NotebookCell(type, id, source, tags, json, executionCount, outputs);
    }

    /** A copy with an execution count and outputs (a code cell that ran, or {@code null} and none for not run). */
    public NotebookCell withExecution(@Nullable Integer count, List<CellOutput> newOutputs) {
        return new NotebookCell(type, id, source, tags, metadataJson, count, newOutputs);
    }

    @Override
    public String toString() {
        return "NotebookCell{" + type.json() + (id == null ? "" : " " + id) + ", " + source.length() + " chars"
                + (tags.isEmpty() ? "" : ", tags=" + tags) + ", outputs=" + outputs.size() + "}";
    }
}
