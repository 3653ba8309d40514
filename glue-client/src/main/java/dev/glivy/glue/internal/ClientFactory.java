package dev.glivy.glue.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the AWS clients for one {@link ClientSettings}. Clients Glivy builds have the SDK's retries switched off
 * (Glivy's core retries, so attempts never multiply), explicit connect and call timeouts and the JDK's
 * {@code HttpURLConnection} transport (fixed-length streaming, so a POST is never silently resent). Their call
 * timeouts are timed on Glivy's shared scheduler thread ({@link SdkTimers}) rather than on the five
 * {@code sdk-ScheduledExecutor} threads each SDK client would otherwise start. Clients passed in are used as they
 * are and never closed.
 */
public final class ClientFactory {
    /** Role session name used for {@code %%assume_role}. */
    static final String ROLE_SESSION_NAME = "glivy";

    private final Options options;
    private final Executor executor;

    /** A factory for the transport's options; blocking calls run on {@code executor}. */
    public ClientFactory(Options options, Executor executor) {
        this.options = options;
        this.executor = executor;
    }

    /**
     * Builds the clients.
     *
     * @throws IllegalStateException when no region is configured anywhere, with the ways to set one
     */
    public AwsClients build(ClientSettings s) {
        List<AutoCloseable> owned = new ArrayList<>();
        // first in the list, so it is returned last (AwsClients closes in reverse order)
        SdkTimers timers = new SdkTimers();
        owned.add(timers);
        try {
            if (options.clientPassedIn()) {
                return passedIn(s, owned, timers);
            }
            AwsCredentialsProvider base = baseCredentials(s, owned);
            StsClient sts = sts(s.region(), base, owned, timers);
            AwsCredentialsProvider effective = base;
            AwsCredentialsProvider whoami = null;
            String role = s.assumeRole();
            if (role != null) {
                StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> r.roleArn(role).roleSessionName(ROLE_SESSION_NAME))
                        .build();
                owned.add(assumed);
                effective = assumed;
                whoami = assumed;
            }
            GlueClientBuilder b = configure(GlueClient.builder(), s.region(), effective, timers);
            if (s.endpoint() != null) {
                b.endpointOverride(s.endpoint());
            }
            GlueClient glue = b.build();
            owned.add(glue);
            String region = regionId(glue.serviceClientConfiguration().region(), s.region());
            S3Client s3 = s3(region, effective, owned, timers);
            return new AwsClients(s, glue, null, sts, whoami, region, executor, owned, s3).credentials(effective);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw translate(e, s);
        }
    }

    /** A Glue client passed in fixes the region; STS (unless passed too) is built for that region. */
    private AwsClients passedIn(ClientSettings s, List<AutoCloseable> owned, SdkTimers timers) {
        GlueClient sync = options.glueClient();
        GlueAsyncClient async = options.glueAsyncClient();
        Region r = sync != null
                ? sync.serviceClientConfiguration().region()
                : Objects.requireNonNull(async).serviceClientConfiguration().region();
        String region = regionId(r, s.region());
        @Nullable
        AwsCredentialsProvider base =
                options.stsClient() != null && !options.needsS3() ? null : baseCredentials(s, owned);
        StsClient sts = options.stsClient() != null
                ? options.stsClient()
                : sts(region, Objects.requireNonNull(base), owned, timers);
        S3Client s3 = options.needsS3() ? s3(region, Objects.requireNonNull(base), owned, timers) : null;
        return new AwsClients(s, sync, async, sts, null, region, executor, owned, s3)
                .credentials(
                        sync != null
                                ? sync.serviceClientConfiguration().credentialsProvider()
                                : Objects.requireNonNull(async)
                                        .serviceClientConfiguration()
                                        .credentialsProvider());
    }

    /**
     * The S3 client of the results side channel, or {@code null} when it is off: the one passed in, else one built
     * with the Glue calls' region and credentials (cross-region bucket access on; path-style addressing with an
     * endpoint override).
     */
    private @Nullable S3Client s3(
            @Nullable String region, AwsCredentialsProvider creds, List<AutoCloseable> owned, SdkTimers timers) {
        if (!options.needsS3()) {
            return null;
        }
        S3Client given = options.s3Client();
        if (given != null) {
            return given;
        }
        S3ClientBuilder b = configure(S3Client.builder(), region, creds, timers);
        if (options.s3Endpoint() != null) {
            b.endpointOverride(options.s3Endpoint()).forcePathStyle(true);
        } else {
            b.crossRegionAccessEnabled(true);
        }
        S3Client s3 = b.build();
        owned.add(s3);
        return s3;
    }

    private StsClient sts(
            @Nullable String region, AwsCredentialsProvider creds, List<AutoCloseable> owned, SdkTimers timers) {
        StsClient given = options.stsClient();
        if (given != null) {
            return given;
        }
        StsClientBuilder b = configure(StsClient.builder(), region, creds, timers);
        if (options.stsEndpoint() != null) {
            b.endpointOverride(options.stsEndpoint());
        }
        StsClient sts = b.build();
        owned.add(sts);
        return sts;
    }

    private static @Nullable String regionId(@Nullable Region r, @Nullable String fallback) {
        return r == null ? fallback : r.id();
    }

    private AwsCredentialsProvider baseCredentials(ClientSettings s, List<AutoCloseable> owned) {
        AwsCredentialsProvider given = options.credentials();
        if (given != null) {
            return given;
        }
        if (s.profile() != null) {
            ProfileCredentialsProvider p = ProfileCredentialsProvider.builder()
                    .profileName(s.profile())
                    .build();
            owned.add(p);
            return p;
        }
        DefaultCredentialsProvider d = DefaultCredentialsProvider.builder().build();
        owned.add(d);
        return d;
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B b, @Nullable String region, AwsCredentialsProvider creds, SdkTimers timers) {
        b.credentialsProvider(creds).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(options.requestTimeout())
                .scheduledExecutorService(timers.scheduler()));
        if (region != null) {
            b.region(Region.of(region));
        }
        if (options.httpClient() != null) {
            b.httpClient(options.httpClient());
        } else {
            b.httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(options.connectTimeout())
                    .socketTimeout(options.requestTimeout()));
        }
        return b;
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort while failing
            }
        }
    }

    private static RuntimeException translate(RuntimeException e, ClientSettings s) {
        if (e instanceof SdkClientException
                && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("region")) {
            return new IllegalStateException(
                    "No AWS region for the Glue transport (" + s.describe() + "): set "
                            + "%region (SessionBuilder.config(c -> c.region(...)) or magics), GlueClientConfig.region(...), "
                            + "the AWS_REGION environment variable, or region= in your AWS config profile.",
                    e);
        }
        return e;
    }
}
