package dev.glivy.internal;

import dev.glivy.SessionException;
import dev.glivy.SessionInterruptedException;
import dev.glivy.SessionTransportException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The one blocking facade over the async engine, and small future helpers. {@link #await} waits, cancels the
 * future (and so the remote statement) when the waiting thread is interrupted, restores the interrupt flag, and
 * rethrows the cause unwrapped.
 */
@InternalApi
public final class Futures {
    private Futures() {}

    /**
     * Waits for {@code future} without a timeout of its own: the engine's futures carry their deadlines (start
     * timeout, statement timeout, the transport's call timeouts), so a bounded operation ends by itself; a future
     * without one (a user's {@code Long.MAX_VALUE} timeout, a backend call with no timeout set) waits until it
     * completes or the thread is interrupted, which cancels it.
     */
    public static <T> T await(CompletableFuture<T> future, @Nullable String sessionId, String backend, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SessionInterruptedException(
                    "Interrupted while waiting for " + what
                            + (sessionId == null ? "" : " in session " + sessionId) + " (" + backend
                            + "); the operation was cancelled",
                    e,
                    sessionId,
                    backend);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause(), sessionId, backend);
        } catch (CancellationException e) {
            throw e;
        }
    }

    /** Returns the innermost cause of completion/execution wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Turns any failure into an unchecked exception, keeping Glivy's own types as they are. */
    public static RuntimeException rethrow(@Nullable Throwable t, @Nullable String sessionId, String backend) {
        Throwable c = t == null ? new IllegalStateException("unknown failure") : unwrap(t);
        if (c instanceof RuntimeException re) {
            return re;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new SessionTransportException("Call to " + backend + " failed: " + c, c, sessionId, backend, true);
    }

    /** A future failed with {@code t}. */
    public static <T> CompletableFuture<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    /**
     * Completes {@code target} from {@code source} on {@code executor}, so user callbacks never run on a transport's
     * I/O thread. When the executor refuses the task (it was shut down, for example by the last session closing the
     * shared runtime), {@code target} is completed on the calling thread instead: a relayed future always completes.
     */
    public static <T> void relay(
            CompletableFuture<? extends T> source, CompletableFuture<T> target, Executor executor) {
        source.whenComplete((v, e) -> completeOn(executor, target, v, e));
    }

    /**
     * Completes {@code target} with {@code value} or {@code failure} (unwrapped) on {@code executor}, or on the
     * calling thread when the executor refuses the task. Never throws.
     */
    public static <T> void completeOn(
            Executor executor, CompletableFuture<T> target, @Nullable T value, @Nullable Throwable failure) {
        Runnable complete = () -> {
            if (failure != null) {
                target.completeExceptionally(unwrap(failure));
            } else {
                target.complete(value);
            }
        };
        if (target.isDone()) {
            return;
        }
        try {
            executor.execute(complete);
        } catch (RejectedExecutionException shutDown) {
            complete.run();
        }
    }

    /** {@code true} when {@code t} (unwrapped) is a retryable {@link SessionException}. */
    public static boolean retryable(Throwable t) {
        return unwrap(t) instanceof SessionException se && se.retryable();
    }
}
