package dev.glivy.glue.internal;

import dev.glivy.internal.Redaction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the public builders were told ({@code GlueClientConfig} plus the owner's own values), handed to the internal
 * classes in one immutable piece so they never see a builder. Nullable fields are "not set": the session
 * configuration or the SDK's default chains fill them.
 *
 * @param region the AWS region, or {@code null}
 * @param endpoint the Glue endpoint override, or {@code null}
 * @param stsEndpoint the STS endpoint override, or {@code null}
 * @param credentials the credentials provider (not owned), or {@code null}
 * @param profile the AWS config profile, or {@code null}
 * @param glueClient a sync Glue client passed in (not owned), or {@code null}
 * @param glueAsyncClient an async Glue client passed in (not owned), or {@code null}
 * @param stsClient an STS client passed in (not owned), or {@code null}
 * @param httpClient an HTTP client passed in for the clients Glivy builds (not owned), or {@code null}
 * @param executor the executor blocking calls run on
 * @param connectTimeout connection timeout of the HTTP clients Glivy builds
 * @param requestTimeout per-call timeout of the clients Glivy builds
 * @param pricePerDpuHour price of one DPU-hour in USD, for cost estimates
 * @param pageSize page size of ListSessions
 * @param requestOrigin default Glue {@code RequestOrigin}
 * @param clock time source for the reaper
 * @param resultsS3 where S3 objects go (SQL results, job scripts), or {@code null} when no S3 client is needed
 * @param s3Client an S3 client passed in (not owned), or {@code null}
 * @param s3Endpoint the S3 endpoint override (path-style addressing), or {@code null}
 */
public record Options(
        @Nullable String region,
        @Nullable URI endpoint,
        @Nullable URI stsEndpoint,
        @Nullable AwsCredentialsProvider credentials,
        @Nullable String profile,
        @Nullable GlueClient glueClient,
        @Nullable GlueAsyncClient glueAsyncClient,
        @Nullable StsClient stsClient,
        @Nullable SdkHttpClient httpClient,
        Executor executor,
        Duration connectTimeout,
        Duration requestTimeout,
        double pricePerDpuHour,
        int pageSize,
        String requestOrigin,
        Clock clock,
        @Nullable S3Location resultsS3,
        @Nullable S3Client s3Client,
        @Nullable URI s3Endpoint) {

    /** {@code true} when the clients need an S3 client (the results side channel is on). */
    public boolean needsS3() {
        return resultsS3 != null;
    }

    /** {@code true} when a Glue client was passed in, so region, endpoint and credentials are fixed by it. */
    public boolean clientPassedIn() {
        return glueClient != null || glueAsyncClient != null;
    }

    @Override
    public String toString() {
        return "Options{region=" + region + ", endpoint="
                + (endpoint == null ? null : Redaction.url(endpoint.toString()))
                + ", credentials="
                + (credentials != null ? "given" : profile != null ? "profile " + profile : "default chain")
                + ", glueClient=" + (clientPassedIn() ? "given" : "built")
                + (resultsS3 == null ? "" : ", resultsS3=" + resultsS3) + "}";
    }
}
