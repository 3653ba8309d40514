package dev.glivy.livy.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Future chaining where cancelling the result cancels the step in flight. {@link CompletableFuture#thenApply} and
 * {@link CompletableFuture#thenCompose} never cancel upstream, so a deadline or cancel in Glivy's core would leave the
 * HTTP request running; every chain over {@link LivyHttp#send} goes through here instead, and the request is aborted.
 */
final class Linked {
    private Linked() {}

    /** {@code source.thenApply(fn)}; cancelling the result cancels {@code source}. */
    static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> fn) {
        CompletableFuture<R> out = source.thenApply(fn);
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                source.cancel(true);
            }
        });
        return out;
    }

    /** {@code source.thenCompose(fn)}; cancelling the result cancels {@code source} or the future {@code fn} made. */
    static <T, R> CompletableFuture<R> compose(
            CompletableFuture<T> source, Function<? super T, ? extends CompletableFuture<R>> fn) {
        AtomicReference<CompletableFuture<?>> current = new AtomicReference<>(source);
        CompletableFuture<R> out = source.thenCompose(v -> {
            CompletableFuture<R> next = fn.apply(v);
            current.set(next);
            return next;
        });
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                current.get().cancel(true);
            }
        });
        return out;
    }

    /** {@code out}, made from {@code source}; cancelling {@code out} cancels {@code source} too. */
    static <R> CompletableFuture<R> cancelling(CompletableFuture<R> out, CompletableFuture<?> source) {
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                source.cancel(true);
            }
        });
        return out;
    }
}
