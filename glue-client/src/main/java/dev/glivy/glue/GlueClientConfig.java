package dev.glivy.glue;

import dev.glivy.config.RetryPolicy;
import dev.glivy.glue.internal.Options;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.internal.Durations;
import dev.glivy.internal.Redaction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * How Glivy reaches AWS: region, endpoints, credentials, clients passed in, executor, timeouts and the retry policy
 * of calls made outside a session. One value is shared by {@link GlueTransport}, {@link GlueAdmin},
 * {@link GlueCatalog} and {@link GlueJobs}, so each is configured the same way:
 *
 * <pre>{@code
 * GlueClientConfig aws = GlueClientConfig.builder().region("eu-west-1").profile("analytics").build();
 * GlueTransport transport = GlueTransport.builder().clientConfig(aws).build();
 * GlueAdmin admin = GlueAdmin.builder().clientConfig(aws).build();
 * }</pre>
 *
 * <p>Every setting is optional. Values set here win over the session configuration's {@code %region},
 * {@code %endpoint} and {@code %profile}; when neither sets one, the SDK's default region and credentials chains
 * apply. A Glue client passed in fixes region, endpoint and credentials, so setting those too is refused.
 *
 * <p><b>Retries.</b> The clients Glivy builds have the SDK's retries off: Glivy retries once, in core, with
 * {@link #retryPolicy()} for calls outside a session (admin, catalog, jobs, the S3 side channel) and with the
 * session's {@code RetryPolicy} for session calls. <b>For a client you pass in, switch its SDK retries off
 * yourself</b> ({@code overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))}).
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no credentials. <b>Ownership:</b> clients, HTTP clients,
 * credentials providers and executors held here are never closed by Glivy; whoever builds a transport, admin,
 * catalog or jobs object from this value closes that object, which closes only what it built itself (transports
 * share what Glivy builds for them, reference counted: see {@link GlueTransport}). Two transports share AWS clients
 * only when given the same instances here: pass one credentials provider to all of them rather than one each.
 */
public final class GlueClientConfig {
    /** Default connection timeout of the HTTP clients Glivy builds: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time limit of one AWS call (the SDK's API call timeout and socket timeout): 60 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Threads of the executor all transports share for blocking SDK calls when none is given: {@value}. */
    public static final int DEFAULT_IO_THREADS = 4;

    private static final GlueClientConfig DEFAULTS = new Builder().build();

    private final @Nullable String region;
    private final @Nullable URI endpointOverride;
    private final @Nullable URI stsEndpointOverride;
    private final @Nullable URI s3EndpointOverride;
    private final @Nullable AwsCredentialsProvider credentialsProvider;
    private final @Nullable String profile;
    private final @Nullable GlueClient glueClient;
    private final @Nullable GlueAsyncClient glueAsyncClient;
    private final @Nullable StsClient stsClient;
    private final @Nullable S3Client s3Client;
    private final @Nullable SdkHttpClient httpClient;
    private final @Nullable Executor executor;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;

    private GlueClientConfig(Builder b) {
        this.region = b.region;
        this.endpointOverride = b.endpointOverride;
        this.stsEndpointOverride = b.stsEndpointOverride;
        this.s3EndpointOverride = b.s3EndpointOverride;
        this.credentialsProvider = b.credentialsProvider;
        this.profile = b.profile;
        this.glueClient = b.glueClient;
        this.glueAsyncClient = b.glueAsyncClient;
        this.stsClient = b.stsClient;
        this.s3Client = b.s3Client;
        this.httpClient = b.httpClient;
        this.executor = b.executor;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
    }

    /** A new builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The all-default configuration: the SDK's region and credentials chains, Glivy's timeouts and retries. */
    public static GlueClientConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The AWS region, when set. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The Glue endpoint override, when set. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    /** The STS endpoint override, when set. */
    public Optional<URI> stsEndpointOverride() {
        return Optional.ofNullable(stsEndpointOverride);
    }

    /** The S3 endpoint override (path-style addressing), when set. */
    public Optional<URI> s3EndpointOverride() {
        return Optional.ofNullable(s3EndpointOverride);
    }

    /** The credentials provider, when set. */
    public Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /** The AWS config profile whose credentials to use, when set. */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /** The sync Glue client passed in, when set. */
    public Optional<GlueClient> glueClient() {
        return Optional.ofNullable(glueClient);
    }

    /** The async Glue client passed in, when set. */
    public Optional<GlueAsyncClient> glueAsyncClient() {
        return Optional.ofNullable(glueAsyncClient);
    }

