package dev.glivy.internal;

import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one paging loop of Glivy's modules: fetch a page, keep its items, resume at its next token, stop at the page
 * without one, and fail after {@link #MAX_PAGES} pages (a backend that hands out a next token forever). The fetch is
 * one page with whatever retries the caller wants around it, so a page that fails is retried at its own token and the
 * pages already read are kept. Used for Glue's {@code NextToken} listings, S3's continuation tokens, Livy's
 * {@code from}/{@code size} listing and core's statement listings.
 *
 * <p>{@link #all} never blocks and walks pages that complete at once in a loop (no stack growth); cancelling its
 * future cancels the page in flight. {@link #blocking} runs the pages on the caller's thread. Pure functions;
 * thread-safe.
 */
@InternalApi
public final class Paging {
    /** The most pages one listing reads before it fails: {@value}. */
    public static final int MAX_PAGES = 10_000;

    private Paging() {}

    /**
     * One page.
     *
     * @param items the page's items, in the backend's order
     * @param next where the next page starts, or {@code null} on the last page
     * @param <K> the page token type
     * @param <T> the item type
     */
    public record Page<K, T>(List<T> items, @Nullable K next) {
        /** A page with a string token, where an empty token (as Glue and S3 send on the last page) means none. */
        public static <T> Page<String, T> of(List<T> items, @Nullable String next) {
            return new Page<>(items, next == null || next.isEmpty() ? null : next);
        }
    }

    /** Every item of every page from {@code first} ({@code null} for the start); at most {@link #MAX_PAGES} pages. */
    public static <K, T> CompletableFuture<List<T>> all(
            @Nullable K first, Function<@Nullable K, CompletableFuture<Page<K, T>>> fetch, String what) {
        return all(first, fetch, MAX_PAGES, what);
    }

    /**
     * Every item of every page from {@code first}.
     *
     * @param fetch one page (with its retries) at a token
     * @param maxPages the most pages read; one more page fails the listing with an {@link IllegalStateException}
     * @param what the listing, for that message
     */
    public static <K, T> CompletableFuture<List<T>> all(
            @Nullable K first, Function<@Nullable K, CompletableFuture<Page<K, T>>> fetch, int maxPages, String what) {
        Walk<K, T> walk = new Walk<>(fetch, maxPages, what);
        walk.from(first);
        return walk.out;
    }

    /** {@link #all} over {@link StatementPage}s: every statement of every page from {@code first}. */
    public static CompletableFuture<List<RemoteStatement>> statements(
            @Nullable String first, Function<@Nullable String, CompletableFuture<StatementPage>> fetch, String what) {
        return all(
                first,
                token -> fetch.apply(token)
                        .thenApply(p -> new Page<>(p.statements(), p.nextToken().orElse(null))),
                what);
    }

    /** {@link #all} on the caller's thread: each page is fetched by {@code fetch}, which blocks. */
    public static <K, T> List<T> blocking(@Nullable K first, Function<@Nullable K, Page<K, T>> fetch, String what) {
        return blocking(first, fetch, MAX_PAGES, what);
    }

    /** {@link #blocking} reading at most {@code maxPages} pages. */
    public static <K, T> List<T> blocking(
            @Nullable K first, Function<@Nullable K, Page<K, T>> fetch, int maxPages, String what) {
        List<T> out = new ArrayList<>();
        K token = first;
        for (int pages = 1; ; pages++) {
            Page<K, T> page = fetch.apply(token);
            out.addAll(page.items());
            token = page.next();
            if (token == null) {
                return out;
            }
            if (pages >= maxPages) {
                throw tooMany(what, maxPages);
            }
        }
    }

    private static IllegalStateException tooMany(String what, int maxPages) {
        return new IllegalStateException(what + " did not end after " + maxPages + " pages: the backend kept "
                + "answering with a next page; stopped there");
    }

    /**
     * One asynchronous listing: its items so far, the page in flight and its result. Pages run one after another
     * (each starts from the completion of the one before), so the fields need no lock.
     */
    private static final class Walk<K, T> {
        final CompletableFuture<List<T>> out = new CompletableFuture<>();
        private final Function<@Nullable K, CompletableFuture<Page<K, T>>> fetch;
        private final int maxPages;
        private final String what;
        private final List<T> items = new ArrayList<>();
        private int pages;
        private volatile @Nullable CompletableFuture<Page<K, T>> current;

        Walk(Function<@Nullable K, CompletableFuture<Page<K, T>>> fetch, int maxPages, String what) {
            this.fetch = fetch;
            this.maxPages = maxPages;
            this.what = what;
            out.whenComplete((v, e) -> {
                CompletableFuture<Page<K, T>> c = current;
                if (out.isCancelled() && c != null) {
                    c.cancel(true);
                }
            });
        }

        /** Fetches pages from {@code token} while they complete at once; waits for the first one that does not. */
        void from(@Nullable K token) {
            K next = token;
            while (!out.isDone()) {
                CompletableFuture<Page<K, T>> f;
                try {
                    f = fetch.apply(next);
                } catch (RuntimeException e) {
                    fail(e);
                    return;
                }
                current = f;
                if (out.isCancelled()) {
                    f.cancel(true);
                    return;
                }
                if (!f.isDone()) {
                    f.whenComplete((page, e) -> {
                        K after = took(page, e);
                        if (after != null) {
                            from(after);
                        }
                    });
                    return;
                }
                Page<K, T> page;
                try {
                    page = f.join();
                } catch (CompletionException | CancellationException e) {
                    took(null, e);
                    return;
                }
                next = took(page, null);
                if (next == null) {
                    return;
                }
            }
        }

        /** Takes a page's outcome; the token to go on at, or {@code null} when the listing has ended. */
        private @Nullable K took(@Nullable Page<K, T> page, @Nullable Throwable e) {
            if (e != null || page == null) {
                fail(e == null ? new IllegalStateException(what + ": a page was null") : e);
                return null;
            }
            items.addAll(page.items());
            pages++;
            K next = page.next();
            if (next == null) {
                out.complete(items);
                return null;
            }
            if (pages >= maxPages) {
                fail(tooMany(what, maxPages));
                return null;
            }
            return next;
        }

        private void fail(Throwable e) {
            out.completeExceptionally(e instanceof CompletionException ? e : new CompletionException(e));
        }
    }
}
