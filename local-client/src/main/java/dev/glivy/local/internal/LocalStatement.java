package dev.glivy.local.internal;

import dev.glivy.Language;
import dev.glivy.StatementError;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a local session and its lifecycle: {@code WAITING} in the session's queue, {@code RUNNING} on a
 * transport thread, then {@code AVAILABLE} (with output or a user error), or {@code CANCELLING} and
 * {@code CANCELLED}. A statement whose cancel was requested while it ran ends {@code CANCELLED} even if its code
 * finished anyway, as on Livy.
 *
 * <p>Thread-safe.
 */
public final class LocalStatement {
    private final String id;
    private final String code;
    private final Language language;
    private final String jobGroup;
    private StatementState state = StatementState.WAITING;
    private @Nullable Instant startedAt;
    private @Nullable Instant completedAt;
    private Map<String, String> outputs = Map.of();
    private @Nullable StatementError error;
    private @Nullable Thread thread;
    private boolean cancelRequested;

    LocalStatement(String id, String code, Language language, String jobGroup) {
        this.id = id;
        this.code = code;
        this.language = language;
        this.jobGroup = jobGroup;
    }

    /** The statement id ({@code "0"}, {@code "1"}, ...). */
    public String id() {
        return id;
    }

    /** The code. */
    public String code() {
        return code;
    }

    /** The language. */
    public Language language() {
        return language;
    }

    /** The Spark job group of the statement's jobs. */
    public String jobGroup() {
        return jobGroup;
    }

    /** The current state. */
    public synchronized StatementState state() {
        return state;
    }

    /** Whether cancellation was requested. */
    public synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    /** Marks the start on {@code runner}; false (and {@code CANCELLED}) when it was cancelled while waiting. */
    synchronized boolean begin(Thread runner, Instant now) {
        if (cancelRequested || state.isTerminal()) {
            return false;
        }
        state = StatementState.RUNNING;
        startedAt = now;
        thread = runner;
        return true;
    }

    /** Records the end: outputs, or the user-code error, or {@code CANCELLED} when a cancel was requested. */
    synchronized void finish(Map<String, String> out, @Nullable StatementError err, Instant now) {
        thread = null;
        completedAt = now;
        if (cancelRequested) {
            state = StatementState.CANCELLED;
            return;
        }
        state = StatementState.AVAILABLE;
        outputs = Map.copyOf(out);
        error = err;
    }

    /**
     * Requests cancellation. A waiting statement is cancelled at once; a running one becomes {@code CANCELLING} and
     * this returns true, so the caller cancels its Spark jobs and calls {@link #interruptIfRunning()}. Finished
     * statements are left alone.
     */
    synchronized boolean requestCancel(Instant now) {
        if (state.isTerminal() || cancelRequested) {
            return false;
        }
        cancelRequested = true;
        if (state == StatementState.WAITING) {
            state = StatementState.CANCELLED;
            completedAt = now;
            return false;
        }
        state = StatementState.CANCELLING;
        return true;
    }

    /**
     * Interrupts the thread running this statement, if it still does: the interrupt can never reach a later
     * statement, because {@link #finish} forgets the thread under the same lock.
     */
    synchronized void interruptIfRunning() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Interrupts the statement's thread if it is running interpreted user code ({@link ReplStacks}), not compiling.
     *
     * @return whether it interrupted
     */
    synchronized boolean interruptIfInUserCode() {
        if (thread != null && ReplStacks.inUserCode(thread.getStackTrace())) {
            thread.interrupt();
            return true;
        }
        return false;
    }

    /**
     * The SPI view, with {@code progress} asked only while the statement runs.
     *
     * @param executionCount the statement's position among the session's statements
     */
    public RemoteStatement remote(int executionCount, Supplier<OptionalDouble> progress) {
        RemoteStatement.Builder b;
        StatementState s;
        synchronized (this) {
            s = state;
            b = RemoteStatement.builder()
                    .id(id)
                    .state(s)
                    .backendState(s.name().toLowerCase(Locale.ROOT))
                    .code(code)
                    .outputs(outputs)
                    .error(error)
                    .startedAt(startedAt)
                    .completedAt(completedAt);
        }
        if (s == StatementState.AVAILABLE) {
            b.executionCount(executionCount);
        }
        if (s == StatementState.RUNNING || s == StatementState.CANCELLING) {
            OptionalDouble p = progress.get();
            if (p.isPresent()) {
                b.progress(Math.min(0.99, p.getAsDouble()));
            }
        } else if (s.isTerminal()) {
            b.progress(1.0);
        }
        return b.build();
    }
}
