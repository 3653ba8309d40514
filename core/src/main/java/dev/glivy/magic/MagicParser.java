package dev.glivy.magic;

import static dev.glivy.internal.SettingParser.quote;

import dev.glivy.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits notebook cell text like the Glue kernel: leading line magics (one per line, blank and comment lines
 * between them skipped), then either one cell magic that takes the rest of the cell as its body, or code. Collects
 * every problem instead of stopping at the first.
 */
final class MagicParser {
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** The outcome: the magics that parsed, the code, and one message per problem (with its line number). */
    record Result(List<Magic> magics, String code, List<String> problems) {}

    private final List<Magic> magics = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private MagicParser() {}

    static Result parse(String text) {
        return new MagicParser().run(text);
    }

    /** Whether a stripped line is a comment: {@code #} (Python) or {@code //} (Scala). */
    static boolean isComment(String stripped) {
        return stripped.startsWith("#") || stripped.startsWith("//");
    }

    /** Splits text into lines at \r\n, \r or \n. */
    static String[] lines(String text) {
        return LINE_BREAK.split(text, -1);
    }

    private Result run(String text) {
        String[] lines = lines(text);
        int pendingComment = -1;
        int codeStart = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (isComment(line)) {
                pendingComment = pendingComment < 0 ? i : pendingComment;
                continue;
            }
            if (line.startsWith("%%")) {
                cellMagic(
                        i + 1,
                        line.substring(2),
                        String.join("\n", Arrays.asList(lines).subList(i + 1, lines.length)));
                pendingComment = -1;
                break;
            }
            if (line.startsWith("%")) {
                lineMagic(i + 1, line.substring(1));
                pendingComment = -1;
                continue;
            }
            codeStart = pendingComment >= 0 ? pendingComment : i;
            break;
        }
        if (codeStart < 0) {
            codeStart = pendingComment;
        }
        String code =
                codeStart < 0 ? "" : String.join("\n", Arrays.asList(lines).subList(codeStart, lines.length));
        return new Result(List.copyOf(magics), MagicCell.normalizeCode(code), List.copyOf(problems));
    }

    private void lineMagic(int lineNo, String header) {
        String name = name(header);
        String arg = header.substring(name.length()).strip();
        MagicSpec spec = known(lineNo, "%", name);
        if (spec == null) {
            return;
        }
        if (spec.cell()) {
            problems.add("line " + lineNo + ": %%" + name + " is a cell magic: write %%" + name + " alone on the "
                    + "first line and its " + spec.usage() + " on the following lines");
            return;
        }
        try {
            magics.add(spec.parser().apply(arg));
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> problems.add("line " + lineNo + ": " + p));
        } catch (IllegalArgumentException e) {
            problems.add("line " + lineNo + ": " + e.getMessage());
        }
    }

    private void cellMagic(int lineNo, String header, String body) {
        String name = name(header);
        String arg = header.substring(name.length()).strip();
        MagicSpec spec = known(lineNo, "%%", name);
        if (spec == null) {
            return;
        }
        if (!spec.cell()) {
            problems.add("line " + lineNo + ": %" + name + " is a line magic: write " + spec.synopsis()
                    + " on one line (a single %)");
            return;
        }
        if (!arg.isEmpty()) {
            problems.add("line " + lineNo + ": %%" + name + " takes nothing on its own line but got " + quote(arg)
                    + "; put its " + spec.usage() + " on the following lines");
            return;
        }
        String where = "line " + lineNo + " (%%" + name + " body): ";
        try {
            magics.add(spec.parser().apply(body));
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> problems.add(where + p));
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
        }
    }

    /** The spec of {@code name}, or null after recording why it is not a magic Glivy knows. */
    private @Nullable MagicSpec known(int lineNo, String percent, String name) {
        MagicSpec spec = Magics.spec(name);
        if (spec != null) {
            return spec;
        }
        String at = "line " + lineNo + ": ";
        if (name.isEmpty()) {
            problems.add(at + "'" + percent + "' must be followed by a magic name, for example %idle_timeout 30; "
                    + "known magics: " + String.join(", ", Magics.names()));
            return null;
        }
        String reason = Magics.unsupported(name);
        if (reason != null) {
            problems.add(at + percent + name + " is a Glue kernel magic that Glivy does not support: " + reason);
            return null;
        }
        MagicSpec close = Magics.closest(name);
        problems.add(at + "unknown magic " + quote(percent + name)
                + (close != null
                        ? "; did you mean " + close.synopsis().split(" ")[0] + "?"
                        : "; known magics: " + String.join(", ", Magics.names())));
        return null;
    }

    /** The magic name: the header up to its first whitespace. */
    private static String name(String header) {
        int end = 0;
        while (end < header.length() && !Character.isWhitespace(header.charAt(end))) {
            end++;
        }
        return header.substring(0, end);
    }
}
