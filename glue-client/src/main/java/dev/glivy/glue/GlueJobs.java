package dev.glivy.glue;

import dev.glivy.Language;
import dev.glivy.SessionRuntime;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.PollingPolicy;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.glue.internal.ClientSettings;
import dev.glivy.glue.internal.IoExecutor;
import dev.glivy.glue.internal.JobMapper;
import dev.glivy.glue.internal.JobOps;
import dev.glivy.glue.internal.JobRequests;
import dev.glivy.glue.internal.JobScript;
import dev.glivy.glue.internal.Options;
import dev.glivy.glue.internal.S3Location;
import dev.glivy.internal.Durations;
import dev.glivy.internal.Futures;
import dev.glivy.internal.Retrier;
import dev.glivy.internal.SharedRuntime;
import dev.glivy.notebook.NotebookFile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * Ships a notebook as an AWS Glue job: converts it to a job script and a job definition (a dry run, no AWS call),
 * uploads the script to S3, creates or updates the job, starts a run and waits for it.
 *
 * <pre>{@code
 * try (GlueJobs jobs = GlueJobs.builder().region("us-east-1").scriptLocation("s3://my-bucket/glivy/jobs/")
 *         .build()) {                                   // or .clientConfig(aws): the transport's GlueClientConfig
 *     GlueJobPlan plan = jobs.plan(NotebookFile.read(Path.of("populations.ipynb")));  // dry run
 *     String script = plan.script();                    // review or commit it
 *     String createJob = plan.definition().toJson();    // for aws glue create-job --cli-input-json
 *     GlueJobDeployment d = jobs.deploy(plan);     // CREATED, UPDATED or UNCHANGED
 *     GlueJobRun run = jobs.run(plan, Map.of("--day", "2026-12-06"), Duration.ofHours(1)).join();
 *     run.state(); run.executionTime(); run.dpuSeconds(); run.estimatedCost();
 * }
 * }</pre>
 *
 * <p><b>The script.</b> Code cells in order, magic lines removed; {@code %%sql} cells become
 * {@code spark.sql(...).show()} calls whose query is embedded base64-encoded, so no text in it can change the
 * generated code; markdown cells are left out. What an interactive session creates implicitly is declared:
 * {@code sc}, {@code glueContext}, {@code spark}, and a {@code Job} initialised with {@code JOB_NAME} and committed
 * after the last cell. Python for PySpark notebooks; for Scala ({@code glue_spark}) notebooks an
 * {@code object GlueApp} with a {@code main} holding the cells. It is uploaded to
 * {@code <scriptLocation><job name>.py} (or {@code .scala}).
 *
 * <p><b>The definition.</b> The configuration magics of every code cell are applied in order to one configuration,
 * as {@link dev.glivy.Notebook} applies them, and mapped: {@code %iam_role} to {@code Role} (else
 * {@link Builder#role(String)}), {@code %glue_version} (default {@value SessionConfig#DEFAULT_GLUE_VERSION}),
 * {@code %worker_type} + {@code %number_of_workers} or {@code %max_capacity} (neither: Glue's default capacity),
 * {@code %timeout} to {@code Timeout} (default 4 hours, as for sessions), {@code %security_config},
 * {@code %connections}, {@code %%tags} plus Glivy's {@code created-by} and {@code owner} tags, {@code %etl}/
 * {@code %streaming} to {@code Command.Name} {@code glueetl}/{@code gluestreaming} with {@code PythonVersion} 3,
 * and {@code DefaultArguments}: {@code --enable-glue-datacatalog}, {@code --additional-python-modules},
 * {@code --extra-py-files}, {@code --extra-jars}, {@code --conf} (from {@code %spark_conf}),
 * {@code --job-language scala} and {@code --class GlueApp} for Scala, and every other {@code %%configure} key as
 * {@code --key}. Settings with no job equivalent ({@code %idle_timeout}, {@code %session_id_prefix}, action magics
 * such as {@code %status}, ...) are listed in {@link GlueJobPlan#notes()}; {@code %region}, {@code %endpoint},
 * {@code %profile} and {@code %%assume_role} choose the AWS clients Glivy deploys with, as for sessions.
 *
 * <p><b>Idempotent deploys.</b> The script is uploaded only when S3 does not hold the same bytes (its ETag is the
 * MD5 of the script); the job is created when missing, updated only when a field differs
 * ({@link GlueJobDeployment#changedFields()}). Tags an existing job lacks or holds with another value are added
 * ({@code TagResource}; UpdateJob cannot change tags; tags added by others are kept).
 *
 * <p><b>Runs.</b> {@link #run} starts a run with your arguments and follows it through core's poll loop on the
 * {@link SessionRuntime}'s scheduler until a final state; a state Glivy does not know never fails the wait. When the
 * deadline passes, or you cancel the returned future, Glivy stops the run ({@code BatchStopJobRun}). Every AWS call
 * is retried by core's retrier with {@link GlueClientConfig#retryPolicy()} when it fails retryably (throttling, 5xx,
 * I/O); {@code StartJobRun} carries a {@code --glivy-run-token} argument so that a start whose answer was lost is found
 * again instead of started twice. Retries are logged at DEBUG on {@code dev.glivy.glue}.
 *
 * <p><b>IAM.</b> {@code s3:PutObject}, {@code s3:GetObject} (HeadObject) on the script location;
 * {@code glue:GetJob}, {@code glue:CreateJob}, {@code glue:UpdateJob}, {@code glue:GetTags}, {@code glue:TagResource},
 * {@code glue:StartJobRun}, {@code glue:GetJobRun}, {@code glue:GetJobRuns}, {@code glue:BatchStopJobRun};
 * {@code iam:PassRole} on the job's role; {@code sts:GetCallerIdentity} for the owner tag.
 *
 * <p>Thread-safe. <b>Ownership:</b> the clients, threads and runtime reference this object builds are released by
 * {@link #close()}; clients, HTTP clients, credentials, executors and runtimes passed in are never closed.
 *
 * @since 0.2
 */
public final class GlueJobs implements AutoCloseable {
    /** Default price of one DPU-hour for cost estimates, as for sessions. */
    public static final double DEFAULT_PRICE_PER_DPU_HOUR = GlueTransport.DEFAULT_PRICE_PER_DPU_HOUR;
    /** Default polling of a run: from 1 second, growing by 1.5 up to 15 seconds. */
    public static final PollingPolicy DEFAULT_POLLING = PollingPolicy.builder()
            .initialInterval(Duration.ofSeconds(1))
            .maxInterval(Duration.ofSeconds(15))
            .useProgress(false)
            .build();

    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final Options options;
    private final ClientRegistry registry;
    private final S3Location scriptLocation;
    private final SessionRuntime runtime;
    private final boolean ownRuntime;
    private final Retrier retrier;
    private final PollingPolicy polling;
    private final @Nullable String role;
    private final @Nullable String owner;
    private final IoExecutor io;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GlueJobs(Builder b, GlueClientConfig config, S3Location scriptLocation) {
        this.io = new IoExecutor(config.executor().orElse(null), 2, "glue-jobs");
        // The script location doubles as the "S3 is needed" signal of the shared client factory.
        this.options = config.options(
                io.executor(),
                b.pricePerDpuHour,
                GlueTransport.DEFAULT_LIST_PAGE_SIZE,
                GlueTransport.DEFAULT_REQUEST_ORIGIN,
                Clock.systemUTC(),
                scriptLocation);
        this.registry = new ClientRegistry(options);
        this.scriptLocation = scriptLocation;
        this.ownRuntime = b.runtime == null;
        this.runtime = b.runtime != null ? b.runtime : SharedRuntime.acquire();
        this.retrier = new Retrier(
                config.retryPolicy(),
                runtime.scheduler(),
                runtime.random(),
                (op, attempt, delay, cause) -> LOG.debug(
                        "{} failed (attempt {}), retrying in {} ms: {}",
                        op,
                        attempt,
                        delay.toMillis(),
                        cause.getMessage()));
        this.polling = b.polling;
        this.role = b.role;
        this.owner = b.owner;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The dry run for {@code notebook}, with the job named after the notebook's file (without {@code .ipynb},
     * characters other than {@code A-Z a-z 0-9 _ . -} as {@code -}). No AWS call is made.
     *
     * @throws InvalidConfigException listing every bad magic (with its cell) and every value Glue would refuse
     */
    public GlueJobPlan plan(NotebookFile notebook) {
        Objects.requireNonNull(notebook, "notebook must not be null");
        return plan(notebook, JobMapper.jobName(notebook.source()));
    }

    /**
     * The dry run for {@code notebook} as job {@code jobName}. No AWS call is made.
     *
     * @throws InvalidConfigException listing every bad magic (with its cell) and every value Glue would refuse
     */
    public GlueJobPlan plan(NotebookFile notebook, String jobName) {
        Objects.requireNonNull(notebook, "notebook must not be null");
        Objects.requireNonNull(jobName, "jobName must not be null");
        JobMapper.Parsed parsed = JobMapper.parse(notebook);
        String key = JobRequests.scriptKey(scriptLocation.prefix(), jobName, parsed.language() == Language.SCALA);
        String uri = "s3://" + scriptLocation.bucket() + "/" + key;
        GlueJobDefinition d = JobMapper.definition(parsed, jobName, uri, notebook.source(), role, owner);
        String script = JobScript.write(parsed.language(), parsed.parts());
        return new GlueJobPlan(notebook.source(), parsed.language(), script, d, parsed.notes(), parsed.config());
    }

    /**
     * Uploads the plan's script and creates or updates its job; nothing changes when both are already as planned.
     * When neither the plan nor {@link Builder#owner(String)} gives an owner, the caller's AWS user id (STS
     * GetCallerIdentity) becomes the {@code owner} tag of a new job.
     *
     * @throws dev.glivy.SessionBackendException when AWS refuses a call (after retries)
     * @throws dev.glivy.SessionTransportException when AWS cannot be reached
     */
    public GlueJobDeployment deploy(GlueJobPlan plan) {
        Objects.requireNonNull(plan, "plan must not be null");
        checkOpen();
        ClientSettings settings = ClientSettings.of(options, plan.config());
        GlueJobDefinition d = plan.definition();
        if (!d.tags().containsKey("owner")) {
            String who = whoami(settings);
            if (who != null) {
                Map<String, String> tags = new LinkedHashMap<>(d.tags());
                tags.put("owner", JobMapper.ownerTag(who));
                d = d.toBuilder().tags(tags).build();
            }
        }
        GlueJobPlan effective =
                new GlueJobPlan(plan.source(), plan.language(), plan.script(), d, plan.notes(), plan.config());
        S3Location where = S3Location.parse(
                d.scriptLocation().substring(0, d.scriptLocation().lastIndexOf('/') + 1));
        String key = d.scriptLocation().substring(("s3://" + where.bucket() + "/").length());
        JobOps.Deployed r = ops(settings).deploy(d, plan.script(), where.bucket(), key);
        return new GlueJobDeployment(
                effective, GlueJobDeployment.Action.valueOf(r.action().name()), r.changed(), r.uploaded());
    }

    private @Nullable String whoami(ClientSettings settings) {
        try {
            return Futures.await(
                            registry.clients(settings).thenCompose(c -> c.whoami()),
                            null,
                            "glue",
                            "STS GetCallerIdentity")
                    .userId();
        } catch (RuntimeException e) {
            LOG.warn(
                    "No owner tag for the job: the caller's identity is unknown ({}); set GlueJobs.Builder.owner(...)",
                    e.getMessage());
            return null;
        }
    }

    /**
     * Starts a run of the plan's job with {@code arguments} (keys like {@code --day}) and waits for it to end,
     * through the clients the plan's notebook chose ({@code %region}, ...).
     *
     * @param timeout how long to wait; when it passes, the run is stopped and the future fails with a
     *     {@link dev.glivy.SessionTimeoutException}
     * @return the final state, error, execution time, DPU-seconds and estimated cost; cancelling it stops the run
     */
    public CompletableFuture<GlueJobRun> run(GlueJobPlan plan, Map<String, String> arguments, Duration timeout) {
        Objects.requireNonNull(plan, "plan must not be null");
        return run(ClientSettings.of(options, plan.config()), plan.jobName(), arguments, timeout);
    }

    /** {@link #run(GlueJobPlan, Map, Duration)} for a job by name, through the builder's clients. */
    public CompletableFuture<GlueJobRun> run(String jobName, Map<String, String> arguments, Duration timeout) {
        return run(ClientSettings.of(options), jobName, arguments, timeout);
    }

    private CompletableFuture<GlueJobRun> run(
            ClientSettings settings, String jobName, Map<String, String> arguments, Duration timeout) {
        Objects.requireNonNull(jobName, "jobName must not be null");
        Objects.requireNonNull(arguments, "arguments must not be null");
        Durations.positive("timeout", timeout);
        for (String k : arguments.keySet()) {
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException(
                        "job run argument names must start with -- but '" + k + "' does not");
            }
        }
        checkOpen();
        CompletableFuture<JobOps.Finished> f = ops(settings).run(jobName, Map.copyOf(arguments), timeout);
        CompletableFuture<GlueJobRun> out = f.thenApply(x -> result(jobName, x));
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                f.cancel(true);
            }
        });
        return out;
    }

    private GlueJobRun result(String jobName, JobOps.Finished f) {
        JobRun r = f.run();
        return new GlueJobRun(
                jobName,
                r.id(),
                Objects.requireNonNullElse(r.jobRunStateAsString(), "UNKNOWN"),
                r.errorMessage(),
                Duration.ofSeconds(r.executionTime() == null ? 0 : r.executionTime()),
                f.dpuSeconds(),
                options.pricePerDpuHour(),
                f.cost());
    }

    private JobOps ops(ClientSettings settings) {
        return new JobOps(() -> registry.clients(settings), runtime, retrier, polling, options.pricePerDpuHour());
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("GlueJobs is closed: build a new one");
        }
    }

    /** Releases the clients, threads and runtime reference this object built. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registry.close();
        if (ownRuntime) {
            SharedRuntime.release(runtime);
        }
        io.close();
    }

    @Override
    public String toString() {
        return "GlueJobs{" + options + ", scripts at " + scriptLocation.uri() + "}";
    }

    /**
     * Builds {@link GlueJobs}. Only {@link #scriptLocation(String)} is required; how to reach AWS is one
     * {@link GlueClientConfig}, shared with {@link GlueTransport}, {@link GlueAdmin} and {@link GlueCatalog}. Not
     * thread-safe.
     */
    public static final class Builder {
        private GlueClientConfig.Builder clientConfig = GlueClientConfig.builder();
        private @Nullable SessionRuntime runtime;
        private PollingPolicy polling = DEFAULT_POLLING;
        private double pricePerDpuHour = DEFAULT_PRICE_PER_DPU_HOUR;
        private @Nullable String scriptLocation;
        private @Nullable String role;
        private @Nullable String owner;

        private Builder() {}

        /**
         * How to reach AWS (region, endpoints, credentials, clients, executor, timeouts, retry policy); replaces the
         * client configuration set so far. Default {@link GlueClientConfig#defaults()}. Values set there win over
         * a notebook's {@code %region}, {@code %endpoint} and {@code %profile}. <b>Clients and executors in it are
         * never closed by Glivy.</b>
         */
        public Builder clientConfig(GlueClientConfig config) {
            this.clientConfig = Objects.requireNonNull(config, "clientConfig must not be null").toBuilder();
            return this;
        }

        /** Changes the client configuration set so far, for example {@code c -> c.profile("analytics")}. */
        public Builder clientConfig(Consumer<GlueClientConfig.Builder> change) {
            Objects.requireNonNull(change, "clientConfig must not be null").accept(clientConfig);
            return this;
        }

        /** Shortcut for {@code clientConfig(c -> c.region(region))}. */
        public Builder region(String region) {
            clientConfig.region(region);
            return this;
        }

        /**
         * Where job scripts go: {@code s3://bucket/prefix/}; each script's key is the prefix plus the job name plus
         * {@code .py} or {@code .scala}. Required.
         */
        public Builder scriptLocation(String s3Uri) {
            Objects.requireNonNull(s3Uri, "scriptLocation must not be null");
            try {
                S3Location.parse(s3Uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("resultsS3Uri", "scriptLocation"), e);
            }
            this.scriptLocation = s3Uri;
            return this;
        }

        /** The job's role when a notebook sets no {@code %iam_role}. Default none: such a notebook is refused. */
        public Builder role(String roleArn) {
            this.role = Objects.requireNonNull(roleArn, "role must not be null");
            return this;
        }

        /**
         * The {@code owner} tag of new jobs. Default: the caller's AWS user id, asked from STS at deploy time (a
         * dry run has no owner tag then).
         */
        public Builder owner(String userId) {
            this.owner = Objects.requireNonNull(userId, "owner must not be null");
            return this;
        }

        /**
         * The scheduler, clock and randomness of polling, deadlines and retry backoff. <b>Never closed by
         * Glivy.</b> Default: Glivy's shared runtime.
         */
        public Builder runtime(SessionRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
            return this;
        }

        /** How often a run is polled. Default {@link GlueJobs#DEFAULT_POLLING}. */
        public Builder pollingPolicy(PollingPolicy policy) {
            this.polling = Objects.requireNonNull(policy, "pollingPolicy must not be null");
            return this;
        }

        /** USD per DPU-hour for cost estimates. Default {@value GlueJobs#DEFAULT_PRICE_PER_DPU_HOUR}. */
        public Builder pricePerDpuHour(double usd) {
            this.pricePerDpuHour = GlueTransportBuilder.checkedPrice(usd);
            return this;
        }

        /**
         * Builds it. No AWS call is made: clients are built on first use.
         *
         * @throws IllegalStateException listing every missing or conflicting setting
         */
        public GlueJobs build() {
            List<String> problems = new ArrayList<>();
            if (scriptLocation == null) {
                problems.add("scriptLocation(...) is required (for example s3://my-bucket/glivy/jobs/)");
            }
            GlueClientConfig config = null;
            try {
                config = clientConfig.build();
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid GlueJobs configuration: " + String.join("; ", problems));
            }
            return new GlueJobs(
                    this, Objects.requireNonNull(config), S3Location.parse(Objects.requireNonNull(scriptLocation)));
        }
    }
}
