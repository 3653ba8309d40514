package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.glivy.config.PollingPolicy;
import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.notebook.NotebookFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * Notebooks deployed and run as Glue jobs against {@code moto_server} through the real AWS SDK (S3 PutObject and
 * HeadObject, Glue GetJob/CreateJob/StartJobRun/GetJobRun/GetJobRuns, STS GetCallerIdentity). The job definitions
 * are read back with a plain Glue client and checked field by field against the notebooks' magics.
 *
 * <p>What moto does: its job runs advance one state per GetJobRun (STARTING, RUNNING, then SUCCEEDED), report a
 * fixed ExecutionTime of 123 seconds and no DPU-seconds. Moto 5.2 has no UpdateJob and no BatchStopJobRun, so
 * updating a changed job and stopping a run are proven by {@link GlueJobsTest} on a fake client instead.
 */
@DisplayName("GlueJobs against moto_server: deploy, field-by-field definition, uploaded script, idempotent "
        + "redeploy, a run followed to SUCCEEDED")
class GlueJobsMotoIT {
    private static final String BUCKET = "glivy-jobs";
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueJobRole";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private MotoS3 s3;
    private GlueClient raw;
    private GlueJobs jobs;

    @BeforeEach
    void setUp() {
        s3 = new MotoS3(MOTO).bucket(BUCKET);
        raw = GlueClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(MOTO.uri())
                .credentialsProvider(MotoS3.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        jobs = GlueJobs.builder()
                .clientConfig(c -> c.endpointOverride(MOTO.uri())
                        .s3EndpointOverride(MOTO.uri())
                        .stsEndpointOverride(MOTO.uri())
                        .credentialsProvider(MotoS3.CREDENTIALS))
                .region("us-east-1")
                .scriptLocation("s3://" + BUCKET + "/glivy/jobs/")
                .role(ROLE)
                .pollingPolicy(PollingPolicy.builder()
                        .initialInterval(Duration.ofMillis(20))
                        .maxInterval(Duration.ofMillis(100))
                        .useProgress(false)
                        .build())
                .build();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        raw.close();
        s3.close();
    }

    private static NotebookFile notebook(String name) throws Exception {
        try (InputStream in = GlueJobsMotoIT.class.getResourceAsStream("jobs/" + name)) {
            return NotebookFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = GlueJobsMotoIT.class.getResourceAsStream("jobs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String object(String key) {
        return s3.client().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the seed notebook (Scala) deploys: script uploaded as written, job fields from its magics, Glivy's "
            + "tags; redeploying changes nothing; a run goes STARTING -> RUNNING -> SUCCEEDED")
    void seedNotebook() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("populations.ipynb"));
        GlueJobDeployment d = jobs.deploy(plan);
        assertThat(d.action()).isEqualTo(GlueJobDeployment.Action.CREATED);
        assertThat(d.scriptUploaded()).isTrue();
        assertThat(object("glivy/jobs/populations.scala"))
                .isEqualTo(plan.script())
                .isEqualTo(resource("populations.scala"));

        Job job = raw.getJob(r -> r.jobName("populations")).job();
        assertThat(job.role()).isEqualTo(ROLE); // builder role (no %iam_role)
        assertThat(job.command().name()).isEqualTo("glueetl"); // default %etl
        assertThat(job.command().scriptLocation()).isEqualTo("s3://glivy-jobs/glivy/jobs/populations.scala");
        assertThat(job.command().pythonVersion()).isEqualTo("3");
        assertThat(job.glueVersion()).isEqualTo("4.0"); // %glue_version 4.0
        assertThat(job.workerTypeAsString()).isEqualTo("G.1X"); // %worker_type G.1X
        assertThat(job.numberOfWorkers()).isEqualTo(2); // %number_of_workers 2
        assertThat(job.timeout()).isEqualTo(240); // no %timeout: Glivy's 4 h
        assertThat(job.defaultArguments())
                .containsExactly(
                        entry("--enable-glue-datacatalog", "true"),
                        entry("--job-language", "scala"),
                        entry("--class", "GlueApp"));
        assertThat(job.description()).isEqualTo("Glue job created by Glivy from notebook populations.ipynb");
        Map<String, String> tags = raw.getTags(
                        r -> r.resourceArn("arn:aws:glue:us-east-1:123456789012:job/populations"))
                .tags();
        assertThat(tags).containsEntry("created-by", "glivy").containsKey("owner");
        assertThat(tags.get("owner")).isNotBlank();
        assertThat(plan.notes()).singleElement().asString().startsWith("%idle_timeout 30 is not used");

        GlueJobDeployment again = jobs.deploy(jobs.plan(notebook("populations.ipynb")));
        assertThat(again.unchanged()).isTrue();
        assertThat(raw.getJob(r -> r.jobName("populations")).job().lastModifiedOn())
                .isEqualTo(job.lastModifiedOn());

        GlueJobRun run = jobs.run(plan, Map.of("--data", "s3://covid19-lake/x.csv"), Duration.ofMinutes(2))
                .get(60, TimeUnit.SECONDS);
        assertThat(run.state()).isEqualTo(GlueJobRunState.SUCCEEDED);
        assertThat(run.executionTime()).isEqualTo(Duration.ofSeconds(123)); // moto's fixed figure
        assertThat(run.dpuSeconds()).isEqualTo(123 * 2 * 1.0); // 2 x G.1X, no Glue figure
        assertThat(run.estimatedCost()).isEqualTo(246 / 3600.0 * 0.44);
        JobRun seen =
                raw.getJobRun(r -> r.jobName("populations").runId(run.runId())).jobRun();
        assertThat(seen.arguments())
                .containsEntry("--data", "s3://covid19-lake/x.csv")
                .containsEntry("--job-language", "scala")
                .containsKey("--glivy-run-token");
    }

    @Test
    @DisplayName("a PySpark notebook with every job magic deploys with each field as its magic says")
    void everyMagic() throws Exception {
        GlueJobPlan plan = jobs.plan(notebook("sales.ipynb"), "daily-sales");
        assertThat(jobs.deploy(plan).action()).isEqualTo(GlueJobDeployment.Action.CREATED);
        assertThat(object("glivy/jobs/daily-sales.py")).isEqualTo(resource("sales.py"));
        Job job = raw.getJob(r -> r.jobName("daily-sales")).job();
        assertThat(job.role()).isEqualTo(ROLE); // %iam_role
        assertThat(job.command().name()).isEqualTo("gluestreaming"); // %streaming
        assertThat(job.command().scriptLocation()).isEqualTo("s3://glivy-jobs/glivy/jobs/daily-sales.py");
        assertThat(job.command().pythonVersion()).isEqualTo("3");
        assertThat(job.glueVersion()).isEqualTo("4.0"); // %glue_version
        assertThat(job.workerTypeAsString()).isEqualTo("G.2X"); // %worker_type
        assertThat(job.numberOfWorkers()).isEqualTo(5); // %number_of_workers
        assertThat(job.timeout()).isEqualTo(90); // %timeout 90
        assertThat(job.securityConfiguration()).isEqualTo("glivy-sec"); // %security_config
        assertThat(job.connections().connections()).containsExactly("vpc-a", "vpc-b"); // %connections
        assertThat(job.defaultArguments())
                .containsExactly(
                        entry("--enable-glue-datacatalog", "true"),
                        entry("--additional-python-modules", "pyarrow==14.0.1,boto3"), // %additional_python_modules
                        entry("--extra-py-files", "s3://lib/helpers.py"), // %extra_py_files
                        entry("--extra-jars", "s3://lib/udfs.jar"), // %extra_jars
                        entry("--conf", "spark.sql.shuffle.partitions=8"), // %spark_conf
                        entry("--enable-auto-scaling", "true"), // %%configure
                        entry("--job-bookmark-option", "job-bookmark-enable"));
        Map<String, String> tags = raw.getTags(
                        r -> r.resourceArn("arn:aws:glue:us-east-1:123456789012:job/daily-sales"))
                .tags();
        assertThat(tags)
                .containsEntry("team", "analytics")
                .containsEntry("cost-center", "42") // %%tags
                .containsEntry("created-by", "glivy")
                .containsKey("owner");
        assertThat(jobs.deploy(jobs.plan(notebook("sales.ipynb"), "daily-sales"))
                        .unchanged())
                .isTrue();
    }
}