    /** The STS client passed in, when set. */
    public Optional<StsClient> stsClient() {
        return Optional.ofNullable(stsClient);
    }

    /** The S3 client passed in, when set. */
    public Optional<S3Client> s3Client() {
        return Optional.ofNullable(s3Client);
    }

    /** The HTTP client for the clients Glivy builds, when set. */
    public Optional<SdkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** The executor blocking SDK calls run on, when set. */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /** Connection timeout of the HTTP clients Glivy builds. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time limit of one AWS call of the clients Glivy builds. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How calls made outside a session are retried. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The internal options for these settings plus an owner's own values; {@code executor} is the one to use. */
    Options options(
            Executor executor,
            double pricePerDpuHour,
            int pageSize,
            String requestOrigin,
            Clock clock,
            @Nullable S3Location resultsS3) {
        return new Options(
                region,
                endpointOverride,
                stsEndpointOverride,
                credentialsProvider,
                profile,
                glueClient,
                glueAsyncClient,
                stsClient,
                httpClient,
                executor,
                connectTimeout,
                requestTimeout,
                pricePerDpuHour,
                pageSize,
                requestOrigin,
                clock,
                resultsS3,
                s3Client,
                s3EndpointOverride);
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("GlueClientConfig{region=").append(region == null ? "(SDK default)" : region);
        if (endpointOverride != null) {
            sb.append(", endpoint=").append(Redaction.url(endpointOverride.toString()));
        }
        if (stsEndpointOverride != null) {
            sb.append(", stsEndpoint=").append(Redaction.url(stsEndpointOverride.toString()));
        }
        if (s3EndpointOverride != null) {
            sb.append(", s3Endpoint=").append(Redaction.url(s3EndpointOverride.toString()));
        }
        sb.append(", credentials=")
                .append(
                        credentialsProvider != null
                                ? "given"
                                : profile != null ? "profile " + profile : "default chain");
        sb.append(", glueClient=").append(glueClient != null || glueAsyncClient != null ? "given" : "built");
        return sb.append(", connectTimeout=")
                .append(connectTimeout)
                .append(", requestTimeout=")
                .append(requestTimeout)
                .append("}")
                .toString();
    }

    /** Builds a {@link GlueClientConfig}. Every setting is optional. Not thread-safe. */
    public static final class Builder {
        private @Nullable String region;
        private @Nullable URI endpointOverride;
        private @Nullable URI stsEndpointOverride;
        private @Nullable URI s3EndpointOverride;
        private @Nullable AwsCredentialsProvider credentialsProvider;
        private @Nullable String profile;
        private @Nullable GlueClient glueClient;
        private @Nullable GlueAsyncClient glueAsyncClient;
        private @Nullable StsClient stsClient;
        private @Nullable S3Client s3Client;
        private @Nullable SdkHttpClient httpClient;
        private @Nullable Executor executor;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();

        private Builder() {}

        private Builder(GlueClientConfig c) {
            region = c.region;
            endpointOverride = c.endpointOverride;
            stsEndpointOverride = c.stsEndpointOverride;
            s3EndpointOverride = c.s3EndpointOverride;
            credentialsProvider = c.credentialsProvider;
            profile = c.profile;
            glueClient = c.glueClient;
            glueAsyncClient = c.glueAsyncClient;
            stsClient = c.stsClient;
            s3Client = c.s3Client;
            httpClient = c.httpClient;
            executor = c.executor;
            connectTimeout = c.connectTimeout;
            requestTimeout = c.requestTimeout;
            retryPolicy = c.retryPolicy;
        }

        /**
         * The AWS region, for example {@code "us-east-1"}; wins over {@code %region}. Default: {@code %region}, else
         * the SDK's default region chain ({@code AWS_REGION}, the profile's {@code region}, instance metadata).
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region must not be null");
            return this;
        }

        /**
         * The Glue endpoint, for example a VPC endpoint or a local stand-in; wins over {@code %endpoint}. Default:
         * {@code %endpoint}, else the regional endpoint.
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = Objects.requireNonNull(endpoint, "endpointOverride must not be null");
            return this;
        }

        /** The STS endpoint (whoami, owner tags, {@code %%assume_role}). Default: the regional STS endpoint. */
        public Builder stsEndpointOverride(URI endpoint) {
            this.stsEndpointOverride = Objects.requireNonNull(endpoint, "stsEndpointOverride must not be null");
            return this;
        }

