package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Statement page tokens over Livy's positional {@code from}, including eviction between pages. */
class StatementPagingTest {
    private static List<RemoteStatement> ids(int fromId, int toIdExclusive) {
        List<RemoteStatement> out = new ArrayList<>();
        IntStream.range(fromId, toIdExclusive)
                .forEach(i -> out.add(RemoteStatement.builder()
                        .id(String.valueOf(i))
                        .state(StatementState.AVAILABLE)
                        .build()));
        return out;
    }

    private static List<String> idsOf(StatementPage p) {
        return p.statements().stream().map(RemoteStatement::id).toList();
    }

    @Test
    @DisplayName("pages follow total_statements, even when the server caps size below what was asked")
    void followsTotal() {
        StatementPaging.Token first = StatementPaging.parse(null);
        assertThat(first).isEqualTo(new StatementPaging.Token(0, null));
        StatementPage p1 = StatementPaging.page(first, ids(0, 3), 7, 100);
        assertThat(idsOf(p1)).containsExactly("0", "1", "2");
        assertThat(p1.nextToken()).contains("3:3");
        StatementPage p2 = StatementPaging.page(StatementPaging.parse("3:3"), ids(3, 6), 7, 100);
        assertThat(p2.nextToken()).contains("6:6");
        StatementPage p3 = StatementPaging.page(StatementPaging.parse("6:6"), ids(6, 7), 7, 100);
        assertThat(idsOf(p3)).containsExactly("6");
        assertThat(p3.nextToken()).isEmpty();
    }

    @Test
    @DisplayName("without total, a full page means more and a short page is the last")
    void withoutTotal() {
        assertThat(StatementPaging.page(StatementPaging.parse(null), ids(0, 2), null, 2)
                        .nextToken())
                .contains("2:2");
        assertThat(StatementPaging.page(StatementPaging.parse("2:2"), ids(2, 3), null, 2)
                        .nextToken())
                .isEmpty();
        assertThat(StatementPaging.page(StatementPaging.parse(null), List.of(), null, 2)
                        .nextToken())
                .isEmpty();
    }

    @Test
    @DisplayName("eviction between pages moved the positions down: an empty page resumes at the corrected position")
    void evictionBetweenPages() {
        // Asked position 3 expecting id 3; two statements were evicted, so position 3 now holds id 5.
        StatementPage shifted = StatementPaging.page(StatementPaging.parse("3:3"), ids(5, 8), 103, 3);
        assertThat(shifted.statements()).isEmpty();
        assertThat(shifted.nextToken()).contains("1:3");
        StatementPage resumed = StatementPaging.page(StatementPaging.parse("1:3"), ids(3, 6), 101, 3);
        assertThat(idsOf(resumed)).containsExactly("3", "4", "5");
        // The expected id itself was evicted: from 0, take what is there.
        StatementPage gone = StatementPaging.page(StatementPaging.parse("0:3"), ids(9, 12), 100, 3);
        assertThat(idsOf(gone)).containsExactly("9", "10", "11");
    }

    @Test
    @DisplayName("a listing after a known id starts at the next id's position and is corrected after evictions")
    void startsAfterAKnownId() {
        assertThat(StatementPaging.tokenAfter("41")).isEqualTo("42:42");
        assertThat(StatementPaging.tokenAfter("a-b")).isNull();
        // no eviction: position 42 holds id 42
        StatementPage direct = StatementPaging.page(StatementPaging.parse("42:42"), ids(42, 44), 44, 100);
        assertThat(idsOf(direct)).containsExactly("42", "43");
        assertThat(direct.nextToken()).isEmpty();
        // 100 kept of 150: position 142 is past the end, so the page goes back to the last page
        StatementPage past = StatementPaging.page(StatementPaging.parse("142:142"), List.of(), 100, 10);
        assertThat(past.statements()).isEmpty();
        assertThat(past.nextToken()).contains("90:142");
        StatementPage back = StatementPaging.page(StatementPaging.parse("90:142"), ids(140, 150), 100, 10);
        assertThat(idsOf(back)).containsExactly("142", "143", "144", "145", "146", "147", "148", "149");
        // 100 kept of 120: position 42 holds id 62, so the page moves back by 20
        StatementPage shifted = StatementPaging.page(StatementPaging.parse("42:42"), ids(62, 72), 100, 10);
        assertThat(shifted.nextToken()).contains("22:42");
    }

    @Test
    @DisplayName("a server that ignores from (repeats old statements) ends the listing instead of looping")
    void ignoresFrom() {
        StatementPage again = StatementPaging.page(StatementPaging.parse("3:3"), ids(0, 3), 10, 3);
        assertThat(again.statements()).isEmpty();
        assertThat(again.nextToken()).isEmpty();
        StatementPage partly = StatementPaging.page(StatementPaging.parse("3:3"), ids(2, 5), 10, 3);
        assertThat(idsOf(partly)).containsExactly("3", "4");
    }

    @Test
    @DisplayName("non-numeric ids (Lighter-style) page by position only; no id after them")
    void nonNumeric() {
        List<RemoteStatement> uuids = List.of(RemoteStatement.builder()
                .id("a-b")
                .state(StatementState.RUNNING)
                .build());
        StatementPage p = StatementPaging.page(StatementPaging.parse(null), uuids, 2, 1);
        assertThat(p.nextToken()).contains("1");
        assertThat(StatementPaging.idAfter("a-b")).isNull();
        assertThat(StatementPaging.idAfter("41")).isEqualTo("42");
        assertThat(StatementPaging.idAfter("0")).isEqualTo("1");
    }

    @Test
    @DisplayName("a token the transport did not write is an IllegalArgumentException")
    void badToken() {
        for (String bad : new String[] {"x", "-1", "3:", "3:-2", "1:2:3"}) {
            assertThatThrownBy(() -> StatementPaging.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pageToken");
        }
    }
}
