package dev.glivy.local.internal;

import dev.glivy.StatementError;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Scala statement the way Livy does: line by line, joining lines until the interpreter says the input is
 * complete, then running that piece before reading on. Each top-level statement is therefore compiled on its own
 * (a case class can be defined and used in one statement), outputs are concatenated, and the first error stops the
 * statement with the effects of the pieces before it kept. A line that merely continues an already complete
 * statement (a line starting with {@code .method}) fails, exactly as on Livy.
 *
 * <p>Stateless; the interpreter passed in is used from the calling thread only.
 */
public final class ScalaLines {

    /** What the interpreter made of one piece of input. */
    public enum Kind {
        /** Compiled and ran. */
        SUCCESS,
        /** Needs more input. */
        INCOMPLETE,
        /** Did not compile or threw; {@link Piece#error} says which. */
        ERROR
    }

    /** The interpreter's answer for one piece: its kind, its printed output and, for errors, the error. */
    public record Piece(Kind kind, String output, @Nullable StatementError error) {}

    /** Interprets one piece of input. */
    @FunctionalInterface
    public interface Interpreter {
        /** Compiles and runs {@code code}. */
        Piece interpret(String code);
    }

    /** The statement's outcome: all output, and the error that stopped it or {@code null}. */
    public record Outcome(String output, @Nullable StatementError error, boolean cancelled) {}

    private ScalaLines() {}

    /**
     * Runs {@code code}.
     *
     * @param cancelled checked between pieces: once true, no further piece runs
     */
    public static Outcome run(String code, Interpreter interpreter, BooleanSupplier cancelled) {
        StringBuilder out = new StringBuilder();
        String pending = null;
        for (String line : code.split("\r?\n", -1)) {
            if (pending == null && line.isBlank()) {
                continue;
            }
            if (cancelled.getAsBoolean()) {
                return new Outcome(out.toString(), null, true);
            }
            String piece = pending == null ? line : pending + "\n" + line;
            Piece p = interpreter.interpret(piece);
            switch (p.kind()) {
                case INCOMPLETE -> pending = piece;
                case SUCCESS -> {
                    out.append(p.output());
                    pending = null;
                }
                default -> {
                    out.append(p.output());
                    return new Outcome(out.toString(), p.error(), false);
                }
            }
        }
        if (pending != null) {
            // Only comments, or an unfinished expression? Wrapped in a block, comments compile to nothing.
            Piece p = interpreter.interpret("{\n" + pending + "\n}");
            if (p.kind() != Kind.SUCCESS) {
                return new Outcome(out.toString(), StatementErrors.incomplete(pending, p.output()), false);
            }
        }
        return new Outcome(out.toString(), null, false);
    }
}
