package dev.glivy.local.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks (its start, its statements, its cleanup) one at a time in submission order on the
 * transport's shared pool, as Livy runs a session's statements.
 *
 * <p>Thread-safe.
 */
final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");

    private final Executor executor;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialQueue(Executor executor) {
        this.executor = executor;
    }

    /**
     * Queues {@code task}.
     *
     * @throws RejectedExecutionException when the pool is shut down (the transport closed)
     */
    void submit(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) {
                // Tasks record their own failures; this keeps the queue alive if one still escapes.
                LOG.warn("A local session task failed unexpectedly", e);
            } finally {
                // An interrupt meant for a cancelled statement must not leak into the next task.
                Thread.interrupted();
            }
        }
    }
}
