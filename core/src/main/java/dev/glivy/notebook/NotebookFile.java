package dev.glivy.notebook;

import dev.glivy.Language;
import dev.glivy.internal.notebook.NotebookJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Jupyter notebook (nbformat 4.x): its cells, its kernel, and the rest of its metadata, kept as read so that writing
 * the notebook back changes only what a run changed.
 *
 * <p>{@link #read(Path)} and {@link #parse(String, String)} accept nbformat 4.0 to 4.5 and refuse anything else with a
 * {@link NotebookFormatException} naming the file, the cell and what was expected. {@link #toJson()} writes nbformat 4
 * of the same minor version, in Jupyter's layout (one-space indent, source and text as lists of lines).
 *
 * <p>The kernel decides the statement language: {@code glue_pyspark}, {@code pysparkkernel}, {@code python3} (any
 * {@code python*}) are {@link Language#PYTHON}; {@code glue_spark}, {@code sparkkernel} and Scala kernels are
 * {@link Language#SCALA}; {@code sparkrkernel} and {@code ir} are {@link Language#R}; otherwise
 * {@code metadata.language_info.name} is used when present.
 *
 * <p>Immutable; {@code with*} methods return changed copies.
 *
 * @since 0.2
 */
public final class NotebookFile {
    private final String source;
    private final int nbformatMinor;
    private final String metadataJson;
    private final List<NotebookCell> cells;

    private NotebookFile(String source, int nbformatMinor, String metadataJson, List<NotebookCell> cells) {
        this.source = Objects.requireNonNull(source, "source must not be null");
        if (nbformatMinor < 0) {
            throw new IllegalArgumentException("nbformatMinor must be >= 0 but was " + nbformatMinor);
        }
        this.nbformatMinor = nbformatMinor;
        this.metadataJson = Objects.requireNonNull(metadataJson, "metadataJson must not be null");
        this.cells = List.copyOf(cells);
    }

    /**
     * A notebook made of parts; used by the reader.
     *
     * @param source where it came from, for messages (a file name)
     * @param nbformatMinor the nbformat 4 minor version (0 to 5)
     * @param metadataJson the notebook's {@code metadata} object as JSON text
     * @param cells the cells, in order
     */
    public static NotebookFile of(String source, int nbformatMinor, String metadataJson, List<NotebookCell> cells) {
        return new NotebookFile(source, nbformatMinor, metadataJson, cells);
    }

    /**
     * Reads a notebook file (UTF-8).
     *
     * @throws NotebookFormatException when the file is not an nbformat 4 notebook
     * @throws IOException when the file cannot be read
     */
    public static NotebookFile read(Path file) throws IOException {
        Objects.requireNonNull(file, "file must not be null");
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses notebook JSON.
     *
     * @param json the file's text
     * @param source where it came from, for messages (a file name)
     * @throws NotebookFormatException when the text is not an nbformat 4 notebook
     */
    public static NotebookFile parse(String json, String source) {
        Objects.requireNonNull(json, "json must not be null");
        Objects.requireNonNull(source, "source must not be null");
        return NotebookJson.read(json, source);
    }

    /** Where the notebook came from (a file name), for messages. */
    public String source() {
        return source;
    }

    /** Always 4. */
    public int nbformat() {
        return 4;
    }

    /** The nbformat minor version (0 to 5); 4.5 cells carry ids. */
    public int nbformatMinor() {
        return nbformatMinor;
    }

    /** The notebook's {@code metadata} object as JSON text. */
    public String metadataJson() {
        return metadataJson;
    }

    /** The cells, in order. */
    public List<NotebookCell> cells() {
        return cells;
    }

    /** The kernel's name ({@code metadata.kernelspec.name}), for example {@code glue_pyspark}. */
    public Optional<String> kernelName() {
        return NotebookJson.kernelName(metadataJson);
    }

    /** The statement language the notebook's kernel runs (see the class comment), when known. */
    public Optional<Language> language() {
        Optional<Language> byKernel = kernelName().flatMap(NotebookFile::languageOfKernel);
        return byKernel.isPresent()
                ? byKernel
                : NotebookJson.languageInfoName(metadataJson).flatMap(NotebookFile::languageOfKernel);
    }

    /** The language a kernel (or {@code language_info}) name stands for, when Glivy knows it. */
    public static Optional<Language> languageOfKernel(@Nullable String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("glue_pyspark") || n.equals("pysparkkernel") || n.startsWith("python") || n.equals("pyspark")) {
            return Optional.of(Language.PYTHON);
        }
        if (n.equals("glue_spark") || n.equals("sparkkernel") || n.contains("scala") || n.equals("spark")) {
            return Optional.of(Language.SCALA);
        }
        if (n.equals("sparkrkernel") || n.equals("ir") || n.equals("r")) {
            return Optional.of(Language.R);
        }
        return Optional.empty();
    }

    /** A copy with other cells. */
    public NotebookFile withCells(List<NotebookCell> newCells) {
        return new NotebookFile(source, nbformatMinor, metadataJson, newCells);
    }

    /** A copy with other notebook metadata (a JSON object's text). */
    public NotebookFile withMetadataJson(String json) {
        NotebookJson.requireObject(json, "metadataJson");
        return new NotebookFile(source, nbformatMinor, json, cells);
    }

    /** The notebook as nbformat 4 JSON, in Jupyter's layout, ending with a newline. */
    public String toJson() {
        return NotebookJson.write(this);
    }

    /** Writes {@link #toJson()} to {@code file} (UTF-8), replacing it. */
    public void write(Path file) throws IOException {
        Files.writeString(Objects.requireNonNull(file, "file must not be null"), toJson(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "NotebookFile{" + source + ", nbformat 4." + nbformatMinor + ", kernel="
                + kernelName().orElse("?") + ", cells=" + cells.size() + "}";
    }
}
