package dev.glivy.test;

import dev.glivy.Column;
import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import dev.glivy.SqlResult;
import dev.glivy.test.internal.TableText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link SqlResult}; get one from {@link GlivyAssertions#assertThat(SqlResult)}. Rows are
 * compared as lists of the Java values {@link Row#get(int)} returns ({@code Integer} for {@code int}, {@code Long}
 * for {@code bigint}, {@code BigDecimal} for decimals, {@code LocalDate}, {@code Instant}, {@code List}, ...). Every
 * failure message shows the actual table.
 *
 * <p>Not thread-safe (use from the test's thread).
 *
 * @since 0.2
 */
public final class SqlResultAssert extends AbstractAssert<SqlResultAssert, SqlResult> {

    SqlResultAssert(SqlResult actual) {
        super(actual, SqlResultAssert.class);
    }

    /** The result's columns are named exactly {@code names}, in this order. */
    public SqlResultAssert hasColumns(String... names) {
        isNotNull();
        if (!actual.schema().names().equals(List.of(names))) {
            fail("columns " + List.of(names), "columns " + actual.schema().names());
        }
        return this;
    }

    /** The result's schema equals {@code expected} (names, types and nullability). */
    public SqlResultAssert hasSchema(Schema expected) {
        isNotNull();
        if (!actual.schema().equals(expected)) {
            fail("schema " + expected, "schema " + actual.schema());
        }
        return this;
    }

    /** Column {@code name} exists and has type {@code type}. */
    public SqlResultAssert hasColumn(String name, SparkType type) {
        isNotNull();
        if (!actual.schema().contains(name)) {
            fail("a column " + name, "columns " + actual.schema().names());
        }
        Column c = actual.schema().column(name);
        if (!c.type().equals(type)) {
            fail(
                    "column " + name + " of type " + type.simpleString(),
                    "type " + c.type().simpleString());
        }
        return this;
    }

    /** The result has {@code rows} rows. */
    public SqlResultAssert hasRowCount(int rows) {
        isNotNull();
        if (actual.size() != rows) {
            fail(rows + " rows", actual.size() + " rows");
        }
        return this;
    }

    /** The rows are exactly {@code rows}, in this order (each row a list of values, one per column). */
    public final SqlResultAssert containsExactlyRows(List<?>... rows) {
        isNotNull();
        List<List<@Nullable Object>> got = values();
        List<List<?>> want = Arrays.asList(rows);
        if (!got.equals(want)) {
            fail("exactly the rows " + show(want), "rows " + show(got));
        }
        return this;
    }

    /** The rows are exactly {@code rows}, in any order (duplicates count). */
    public final SqlResultAssert containsRowsInAnyOrder(List<?>... rows) {
        isNotNull();
        List<List<@Nullable Object>> left = values();
        List<List<?>> missing = new ArrayList<>();
        for (List<?> r : rows) {
            if (!left.remove(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty() || !left.isEmpty()) {
            fail(
                    "the rows " + show(Arrays.asList(rows)) + " in any order",
                    (missing.isEmpty() ? "" : "missing " + show(missing) + " ")
                            + (left.isEmpty() ? "" : "unexpected " + show(left)));
        }
        return this;
    }

    /** No rows were left out by the limit. */
    public SqlResultAssert isNotTruncated() {
        isNotNull();
        if (actual.truncated()) {
            fail("a complete result", "truncated at limit " + actual.limit());
        }
        return this;
    }

    /** Rows were left out by the limit. */
    public SqlResultAssert isTruncated() {
        isNotNull();
        if (!actual.truncated()) {
            fail("a truncated result", "a complete result");
        }
        return this;
    }

    /** The cell at {@code row}, column {@code column} equals {@code expected} (compared as Java values). */
    public SqlResultAssert hasValue(int row, String column, @Nullable Object expected) {
        Object v = cell(row, column);
        if (!Objects.equals(v, expected)) {
            fail(
                    "row " + row + " " + column + " = " + TableText.cell(expected) + typeOf(expected),
                    TableText.cell(v) + typeOf(v));
        }
        return this;
    }

    /** The cell at {@code row}, column {@code column} is SQL {@code NULL}. */
    public SqlResultAssert hasNull(int row, String column) {
        return hasValue(row, column, null);
    }

    /** Runs {@code check} on row {@code index} (for typed getters: {@code r -> assertThat(r.getLong("id"))...}). */
    public SqlResultAssert row(int index, Consumer<Row> check) {
        isNotNull();
        if (index < 0 || index >= actual.size()) {
            fail("a row " + index, actual.size() + " rows");
        }
        try {
            check.accept(actual.row(index));
        } catch (AssertionError e) {
            throw new AssertionError("row " + index + ": " + e.getMessage() + "\nin\n" + TableText.render(actual), e);
        }
        return this;
    }

    private @Nullable Object cell(int row, String column) {
        isNotNull();
        if (!actual.schema().contains(column)) {
            fail("a column " + column, "columns " + actual.schema().names());
        }
        if (row < 0 || row >= actual.size()) {
            fail("a row " + row, actual.size() + " rows");
        }
        return actual.row(row).get(column);
    }

    private List<List<@Nullable Object>> values() {
        List<List<@Nullable Object>> out = new ArrayList<>();
        for (Row r : actual.rows()) {
            List<@Nullable Object> line = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                line.add(r.get(i));
            }
            out.add(line);
        }
        return out;
    }

    private static String show(List<? extends List<?>> rows) {
        List<String> out = new ArrayList<>();
        for (List<?> r : rows) {
            List<String> cells = new ArrayList<>();
            r.forEach(v -> cells.add(TableText.cell(v)));
            out.add("[" + String.join(", ", cells) + "]");
        }
        return out.toString();
    }

    private static String typeOf(@Nullable Object v) {
        return v == null ? "" : " (" + v.getClass().getSimpleName() + ")";
    }

    private void fail(String expected, String got) {
        String desc = info.descriptionText();
        throw new AssertionError((desc.isEmpty() ? "" : "[" + desc + "] ") + "Expected " + expected + " but got " + got
                + "\nfor query: " + actual.query() + "\n" + TableText.render(actual));
    }
}
