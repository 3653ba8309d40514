package dev.glivy.test;

import dev.glivy.SqlResult;
import dev.glivy.StatementResult;

/**
 * AssertJ entry points for Glivy's results; import them statically next to (or instead of) AssertJ's own:
 *
 * <pre>{@code
 * import static dev.glivy.test.GlivyAssertions.assertThat;
 *
 * assertThat(session.sql("select name, age from people order by name"))
 *         .hasColumns("name", "age")
 *         .containsExactlyRows(List.of("ann", 31), List.of("bob", 42))
 *         .isNotTruncated();
 * assertThat(session.execute("1 + 1")).succeeded().hasTextContaining("2");
 * }</pre>
 *
 * <p>Failure messages print the whole table (up to 20 rows) or the statement's outputs and error. Thread-safe (no
 * state).
 *
 * @since 0.2
 */
public final class GlivyAssertions {
    private GlivyAssertions() {}

    /** Assertions on a typed SQL result. */
    public static SqlResultAssert assertThat(SqlResult actual) {
        return new SqlResultAssert(actual);
    }

    /** Assertions on a statement result. */
    public static StatementResultAssert assertThat(StatementResult actual) {
        return new StatementResultAssert(actual);
    }
}
