package dev.glivy.glue.internal;

import dev.glivy.ResultFormatException;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The S3 side channel's failure mapping and best-effort cleanup. */
public final class S3Results {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private S3Results() {}

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
            return new ResultFormatException(
                    GlueErrorMapper.text(what + " failed: " + e.getMessage()), e, sessionId, GlueErrorMapper.BACKEND);
        }
        RuntimeException mapped = c instanceof SessionException se ? se : GlueErrorMapper.map(c, what, sessionId);
        if (mapped instanceof SessionBackendException b
                && b.errorCode() != null
                && (b.errorCode().startsWith("AccessDenied") || b.errorCode().equals("NoSuchBucket"))) {
            return new SessionBackendException(
                    b.getMessage() + " The S3 results side channel needs s3:ListBucket "
                            + "on the bucket and s3:GetObject and s3:DeleteObject on the prefix for the caller, and "
                            + "s3:PutObject, s3:GetObject, s3:ListBucket and s3:DeleteObject there for the session's role.",
                    b.getCause(),
                    sessionId,
                    GlueErrorMapper.BACKEND,
                    b.statusCode(),
                    b.errorCode(),
                    b.requestId(),
                    false);
        }
        return mapped;
    }

    /** Deletes everything under {@code run}; failures are logged with what is left, never thrown. */
    public static void deleteQuietly(S3Objects s3, S3Location run) {
        try {
            List<String> left = s3.deleteAll(run);
            if (!left.isEmpty()) {
                LOG.warn(
                        "Could not delete {} object(s) of a SQL result under {} (delete them, or add an S3 "
                                + "lifecycle rule on the prefix): {}",
                        left.size(),
                        run,
                        left);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not delete the SQL result objects under {} (delete them, or add an S3 lifecycle rule on "
                            + "the prefix): {}",
                    run,
                    GlueErrorMapper.describe(e));
        }
    }
}
