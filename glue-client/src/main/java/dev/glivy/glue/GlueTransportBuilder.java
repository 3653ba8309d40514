package dev.glivy.glue;

import dev.glivy.glue.internal.S3Location;
import dev.glivy.spi.SessionTransport;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link GlueTransport}; also a {@link SessionTransport.Factory}, so
 * {@code SessionBuilder.transport(GlueTransport.builder().region("us-east-1"))} gives each session its own
 * transport, closed with the session. How to reach AWS is one {@link GlueClientConfig}
 * ({@link #clientConfig(GlueClientConfig)}); the settings here are the transport's own. Every setting is optional.
 * Not thread-safe.
 */
public final class GlueTransportBuilder implements SessionTransport.Factory {
    private GlueClientConfig.Builder clientConfig = GlueClientConfig.builder();

    @Nullable
    String owner;

    double pricePerDpuHour = GlueTransport.DEFAULT_PRICE_PER_DPU_HOUR;
    int listPageSize = GlueTransport.DEFAULT_LIST_PAGE_SIZE;
    String requestOrigin = GlueTransport.DEFAULT_REQUEST_ORIGIN;

    @Nullable
    S3Location resultsS3;

    boolean newerWorkerTypes;
    Clock clock = Clock.systemUTC();

    GlueTransportBuilder() {}

    /**
     * How to reach AWS (region, endpoints, credentials, clients passed in, executor, timeouts); replaces the client
     * configuration set so far. Default {@link GlueClientConfig#defaults()}. <b>Clients and executors in it are never
     * closed by Glivy.</b>
     */
    public GlueTransportBuilder clientConfig(GlueClientConfig config) {
        this.clientConfig = Objects.requireNonNull(config, "clientConfig must not be null").toBuilder();
        return this;
    }

    /** Changes the client configuration set so far, for example {@code c -> c.profile("analytics")}. */
    public GlueTransportBuilder clientConfig(Consumer<GlueClientConfig.Builder> change) {
        Objects.requireNonNull(change, "clientConfig must not be null").accept(clientConfig);
        return this;
    }

    /** Shortcut for {@code clientConfig(c -> c.region(region))}; wins over {@code %region}. */
    public GlueTransportBuilder region(String region) {
        clientConfig.region(region);
        return this;
    }

    /**
     * The value of the {@code owner} tag on every session this transport creates (for example a team or CI job
     * name), so STS is not needed to learn who the caller is; give {@link GlueAdmin.Builder#owner(String)} the same
     * value to reap them. Tag characters only: letters, digits, spaces and {@code _.:/=+-@}; others are replaced.
     * Default: not set (the STS user id, else the access key id).
     */
    public GlueTransportBuilder owner(String owner) {
        this.owner = checkedOwner(owner);
        return this;
    }

    /**
     * USD per DPU-hour for cost estimates ({@code costRate}). Default
     * {@value GlueTransport#DEFAULT_PRICE_PER_DPU_HOUR}.
     */
    public GlueTransportBuilder pricePerDpuHour(double usd) {
        this.pricePerDpuHour = checkedPrice(usd);
        return this;
    }

    /** ListSessions page size, 1 to 1000. Default {@value GlueTransport#DEFAULT_LIST_PAGE_SIZE}. */
    public GlueTransportBuilder listPageSize(int size) {
        this.listPageSize = checkedPageSize(size);
        return this;
    }

    /**
     * The Glue {@code RequestOrigin} sent when the session configuration sets none. Default
     * {@value GlueTransport#DEFAULT_REQUEST_ORIGIN}.
     */
    public GlueTransportBuilder requestOrigin(String origin) {
        this.requestOrigin = Objects.requireNonNull(origin, "requestOrigin must not be null");
        return this;
    }

    /**
     * Turns on the S3 side channel for SQL results: {@code sql(...)} and {@code InteractiveSession.sqlStream(...)}
     * write results under {@code uri}, for example {@code "s3://my-bucket/glivy-results/"}, each in its own
     * {@code glivy-<UTC time>-<id>/} prefix that Glivy deletes after reading. Default: off. The S3 client is
     * {@link GlueClientConfig.Builder#s3Client} or one Glivy builds (see
     * {@link GlueClientConfig.Builder#s3EndpointOverride}); S3 calls are retried with
     * {@link GlueClientConfig#retryPolicy()}. Add an S3 lifecycle rule expiring the prefix after a day.
     *
     * @throws IllegalArgumentException unless {@code uri} is {@code s3://<bucket>/<prefix>} with a valid bucket
     *     name and a prefix of {@code A-Z a-z 0-9 . _ = - /}
     */
    public GlueTransportBuilder resultsS3Uri(String uri) {
        this.resultsS3 = S3Location.parse(uri);
        return this;
    }

    /**
     * Whether {@code %worker_type} may name a type this version of Glivy does not know (of the form
     * {@code <letter>.<n>X}); it is then sent as is. Default {@code false}: an unknown type is refused by
     * {@code SessionBuilder.build()} before any AWS call.
     */
    public GlueTransportBuilder newerWorkerTypes(boolean allow) {
        this.newerWorkerTypes = allow;
        return this;
    }

    /** The clock of the S3 side channel's prefixes (for tests). Default: the system clock. */
    GlueTransportBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    /**
     * Builds the transport. No AWS call is made: clients are built on first use.
     *
     * @throws IllegalStateException listing every conflicting client setting
     */
    public GlueTransport build() {
        return new GlueTransport(clientConfig.build(), this);
    }

    /** Builds a transport that the caller (the session, when used as a factory) owns and closes. */
    @Override
    public SessionTransport create() {
        return build();
    }

    static String checkedOwner(String owner) {
        Objects.requireNonNull(owner, "owner must not be null");
        if (owner.isBlank() || owner.length() > 256) {
            throw new IllegalArgumentException("owner must be 1 to 256 non-blank characters but was "
                    + (owner.isBlank() ? "blank" : owner.length() + " characters"));
        }
        return owner;
    }

    static double checkedPrice(double usd) {
        if (!(usd >= 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("pricePerDpuHour must be >= 0 but was " + usd);
        }
        return usd;
    }

    static int checkedPageSize(int size) {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("listPageSize must be between 1 and 1000 but was " + size);
        }
        return size;
    }
}
