package dev.glivy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Whether the pool is closed, and the future its {@code close()} callers wait on: it completes once, when the pool
 * holds, builds and stops no session any more, failing with the first error a session's stop met (the others
 * suppressed). Guarded by the pool's lock.
 */
final class PoolClosing {
    private @Nullable CompletableFuture<Void> closed;
    private final List<Throwable> errors = new ArrayList<>();
    private boolean finished;

    boolean isClosed() {
        return closed != null;
    }

    /** Marks the pool closed; {@code false} when it was already. */
    boolean begin() {
        if (closed != null) {
            return false;
        }
        closed = new CompletableFuture<>();
        return true;
    }

    /** A copy of the close future, for one caller; call after {@link #begin()}. */
    CompletableFuture<Void> result() {
        CompletableFuture<Void> c = closed;
        if (c == null) {
            throw new IllegalStateException("the pool is not closing");
        }
        return c.copy();
    }

    /** Stopping a session failed while the pool closes. */
    void failed(Throwable error) {
        errors.add(error);
    }

    /**
     * When the pool is closed and {@code empty} (nothing held, built or stopping), the first time: the action that
     * completes the close future and then runs {@code after}, to run outside the lock. Else {@code null}.
     */
    @Nullable
    Runnable finish(boolean empty, Runnable after) {
        CompletableFuture<Void> done = closed;
        if (done == null || finished || !empty) {
            return null;
        }
        finished = true;
        Throwable error = null;
        if (!errors.isEmpty()) {
            error = errors.get(0);
            for (Throwable t : errors.subList(1, errors.size())) {
                error.addSuppressed(t);
            }
        }
        Throwable e = error;
        return () -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(null);
            }
            after.run();
        };
    }
}
