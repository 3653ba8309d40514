package dev.glivy;

import dev.glivy.magic.MagicCell;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What running one notebook cell produced: the messages of its magics (settings changed, {@code %status},
 * {@code %list_sessions}, {@code %help}...), the result of its code, and the typed table of its {@code %%sql}.
 *
 * <p>Immutable.
 */
public final class CellResult {
    private final MagicCell cell;
    private final List<String> messages;
    private final @Nullable StatementResult statement;
    private final @Nullable SqlResult table;

    CellResult(MagicCell cell, List<String> messages, @Nullable StatementResult statement, @Nullable SqlResult table) {
        this.cell = cell;
        this.messages = List.copyOf(messages);
        this.statement = statement;
        this.table = table;
    }

    /** The parsed cell. */
    public MagicCell cell() {
        return cell;
    }

    /** One entry per magic that reported something, in order. */
    public List<String> messages() {
        return messages;
    }

    /** The result of the cell's code, when it had code. */
    public Optional<StatementResult> statement() {
        return Optional.ofNullable(statement);
    }

    /** The table of the cell's {@code %%sql}, when it had one. */
    public Optional<SqlResult> table() {
        return Optional.ofNullable(table);
    }

    @Override
    public String toString() {
        return "CellResult{messages=" + messages.size() + ", statement=" + statement + ", table="
                + (table == null ? null : table.size() + " rows") + "}";
    }
}
