package dev.glivy.glue.internal;

import dev.glivy.SessionRuntime;
import dev.glivy.SessionTimeoutException;
import dev.glivy.config.PollingPolicy;
import dev.glivy.config.WorkerType;
import dev.glivy.glue.GlueJobDefinition;
import dev.glivy.glue.GlueJobRunState;
import dev.glivy.internal.Futures;
import dev.glivy.internal.PollLoop;
import dev.glivy.internal.Retrier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobUpdate;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The AWS side of notebook jobs: upload the script (skipped when S3 holds the same bytes), create the job or update
 * it when its definition differs (nothing is sent when it is the same), start a run and follow it with core's
 * {@link PollLoop} until a final state or the deadline, stopping it ({@code BatchStopJobRun}) on the deadline or when
 * the caller cancels. Every call goes through core's {@link Retrier}: throttling and 5xx are retried with backoff;
 * {@code StartJobRun}, which must not run twice, is reconciled through a token argument before it is resent.
 */
public final class JobOps {
    /** Argument carrying the token that identifies one StartJobRun call (for reconciliation after a lost answer). */
    public static final String RUN_TOKEN = "--glivy-run-token";

    private static final Logger LOG = LoggerFactory.getLogger(JobOps.class);
    private static final String BACKEND = GlueErrorMapper.BACKEND;

    /** What a deploy did. */
    public enum Action {
        /** Created. */
        CREATED,
        /** Updated. */
        UPDATED,
        /** Left as it was. */
        UNCHANGED
    }

    /**
     * The outcome of a deploy.
     *
     * @param action what happened to the job
     * @param changed the Glue fields that differed before an update
     * @param uploaded whether the script was uploaded
     */
    public record Deployed(Action action, List<String> changed, boolean uploaded) {}

    /**
     * A finished run, as Glue reports it.
     *
     * @param run the last GetJobRun answer
     * @param dpuSeconds Glue's DPU-seconds, else execution time times the run's DPUs
     * @param cost the estimated cost in USD
     */
    public record Finished(JobRun run, double dpuSeconds, double cost) {}

    private final Supplier<CompletableFuture<AwsClients>> clients;
    private final SessionRuntime runtime;
    private final Retrier retrier;
    private final PollingPolicy polling;
    private final double pricePerDpuHour;

    /** Operations over {@code clients}, timed and retried on {@code runtime}. */
    public JobOps(
            Supplier<CompletableFuture<AwsClients>> clients,
            SessionRuntime runtime,
            Retrier retrier,
            PollingPolicy polling,
            double pricePerDpuHour) {
        this.clients = clients;
        this.runtime = runtime;
        this.retrier = retrier;
        this.polling = polling;
        this.pricePerDpuHour = pricePerDpuHour;
    }

