package dev.glivy;

import dev.glivy.internal.sql.ColumnTable;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The rows of a {@link ColumnTable} as an unmodifiable list: each {@link #get} is a small view of the table's
 * arrays, so holding the list costs the table and nothing per row. Thread-safe (the table is immutable).
 */
final class TableRows extends AbstractList<Row> implements RandomAccess {
    private final ColumnTable table;

    TableRows(ColumnTable table) {
        this.table = table;
    }

    @Override
    public Row get(int index) {
        java.util.Objects.checkIndex(index, table.size());
        return new Row(table, index);
    }

    @Override
    public int size() {
        return table.size();
    }
}
