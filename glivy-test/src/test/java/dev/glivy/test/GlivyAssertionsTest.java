package dev.glivy.test;

import static dev.glivy.test.GlivyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Column;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlivyAssertionsTest {

    private static SqlResult people(VirtualSession v) throws Exception {
        v.backend
                .whenSql("select * from people")
                .thenTable(SqlTable.builder()
                        .column("name", SparkType.STRING)
                        .column("age", SparkType.LONG)
                        .row("ann", 31L)
                        .row("bob", 42L)
                        .build());
        v.start();
        return v.await(v.session.sqlAsync("select * from people"));
    }

    @Test
    void passingAssertions() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            SqlResult r = people(v);
            assertThat(r)
                    .hasColumns("name", "age")
                    .hasSchema(Schema.of(
                            Column.of("name", SparkType.STRING, true), Column.of("age", SparkType.LONG, true)))
                    .containsExactlyRows(List.of("ann", 31L), List.of("bob", 42L))
                    .containsRowsInAnyOrder(List.of("bob", 42L), List.of("ann", 31L))
                    .isNotTruncated()
                    .hasValue(1, "age", 42L)
                    .row(0, row -> org.assertj.core.api.Assertions.assertThat(row.getLong("age"))
                            .isEqualTo(31L));
        }
    }

    @Test
    void failuresPrintTheTable() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            SqlResult r = people(v);
            assertThatThrownBy(() -> assertThat(r).containsExactlyRows(List.of("bob", 42L), List.of("ann", 31L)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected exactly the rows [[\"bob\", 42], [\"ann\", 31]]")
                    .hasMessageContaining("| name: string | age: bigint |")
                    .hasMessageContaining("| \"ann\"        | 31          |")
                    .hasMessageContaining("2 rows");
            assertThatThrownBy(() -> assertThat(r).containsRowsInAnyOrder(List.of("ann", 31L)))
                    .hasMessageContaining("unexpected [[\"bob\", 42]]");
            assertThatThrownBy(() -> assertThat(r).hasValue(0, "age", 31))
                    .hasMessageContaining("row 0 age = 31 (Integer)")
                    .hasMessageContaining("31 (Long)");
            assertThatThrownBy(() -> assertThat(r).hasColumns("age")).hasMessageContaining("columns [name, age]");
            assertThatThrownBy(() -> assertThat(r).isTruncated()).hasMessageContaining("a complete result");
            assertThatThrownBy(() -> assertThat(r).as("people").hasRowCount(3))
                    .hasMessageStartingWith("[people]")
                    .hasMessageContaining("3 rows but got 2 rows");
        }
    }

    @Test
    void truncationIsReported() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend
                    .whenSql("select id from ids")
                    .thenTable(SqlTable.builder()
                            .column("id", SparkType.LONG)
                            .rows(30, i -> new Object[] {(long) i})
                            .build());
            v.start();
            SqlResult r = v.await(v.session.sqlAsync(dev.glivy.SqlRequest.of("select id from ids", 25)));
            assertThat(r).isTruncated().hasRowCount(25);
            assertThatThrownBy(() -> assertThat(r).isNotTruncated())
                    .hasMessageContaining("truncated at limit 25")
                    .hasMessageContaining("... 5 more rows");
        }
    }

    @Test
    void statementAssertions() throws Exception {
        try (VirtualSession v = new VirtualSession()) {
            v.backend.when("1 + 1").thenText("res0: Int = 2\n");
            v.backend.when("boom").thenError("ValueError", "bad value", "line 1");
            v.start();
            StatementResult ok = v.await(v.session.executeAsync("1 + 1"));
            assertThat(ok).succeeded().hasText("res0: Int = 2").hasTextContaining("= 2");
            StatementResult bad = v.await(v.session.executeAsync(dev.glivy.StatementRequest.builder()
                    .code("boom")
                    .failOnError(false)
                    .build()));
            assertThat(bad).failedWith("ValueError");
            assertThatThrownBy(() -> assertThat(bad).succeeded())
                    .hasMessageContaining("error: ValueError: bad value")
                    .hasMessageContaining("code: boom");
            assertThatThrownBy(() -> assertThat(ok).failedWith("ValueError"))
                    .hasMessageContaining("text/plain: res0: Int = 2");
            assertThatThrownBy(() -> assertThat(ok).hasText("3")).hasMessageContaining("the text \"3\"");
        }
    }
}
