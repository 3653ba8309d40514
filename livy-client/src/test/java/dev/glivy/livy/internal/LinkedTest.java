package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chains whose cancellation reaches the HTTP request in flight (plain thenApply/thenCompose never cancel upstream). */
class LinkedTest {

    @Test
    @DisplayName("map: cancelling the result cancels the source; a plain thenApply would not")
    void map() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<Integer> out = Linked.map(source, String::length);
        out.cancel(true);
        assertThat(source).isCancelled();

        CompletableFuture<String> plain = new CompletableFuture<>();
        plain.thenApply(String::length).cancel(true);
        assertThat(plain).isNotDone(); // why Linked exists
    }

    @Test
    @DisplayName("compose: cancelling the result cancels the source, or the step made from it once it runs")
    void compose() {
        CompletableFuture<String> first = new CompletableFuture<>();
        Linked.compose(first, v -> new CompletableFuture<Integer>()).cancel(true);
        assertThat(first).isCancelled();

        CompletableFuture<String> done = new CompletableFuture<>();
        CompletableFuture<Integer> second = new CompletableFuture<>();
        CompletableFuture<Integer> out = Linked.compose(done, v -> second);
        done.complete("x");
        out.cancel(true);
        assertThat(second).isCancelled();
    }

    @Test
    @DisplayName("cancelling: a future made from another cancels it when cancelled, and only then")
    void cancelling() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> out = Linked.cancelling(source.whenComplete((v, e) -> {}), source);
        out.cancel(true);
        assertThat(source).isCancelled();

        CompletableFuture<String> other = new CompletableFuture<>();
        CompletableFuture<String> failed = Linked.cancelling(new CompletableFuture<>(), other);
        failed.completeExceptionally(new IllegalStateException("x"));
        assertThat(other).isNotDone();
    }
}
