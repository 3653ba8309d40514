package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.ResultFormatException;
import dev.glivy.SessionException;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SqlPlan;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Statement;

/**
 * The S3 side channel behind {@code InteractiveSession.sql(...)}. Core's session runs whatever {@link SqlPlan} the
 * transport returns and decodes its output itself, and a plan cannot carry a custom reader, so the channel works
 * inside the transport:
 * <ol>
 *   <li>{@link #plan}: an ordinary wrapper plan, remembered with a fresh run prefix;
 *   <li>{@link #substitute}: when that plan's code is submitted, the {@code glivy-s3-v1} code is sent instead (the
 *       same code again if the submission is repeated);
 *   <li>{@link #complete}: when the statement is AVAILABLE, its pointer is read, the rows are read back from S3
 *       into core's envelope (which the session decodes), and the objects are deleted. A statement that failed or
 *       was cancelled has its prefix deleted. While it runs, and in {@link #listed} statements, the statement shows
 *       the wrapper code the session submitted, so a lost submission is still matched.
 * </ol>
 * Failed reads that are retryable (throttling, I/O) leave the objects for the session's next GetStatement; others
 * delete them. Memory: the result is held as text once, as for an inline result. At most {@value #MAX_TRACKED}
 * queries are tracked; older ones are forgotten. Thread-safe.
 */
public final class S3ResultChannel {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");
    static final int MAX_TRACKED = 256;
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * One query sent through S3.
     *
     * @param query the query
     * @param limit the row limit
     * @param language the code's language
     * @param nonce the markers' nonce
     * @param run where the session writes the rows
     * @param code the {@code glivy-s3-v1} code
     * @param wrapperCode the code of the plan the session submitted, or {@code null} for a stream
     */
    public record Job(String query, int limit, Language language, String nonce, S3Location run, String code,
            @Nullable String wrapperCode) {}

    private final S3Location base;
    private final Clock clock;
    private final Map<String, Job> planned = lru();
    private final Map<String, Job> submitted = lru();
    private final Map<String, String> consumed = lru();
    private final Map<String, AwsClients> via = lru();

    /** A channel writing under {@code base}; run prefixes carry {@code clock}'s time. */
    public S3ResultChannel(S3Location base, Clock clock) {
        this.base = base;
        this.clock = clock;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }

    /** Where results go. */
    public S3Location base() {
        return base;
    }

