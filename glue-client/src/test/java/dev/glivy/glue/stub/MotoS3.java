package dev.glivy.glue.stub;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A test's own S3 client for {@code moto_server}: create buckets, put objects as a Spark job would, list keys. */
public final class MotoS3 implements AutoCloseable {
    /** The credentials tests use against moto (any are accepted). */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMOTO", "moto-secret"));

    private final S3Client s3;

    /** A client for the moto server of {@code moto}. */
    public MotoS3(MotoServer moto) {
        this.s3 = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(moto.uri())
                .forcePathStyle(true)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The client. */
    public S3Client client() {
        return s3;
    }

    /** Creates a bucket. */
    public MotoS3 bucket(String name) {
        s3.createBucket(r -> r.bucket(name));
        return this;
    }

    /** Puts one object. */
    public void put(String bucket, String key, byte[] data) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    /** Every key under {@code prefix}, sorted. */
    public List<String> keys(String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response r =
                    s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(t));
            r.contents().stream().map(S3Object::key).forEach(out::add);
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        out.sort(null);
        return out;
    }

    /** The writer the Glue stub's simulated sessions use. */
    public StubS3Sql.Writer writer() {
        return this::put;
    }

    @Override
    public void close() {
        s3.close();
    }
}
