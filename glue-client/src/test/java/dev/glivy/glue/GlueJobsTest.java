package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.glivy.Language;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionTimeoutException;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.notebook.NotebookCell;
import dev.glivy.notebook.NotebookFile;
import dev.glivy.test.ManualScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GlueJobs} against in-memory Glue, S3 and STS clients on virtual time: the magics-to-definition mapping,
 * idempotent deploys, runs followed to their final state, unknown states, deadlines, cancellation and retries.
 */
class GlueJobsTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/GlueJobRole";
    static final String FALLBACK_ROLE = "arn:aws:iam::123456789012:role/Fallback";

    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(time)
            .executor(time)
            .clock(time.clock())
            .random(new Random(3))
            .build();
    private final FakeJobGlue glue = new FakeJobGlue(time.clock());
    private final FakeS3 s3 = new FakeS3();
    private final FakeSts sts = new FakeSts();
    private final GlueJobs jobs = GlueJobs.builder()
            .clientConfig(c -> c.glueClient(glue).s3Client(s3).stsClient(sts).executor(Runnable::run))
            .runtime(runtime)
            .scriptLocation("s3://glivy-jobs/notebooks")
            .role(FALLBACK_ROLE)
            .build();

    @AfterEach
    void close() {
        jobs.close();
        runtime.close();
    }

    static NotebookFile notebook(String name) throws IOException {
        try (InputStream in = GlueJobsTest.class.getResourceAsStream("jobs/" + name)) {
            return NotebookFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return time.await(f, Duration.ofHours(30));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private int totalCalls() {
        return glue.calls.values().stream()
                        .mapToInt(java.util.concurrent.atomic.AtomicInteger::get)
                        .sum()
                + s3.puts.get()
                + sts.calls.get();
    }

    @Test
    @DisplayName("a dry run maps every magic of a PySpark notebook to the job definition and reports the rest, "
            + "without calling AWS")
    void dryRunPython() throws IOException {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        assertThat(totalCalls()).isZero();
        GlueJobDefinition d = plan.definition();
        assertThat(plan.jobName()).isEqualTo("sales");
        assertThat(plan.language()).isEqualTo(Language.PYTHON);
        assertThat(d.name()).isEqualTo("sales");
        assertThat(d.role()).isEqualTo(ROLE);
        assertThat(d.glueVersion()).isEqualTo("4.0");
        assertThat(d.workerType()).hasValue("G.2X");
        assertThat(d.numberOfWorkers()).hasValue(5);
        assertThat(d.maxCapacity()).isEmpty();
        assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(d.securityConfiguration()).hasValue("glivy-sec");
        assertThat(d.connections()).containsExactly("vpc-a", "vpc-b");
        assertThat(d.commandName()).isEqualTo("gluestreaming");
        assertThat(d.pythonVersion()).isEqualTo("3");
        assertThat(d.scriptLocation())
                .isEqualTo("s3://glivy-jobs/notebooks/sales.py")
                .isEqualTo(plan.scriptUri());
        assertThat(d.defaultArguments())
                .containsExactly(
                        entry("--enable-glue-datacatalog", "true"),
                        entry("--additional-python-modules", "pyarrow==14.0.1,boto3"),
                        entry("--extra-py-files", "s3://lib/helpers.py"),
                        entry("--extra-jars", "s3://lib/udfs.jar"),
                        entry("--conf", "spark.sql.shuffle.partitions=8"),
                        entry("--enable-auto-scaling", "true"),
                        entry("--job-bookmark-option", "job-bookmark-enable"));
        assertThat(d.tags())
                .containsExactly(entry("team", "analytics"), entry("cost-center", "42"), entry("created-by", "glivy"));
        assertThat(plan.notes()).hasSize(3);
        assertThat(plan.notes().get(0)).startsWith("cell 4: %status acts on a running interactive session");
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("%idle_timeout 30 is not used"));
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("%session_id_prefix sales- is not used"));
        assertThat(d.toJson()).contains("\"Name\" : \"sales\"", "\"Timeout\" : 90", "\"WorkerType\" : \"G.2X\"");
    }

    @Test
    @DisplayName("a glue_spark notebook becomes a Scala job (--job-language scala, --class GlueApp); the builder's "
            + "role applies when the notebook sets none; defaults are Glivy's session defaults")
    void dryRunScala() throws IOException {
        GlueJobPlan plan = jobs.plan(notebook("populations.ipynb"), "county-populations");
        GlueJobDefinition d = plan.definition();
        assertThat(plan.language()).isEqualTo(Language.SCALA);
        assertThat(d.role()).isEqualTo(FALLBACK_ROLE);
        assertThat(d.commandName()).isEqualTo("glueetl");
        assertThat(d.scriptLocation()).isEqualTo("s3://glivy-jobs/notebooks/county-populations.scala");
        assertThat(d.workerType()).hasValue("G.1X");
        assertThat(d.numberOfWorkers()).hasValue(2);
        assertThat(d.timeout()).isEqualTo(Duration.ofHours(4));
        assertThat(d.defaultArguments())
                .containsExactly(
                        entry("--enable-glue-datacatalog", "true"),
                        entry("--job-language", "scala"),
                        entry("--class", "GlueApp"));
        assertThat(plan.notes())
                .containsExactly("%idle_timeout 30 is not used: a job has no idle timeout, it ends "
                        + "when its script does (%timeout bounds it).");
        assertThat(plan.script())
                .startsWith("// Glue job script generated by Glivy")
                .contains("object GlueApp {");
    }

    @Test
    @DisplayName("a notebook without %iam_role and no builder role, bad magics, or %max_capacity with workers are "
            + "refused with every problem named")
    void refusals() {
        GlueJobs noRole = GlueJobs.builder()
                .clientConfig(
                        c -> c.glueClient(glue).s3Client(s3).stsClient(sts).executor(Runnable::run))
                .runtime(runtime)
                .scriptLocation("s3://glivy-jobs/")
                .build();
        NotebookFile nb = NotebookFile.of(
                "x.ipynb",
                5,
                "{\"kernelspec\":{\"name\":\"glue_pyspark\"}}",
                List.of(
                        NotebookCell.code("%max_capacity 2\n%worker_type G.1X\n%number_of_workers 2"),
                        NotebookCell.code("%bogus_magic 1")));
        assertThatThrownBy(() -> noRole.plan(nb))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .hasSize(1)
                        .allSatisfy(p -> assertThat(p).startsWith("cell 1: ")));
        NotebookFile nb2 = nb.withCells(List.of(nb.cells().get(0)));
        assertThatThrownBy(() -> noRole.plan(nb2))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "no role: set %iam_role in the notebook or GlueJobs.Builder.role(...)",
                                "%max_capacity cannot be combined with %number_of_workers or %worker_type"));
        noRole.close();
        assertThatThrownBy(() -> GlueJobs.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scriptLocation(...) is required");
        assertThatThrownBy(() -> GlueJobs.builder().scriptLocation("glivy-jobs/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scriptLocation 'glivy-jobs/x'");
    }

    @Test
    @DisplayName("deploy uploads the script and creates the job with the owner tag; deploying again changes "
            + "nothing; a changed magic updates only that field")
    void idempotentDeploy() throws IOException {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        GlueJobDeployment first = jobs.deploy(plan);
        assertThat(first.action()).isEqualTo(GlueJobDeployment.Action.CREATED);
        assertThat(first.scriptUploaded()).isTrue();
        assertThat(s3.text("glivy-jobs", "notebooks/sales.py")).isEqualTo(plan.script());
        assertThat(glue.jobs.get("sales").role()).isEqualTo(ROLE);
        assertThat(first.plan().definition().tags()).containsEntry("owner", "AROAFAKE:alice");

        GlueJobDeployment second = jobs.deploy(jobs.plan(notebook("sales.ipynb")));
        assertThat(second.unchanged()).isTrue();
        assertThat(second.changedFields()).isEmpty();
        assertThat(glue.calls("CreateJob")).isEqualTo(1);
        assertThat(glue.calls("UpdateJob")).isZero();
        assertThat(s3.puts.get()).isEqualTo(1);

        NotebookFile nb = notebook("sales.ipynb");
        List<NotebookCell> cells = new ArrayList<>(nb.cells());
        cells.set(1, NotebookCell.code(cells.get(1).source().replace("%timeout 90", "%timeout 60")));
        GlueJobDeployment third = jobs.deploy(jobs.plan(nb.withCells(cells)));
        assertThat(third.action()).isEqualTo(GlueJobDeployment.Action.UPDATED);
        assertThat(third.changedFields()).containsExactly("Timeout");
        assertThat(third.scriptUploaded()).isFalse();
        assertThat(glue.jobs.get("sales").timeout()).isEqualTo(60);
        assertThat(jobs.deploy(jobs.plan(nb.withCells(cells))).unchanged()).isTrue();
        assertThat(glue.calls("TagResource")).isZero();

        cells.set(2, NotebookCell.code("%%tags\n{\"team\": \"finance\", \"cost-center\": \"42\"}"));
        GlueJobDeployment retagged = jobs.deploy(jobs.plan(nb.withCells(cells)));
        assertThat(retagged.action()).isEqualTo(GlueJobDeployment.Action.UPDATED);
        assertThat(retagged.changedFields()).containsExactly("Tags");
        assertThat(glue.calls("UpdateJob")).isEqualTo(1);
        assertThat(glue.tags.get("arn:aws:glue:us-east-1:123456789012:job/sales"))
                .containsEntry("team", "finance")
                .containsEntry("owner", "AROAFAKE:alice")
                .containsEntry("created-by", "glivy");
        assertThat(jobs.deploy(jobs.plan(nb.withCells(cells))).unchanged()).isTrue();
    }

    @Test
    @DisplayName("a run is started with its arguments and followed to SUCCEEDED on virtual time; the result has "
            + "execution time, DPU-seconds and the estimated cost at the session price")
    void runToSuccess() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        jobs.deploy(plan);
        glue.script = List.of("STARTING", "WAITING", "RUNNING", "RUNNING", "RUNNING", "SUCCEEDED");
        GlueJobRun run = await(jobs.run(plan, Map.of("--day", "2026-12-06"), Duration.ofHours(1)));
        assertThat(run.state()).isEqualTo(GlueJobRunState.SUCCEEDED);
        assertThat(run.succeeded()).isTrue();
        assertThat(run.errorMessage()).isEmpty();
        assertThat(glue.calls("GetJobRun")).isEqualTo(6);
        long seconds = run.executionTime().toSeconds();
        assertThat(seconds).isPositive().isEqualTo(time.elapsed().toSeconds());
        assertThat(run.dpuSeconds()).isEqualTo(seconds * 5 * 2.0);
        double billed = Math.max(run.dpuSeconds(), 60 * 10.0);
        assertThat(run.estimatedCost()).isCloseTo(billed / 3600 * 0.44, org.assertj.core.data.Offset.offset(1e-9));
        JobRunArgs args = JobRunArgs.of(glue, run.runId());
        assertThat(args.values())
                .containsEntry("--day", "2026-12-06")
                .containsKey("--glivy-run-token")
                .containsEntry("--job-bookmark-option", "job-bookmark-enable");
    }

    @Test
    @DisplayName("a state Glivy does not know is waited through; with a completion time it ends the wait as "
            + "UNKNOWN, keeping Glue's text")
    void unknownStates() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        jobs.deploy(plan);
        glue.script = List.of("STARTING", "QUEUED_FOR_A_FUTURE_FEATURE", "RUNNING", "FAILED");
        GlueJobRun failed = await(jobs.run(plan, Map.of(), Duration.ofHours(1)));
        assertThat(failed.state()).isEqualTo(GlueJobRunState.FAILED);
        assertThat(failed.errorMessage()).hasValue("AnalysisException: Table or view not found: sales");

        glue.script = List.of("RUNNING", "ARCHIVED_IN_2030");
        GlueJobRun unknown = await(jobs.run(plan, Map.of(), Duration.ofHours(1)));
        assertThat(unknown.state()).isEqualTo(GlueJobRunState.UNKNOWN);
        assertThat(unknown.backendState()).isEqualTo("ARCHIVED_IN_2030");
        assertThat(GlueJobRunState.of(null)).isEqualTo(GlueJobRunState.UNKNOWN);
        assertThat(GlueJobRunState.of("expired")).isEqualTo(GlueJobRunState.EXPIRED);
    }

    @Test
    @DisplayName("when the deadline passes, the run is stopped (BatchStopJobRun) and the wait fails with "
            + "SessionTimeoutException")
    void deadlineStops() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        jobs.deploy(plan);
        glue.script = List.of("RUNNING");
        CompletableFuture<GlueJobRun> f = jobs.run(plan, Map.of(), Duration.ofMinutes(10));
        assertThatThrownBy(() -> await(f))
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("did not finish within 600 s; Glivy stopped it (BatchStopJobRun)");
        assertThat(glue.stopped).containsExactly("jr_1");
        assertThat(time.elapsed()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
    }

    @Test
    @DisplayName("cancelling the returned future stops the run (BatchStopJobRun) and polling ends")
    void cancelStops() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        jobs.deploy(plan);
        glue.script = List.of("RUNNING");
        CompletableFuture<GlueJobRun> f = jobs.run(plan, Map.of(), Duration.ofHours(2));
        time.advance(Duration.ofSeconds(30));
        int polls = glue.calls("GetJobRun");
        assertThat(polls).isPositive();
        assertThat(f.cancel(true)).isTrue();
        time.runPending();
        assertThat(glue.stopped).containsExactly("jr_1");
        time.advance(Duration.ofMinutes(30));
        assertThat(glue.calls("GetJobRun")).isEqualTo(polls);
    }

    @Test
    @DisplayName("throttling of StartJobRun and GetJobRun is retried by core's retrier; a StartJobRun whose answer "
            + "was lost is found by its token instead of started twice")
    void retries() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        jobs.deploy(plan);
        glue.fail("StartJobRun", "ThrottlingException", "LOST");
        glue.fail("GetJobRun", "ThrottlingException", "ThrottlingException", "InternalServiceException");
        GlueJobRun run = await(jobs.run(plan, Map.of(), Duration.ofHours(1)));
        assertThat(run.state()).isEqualTo(GlueJobRunState.SUCCEEDED);
        assertThat(glue.calls("StartJobRun")).isEqualTo(2);
        assertThat(glue.calls("GetJobRuns")).isEqualTo(1);
        assertThat(glue.runs).hasSize(1);
        assertThat(run.runId()).isEqualTo("jr_1");
    }

    @Test
    @DisplayName("a CreateJob whose answer was lost is retried; Glue's AlreadyExists then finds the job as sent, "
            + "reported CREATED without an update")
    void lostCreate() throws Exception {
        glue.fail("CreateJob", "LOST");
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"));
        // deploy blocks while the retry backoff waits on virtual time: run it on a thread and move the clock
        CompletableFuture<GlueJobDeployment> f = CompletableFuture.supplyAsync(() -> jobs.deploy(plan));
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!f.isDone() && System.nanoTime() < end) {
            time.advance(Duration.ofMillis(100));
            Thread.yield();
        }
        GlueJobDeployment d = f.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(d.action()).isEqualTo(GlueJobDeployment.Action.CREATED);
        assertThat(glue.calls("CreateJob")).isEqualTo(2);
        assertThat(glue.calls("UpdateJob")).isZero();
        assertThat(glue.jobs).containsOnlyKeys("sales");
    }

    @Test
    @DisplayName("%max_capacity maps to MaxCapacity; %%configure keys that name settings set them, the others "
            + "become --key arguments (JSON values as JSON text)")
    void capacityAndConfigure() {
        NotebookFile nb = NotebookFile.of(
                "etl.ipynb",
                5,
                "{\"kernelspec\":{\"name\":\"glue_pyspark\"}}",
                List.of(
                        NotebookCell.code("%max_capacity 0.0625\n%glue_version 3.0"),
                        NotebookCell.code(
                                "%%configure\n{\"timeout\": 30, \"iam_role\": \"" + ROLE + "\", "
                                        + "\"datalake-formats\": \"delta\", \"--TempDir\": \"s3://t/\", \"limits\": {\"a\": 1}}")));
        GlueJobDefinition d = jobs.plan(nb).definition();
        assertThat(d.maxCapacity()).hasValue(0.0625);
        assertThat(d.workerType()).isEmpty();
        assertThat(d.glueVersion()).isEqualTo("3.0");
        assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.role()).isEqualTo(ROLE);
        assertThat(d.defaultArguments())
                .containsExactly(
                        entry("--enable-glue-datacatalog", "true"),
                        entry("--datalake-formats", "delta"),
                        entry("--TempDir", "s3://t/"),
                        entry("--limits", "{\"a\":1}"));
        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    /** The arguments a fake run received. */
    record JobRunArgs(Map<String, String> values) {
        static JobRunArgs of(FakeJobGlue glue, String id) {
            return new JobRunArgs(glue.runs.get(id).build().arguments());
        }
    }
}
