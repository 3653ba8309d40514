package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.RowStream;
import dev.glivy.StatementResult;
import dev.glivy.spi.SqlPlan;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 side channel as SQL plans. {@link #plan} returns a plan whose code (the {@code glivy-s3-v1} code, sent
 * as is) writes the result as gzip JSON lines under a fresh run prefix {@code <base>glivy-<UTC time>-<id>/} and
 * prints a small pointer, and whose {@link SqlPlan.Reader}:
 * <ul>
 *   <li>on success checks the pointer, lists the data parts (retried, on the transport's I/O threads) and returns a
 *       lazy row stream over them: each part is fetched only when the previous one is used up (retried on the
 *       reading thread), and closing the stream deletes the run's objects;
 *   <li>on failure, cancellation or a run that never happened deletes the run's objects (best effort, on the I/O
 *       threads).
 * </ul>
 * The channel remembers the runs planned and not yet opened or discarded (one entry per query in flight, removed
 * when it ends), so the transport's {@code close()} can delete what they left. Thread-safe.
 */
public final class S3ResultChannel {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final S3Location base;
    private final Clock clock;
    private final Function<@Nullable String, CompletableFuture<S3Client>> clients;
    private final Executor executor;
    private final BlockingRetry retry;
    /** Runs planned and neither opened nor discarded. */
    private final Set<S3Location> outstanding = ConcurrentHashMap.newKeySet();

    /**
     * A channel writing under {@code base}; run prefixes carry {@code clock}'s time.
     *
     * @param clients the S3 client reaching a session's results, by session id ({@code null}: the session is not
     *     known)
     * @param executor where background deletions run
     * @param retry retries the S3 calls
     */
    public S3ResultChannel(
            S3Location base,
            Clock clock,
            Function<@Nullable String, CompletableFuture<S3Client>> clients,
            Executor executor,
            BlockingRetry retry) {
        this.base = base;
        this.clock = clock;
        this.clients = clients;
        this.executor = executor;
        this.retry = retry;
    }

    /** Where results go. */
    public S3Location base() {
        return base;
    }

    /** A fresh run prefix {@code glivy-<UTC time>-<random>/} under the base. */
    S3Location newRun() {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return base.child("glivy-" + RUN_TIME.format(clock.instant()) + "-" + id);
    }

    /** The plan of {@code query} in a session of {@code language} (Python or Scala). */
    public SqlPlan plan(String query, int limit, Language language) {
        return plan(
                query, limit, language, newRun(), UUID.randomUUID().toString().replace("-", ""));
    }

    /** The plan of {@code query} writing under {@code run}, its pointer marked with {@code nonce}. */
    public SqlPlan plan(String query, int limit, Language language, S3Location run, String nonce) {
        String code = S3SqlCode.code(query, limit, nonce, run, language);
        SqlPlan plan = SqlPlan.custom(query, limit, code, language, new Reader(run, nonce));
        outstanding.add(run);
        return plan;
    }

    /** The runs planned and not yet read or discarded. */
    int outstanding() {
        return outstanding.size();
    }

    /** Reads one run back. */
    private final class Reader implements SqlPlan.Reader {
        private final S3Location run;
        private final String nonce;

        Reader(S3Location run, String nonce) {
            this.run = run;
            this.nonce = nonce;
        }

        @Override
        public CompletableFuture<RowStream> open(StatementResult statement) {
            if (!outstanding.remove(run)) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("The S3 result under " + run + " was already read or discarded"));
            }
            String what = "Reading the S3 result of statement " + statement.statementId() + " in session "
                    + statement.sessionId() + " from " + run;
            S3SqlCode.Pointer p;
            try {
                p = S3SqlCode.pointer(statement.text(), nonce);
                if (!p.uri().equals(run.uri())) {
                    throw new IllegalArgumentException(
                            "the session wrote to " + p.uri() + " but was asked to write " + "to " + run);
                }
            } catch (RuntimeException e) {
                deleteLater(statement.sessionId());
                return CompletableFuture.failedFuture(S3Results.failure(e, what, statement.sessionId()));
            }
            return clients.apply(statement.sessionId())
                    .thenCompose(client -> {
                        S3Objects s3 = new S3Objects(client);
                        return retry.async(
                                        "ListObjectsV2",
                                        "S3 ListObjectsV2 of the SQL result under " + run,
                                        () -> S3Objects.dataKeys(run, s3.list(run)))
                                .thenApply(keys -> stream(s3, keys, p, statement, what));
                    })
                    .exceptionallyCompose(e -> {
                        deleteLater(statement.sessionId());
                        return CompletableFuture.failedFuture(S3Results.failure(e, what, statement.sessionId()));
                    });
        }

        private RowStream stream(
                S3Objects s3, List<String> keys, S3SqlCode.Pointer p, StatementResult statement, String what) {
            PartsInputStream parts = new PartsInputStream(
                    keys,
                    k -> retry.inline(
                            "GetObject",
                            "S3 GetObject of s3://" + run.bucket() + "/" + k,
                            () -> s3.open(run.bucket(), k)));
            AtomicBoolean deleted = new AtomicBoolean();
            InputStream in = new FilterInputStream(parts) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        if (deleted.compareAndSet(false, true)) {
                            delete(s3);
                        }
                    }
                }
            };
            LOG.debug(
                    "session={} stmt={} streaming {} rows from {} part(s) under {}",
                    statement.sessionId(),
                    statement.statementId(),
                    p.rows(),
                    keys.size(),
                    run);
            return RowStream.jsonLines(in, p.schema(), p.rows(), p.truncated(), statement);
        }

        /** Deletes the run's objects now, retried, on the calling thread; failures are logged, never thrown. */
        private void delete(S3Objects s3) {
            try {
                List<String> left = retry.inline(
                        "DeleteObjects", "S3 DeleteObjects of the SQL result under " + run, () -> s3.deleteAll(run));
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
                        "Could not delete the SQL result objects under {} (delete them, or add an S3 lifecycle "
                                + "rule on the prefix): {}",
                        run,
                        GlueErrorMapper.describe(e));
            }
        }

        private void deleteLater(@Nullable String sessionId) {
            clients.apply(sessionId).thenAccept(client -> {
                try {
                    executor.execute(() -> delete(new S3Objects(client)));
                } catch (RejectedExecutionException e) {
                    LOG.debug("Cleanup of {} skipped, the transport is closing: {}", run, GlueErrorMapper.describe(e));
                }
            });
        }

        @Override
        public void discard(@Nullable String sessionId) {
            if (outstanding.remove(run)) {
                deleteLater(sessionId);
            }
        }
    }

    /**
     * Deletes (best effort, blocking) the objects of the runs planned and not yet read or discarded; called when
     * the transport closes. A statement still running then may write after that: an S3 lifecycle rule on the
     * prefix removes such leftovers.
     */
    public void deleteOutstanding() {
        for (S3Location run : List.copyOf(outstanding)) {
            if (!outstanding.remove(run)) {
                continue;
            }
            LOG.debug("Deleting the objects of an unread SQL result under {}", run);
            try {
                S3Results.deleteQuietly(new S3Objects(clients.apply(null).join()), run);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Could not delete the SQL result objects under {} (delete them, or add an S3 lifecycle "
                                + "rule on the prefix): {}",
                        run,
                        GlueErrorMapper.describe(e));
            }
        }
    }
}
