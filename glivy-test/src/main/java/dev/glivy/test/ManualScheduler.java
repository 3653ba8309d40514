package dev.glivy.test;

import dev.glivy.SessionRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ScheduledExecutorService} and {@link Clock} on virtual time: nothing runs until the test advances time,
 * and time only moves when the test says so. Tasks run on the calling thread, in time order (ties in submission
 * order). {@link #runtime()} gives a {@link SessionRuntime} that uses it as scheduler, executor and clock, so Glivy's
 * polling, retries and deadlines become deterministic and a test of hours of backend time runs in milliseconds:
 *
 * <pre>{@code
 * ManualScheduler time = new ManualScheduler();
 * ScriptedTransport backend = ScriptedTransport.create(time.clock());
 * backend.when("slow()").after(Duration.ofMinutes(5)).thenText("done");
 * InteractiveSession s = InteractiveSession.builder().transport(backend).runtime(time.runtime()).build();
 * time.await(s.startAsync(), Duration.ofMinutes(1));
 * StatementResult r = time.await(s.executeAsync("slow()"), Duration.ofMinutes(10));
 * }</pre>
 *
 * <p>Blocking calls ({@code execute}, {@code start}) would wait forever, because nothing advances time while the
 * caller blocks: use the {@code *Async} methods with {@link #await(CompletableFuture, Duration)}.
 *
 * <p>Default origin 2026-01-01T00:00:00Z. Thread-safe (tasks may be added from other threads); tasks themselves run
 * on the thread that advances time. Nothing to close: {@link #shutdown()} only refuses new tasks.
 *
 * @since 0.2
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final Instant origin;
    private long now;
    private long seq;
    private boolean shutdown;

    /** A scheduler whose clock starts at 2026-01-01T00:00:00Z. */
    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A scheduler whose clock starts at {@code origin}. */
    public ManualScheduler(Instant origin) {
        this.origin = origin;
    }

    /**
     * A runtime on this virtual time (scheduler, executor and clock), with a seeded {@link Random} so retry jitter
     * repeats. You close it when done (it does not shut this scheduler down).
     */
    public SessionRuntime runtime() {
        return SessionRuntime.builder()
                .scheduler(this)
                .executor(this)
                .clock(clock())
                .random(new Random(1))
                .build();
    }

    /** The virtual clock. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return origin.plusNanos(nanoTime());
            }
        };
    }

    /** Virtual nanoseconds since the origin. */
    public synchronized long nanoTime() {
        return now;
    }

    /** Virtual time since the origin. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime());
    }

    /** Runs every task due within {@code d} from now, then sets the clock to now + {@code d}. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task<?> t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.time > target) {
                    now = Math.max(now, target);
                    return;
                }
                queue.poll();
                now = Math.max(now, t.time);
            }
            t.run();
        }
    }

    /** Runs tasks due now (without moving the clock). */
    public void runPending() {
        advance(Duration.ZERO);
    }

    /**
     * Advances time task by task until {@code future} is done, and returns its value.
     *
     * @throws TimeoutException when nothing is left to run, or {@code limit} of virtual time passed
     */
    public <T> T await(CompletableFuture<T> future, Duration limit) throws ExecutionException, TimeoutException {
        long deadline = nanoTime() + limit.toNanos();
        while (!future.isDone()) {
            Task<?> t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.time > deadline) {
                    throw new TimeoutException("future not done after " + Duration.ofNanos(now) + " virtual time; "
                            + queue.size() + " tasks queued");
                }
                queue.poll();
                now = Math.max(now, t.time);
            }
            t.run();
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tasks waiting. */
    public synchronized int queued() {
        return queue.size();
    }

    private synchronized <V> Task<V> enqueue(Task<V> t) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("ManualScheduler is shut down");
        }
        queue.add(t);
        return t;
    }

    private synchronized void requeue(Task<?> t) {
        if (!shutdown) {
            queue.add(t);
        }
    }

    private synchronized void remove(Task<?> t) {
        queue.remove(t);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<Void>(Executors0.callable(command), at(delay, unit), 0, false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, at(delay, unit), 0, false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return enqueue(
                new Task<Void>(Executors0.callable(command), at(initialDelay, unit), unit.toNanos(period), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return enqueue(
                new Task<Void>(Executors0.callable(command), at(initialDelay, unit), unit.toNanos(delay), false));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private synchronized long at(long delay, TimeUnit unit) {
        return now + Math.max(0, unit.toNanos(delay));
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private static final class Executors0 {
        static Callable<Void> callable(Runnable r) {
            return () -> {
                r.run();
                return null;
            };
        }
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private long time;
        private final long period;
        private final boolean fixedRate;
        private final long order;

        Task(Callable<V> callable, long time, long period, boolean fixedRate) {
            super(callable);
            this.time = time;
            this.period = period;
            this.fixedRate = fixedRate;
            synchronized (ManualScheduler.this) {
                this.order = seq++;
            }
        }

        @Override
        public boolean isPeriodic() {
            return period > 0;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                time = fixedRate ? time + period : nanoTime() + period;
                requeue(this);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean c = super.cancel(mayInterruptIfRunning);
            remove(this);
            return c;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> t = (Task<?>) o;
            int c = Long.compare(time, t.time);
            return c != 0 ? c : Long.compare(order, t.order);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(order);
        }
    }
}
