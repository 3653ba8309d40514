package dev.glivy.glue.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An S3 bucket and key prefix, from an {@code s3://bucket/prefix/} URI. The prefix is empty or ends with {@code /}.
 *
 * <p>The characters allowed are deliberately few, because the location is written into generated session code and
 * read by Hadoop as a path: bucket names as S3 names them ({@code [a-z0-9.-]}, 3 to 63), key prefixes of
 * {@code [A-Za-z0-9._=/-]} (no glob characters, quotes, spaces or backslashes), without empty, {@code .} or
 * {@code ..} segments.
 *
 * @param bucket the bucket
 * @param prefix the key prefix: empty, or ending with {@code /}
 */
public record S3Location(String bucket, String prefix) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._=/-]*");

    /** Checks the parts. */
    public S3Location {
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(prefix, "prefix must not be null");
    }

    /**
     * Parses {@code s3://bucket/prefix}; a missing final {@code /} is added.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static S3Location parse(String uri) {
        Objects.requireNonNull(uri, "the S3 URI must not be null");
        String what = "resultsS3Uri '" + uri + "'";
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException(what + " must start with s3:// (for example s3://my-bucket/glivy/)");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(what + " has an invalid bucket name '" + bucket + "': 3 to 63 "
                    + "characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(what + " has a key prefix with characters Glivy does not accept: "
                    + "use only A-Z, a-z, 0-9, '.', '_', '=', '-' and '/' (no spaces, quotes, glob characters)");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException(
                            what + " has an empty, '.' or '..' path segment in its key " + "prefix");
                }
            }
        }
        return new S3Location(bucket, prefix);
    }

    /** A location below this one: {@code prefix + name + "/"}. */
    public S3Location child(String name) {
        return new S3Location(bucket, prefix + name + "/");
    }

    /** The URI, {@code s3://bucket/prefix}. */
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return uri();
    }
}