    private <T> CompletableFuture<T> glue(
            String what, Function<GlueClient, T> sync, Function<GlueAsyncClient, CompletableFuture<T>> async) {
        return clients.get()
                .thenCompose(c -> c.glue(sync, async))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(GlueErrorMapper.map(e, what, null)));
    }

    private <T> T await(CompletableFuture<T> f, String what) {
        return Futures.await(f, null, BACKEND, what);
    }

    /**
     * Uploads the script unless the object already holds these bytes, then creates or updates the job.
     *
     * @param bucket the script's bucket
     * @param key the script's key
     */
    public Deployed deploy(GlueJobDefinition d, String script, String bucket, String key) {
        boolean uploaded = upload(bucket, key, script.getBytes(StandardCharsets.UTF_8));
        String name = d.name();
        Optional<Job> existing = getJob(name);
        boolean createdNow = false;
        if (existing.isEmpty()) {
            String what = "Glue CreateJob for job " + name;
            try {
                await(
                        retrier.idempotent(
                                "CreateJob",
                                () -> glue(
                                        what,
                                        g -> g.createJob(JobRequests.create(d)),
                                        g -> g.createJob(JobRequests.create(d)))),
                        what);
                return new Deployed(Action.CREATED, List.of(), uploaded);
            } catch (RuntimeException e) {
                if (!hasCode(e, "AlreadyExistsException")) {
                    throw e;
                }
                existing = getJob(name); // a retried CreateJob that had taken effect, or a concurrent deploy
                createdNow = true;
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        List<String> changed = new ArrayList<>(JobRequests.differences(d, existing.get()));
        if (!createdNow && tags(name, d.tags())) {
            changed.add("Tags");
        }
        if (changed.equals(List.of("Tags"))) {
            return new Deployed(Action.UPDATED, changed, uploaded);
        }
        if (changed.isEmpty()) {
            // missing a moment ago and now exactly as sent: our CreateJob took effect though its answer was lost
            return new Deployed(createdNow ? Action.CREATED : Action.UNCHANGED, List.of(), uploaded);
        }
        String what = "Glue UpdateJob for job " + name;
        JobUpdate update = JobRequests.update(d);
        await(
                retrier.idempotent(
                        "UpdateJob",
                        () -> glue(
                                what,
                                g -> g.updateJob(r -> r.jobName(name).jobUpdate(update)),
                                g -> g.updateJob(r -> r.jobName(name).jobUpdate(update)))),
                what);
        return new Deployed(Action.UPDATED, changed, uploaded);
    }

    /**
     * Adds the tags of {@code want} that an existing job lacks or holds with another value (UpdateJob cannot change
     * tags; tags added by others are kept). Needs the job's ARN, so the caller's account (STS); without it the tags
     * are left as they are.
     *
     * @return whether tags were added
     */
    private boolean tags(String name, Map<String, String> want) {
        String arn;
        try {
            AwsClients c = await(clients.get(), "AWS clients");
            var id = await(c.whoami(), "STS GetCallerIdentity");
            arn = "arn:" + id.partition() + ":glue:" + c.region() + ":" + id.account() + ":job/" + name;
        } catch (RuntimeException e) {
            LOG.warn(
                    "Tags of Glue job {} are not compared: the caller's account is unknown ({})",
                    name,
                    GlueErrorMapper.message(e));
            return false;
        }
        String what = "Glue GetTags for job " + name;
        Map<String, String> have = await(
                retrier.idempotent(
                        "GetTags",
                        () -> glue(what, g -> g.getTags(r -> r.resourceArn(arn)).tags(), g -> g.getTags(
                                        r -> r.resourceArn(arn))
                                .thenApply(x -> x.tags()))),
                what);
        Map<String, String> add = new LinkedHashMap<>();
        want.forEach((k, v) -> {
            if (!v.equals(have.get(k))) {
                add.put(k, v);
            }
        });
        if (add.isEmpty()) {
            return false;
        }
        String tagWhat = "Glue TagResource for job " + name;
        await(
                retrier.idempotent(
                        "TagResource",
                        () -> glue(
                                tagWhat,
                                g -> g.tagResource(r -> r.resourceArn(arn).tagsToAdd(add)),
                                g -> g.tagResource(r -> r.resourceArn(arn).tagsToAdd(add)))),
                tagWhat);
        return true;
    }

    /** The job, or empty when Glue has none of that name. */
    public Optional<Job> getJob(String name) {
        String what = "Glue GetJob for job " + name;
        try {
            return Optional.of(await(
                            retrier.idempotent(
                                    "GetJob",
                                    () -> glue(
                                            what,
                                            g -> g.getJob(r -> r.jobName(name)),
                                            g -> g.getJob(r -> r.jobName(name)))),
                            what)
                    .job());
        } catch (RuntimeException e) {
            if (hasCode(e, "EntityNotFoundException")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether {@code e} or one of its causes is an AWS error with {@code code}. */
    static boolean hasCode(Throwable e, String code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (GlueErrorMapper.is(t, code)) {
                return true;
            }
        }
        return false;
    }

    private boolean upload(String bucket, String key, byte[] bytes) {
        String what = "S3 upload of s3://" + bucket + "/" + key;
        String md5 = md5(bytes);
        String etag = await(
                retrier.idempotent(
                        "HeadObject",
                        () -> s3(what, s3 -> {
                            try {
                                return s3.headObject(r -> r.bucket(bucket).key(key))
                                        .eTag();
                            } catch (S3Exception e) {
                                if (e.statusCode() == 404) {
                                    return "";
                                }
                                throw e;
                            }
                        })),
                what);
        if (etag != null && etag.replace("\"", "").equalsIgnoreCase(md5)) {
            return false;
        }
        String type = key.endsWith(".py") ? "text/x-python; charset=utf-8" : "text/x-scala; charset=utf-8";
        await(
                retrier.idempotent(
                        "PutObject",
                        () -> s3(
                                what,
                                s3 -> s3.putObject(
                                        r -> r.bucket(bucket).key(key).contentType(type),
                                        RequestBody.fromBytes(bytes)))),
                what);
        return true;
    }

    private <T> CompletableFuture<T> s3(String what, Function<software.amazon.awssdk.services.s3.S3Client, T> call) {
        return clients.get()
                .thenCompose(c -> CompletableFuture.supplyAsync(() -> call.apply(c.s3()), c.executor()))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(GlueErrorMapper.map(e, what, null)));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /**
     * Starts a run of {@code name} with {@code arguments} and follows it until it ends. Cancelling the returned future,
     * or the deadline passing first, stops the run.
     *
     * @param timeout the deadline, from now
     */
    public CompletableFuture<Finished> run(String name, Map<String, String> arguments, Duration timeout) {
        String token = UUID.randomUUID().toString();
        Map<String, String> args = new LinkedHashMap<>(arguments);
        args.put(RUN_TOKEN, token);
        CompletableFuture<Finished> out = new CompletableFuture<>();
        String startWhat = "Glue StartJobRun for job " + name;
        CompletableFuture<String> started = retrier.nonIdempotent(
                "StartJobRun",
                () -> glue(
                        startWhat,
                        g -> g.startJobRun(r -> r.jobName(name).arguments(args)).jobRunId(),
                        g -> g.startJobRun(r -> r.jobName(name).arguments(args)).thenApply(x -> x.jobRunId())),
                () -> findRun(name, token));
        out.whenComplete((v, e) -> {
            if (e instanceof CancellationException) {
                // a start still in flight is stopped once Glue names the run
                started.thenAccept(id -> stop(name, id, "the caller cancelled"));
            }
        });
        started.whenComplete((id, e) -> {
            if (e != null) {
                out.completeExceptionally(Futures.unwrap(e));
                return;
            }
            if (out.isDone()) {
                return;
            }
            follow(name, id, timeout, out);
        });
        return out;
    }

    /** For the poll schedule: a run not yet started polls like a statement still waiting; no progress. */
    private static PollLoop.Status status(JobRun r) {
        String state = r.jobRunStateAsString();
        boolean waiting = "STARTING".equals(state) || "WAITING".equals(state);
        return new PollLoop.Status(waiting, false, waiting ? null : r.startedOn(), OptionalDouble.empty());
    }

    private void follow(String name, String id, Duration timeout, CompletableFuture<Finished> out) {
        String what = "Glue GetJobRun for run " + id + " of job " + name;
        PollLoop<JobRun> loop = PollLoop.start(
                new PollLoop.Settings(runtime, polling, timeout, retrier),
                () -> retrier.idempotent(
                        "GetJobRun",
                        () -> glue(
                                what,
                                g -> g.getJobRun(r -> r.jobName(name).runId(id)).jobRun(),
                                g -> g.getJobRun(r -> r.jobName(name).runId(id)).thenApply(x -> x.jobRun()))),
                JobOps::finished,
                JobOps::status,
                r -> LOG.debug("Job {} run {}: {}", name, id, r.jobRunStateAsString()),
                () -> new SessionTimeoutException(
                        "Glue job " + name + " run " + id + " did not finish within "
                                + timeout.toSeconds()
                                + " s; Glivy stopped it (BatchStopJobRun). Pass a longer timeout, or "
                                + "lower the notebook's work.",
                        id,
                        BACKEND,
                        timeout));
        out.whenComplete((v, e) -> {
            if (e instanceof CancellationException) {
                loop.result().cancel(true);
            }
        });
        loop.result().whenComplete((run, e) -> {
            if (e != null) {
                Throwable c = Futures.unwrap(e);
                if (c instanceof SessionTimeoutException) {
                    stop(name, id, "the deadline passed").whenComplete((x, y) -> out.completeExceptionally(c));
                } else if (!(c instanceof CancellationException)) {
                    out.completeExceptionally(c);
                }
                return;
            }
            double dpus = dpus(run);
            double dpuSeconds = run.dpuSeconds() != null
                    ? run.dpuSeconds()
                    : (run.executionTime() == null ? 0 : run.executionTime()) * dpus;
            Duration exec = Duration.ofSeconds(run.executionTime() == null ? 0 : run.executionTime());
            double cost = SessionMapper.estimatedCost(run.dpuSeconds(), exec, dpus, pricePerDpuHour);
            out.complete(new Finished(run, dpuSeconds, cost));
        });
    }

    /** Whether a run has ended: a final state, or a state Glivy does not know with a completion time. */
    static boolean finished(JobRun r) {
        GlueJobRunState s = GlueJobRunState.of(r.jobRunStateAsString());
        return s.terminal() || (s == GlueJobRunState.UNKNOWN && r.completedOn() != null);
    }

    /** The run's DPUs: workers times each worker's DPUs, else max capacity, else Glue's default 10 for jobs. */
    static double dpus(JobRun r) {
        if (r.numberOfWorkers() != null && r.workerTypeAsString() != null) {
            try {
                return r.numberOfWorkers()
                        * WorkerType.of(r.workerTypeAsString()).dpu();
            } catch (IllegalArgumentException e) {
                // an unknown worker type: fall back to the capacity Glue reports
            }
        }
        return r.maxCapacity() != null ? r.maxCapacity() : 10;
    }

    /** Stops a run; failures are logged (the run's own timeout still bounds it). */
    CompletableFuture<@Nullable Void> stop(String name, String id, String why) {
        String what = "Glue BatchStopJobRun for run " + id + " of job " + name;
        LOG.info("Stopping Glue job {} run {}: {}", name, id, why);
        return retrier.idempotent(
                        "BatchStopJobRun",
                        () -> glue(
                                what,
                                g -> g.batchStopJobRun(r -> r.jobName(name).jobRunIds(id)),
                                g -> g.batchStopJobRun(r -> r.jobName(name).jobRunIds(id))))
                .handle((BatchStopJobRunResponse r, Throwable e) -> {
                    if (e != null) {
                        LOG.warn("Could not stop Glue job {} run {}: {}", name, id, GlueErrorMapper.message(e));
                    } else if (r.hasErrors() && !r.errors().isEmpty()) {
                        LOG.info(
                                "Glue did not stop job {} run {}: {}",
                                name,
                                id,
                                GlueErrorMapper.text(
                                        String.valueOf(r.errors().get(0).errorDetail())));
                    }
                    return null;
                });
    }

    /** The run a StartJobRun with {@code token} started, if Glue has one (the latest runs are searched). */
    private CompletableFuture<Optional<String>> findRun(String name, String token) {
        String what = "Glue GetJobRuns for job " + name;
        return glue(what, g -> g.getJobRuns(r -> r.jobName(name).maxResults(50)).jobRuns(), g -> g.getJobRuns(
                                r -> r.jobName(name).maxResults(50))
                        .thenApply(x -> x.jobRuns()))
                .thenApply(runs -> {
                    List<JobRun> all = new ArrayList<>(runs);
                    for (JobRun r : all) {
                        if (r.hasArguments() && token.equals(r.arguments().get(RUN_TOKEN))) {
                            return Optional.of(r.id());
                        }
                    }
                    return Optional.empty();
                });
    }
}