    /** A new job with a fresh run prefix {@code glivy-<UTC time>-<random>/} under the base. */
    public Job job(String query, int limit, Language language, String nonce, @Nullable String wrapperCode) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        S3Location run = base.child("glivy-" + RUN_TIME.format(clock.instant()) + "-" + id);
        return new Job(query, limit, language, nonce, run, S3SqlCode.code(query, limit, nonce, run, language),
                wrapperCode);
    }

    /** An ordinary wrapper plan whose code {@link #substitute} will replace. */
    public SqlPlan plan(String query, int limit, Language language) {
        SqlPlan p = SqlPlan.wrapper(query, limit, language);
        Job j = job(query, limit, p.language(), p.nonce(), p.code());
        synchronized (this) {
            planned.put(p.code(), j);
        }
        return p;
    }

    /**
     * The code to send for {@code code}: the S3 code when it is a plan of this channel, else {@code code}.
     * {@code aws} are the clients that will read the result.
     */
    public synchronized String substitute(String code, AwsClients aws) {
        Job j = planned.get(code);
        if (j == null) {
            return code;
        }
        submitted.put(j.code(), j);
        via.put(j.code(), aws);
        return j.code();
    }

    private synchronized @Nullable Job submittedJob(@Nullable String rawCode) {
        return rawCode == null ? null : submitted.get(rawCode);
    }

    private synchronized void finish(Job j) {
        submitted.remove(j.code());
        via.remove(j.code());
        String w = j.wrapperCode();
        if (w != null) {
            planned.remove(w);
        }
        consumed.put(j.code(), j.run().uri());
    }

    /** A listed statement: the channel's statements show the wrapper code. */
    public RemoteStatement listed(Statement raw) {
        Job j = submittedJob(raw.code());
        return StatementMapper.remote(raw, j == null ? null : j.wrapperCode(), null);
    }

    /**
     * A statement from GetStatement: unchanged unless it is one of the channel's; when it is and it is AVAILABLE,
     * its result is read back from S3 (on {@code aws}'s executor) and the objects deleted.
     */
    public CompletableFuture<RemoteStatement> complete(AwsClients aws, String sessionId, Statement raw) {
        Job j = submittedJob(raw.code());
        if (j == null) {
            String gone = raw.code() == null ? null : consumedRun(raw.code());
            if (gone != null && StatementMapper.state(raw.stateAsString()) == StatementState.AVAILABLE) {
                return CompletableFuture.failedFuture(new ResultFormatException("The S3 result of statement "
                        + raw.id() + " in session " + sessionId + " (" + gone + ") was already read and deleted",
                        null, sessionId, GlueErrorMapper.BACKEND));
            }
            return CompletableFuture.completedFuture(StatementMapper.remote(raw));
        }
        StatementState state = StatementMapper.state(raw.stateAsString());
        if (!state.isTerminal()) {
            return CompletableFuture.completedFuture(StatementMapper.remote(raw, j.wrapperCode(), null));
        }
        RemoteStatement plain = StatementMapper.remote(raw, j.wrapperCode(), null);
        S3Objects s3 = new S3Objects(aws.s3());
        if (state != StatementState.AVAILABLE || plain.error().isPresent()) {
            finish(j);
            runQuietly(aws, () -> S3Results.deleteQuietly(s3, j.run()));
            return CompletableFuture.completedFuture(plain);
        }
        String text = plain.outputs().getOrDefault(dev.glivy.StatementResult.TEXT_PLAIN, "");
        String what = "Reading the S3 result of statement " + raw.id() + " in session " + sessionId + " from "
                + j.run();
        try {
            return CompletableFuture.supplyAsync(() -> read(s3, j, text, what, sessionId), aws.executor())
                    .thenApply(envelope -> StatementMapper.remote(raw, j.wrapperCode(), envelope));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed", e));
        }
    }

    private String read(S3Objects s3, Job j, String text, String what, String sessionId) {
        try {
            S3SqlCode.Pointer p = S3SqlCode.pointer(text, j.nonce());
            if (!p.uri().equals(j.run().uri())) {
                throw new IllegalArgumentException("the session wrote to " + p.uri() + " but was asked to write to "
                        + j.run());
            }
            String envelope = S3Results.envelope(s3, j.run(), p, j.nonce());
            finish(j);
            S3Results.deleteQuietly(s3, j.run());
            return envelope;
        } catch (RuntimeException e) {
            RuntimeException mapped = S3Results.failure(e, what, sessionId);
            if (!(mapped instanceof SessionException se && se.retryable())) {
                finish(j);
                S3Results.deleteQuietly(s3, j.run());
            }
            throw mapped;
        }
    }

    private synchronized @Nullable String consumedRun(String code) {
        return consumed.get(code);
    }

    private static void runQuietly(AwsClients aws, Runnable r) {
        try {
            aws.executor().execute(r);
        } catch (RejectedExecutionException e) {
            LOG.debug("Cleanup skipped, the transport is closing: {}", e.toString());
        }
    }

    /**
     * Deletes (best effort, blocking) the objects of statements submitted but not yet read; called when the
     * transport closes. A statement still running then may write after that: an S3 lifecycle rule on the prefix
     * removes such leftovers.
     */
    public void deleteOutstanding() {
        List<Map.Entry<S3Location, AwsClients>> runs = new ArrayList<>();
        synchronized (this) {
            submitted.forEach((code, j) -> {
                AwsClients aws = via.get(code);
                if (aws != null) {
                    runs.add(Map.entry(j.run(), aws));
                }
            });
            submitted.clear();
            via.clear();
        }
        for (Map.Entry<S3Location, AwsClients> r : runs) {
            LOG.debug("Deleting the objects of an unread SQL result under {}", r.getKey());
            S3Results.deleteQuietly(new S3Objects(r.getValue().s3()), r.getKey());
        }
    }
}
