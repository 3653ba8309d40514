package dev.glivy.notebook;

import dev.glivy.CellResult;
import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.Notebook;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionException;
import dev.glivy.SessionInterruptedException;
import dev.glivy.StatementFailedException;
import dev.glivy.internal.notebook.CellOutputs;
import dev.glivy.internal.notebook.NotebookJson;
import dev.glivy.internal.notebook.ParameterCell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a notebook file headless on any transport, like papermill or {@code jupyter nbconvert --execute}: code cells in
 * order through a {@link Notebook} (so magic cells configure the session exactly as they do cell by cell, and
 * {@code %%sql} cells produce typed tables), markdown and raw cells kept as they are, and the executed notebook
 * returned with outputs, execution counts and timings.
 *
 * <pre>{@code
 * NotebookFile nb = NotebookFile.read(Path.of("populations.ipynb"));
 * NotebookRun run = NotebookRunner.builder().parameters(Map.of("year", 2020)).build()
 *         .run(nb, InteractiveSession.builder().transport(LocalTransport.builder()));
 * run.notebook().write(Path.of("populations.out.ipynb"));
 * run.throwIfFailed();
 * }</pre>
 *
 * <p><b>Errors.</b> By default the run stops at the first cell that fails (its code raised, a magic was bad, it
 * outlived {@link Builder#cellTimeout}, or the session was lost): that cell gets an {@code error} output and the
 * cells after it are left unexecuted. With {@link Builder#continueOnError} the run goes on. Either way
 * {@link NotebookRun#failure()} holds the first failure, and nothing is thrown for it; interruption is thrown (as
 * {@link SessionInterruptedException}) after the sessions are stopped.
 *
 * <p><b>Parameters</b> are injected the way papermill injects them: a new code cell tagged
 * {@code injected-parameters} right after the first cell tagged {@code parameters} (or first, when none is), assigning
 * each value in the notebook's language (Python or Scala) as a literal that cannot break out of itself.
 *
 * <p><b>Sessions:</b> every session the run starts is stopped when it ends, whatever happens. Immutable and
 * thread-safe; one runner can run many notebooks, each with its own session builder.
 *
 * @since 0.2
 */
public final class NotebookRunner {
    /** The tag papermill gives the cell holding a notebook's default parameters. */
    public static final String PARAMETERS_TAG = "parameters";
    /** The tag of the cell the runner injects. */
    public static final String INJECTED_TAG = "injected-parameters";

    private final boolean continueOnError;
    private final @Nullable Duration cellTimeout;
    private final Map<String, @Nullable Object> parameters;
    private final @Nullable Language language;
    private final Clock clock;

    private NotebookRunner(Builder b) {
        this.continueOnError = b.continueOnError;
        this.cellTimeout = b.cellTimeout;
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.language = b.language;
        this.clock = b.clock;
    }

    /** A builder with the defaults: stop at the first error, the session's statement timeout, no parameters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A runner with the defaults. */
    public static NotebookRunner create() {
        return builder().build();
    }

    /**
     * Runs {@code notebook} in sessions built by {@code sessions}.
     *
     * @param notebook the notebook
     * @param sessions how to build its sessions (transport, configuration); the runner sets the language to the
     *     notebook's unless the runner names one, and takes the builder over: do not reuse it
     * @throws IllegalArgumentException before anything runs, when parameters are given and cannot be injected (an
     *     unusable name or value, or a notebook whose language is neither Python nor Scala)
     * @throws SessionInterruptedException when the thread was interrupted (the sessions are stopped first)
     */
    public NotebookRun run(NotebookFile notebook, SessionBuilder sessions) {
        Objects.requireNonNull(notebook, "notebook must not be null");
        Objects.requireNonNull(sessions, "sessions must not be null");
        Language lang = language != null ? language : notebook.language().orElse(null);
        List<NotebookCell> cells = withIds(inject(notebook, lang), notebook.nbformatMinor());
        if (lang != null) {
            sessions.config(c -> c.language(lang));
        }
        Map<Integer, CellResult> results = new LinkedHashMap<>();
        Set<String> sessionIds = new LinkedHashSet<>();
        RuntimeException failure = null;
        int failedCell = -1;
        int count = 0;
        Notebook nb = Notebook.of(sessions);
        try {
            for (int i = 0; i < cells.size(); i++) {
                NotebookCell cell = cells.get(i);
                if (cell.type() != CellType.CODE) {
                    continue;
                }
                NotebookCell cleared = cell.withExecution(null, List.of())
                        .withMetadataJson(NotebookJson.withoutRun(cell.metadataJson()));
                if ((failure != null && !continueOnError) || cell.source().isBlank()) {
                    cells.set(i, cleared);
                    continue;
                }
                count++;
                Instant start = clock.instant();
                List<dev.glivy.notebook.CellOutput> outputs = new ArrayList<>();
                try {
                    CellResult r = nb.run(cell.source(), cellTimeout);
                    outputs.addAll(CellOutputs.messages(r.messages()));
                    r.statement().ifPresent(s -> outputs.addAll(CellOutputs.statement(s)));
                    r.table().ifPresent(t -> outputs.add(CellOutputs.table(t)));
                    results.put(i, r);
                } catch (StatementFailedException e) {
                    outputs.addAll(CellOutputs.statement(e.result()));
                    outputs.add(CellOutputs.error(e.error()));
                    if (failure == null) {
                        failure = e;
                        failedCell = i;
                    }
                } catch (SessionInterruptedException e) {
                    throw e;
                } catch (SessionException | IllegalArgumentException | IllegalStateException e) {
                    outputs.add(CellOutputs.error(e));
                    if (failure == null) {
                        failure = e;
                        failedCell = i;
                    }
                }
                String sid = nb.session().flatMap(InteractiveSession::id).orElse(null);
                if (sid != null) {
                    sessionIds.add(sid);
                }
                cells.set(
                        i,
                        cleared.withExecution(count, outputs)
                                .withMetadataJson(
                                        NotebookJson.withRun(cleared.metadataJson(), start, clock.instant(), sid)));
            }
        } finally {
            nb.close();
        }
        return new NotebookRun(notebook.withCells(cells), results, failedCell, failure, new ArrayList<>(sessionIds));
    }

    private List<NotebookCell> inject(NotebookFile notebook, @Nullable Language lang) {
        List<NotebookCell> cells = new ArrayList<>(notebook.cells());
        if (parameters.isEmpty()) {
            return cells;
        }
        if (lang == null) {
            throw new IllegalArgumentException("Cannot inject parameters into notebook " + notebook.source()
                    + ": its kernel (" + notebook.kernelName().orElse("none") + ") names no language Glivy knows; "
                    + "set NotebookRunner.Builder.language(...)");
        }
        String code = ParameterCell.code(parameters, lang);
        int at = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).hasTag(PARAMETERS_TAG)) {
                at = i + 1;
                break;
            }
        }
        cells.removeIf(c -> c.hasTag(INJECTED_TAG) && c.type() == CellType.CODE);
        cells.add(Math.min(at, cells.size()), NotebookCell.code(code).withTags(List.of(INJECTED_TAG)));
        return cells;
    }

    /** nbformat 4.5 cells need unique ids: give one to each cell without. */
    private static List<NotebookCell> withIds(List<NotebookCell> cells, int minor) {
        if (minor < 5) {
            return cells;
        }
        Set<String> used = new HashSet<>();
        cells.forEach(c -> c.id().ifPresent(used::add));
        for (int i = 0; i < cells.size(); i++) {
            NotebookCell c = cells.get(i);
            if (c.id().isEmpty()) {
                String base = c.hasTag(INJECTED_TAG) ? INJECTED_TAG : "glivy-cell-" + i;
                String id = base;
                for (int n = 2; used.contains(id); n++) {
                    id = base + "-" + n;
                }
                used.add(id);
                cells.set(i, c.withId(id));
            }
        }
        return cells;
    }

    /** The language the runner forces, if any. */
    public Optional<Language> language() {
        return Optional.ofNullable(language);
    }

    @Override
    public String toString() {
        return "NotebookRunner{continueOnError=" + continueOnError + ", cellTimeout=" + cellTimeout + ", parameters="
                + parameters.keySet() + ", language=" + language + "}";
    }

    /** Builder for {@link NotebookRunner}. Not thread-safe. */
    public static final class Builder {
        private boolean continueOnError;
        private @Nullable Duration cellTimeout;
        private Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
        private @Nullable Language language;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Whether to run the remaining cells after one fails. Default {@code false}: stop at the first error. */
        public Builder continueOnError(boolean v) {
            this.continueOnError = v;
            return this;
        }

        /**
         * The deadline of each statement of a cell (its code, its {@code %%sql}). Default: the session's statement
         * timeout. A cell over it fails with {@link dev.glivy.SessionTimeoutException} (and is cancelled).
         */
        public Builder cellTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "cellTimeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("cellTimeout must be > 0 but was " + timeout);
            }
            this.cellTimeout = timeout;
            return this;
        }

        /**
         * Values to inject papermill-style (copied, in order). Values may be {@code null}, booleans, numbers
         * ({@code Integer}, {@code Long}, {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}),
         * strings, and lists and string-keyed maps of those. Default: none (nothing is injected).
         */
        public Builder parameters(Map<String, ? extends @Nullable Object> values) {
            Objects.requireNonNull(values, "parameters must not be null");
            this.parameters = new LinkedHashMap<>(values);
            return this;
        }

        /**
         * The statement language, overriding the notebook's kernel. Default: the kernel's (see
         * {@link NotebookFile}).
         */
        public Builder language(Language v) {
            this.language = Objects.requireNonNull(v, "language must not be null");
            return this;
        }

        /** Where cell timings come from. Default: the system clock (UTC). */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock must not be null");
            return this;
        }

        /** The runner. */
        public NotebookRunner build() {
            return new NotebookRunner(this);
        }
    }
}
