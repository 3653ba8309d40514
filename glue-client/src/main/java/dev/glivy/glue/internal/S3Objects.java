package dev.glivy.glue.internal;

import dev.glivy.internal.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blocking S3 calls of the result side channel: list a run's objects (every page), pick the data parts, open
 * one, delete them all. Each method is one attempt (plus paging); callers retry.
 */
public final class S3Objects {
    /** DeleteObjects takes at most this many keys per request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;

    /** Calls through {@code s3} (not owned). */
    public S3Objects(S3Client s3) {
        this.s3 = s3;
    }

    /** Every object under {@code run} (all pages), sorted by key. */
    public List<S3Object> list(S3Location run) {
        List<S3Object> out = new ArrayList<>(Paging.<String, S3Object>blocking(
                null,
                token -> {
                    ListObjectsV2Request.Builder r =
                            ListObjectsV2Request.builder().bucket(run.bucket()).prefix(run.prefix());
                    if (token != null) {
                        r.continuationToken(token);
                    }
                    ListObjectsV2Response resp = s3.listObjectsV2(r.build());
                    return Paging.Page.of(
                            resp.hasContents() ? resp.contents() : List.<S3Object>of(),
                            Boolean.TRUE.equals(resp.isTruncated()) ? resp.nextContinuationToken() : null);
                },
                "S3 ListObjectsV2 under " + run));
        out.sort(Comparator.comparing(S3Object::key));
        return out;
    }

    /**
     * The data parts among {@code objects}: the files directly under {@code run} whose names do not start with
     * {@code _} or {@code .} (Hadoop's hidden files: {@code _SUCCESS}, {@code _temporary/}, {@code .crc}), sorted by
     * name, which is Spark's partition order.
     */
    public static List<String> dataKeys(S3Location run, List<S3Object> objects) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : objects) {
            String name = o.key().substring(run.prefix().length());
            if (!name.isEmpty() && name.indexOf('/') < 0 && !name.startsWith("_") && !name.startsWith(".")) {
                keys.add(o.key());
            }
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    /** Opens one object for streaming; the caller closes (or aborts) the stream. */
    public ResponseInputStream<GetObjectResponse> open(String bucket, String key) {
        return s3.getObject(r -> r.bucket(bucket).key(key));
    }

    /**
     * Deletes every object under {@code run} (listing first), in batches of {@value #DELETE_BATCH}.
     *
     * @return the keys S3 reported it could not delete, each with the reason
     */
    public List<String> deleteAll(S3Location run) {
        List<String> keys = new ArrayList<>();
        list(run).forEach(o -> keys.add(o.key()));
        return delete(run.bucket(), keys);
    }

    /** Deletes {@code keys}; returns the keys not deleted, each with the reason. */
    public List<String> delete(String bucket, List<String> keys) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
            List<ObjectIdentifier> ids = new ArrayList<>();
            keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH))
                    .forEach(k -> ids.add(ObjectIdentifier.builder().key(k).build()));
            DeleteObjectsResponse resp = s3.deleteObjects(r -> r.bucket(bucket)
                    .delete(Delete.builder().objects(ids).quiet(true).build()));
            if (resp.hasErrors()) {
                for (S3Error e : resp.errors()) {
                    failed.add(e.key() + " (" + e.code() + ": " + e.message() + ")");
                }
            }
        }
        return failed;
    }
}
