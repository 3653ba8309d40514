package dev.glivy.magic;

import static dev.glivy.internal.SettingParser.quote;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A notebook cell split like the Glue kernel splits it: the magics in order, then the code. Leading line magics come
 * one per line ({@code %name argument}); blank lines and comment lines ({@code #}, {@code //}) between them are
 * skipped; a cell magic ({@code %%name} alone on its line) takes the rest of the cell as its body and ends the
 * magics; otherwise the first other line starts the code (with any comment lines right above it), which runs after
 * the magics.
 *
 * <pre>{@code
 * MagicCell cell = MagicCell.parse("%idle_timeout 30\n%worker_type G.1X\n%number_of_workers 2\ndf = spark.range(5)");
 * cell.configMagics().forEach(m -> m.applyTo(config));  // a runner: configure the next session
 * cell.actions();                                       // none here; a runner executes them
 * cell.code();                                          // "df = spark.range(5)"
 * MagicCell.parse("%idle_timeout 30").applyTo(config);  // configuration only: refuses actions and code
 * }</pre>
 *
 * <p>{@code MagicCell.parse(cell.render())} equals {@code cell}. Immutable; thread-safe.
 */
public final class MagicCell {
    private final List<Magic> magics;
    private final String code;

    private MagicCell(List<Magic> magics, String code) {
        this.magics = magics;
        this.code = code;
    }

    /**
     * Parses cell text (line breaks {@code \n}, {@code \r\n} or {@code \r}).
     *
     * @throws InvalidConfigException listing every problem of the text, each with its line number: unknown magics
     *     (with the closest known one or the list), missing or extra arguments, bad numbers, bad JSON...
     */
    public static MagicCell parse(String text) {
        Objects.requireNonNull(text, "text must not be null");
        MagicParser.Result r = MagicParser.parse(text);
        if (!r.problems().isEmpty()) {
            throw new InvalidConfigException(r.problems());
        }
        return new MagicCell(r.magics(), r.code());
    }

    /**
     * Parses text meant only to configure a session, as {@code SessionBuilder.magics(...)} takes: like
     * {@link #parse(String)}, and action magics or code are problems too; all are reported in one exception.
     *
     * @throws InvalidConfigException listing every problem
     */
    public static MagicCell parseConfiguration(String text) {
        Objects.requireNonNull(text, "text must not be null");
        MagicParser.Result r = MagicParser.parse(text);
        MagicCell cell = new MagicCell(r.magics(), r.code());
        List<String> problems = new ArrayList<>(r.problems());
        problems.addAll(cell.configurationProblems());
        if (!problems.isEmpty()) {
            problems.addAll(valueProblems(cell));
            throw new InvalidConfigException(problems);
        }
        return cell;
    }

    /**
     * The problems {@code build()} would find in the magics that did parse, so one bad magic (an invalid
     * {@code %%configure} JSON, say) does not hide the others' problems.
     */
    private static List<String> valueProblems(MagicCell cell) {
        SessionConfig.Builder b = SessionConfig.builder();
        for (Magic m : cell.magics()) {
            if (m instanceof ConfigMagic c) {
                try {
                    c.applyTo(b);
                } catch (RuntimeException e) {
                    return List.of();
                }
            }
        }
        return b.build().validate();
    }

    /**
     * A cell of {@code magics} then {@code code}. The code is normalised like parsed code: line breaks become
     * {@code \n}, leading blank lines and trailing whitespace are removed.
     *
     * @throws IllegalArgumentException when a cell magic is not last, when code follows a cell magic, or when the
     *     code's first line that is not blank or a comment starts with {@code %} (it would parse as a magic)
     */
    public static MagicCell of(List<? extends Magic> magics, String code) {
        List<Magic> m = List.copyOf(magics);
        String c = normalizeCode(Objects.requireNonNull(code, "code must not be null"));
        for (int i = 0; i < m.size() - 1; i++) {
            if (m.get(i).isCellMagic()) {
                throw new IllegalArgumentException("%%" + m.get(i).name() + " is a cell magic and takes the rest of "
                        + "the cell: it must be the last magic");
            }
        }
        if (!m.isEmpty() && m.get(m.size() - 1).isCellMagic() && !c.isEmpty()) {
            throw new IllegalArgumentException(
                    "no code can follow %%" + m.get(m.size() - 1).name() + ": it takes the rest of the cell");
        }
        String first = firstCodeLine(c);
        if (first != null && first.strip().startsWith("%")) {
            throw new IllegalArgumentException(
                    "code must not start with a magic line but starts with " + quote(first.strip()));
        }
        return new MagicCell(m, c);
    }

    /** The magics, in order. */
    public List<Magic> magics() {
        return magics;
    }

    /** The configuration magics, in order: apply them to the next session's configuration. */
    public List<ConfigMagic> configMagics() {
        List<ConfigMagic> out = new ArrayList<>();
        for (Magic m : magics) {
            if (m instanceof ConfigMagic c) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** The action magics, in order (at most one {@link SqlMagic}, always last): run them on the session. */
    public List<ActionMagic> actions() {
        List<ActionMagic> out = new ArrayList<>();
        for (Magic m : magics) {
            if (m instanceof ActionMagic a) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /** The query of the cell's {@code %%sql}, if it has one. */
    public Optional<String> sql() {
        for (Magic m : magics) {
            if (m instanceof SqlMagic s) {
                return Optional.of(s.query());
            }
        }
        return Optional.empty();
    }

    /**
     * The code after the magics, line breaks as {@code \n}, without leading blank lines or trailing whitespace;
     * empty when there is none. Comment lines right above the code belong to it.
     */
    public String code() {
        return code;
    }

    /** Whether the code has a line that is neither blank nor a comment. */
    public boolean hasCode() {
        return firstCodeLine(code) != null;
    }

    /** The configuration magics applied in order to a new, empty configuration (sources {@code EXPLICIT}). */
    public SessionConfig config() {
        SessionConfig.Builder b = SessionConfig.builder();
        configMagics().forEach(m -> m.applyTo(b));
        return b.build();
    }

    /**
     * Applies the configuration magics in order to {@code config}, as the Glue kernel does before creating a
     * session. The text must be configuration only: nothing is applied when it holds action magics or code.
     *
     * @throws InvalidConfigException listing every action magic and the code, if any
     */
    public void applyTo(SessionConfig.Builder config) {
        Objects.requireNonNull(config, "config must not be null");
        List<String> problems = configurationProblems();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        configMagics().forEach(m -> m.applyTo(config));
    }

    /** The cell as text: one line per line magic, then the cell magic and its body, or the code. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Magic m : magics) {
            sb.append(sb.length() == 0 ? "" : "\n").append(m.render());
        }
        if (!code.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "\n").append(code);
        }
        return sb.toString();
    }

    private List<String> configurationProblems() {
        List<String> problems = new ArrayList<>();
        for (ActionMagic a : actions()) {
            problems.add((a.isCellMagic() ? "%%" : "%") + a.name() + " is an action on a running session, not "
                    + "configuration; configuration text may hold only configuration magics (run actions through "
                    + "an InteractiveSession)");
        }
        String first = firstCodeLine(code);
        if (first != null) {
            problems.add("configuration text may hold only magics, comments and blank lines, but it has code "
                    + "starting with " + quote(first.strip()) + "; run code with InteractiveSession.execute(...)");
        }
        return problems;
    }

    /** Normalises code: {@code \n} line breaks, no leading blank lines, no trailing whitespace. */
    static String normalizeCode(String code) {
        String[] lines = MagicParser.lines(code);
        int start = 0;
        while (start < lines.length && lines[start].isBlank()) {
            start++;
        }
        return String.join("\n", Arrays.asList(lines).subList(start, lines.length))
                .stripTrailing();
    }

    private static @Nullable String firstCodeLine(String code) {
        if (code.isEmpty()) {
            return null;
        }
        for (String line : MagicParser.lines(code)) {
            String s = line.strip();
            if (!s.isEmpty() && !MagicParser.isComment(s)) {
                return line;
            }
        }
        return null;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MagicCell c && c.magics.equals(magics) && c.code.equals(code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(magics, code);
    }

    @Override
    public String toString() {
        return "MagicCell[magics=" + magics + ", code=" + quote(code) + "]";
    }
}