        /**
         * The S3 endpoint of the S3 client Glivy builds (the SQL results side channel, job scripts); path-style
         * addressing is used with it. Default: the regional endpoint, cross-region bucket access on.
         */
        public Builder s3EndpointOverride(URI endpoint) {
            this.s3EndpointOverride = Objects.requireNonNull(endpoint, "s3EndpointOverride must not be null");
            return this;
        }

        /**
         * The credentials of the clients Glivy builds; wins over {@code %profile}. <b>Not closed by Glivy.</b>
         * Default: {@link #profile(String)}, else {@code %profile}, else the SDK's default credentials chain.
         */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentialsProvider = Objects.requireNonNull(credentials, "credentialsProvider must not be null");
            return this;
        }

        /** The AWS config profile whose credentials to use; wins over {@code %profile}. Default: not set. */
        public Builder profile(String profile) {
            this.profile = Objects.requireNonNull(profile, "profile must not be null");
            return this;
        }

        /**
         * A sync Glue client to use instead of building one: its region, endpoint and credentials then apply, and
         * {@code %region}, {@code %endpoint}, {@code %profile}, {@code %%assume_role} are reported as ignored.
         * <b>Never closed by Glivy.</b> Switch its SDK retries off (see the class comment).
         */
        public Builder glueClient(GlueClient client) {
            this.glueClient = Objects.requireNonNull(client, "glueClient must not be null");
            return this;
        }

        /** An async Glue client to use instead of building one, as {@link #glueClient(GlueClient)}. */
        public Builder glueClient(GlueAsyncClient client) {
            this.glueAsyncClient = Objects.requireNonNull(client, "glueClient must not be null");
            return this;
        }

        /**
         * An STS client (whoami, owner tags, {@code %%assume_role}). <b>Never closed by Glivy.</b> Default: one
         * built with the Glue client's region and credentials.
         */
        public Builder stsClient(StsClient client) {
            this.stsClient = Objects.requireNonNull(client, "stsClient must not be null");
            return this;
        }

        /** An S3 client (results side channel, job scripts). <b>Never closed by Glivy.</b> Default: one built. */
        public Builder s3Client(S3Client client) {
            this.s3Client = Objects.requireNonNull(client, "s3Client must not be null");
            return this;
        }

        /**
         * The HTTP client of the AWS clients Glivy builds (a proxy, another SDK HTTP implementation). <b>Never closed
         * by Glivy.</b> Default: a JDK {@code HttpURLConnection} client per set of clients, with the timeouts below.
         */
        public Builder httpClient(SdkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
            return this;
        }

        /**
         * The executor blocking SDK calls run on. <b>Never shut down by Glivy.</b> Default: every
         * {@link GlueTransport} in the JVM shares one pool of {@link #DEFAULT_IO_THREADS} daemon threads (ended with
         * the last transport); each admin, catalog or jobs object owns 2 threads. Threads end after 30 idle seconds.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /** Connection timeout of the HTTP clients Glivy builds. Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.positive("connectTimeout", timeout);
            return this;
        }

        /** Time limit of one AWS call of the clients Glivy builds. Default {@link #DEFAULT_REQUEST_TIMEOUT}. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive("requestTimeout", timeout);
            return this;
        }

        /**
         * How calls made outside a session are retried (admin, catalog, jobs, S3 side channel). Default
         * {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} never retries. Session calls use the session's
         * policy ({@code SessionBuilder.retryPolicy(...)}).
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy must not be null");
            return this;
        }

        /**
         * Builds the configuration. No AWS call is made.
         *
         * @throws IllegalStateException listing every conflicting setting
         */
        public GlueClientConfig build() {
            List<String> problems = new ArrayList<>();
            if (glueClient != null && glueAsyncClient != null) {
                problems.add("glueClient(GlueClient) and glueClient(GlueAsyncClient) are exclusive; pass one");
            }
            if ((glueClient != null || glueAsyncClient != null)
                    && (region != null || endpointOverride != null || credentialsProvider != null || profile != null)) {
                problems.add("region(...), endpointOverride(...), credentialsProvider(...) and profile(...) have no "
                        + "effect with glueClient(...): configure the client you pass instead");
            }
            if (credentialsProvider != null && profile != null) {
                problems.add("credentialsProvider(...) and profile(...) are exclusive; pass one");
            }
            if (s3Client != null && s3EndpointOverride != null) {
                problems.add("s3EndpointOverride(...) has no effect with s3Client(...): configure the client you pass");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid GlueClientConfig: " + String.join("; ", problems));
            }
            return new GlueClientConfig(this);
        }
    }
}
