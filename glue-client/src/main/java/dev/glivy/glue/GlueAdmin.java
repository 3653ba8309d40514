package dev.glivy.glue;

import dev.glivy.SessionInfo;
import dev.glivy.SessionRuntime;
import dev.glivy.glue.internal.BlockingRetry;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.glue.internal.GlueErrorMapper;
import dev.glivy.glue.internal.IoExecutor;
import dev.glivy.glue.internal.Options;
import dev.glivy.glue.internal.Reaper;
import dev.glivy.glue.internal.SessionOps;
import dev.glivy.glue.internal.StatusOps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Glue operations that are not session verbs, in one place: who you are ({@link #whoami()}), a session's
 * {@code %status} with its cost ({@link #status(String)}), its dashboard link, the sessions carrying some tags,
 * deleting a session, and the reaper that stops sessions a crashed program left running.
 *
 * <pre>{@code
 * GlueClientConfig aws = GlueClientConfig.builder().region("us-east-1").build();
 * try (GlueAdmin admin = GlueAdmin.builder().clientConfig(aws).build()) {
 *     admin.whoami();                                      // STS GetCallerIdentity
 *     admin.status(sessionId).describe();                  // state, config, tags, DPU-seconds, estimated cost
 *     admin.listSessions(Map.of("created-by", "glivy"));   // %list_sessions with a tag filter
 *     admin.reap(Duration.ofHours(2));                     // stop your Glivy sessions older than two hours
 * }
 * }</pre>
 *
 * <p><b>Configuration is explicit.</b> Every call uses the {@link GlueClientConfig} given to the builder (region,
 * endpoint, credentials) and nothing else: it does not learn a region or profile from a session's magics. To
 * look at a session created with {@code %region} or {@code %profile}, give the admin the same values; for one
 * created with {@code %%assume_role}, pass a credentials provider for that role.
 *
 * <p><b>Retries.</b> Each operation is retried as a whole by Glivy's core retrier with
 * {@link GlueClientConfig#retryPolicy()} when it fails retryably (throttling, internal errors, 5xx, connection
 * failures); every operation is a read, a stop or a delete, so repeating it is safe. Retries are logged at DEBUG.
 *
 * <p>Blocking; thread-safe. <b>Ownership:</b> {@link #close()} releases the clients and threads this object built;
 * clients, HTTP clients, credentials providers and executors from the configuration are never closed.
 */
public final class GlueAdmin implements AutoCloseable {
    /** Default price of one DPU-hour for cost estimates, as for sessions: {@value} USD. */
    public static final double DEFAULT_PRICE_PER_DPU_HOUR = GlueTransport.DEFAULT_PRICE_PER_DPU_HOUR;

    private final GlueClientConfig config;
    private final IoExecutor io;
    private final ClientRegistry registry;
    private final SessionOps sessions;
    private final StatusOps status;
    private final Reaper reaper;
    private final BlockingRetry retry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GlueAdmin(Builder b, GlueClientConfig config) {
        this.config = config;
        this.io = new IoExecutor(config.executor().orElse(null), 2, "glue-admin");
        Options o = config.options(
                io.executor(),
                b.pricePerDpuHour,
                b.listPageSize,
                GlueTransport.DEFAULT_REQUEST_ORIGIN,
                b.runtime == null ? Clock.systemUTC() : b.runtime.clock(),
                null);
        this.registry = new ClientRegistry(o);
        this.sessions = new SessionOps(registry, b.owner);
        this.status = new StatusOps(registry, sessions);
        this.reaper = new Reaper(registry, sessions);
        this.retry = new BlockingRetry(config.retryPolicy(), io.executor(), b.runtime);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** An admin with every default: the SDK's region and credentials chains. */
    public static GlueAdmin create() {
        return builder().build();
    }

    /** STS {@code GetCallerIdentity}: who the calls are made as. The answer is remembered. */
    public GlueCallerIdentity whoami() {
        return call("GetCallerIdentity", "STS GetCallerIdentity (whoami)", () -> registry.clients(
                        registry.defaultSettings())
                .thenCompose(a -> a.whoami())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        GlueErrorMapper.map(e, "STS GetCallerIdentity (whoami)", null))));
    }

    /**
     * {@code %status}: the session's state, configuration, tags, dashboard link and cost so far (at
     * {@link Builder#pricePerDpuHour(double)}). Tags and the dashboard link are best effort (see
     * {@link GlueSessionStatus#notes()}).
     *
     * @throws dev.glivy.SessionLostException when Glue does not know the session
     */
    public GlueSessionStatus status(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        return call("GetSession", "the status of session " + sessionId, () -> status.status(sessionId));
    }

    /** Glue {@code GetDashboardUrl}: the Spark monitoring dashboard link of a session. */
    public String dashboardUrl(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        return call(
                "GetDashboardUrl", "the dashboard link of session " + sessionId, () -> status.dashboardUrl(sessionId));
    }

    /**
     * {@code %list_sessions}: the sessions carrying every one of {@code tags} (all pages); {@code Map.of()} lists
     * every session. Use {@code Map.of("created-by", "glivy")} for the sessions Glivy created.
     */
    public List<SessionInfo> listSessions(Map<String, String> tags) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(tags, "tags must not be null"));
        return call("ListSessions", "the session list", () -> sessions.list(copy));
    }

    /**
     * Glue {@code DeleteSession}: removes a session (stopping it if it still runs); a session already gone is
     * success. {@code InteractiveSession.close()} only stops sessions, so their status and cost stay visible until
     * Glue forgets them.
     */
    public void deleteSession(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        call("DeleteSession", "Glue DeleteSession for session " + sessionId, () -> sessions.delete(sessionId));
    }

    /**
     * Stops the caller's live sessions tagged {@code created-by=glivy} that were created more than
     * {@code olderThan} ago: a safety net for sessions a crashed program left running.
     *
     * @return what was found and stopped
     */
    public ReapReport reap(Duration olderThan) {
        return reap(ReapOptions.olderThan(olderThan));
    }

    /**
     * Stops (or, with {@link ReapOptions#dryRun()}, lists) the sessions {@code options} select. The owner matched
     * is {@link ReapOptions#owner()}, else {@link Builder#owner(String)}, else the caller's STS user id, else the
     * access key id the credentials resolve to.
     */
    public ReapReport reap(ReapOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return call("Reap", "the reaper", () -> reaper.reap(options));
    }

    private <T> T call(String operation, String what, Supplier<CompletableFuture<T>> attempt) {
        if (closed.get()) {
            throw new IllegalStateException("GlueAdmin is closed: build a new one");
        }
        return retry.call(operation, what, attempt);
    }

    /** Releases the clients and threads this object built. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        retry.close();
        registry.close();
        io.close();
    }

    @Override
    public String toString() {
        return "GlueAdmin{" + config + "}";
    }

    /** Builds a {@link GlueAdmin}. Every setting is optional. Not thread-safe. */
    public static final class Builder {
        private GlueClientConfig.Builder clientConfig = GlueClientConfig.builder();
        private @Nullable String owner;
        private double pricePerDpuHour = DEFAULT_PRICE_PER_DPU_HOUR;
        private int listPageSize = GlueTransport.DEFAULT_LIST_PAGE_SIZE;
        private @Nullable SessionRuntime runtime;

        private Builder() {}

        /** How to reach AWS; replaces the configuration set so far. Default {@link GlueClientConfig#defaults()}. */
        public Builder clientConfig(GlueClientConfig config) {
            this.clientConfig = Objects.requireNonNull(config, "clientConfig must not be null").toBuilder();
            return this;
        }

        /** Changes the client configuration set so far, for example {@code c -> c.profile("analytics")}. */
        public Builder clientConfig(Consumer<GlueClientConfig.Builder> change) {
            Objects.requireNonNull(change, "clientConfig must not be null").accept(clientConfig);
            return this;
        }

        /** Shortcut for {@code clientConfig(c -> c.region(region))}. */
        public Builder region(String region) {
            clientConfig.region(region);
            return this;
        }

        /**
         * The owner the reaper matches by default (the {@code owner} tag a transport with the same
         * {@link GlueTransportBuilder#owner(String)} writes), so the reaper needs no STS. Default: not set.
         */
        public Builder owner(String owner) {
            this.owner = GlueTransportBuilder.checkedOwner(owner);
            return this;
        }

        /** USD per DPU-hour for {@link GlueSessionStatus} estimates. Default {@value #DEFAULT_PRICE_PER_DPU_HOUR}. */
        public Builder pricePerDpuHour(double usd) {
            this.pricePerDpuHour = GlueTransportBuilder.checkedPrice(usd);
            return this;
        }

        /** ListSessions page size, 1 to 1000. Default {@value GlueTransport#DEFAULT_LIST_PAGE_SIZE}. */
        public Builder listPageSize(int size) {
            this.listPageSize = GlueTransportBuilder.checkedPageSize(size);
            return this;
        }

        /**
         * The scheduler that retry backoff waits on and the clock the reaper measures session age with. <b>Never
         * closed by Glivy.</b> Default: Glivy's shared runtime and the system clock.
         */
        public Builder runtime(SessionRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
            return this;
        }

        /**
         * Builds the admin entry point. No AWS call is made: clients are built on first use.
         *
         * @throws IllegalStateException listing every conflicting client setting
         */
        public GlueAdmin build() {
            return new GlueAdmin(this, clientConfig.build());
        }
    }
}
