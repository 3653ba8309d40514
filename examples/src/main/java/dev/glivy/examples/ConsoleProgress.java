package dev.glivy.examples;

import dev.glivy.StatementProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A console progress line for one statement: a bar, the backend's percentage (or "?" when it reports none), the
 * state and the elapsed time, redrawn in place with a carriage return and ended with a newline at the final state.
 * Give it to {@code StatementRequest.Builder.onProgress}. Glivy calls it on its completion executor, one event at a
 * time per statement, so it needs no locking of its own.
 */
final class ConsoleProgress implements Consumer<StatementProgress> {
    static final int WIDTH = 30;

    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(StatementProgress p) {
        out.print("\r" + line(p));
        if (p.state().isTerminal()) {
            out.println();
        }
        out.flush();
    }

    /** One redraw: {@code [#########.....................]  30%  running    12.4 s  statement 3}. */
    static String line(StatementProgress p) {
        StringBuilder bar = new StringBuilder("[");
        int filled = p.progress().isPresent() ? (int) Math.round(p.progress().getAsDouble() * WIDTH) : 0;
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '.');
        }
        bar.append(']');
        String percent = p.progress().isPresent()
                ? String.format(Locale.ROOT, "%3d%%", Math.round(p.progress().getAsDouble() * 100))
                : "   ?";
        return String.format(
                Locale.ROOT,
                "%s %s  %-10s %6.1f s  statement %s",
                bar,
                percent,
                p.state().name().toLowerCase(Locale.ROOT),
                p.elapsed().toMillis() / 1000.0,
                p.statementId());
    }
}
