package dev.glivy.glue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An in-memory {@link S3Client} with HeadObject and PutObject only (ETag = MD5, as S3 for single-part puts). */
final class FakeS3 implements S3Client {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger puts = new AtomicInteger();

    String text(String bucket, String key) {
        byte[] b = objects.get(bucket + "/" + key);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest r) {
        byte[] b = objects.get(r.bucket() + "/" + r.key());
        if (b == null) {
            throw S3Exception.builder().statusCode(404).message("Not Found").build();
        }
        return HeadObjectResponse.builder()
                .eTag("\"" + md5(b) + "\"")
                .contentLength((long) b.length)
                .build();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest r, RequestBody body) {
        puts.incrementAndGet();
        try (InputStream in = body.contentStreamProvider().newStream()) {
            byte[] b = in.readAllBytes();
            objects.put(r.bucket() + "/" + r.key(), b);
            return PutObjectResponse.builder().eTag("\"" + md5(b) + "\"").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
