package dev.glivy.livy.aws.internal;

import dev.glivy.livy.LivyRequestSigner;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs Livy requests with AWS Signature Version 4 through the SDK's own {@code AwsV4HttpSigner} (never a hand-made
 * signature): the credentials are asked from the provider for every request (providers cache and refresh them), and
 * the payload hash covers the exact body bytes. The headers returned ({@code Authorization}, {@code X-Amz-Date},
 * {@code Host}, {@code X-Amz-Security-Token} for temporary credentials, {@code x-amz-content-sha256} when the
 * signer adds it) are set by the Livy transport, which treats their values as secrets. {@link #toString()} shows
 * the service and region only. Thread-safe.
 */
public final class AwsSigV4Signer implements LivyRequestSigner {
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String service;
    private final String region;

    /**
     * A signer for {@code service} in {@code region}.
     *
     * @param credentials asked for credentials before every request; not closed here
     * @param service the signing name, for example {@code emr-serverless}
     * @param region the region id, for example {@code us-east-1}
     */
    public AwsSigV4Signer(AwsCredentialsProvider credentials, String service, String region) {
        this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
        this.service = Objects.requireNonNull(service, "service must not be null");
        this.region = Objects.requireNonNull(region, "region must not be null");
    }

    @Override
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> add = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            String name = h.getKey();
            if (!headers.containsKey(name) && !h.getValue().isEmpty()) {
                add.put(name, String.join(",", h.getValue()));
            }
        }
        return add;
    }

    @Override
    public String scheme() {
        return "aws-sigv4 (" + service + ", " + region + ")";
    }

    /** The service and region only; never credentials. */
    @Override
    public String toString() {
        return "AwsSigV4Signer{service=" + service + ", region=" + region + "}";
    }
}
