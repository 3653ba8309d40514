package dev.glivy;

import dev.glivy.config.RetryPolicy;
import dev.glivy.internal.Deadlines;
import dev.glivy.internal.Durations;
import dev.glivy.internal.Futures;
import dev.glivy.internal.GlivyLoggers;
import dev.glivy.internal.Retrier;
import dev.glivy.internal.SharedRuntime;
import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The operations on a backend that belong to no one session, for any transport: today, listing the sessions the
 * caller can see ({@code %list_sessions}). Each call runs through Glivy's core retrier with your
 * {@link RetryPolicy} (only retryable failures are repeated, and a listing is a read, so repeating it is safe) and
 * fails with a {@link SessionTimeoutException} when it has not finished within the {@link Builder#deadline
 * deadline}, retries included.
 *
 * <pre>{@code
 * try (SessionAdmin admin = SessionAdmin.builder().transport(LivyTransport.builder().url(url)).build()) {
 *     for (SessionInfo s : admin.listSessions()) {
 *         System.out.println(s.id() + " " + s.backendState());
 *     }
 * }
 * }</pre>
 *
 * <p>For what only one backend can do (Glue's tag filters, status with cost, reaping), see that transport's admin
 * entry point ({@code GlueAdmin}).
 *
 * <p>Thread-safe. <b>Ownership:</b> a transport passed in with {@link Builder#transport(SessionTransport)} is
 * never closed by Glivy; one built from a {@link SessionTransport.Factory} is created by {@link Builder#build()}
 * and closed by {@link #close()}, which also releases this admin's share of the default runtime. A runtime passed
 * to {@link Builder#runtime(SessionRuntime)} is never closed. You close the admin.
 *
 * @since 0.4
 */
public final class SessionAdmin implements AutoCloseable {
    /** How long one call may take, retries included, unless {@link Builder#deadline} says otherwise: 1 minute. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(1);

    private static final Logger LOG = GlivyLoggers.session();

    private final SessionTransport transport;
    private final boolean ownsTransport;
    private final SessionRuntime runtime;
    private final boolean sharedRuntime;
    private final Duration deadline;
    private final Retrier retrier;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SessionAdmin(
            SessionTransport transport,
            boolean ownsTransport,
            @Nullable SessionRuntime runtime,
            RetryPolicy retry,
            Duration deadline) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.sharedRuntime = runtime == null;
        this.runtime = runtime != null ? runtime : SharedRuntime.acquire();
        this.deadline = deadline;
        this.retrier = new Retrier(
                retry,
                this.runtime.scheduler(),
                this.runtime.random(),
                (op, attempt, delay, cause) -> LOG.debug(
                        "{} on {} failed (attempt {}), retrying in {} ms: {}",
                        op,
                        transport.backend(),
                        attempt,
                        delay.toMillis(),
                        cause.getMessage()),
                this.runtime.clock());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The sessions the backend lists for these credentials, all pages, in the backend's order.
     *
     * @throws SessionTimeoutException when the listing did not finish within the deadline (the call in flight is
     *     cancelled)
     * @throws SessionException (a subtype) when the backend refused or could not be reached, after the retries
     * @throws IllegalStateException when this admin is closed
     */
    public List<SessionInfo> listSessions() {
        return Futures.await(listSessionsAsync(), null, transport.backend(), "the session list");
    }

    /**
     * Async form of {@link #listSessions()}: completes on the runtime's executor; cancelling the future cancels the
     * call in flight. Fails with {@link IllegalStateException} when this admin is closed.
     */
    public CompletableFuture<List<SessionInfo>> listSessionsAsync() {
        return call("listSessions", "list the sessions", transport::listSessions);
    }

    private <T> CompletableFuture<T> call(
            String operation, String what, java.util.function.Supplier<CompletableFuture<T>> attempt) {
        if (closed.get()) {
            return Futures.failed(new IllegalStateException(
                    "Cannot " + what + ": this SessionAdmin (" + describe() + ") is closed. Build a new one."));
        }
        CompletableFuture<T> retried = retrier.idempotent(operation, attempt);
        CompletableFuture<T> bounded = Deadlines.within(
                retried,
                deadline,
                runtime.scheduler(),
                () -> new SessionTimeoutException(
                        "Could not " + what + " on " + describe() + " within "
                                + Durations.human(deadline) + " (retries included); the call in flight was cancelled. "
                                + "Raise SessionAdmin.Builder.deadline(...) if the backend is slow.",
                        null,
                        transport.backend(),
                        deadline));
        CompletableFuture<T> out = new CompletableFuture<>();
        Futures.relay(bounded, out, runtime.executor());
        out.whenComplete((v, e) -> {
            if (!retried.isDone()) {
                retried.cancel(true); // timed out or cancelled by the caller: the retrier cancels the attempt
            }
        });
        return out;
    }

    private String describe() {
        return transport.backend() + ", " + transport.endpoint();
    }

    /**
     * Closes the transport if this admin built it from a factory and releases its share of the default runtime.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (ownsTransport) {
                transport.close();
            }
        } finally {
            if (sharedRuntime) {
                SharedRuntime.release(runtime);
            }
        }
    }

    @Override
    public String toString() {
        return "SessionAdmin{backend=" + describe() + ", deadline=" + deadline + "}";
    }

    /** Builds a {@link SessionAdmin}; a transport is required, everything else has a default. Not thread-safe. */
    public static final class Builder {
        private @Nullable SessionTransport transport;
        private SessionTransport.@Nullable Factory transportFactory;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration deadline = DEFAULT_DEADLINE;
        private @Nullable SessionRuntime runtime;

        private Builder() {}

        /**
         * The transport to call. <b>Glivy never closes a transport passed in:</b> you close it after the admin; it
         * may be shared with sessions.
         */
        public Builder transport(SessionTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport must not be null");
            this.transportFactory = null;
            return this;
        }

        /**
         * A transport builder (for example {@code LivyTransport.builder().url(...)}): {@link #build()} creates the
         * transport and <b>{@link SessionAdmin#close()} closes it</b>.
         */
        public Builder transport(SessionTransport.Factory factory) {
            this.transportFactory = Objects.requireNonNull(factory, "transport factory must not be null");
            this.transport = null;
            return this;
        }

        /** How failed calls are retried. Default: {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy must not be null");
            return this;
        }

        /** Changes the retry policy set so far, for example {@code r -> r.maxAttempts(5)}. */
        public Builder retryPolicy(Consumer<RetryPolicy.Builder> change) {
            RetryPolicy.Builder b = retry.toBuilder();
            Objects.requireNonNull(change, "retryPolicy must not be null").accept(b);
            this.retry = b.build();
            return this;
        }

        /**
         * How long one call may take, all attempts and backoffs included, measured on the runtime's scheduler.
         * Default: {@link #DEFAULT_DEADLINE} (1 minute).
         *
         * @throws IllegalArgumentException unless {@code deadline} is positive
         */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline must not be null");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be > 0 but was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * The scheduler, executor and clock to use. <b>Not closed by Glivy.</b> Default: the process-wide runtime
         * sessions share (held until {@link SessionAdmin#close()}).
         */
        public Builder runtime(SessionRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
            return this;
        }

        /**
         * Builds the admin, creating the transport when it was given as a factory. No remote call is made.
         *
         * @throws IllegalStateException when no transport was chosen
         */
        public SessionAdmin build() {
            if (transport == null && transportFactory == null) {
                throw new IllegalStateException("No transport chosen: call transport(...) with "
                        + "LocalTransport.builder(), LivyTransport.builder().url(...) or GlueTransport.builder()");
            }
            boolean owns = transport == null;
            SessionTransport t = transport != null
                    ? transport
                    : Objects.requireNonNull(transportFactory).create();
            try {
                return new SessionAdmin(t, owns, runtime, retry, deadline);
            } catch (RuntimeException e) {
                if (owns) {
                    t.close();
                }
                throw e;
            }
        }
    }
}
