package dev.glivy.glue.internal;

import dev.glivy.ResultFormatException;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.internal.sql.SqlEnvelope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading a result back from S3 for {@code InteractiveSession.sql(...)}: the rows Spark wrote are turned into core's
 * {@code glivy-sql-v1} envelope (the format Glivy's inline wrappers print), which the session then decodes as for
 * any other SQL statement. Also the shared failure mapping and best-effort cleanup of the side channel.
 */
public final class S3Results {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private S3Results() {}

    /**
     * Reads the data parts under {@code run} (in key order; gzip or plain; blank lines skipped) and returns the
     * envelope with {@code nonce}: the schema line, the first {@code pointer.rows()} row lines and the trailer.
     *
     * @throws IllegalArgumentException when the parts hold fewer rows than the pointer announces
     * @throws UncheckedIOException when reading fails
     */
    public static String envelope(S3Objects s3, S3Location run, S3SqlCode.Pointer pointer, String nonce) {
        List<String> keys = S3Objects.dataKeys(run, s3.list(run));
        StringBuilder b = new StringBuilder(256).append('\n').append(SqlEnvelope.begin(nonce)).append('\n')
                .append(pointer.schema().toJson()).append('\n');
        long n = 0;
        if (pointer.rows() > 0) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new PartsInputStream(keys, k -> s3.open(run.bucket(), k)), StandardCharsets.UTF_8), 64 * 1024)) {
                String line;
                while (n < pointer.rows() && (line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        b.append(line).append('\n');
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the result objects under " + run + " failed after " + n
                        + " rows", e);
            }
        }
        if (n < pointer.rows()) {
            throw new IllegalArgumentException(missingRows(run, n, pointer.rows(), keys.size()));
        }
        return b.append(SqlEnvelope.end(nonce, n, pointer.truncated())).append('\n').toString();
    }

    /** The message for parts that hold fewer rows than the session counted. */
    public static String missingRows(S3Location run, long found, long expected, int parts) {
        return "the " + parts + " data object(s) under " + run + " hold " + found + " rows but the session "
                + "reported " + expected + ": objects are missing or were changed (is something else writing or "
                + "expiring objects under this prefix?)";
    }

    /**
     * Maps a failure of the side channel: AWS errors through {@link GlueErrorMapper} (with an S3 permission hint
     * for access errors), I/O errors as retryable transport errors, format problems as
     * {@link ResultFormatException}.
     */
    public static RuntimeException failure(Throwable t, String what, @Nullable String sessionId) {
        Throwable c = GlueErrorMapper.unwrap(t);
        if (c instanceof UncheckedIOException u) {
            c = u.getCause();
        }
        if (c instanceof IllegalArgumentException e) {
            return new ResultFormatException(what + " failed: " + e.getMessage(), e, sessionId,
                    GlueErrorMapper.BACKEND);
        }
        RuntimeException mapped = c instanceof SessionException se ? se : GlueErrorMapper.map(c, what, sessionId);
        if (mapped instanceof SessionBackendException b && b.errorCode() != null
                && (b.errorCode().startsWith("AccessDenied") || b.errorCode().equals("NoSuchBucket"))) {
            return new SessionBackendException(b.getMessage() + " The S3 results side channel needs s3:ListBucket "
                    + "on the bucket and s3:GetObject and s3:DeleteObject on the prefix for the caller, and "
                    + "s3:PutObject, s3:GetObject, s3:ListBucket and s3:DeleteObject there for the session's role.",
                    b.getCause(), sessionId, GlueErrorMapper.BACKEND, b.statusCode(), b.errorCode(), b.requestId(),
                    false);
        }
        return mapped;
    }

    /** Deletes everything under {@code run}; failures are logged with what is left, never thrown. */
    public static void deleteQuietly(S3Objects s3, S3Location run) {
        try {
            List<String> left = s3.deleteAll(run);
            if (!left.isEmpty()) {
                LOG.warn("Could not delete {} object(s) of a SQL result under {} (delete them, or add an S3 "
                        + "lifecycle rule on the prefix): {}", left.size(), run, left);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete the SQL result objects under {} (delete them, or add an S3 lifecycle rule on "
                    + "the prefix): {}", run, e.toString());
        }
    }
}
