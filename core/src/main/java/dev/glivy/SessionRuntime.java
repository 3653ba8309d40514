package dev.glivy;

import dev.glivy.internal.NamedThreads;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The threads and time source sessions share: one scheduler for every poll, retry delay, deadline and keep-alive
 * of every session using this runtime (never a thread per session or per statement), an executor on which
 * user-visible futures complete, a {@link Clock} and the {@link Random} behind jitter.
 *
 * <p>By default each session uses a process-wide runtime with one scheduler thread and two completion threads
 * (daemon threads, started with the first session and stopped when the last one closes). Create your own to
 * control threads or, in tests, time: {@code SessionRuntime.builder().scheduler(virtual).clock(virtual)}.
 *
 * <p>Thread-safe. <b>Ownership:</b> you close a runtime you created, after the sessions using it; executors you
 * pass in are never shut down by Glivy.
 */
public final class SessionRuntime implements AutoCloseable {
    /** Threads of the completion executor Glivy creates: {@value}. */
    public static final int DEFAULT_COMPLETION_THREADS = 2;

    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final Clock clock;
    private final Random random;
    private final boolean ownsScheduler;
    private final @Nullable ExecutorService ownedExecutor;

    private SessionRuntime(Builder b) {
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : newScheduler();
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            ExecutorService pool =
                    Executors.newFixedThreadPool(DEFAULT_COMPLETION_THREADS, NamedThreads.numbered("glivy-callback-"));
            this.executor = pool;
            this.ownedExecutor = pool;
        }
        this.clock = b.clock;
        this.random = b.random;
    }

    /** A runtime with its own scheduler thread, two completion threads, the system clock. */
    public static SessionRuntime create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The shared scheduler. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The executor user-visible futures complete on. */
    public Executor executor() {
        return executor;
    }

    /** The time source. */
    public Clock clock() {
        return clock;
    }

    /** The random source for jitter (thread-safe). */
    public Random random() {
        return random;
    }

    /** Stops the threads this runtime created. Idempotent. */
    @Override
    public void close() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, NamedThreads.numbered("glivy-scheduler-"));
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Builder for {@link SessionRuntime}. Not thread-safe. */
    public static final class Builder {
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable Executor executor;
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();

        private Builder() {}

        /** The scheduler to use. <b>Not shut down by Glivy.</b> Default: one daemon thread owned by the runtime. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
            return this;
        }

        /**
         * The executor user-visible futures complete on. <b>Not shut down by Glivy.</b> Default: two daemon threads
         * owned by the runtime.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /** The clock deadlines are measured with. Default: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** The random source for jitter; pass a seeded one for repeatable runs. Default: a new {@link Random}. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random must not be null");
            return this;
        }

        /** Builds the runtime, starting any threads it owns. */
        public SessionRuntime build() {
            return new SessionRuntime(this);
        }
    }
}
