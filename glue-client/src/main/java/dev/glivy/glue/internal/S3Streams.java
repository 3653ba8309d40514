package dev.glivy.glue.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SqlRequest;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming half of the S3 side channel ({@code GlueTransport.sqlStream}): runs the {@code glivy-s3-v1} code
 * as an ordinary statement of the session, reads the pointer it prints, lists the data parts and prepares a lazy
 * stream over them. Every S3 call is retried with {@link BlockingRetry}. Whatever fails, the run's objects are
 * deleted before the error is thrown.
 */
public final class S3Streams {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    /**
     * A result ready to stream.
     *
     * @param pointer what the session printed
     * @param statement the statement that wrote the result
     * @param run where the objects are
     * @param parts the data parts, not yet opened
     * @param cleanup deletes the objects (once; failures logged)
     */
    public record Opened(S3SqlCode.Pointer pointer, StatementResult statement, S3Location run, PartsInputStream parts,
            Runnable cleanup) {}

    private S3Streams() {}

    /** Runs {@code request} in {@code session} through S3 under {@code channel}'s prefix; blocking. */
    public static Opened open(InteractiveSession session, SqlRequest request, S3ResultChannel channel,
            AwsClients aws, Language language, BlockingRetry retry) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        S3ResultChannel.Job job = channel.job(request.query(), request.limit(), language, nonce, null);
        S3Location run = job.run();
        S3Objects s3 = new S3Objects(aws.s3());
        Runnable cleanup = cleanup(s3, run, retry);
        StatementRequest.Builder b = StatementRequest.builder().code(job.code()).language(language);
        if (request.timeout() != null) {
            b.timeout(request.timeout());
        }
        StatementResult result;
        try {
            result = session.execute(b.build());
        } catch (RuntimeException e) {
            cleanup.run();
            throw e;
        }
        String sessionId = session.id().orElse(null);
        try {
            S3SqlCode.Pointer p = S3SqlCode.pointer(result.text(), nonce);
            if (!p.uri().equals(run.uri())) {
                throw new IllegalArgumentException("the session wrote to " + p.uri() + " but was asked to write to "
                        + run);
            }
            List<String> keys = retry.blocking("ListObjectsV2", "S3 ListObjectsV2 of the SQL result under " + run,
                    () -> S3Objects.dataKeys(run, s3.list(run)));
            PartsInputStream parts = new PartsInputStream(keys, k -> retry.blocking("GetObject",
                    "S3 GetObject of s3://" + run.bucket() + "/" + k, () -> s3.open(run.bucket(), k)));
            return new Opened(p, result, run, parts, cleanup);
        } catch (RuntimeException e) {
            cleanup.run();
            throw S3Results.failure(e, "Reading the SQL result of statement " + result.statementId() + " from "
                    + run, sessionId);
        }
    }

    private static Runnable cleanup(S3Objects s3, S3Location run, BlockingRetry retry) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                List<String> left = retry.blocking("DeleteObjects", "S3 DeleteObjects of the SQL result under " + run,
                        () -> s3.deleteAll(run));
                if (!left.isEmpty()) {
                    LOG.warn("Could not delete {} object(s) of a SQL result under {} (delete them, or add an S3 "
                            + "lifecycle rule on the prefix): {}", left.size(), run, left);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the SQL result objects under {} (delete them, or add an S3 lifecycle "
                        + "rule on the prefix): {}", run, e.toString());
            }
        };
    }
}
