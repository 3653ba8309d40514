package dev.glivy.notebook;

import dev.glivy.CellResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What {@link NotebookRunner#run} did: the executed notebook (outputs, execution counts and timings filled in), the
 * result of every cell that ran, and the first failure, if any.
 *
 * <p>Immutable.
 *
 * @since 0.2
 */
public final class NotebookRun {
    private final NotebookFile notebook;
    private final Map<Integer, CellResult> results;
    private final int failedCell;
    private final @Nullable RuntimeException failure;
    private final List<String> sessionIds;

    NotebookRun(
            NotebookFile notebook,
            Map<Integer, CellResult> results,
            int failedCell,
            @Nullable RuntimeException failure,
            List<String> sessionIds) {
        this.notebook = notebook;
        this.results = Map.copyOf(results);
        this.failedCell = failedCell;
        this.failure = failure;
        this.sessionIds = List.copyOf(sessionIds);
    }

    /** The executed notebook, ready to {@link NotebookFile#write write}. */
    public NotebookFile notebook() {
        return notebook;
    }

    /** The results of the cells that ran without error, by their index in {@link #notebook()}. */
    public Map<Integer, CellResult> results() {
        return results;
    }

    /** Whether every code cell ran without error. */
    public boolean succeeded() {
        return failure == null;
    }

    /** The index (in {@link #notebook()}) of the first cell that failed. */
    public OptionalInt failedCell() {
        return failure == null ? OptionalInt.empty() : OptionalInt.of(failedCell);
    }

    /**
     * The first cell's failure: {@link dev.glivy.StatementFailedException} for code that raised,
     * {@link dev.glivy.config.InvalidConfigException} for a bad magic, {@link dev.glivy.SessionTimeoutException} for
     * a cell over its timeout, another {@link dev.glivy.SessionException} for the backend.
     */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Throws {@link #failure()} when there is one. */
    public NotebookRun throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
        return this;
    }

    /** The ids of the sessions the run used, in order of first use (all stopped by now). */
    public List<String> sessionIds() {
        return sessionIds;
    }

    @Override
    public String toString() {
        return "NotebookRun{" + notebook.source() + ", " + results.size() + " cells ran"
                + (failure == null
                        ? ""
                        : ", cell " + failedCell + " failed: "
                                + failure.getClass().getSimpleName())
                + "}";
    }
}
