package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PagingTest {
    /** Pages of two items; token n is the page of items 2n and 2n+1; the page of {@code last} has no next token. */
    private static Paging.Page<Integer, Integer> page(Integer token, int last) {
        int n = token == null ? 0 : token;
        return new Paging.Page<>(List.of(2 * n, 2 * n + 1), n < last ? n + 1 : null);
    }

    @Test
    @DisplayName("all pages in order, each fetched at the token the previous one gave, ending at the page without one")
    void allPages() throws Exception {
        List<Integer> asked = new ArrayList<>();
        List<Integer> items = Paging.<Integer, Integer>all(
                        null,
                        t -> {
                            asked.add(t);
                            return CompletableFuture.completedFuture(page(t, 2));
                        },
                        "test")
                .get();
        assertThat(items).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(asked).containsExactly(null, 1, 2);
        assertThat(Paging.<Integer, Integer>blocking(1, t -> page(t, 2), "test"))
                .containsExactly(2, 3, 4, 5);
    }

    @Test
    @DisplayName("an empty string token is the last page")
    void emptyToken() {
        assertThat(Paging.Page.of(List.of(1), "").next()).isNull();
        assertThat(Paging.Page.of(List.of(1), null).next()).isNull();
        assertThat(Paging.Page.of(List.of(1), "t").next()).isEqualTo("t");
    }

    @Test
    @DisplayName("pages answered later are walked as they complete; a failed page fails the listing with its error")
    void laterPagesAndFailure() {
        List<CompletableFuture<Paging.Page<Integer, Integer>>> pending = new ArrayList<>();
        CompletableFuture<List<Integer>> all = later(pending);
        pending.get(0).complete(page(null, 5));
        assertThat(pending).hasSize(2);
        assertThat(all).isNotDone();
        IllegalStateException boom = new IllegalStateException("boom");
        pending.get(1).completeExceptionally(boom);
        assertThatThrownBy(all::get).isInstanceOf(ExecutionException.class).hasCause(boom);
        assertThat(pending).hasSize(2);
    }

    @Test
    @DisplayName("cancelling the listing cancels the page in flight and fetches no more")
    void cancel() {
        List<CompletableFuture<Paging.Page<Integer, Integer>>> pending = new ArrayList<>();
        CompletableFuture<List<Integer>> all = later(pending);
        pending.get(0).complete(page(null, 5));
        all.cancel(true);
        assertThat(pending).hasSize(2);
        assertThat(pending.get(1)).isCancelled();
    }

    @Test
    @DisplayName("a backend that always has a next page fails the listing after the page limit, naming it")
    void pageLimit() {
        CompletableFuture<List<Integer>> all = Paging.<Integer, Integer>all(
                null, t -> CompletableFuture.completedFuture(page(t, Integer.MAX_VALUE)), 3, "the endless listing");
        assertThatThrownBy(all::get)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the endless listing did not end after 3 pages");
        assertThatThrownBy(() -> Paging.<Integer, Integer>blocking(
                        null, t -> page(t, Integer.MAX_VALUE), 3, "the endless listing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 pages");
        assertThat(Paging.<Integer, Integer>blocking(null, t -> page(t, 2), 3, "x"))
                .hasSize(6);
    }

    @Test
    @DisplayName("pages that complete at once are walked in a loop: the page limit's worth of them needs no deep stack")
    void manyImmediatePages() throws Exception {
        int last = Paging.MAX_PAGES - 1;
        List<Integer> items = Paging.<Integer, Integer>all(
                        null, t -> CompletableFuture.completedFuture(page(t, last)), "test")
                .get();
        assertThat(items).hasSize(2 * Paging.MAX_PAGES);
    }

    /** A listing whose pages are answered by the test: each fetch adds its future to {@code pending}. */
    private static CompletableFuture<List<Integer>> later(
            List<CompletableFuture<Paging.Page<Integer, Integer>>> pending) {
        return Paging.<Integer, Integer>all(
                null,
                t -> {
                    CompletableFuture<Paging.Page<Integer, Integer>> f = new CompletableFuture<>();
                    pending.add(f);
                    return f;
                },
                "test");
    }
}
