package dev.glivy.glue;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueServiceClientConfiguration;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunRequest;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.ConnectionsList;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.CreateJobResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobRequest;
import software.amazon.awssdk.services.glue.model.GetJobResponse;
import software.amazon.awssdk.services.glue.model.GetJobRunRequest;
import software.amazon.awssdk.services.glue.model.GetJobRunResponse;
import software.amazon.awssdk.services.glue.model.GetJobRunsRequest;
import software.amazon.awssdk.services.glue.model.GetJobRunsResponse;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;
import software.amazon.awssdk.services.glue.model.GetTagsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;
import software.amazon.awssdk.services.glue.model.StartJobRunResponse;
import software.amazon.awssdk.services.glue.model.TagResourceRequest;
import software.amazon.awssdk.services.glue.model.TagResourceResponse;
import software.amazon.awssdk.services.glue.model.UpdateJobRequest;
import software.amazon.awssdk.services.glue.model.UpdateJobResponse;

/**
 * An in-memory {@link GlueClient} implementing only the job operations {@code GlueJobs} uses. Each run moves
 * through the states queued in {@link #script} (one per GetJobRun, the last one staying; final states and unknown
 * {@code ARCHIVED*} ones get a completion time); Glue's defaults are filled
 * in as the real service does (MaxCapacity of a job with workers). Faults are queued per operation as AWS error
 * codes, or {@code "LOST"} for an answer lost after the call took effect. Thread-safe.
 */
final class FakeJobGlue implements GlueClient {
    final Clock clock;
    final Map<String, Job> jobs = new ConcurrentHashMap<>();
    final Map<String, JobRun.Builder> runs = new ConcurrentHashMap<>();
    final Map<String, ArrayDeque<String>> states = new ConcurrentHashMap<>();
    final Map<String, ArrayDeque<String>> faults = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> stopped = new ArrayList<>();
    final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    volatile List<String> script = List.of("STARTING", "RUNNING", "SUCCEEDED");
    private final AtomicInteger ids = new AtomicInteger();

    FakeJobGlue(Clock clock) {
        this.clock = clock;
    }

    int calls(String op) {
        AtomicInteger n = calls.get(op);
        return n == null ? 0 : n.get();
    }

    void fail(String op, String... codes) {
        faults.computeIfAbsent(op, k -> new ArrayDeque<>()).addAll(List.of(codes));
    }

    private boolean enter(String op) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        ArrayDeque<String> q = faults.get(op);
        String code;
        synchronized (this) {
            code = q == null ? null : q.poll();
        }
        if (code == null) {
            return false;
        }
        if (code.equals("LOST")) {
            return true;
        }
        int status = code.equals("ThrottlingException") ? 400 : code.equals("InternalServiceException") ? 500 : 400;
        throw GlueException.builder()
                .statusCode(status)
                .message(code + ": injected")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("injected")
                        .build())
                .build();
    }

    private static RuntimeException lost() {
        return GlueException.builder()
                .statusCode(504)
                .message("Gateway Timeout: answer lost")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("GatewayTimeout")
                        .errorMessage("lost")
                        .build())
                .build();
    }

    @Override
    public GetJobResponse getJob(GetJobRequest r) {
        enter("GetJob");
        Job j = jobs.get(r.jobName());
        if (j == null) {
            throw EntityNotFoundException.builder()
                    .statusCode(400)
                    .message("Job " + r.jobName() + " not found")
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("EntityNotFoundException")
                            .errorMessage("not found")
                            .build())
                    .build();
        }
        return GetJobResponse.builder().job(j).build();
    }

    @Override
    public CreateJobResponse createJob(CreateJobRequest r) {
        boolean lose = enter("CreateJob");
        if (jobs.containsKey(r.name())) {
            throw GlueException.builder()
                    .statusCode(400)
                    .message("AlreadyExistsException: job exists")
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("AlreadyExistsException")
                            .errorMessage("exists")
                            .build())
                    .build();
        }
        Job.Builder j = Job.builder()
                .name(r.name())
                .description(r.description())
                .role(r.role())
                .command(r.command())
                .glueVersion(r.glueVersion())
                .defaultArguments(r.defaultArguments())
                .timeout(r.timeout())
                .workerType(r.workerTypeAsString())
                .numberOfWorkers(r.numberOfWorkers())
                .securityConfiguration(r.securityConfiguration())
                .createdOn(clock.instant())
                .maxCapacity(
                        r.maxCapacity() != null
                                ? r.maxCapacity()
                                : r.numberOfWorkers() != null ? r.numberOfWorkers() * 2.0 : 10.0);
        if (r.connections() != null) {
            j.connections(ConnectionsList.builder()
                    .connections(r.connections().connections())
                    .build());
        }
        jobs.put(r.name(), j.build());
        tags.put("arn:aws:glue:us-east-1:123456789012:job/" + r.name(), new LinkedHashMap<>(r.tags()));
        if (lose) {
            throw lost();
        }
        return CreateJobResponse.builder().name(r.name()).build();
    }

    @Override
    public UpdateJobResponse updateJob(UpdateJobRequest r) {
        enter("UpdateJob");
        Job old = jobs.get(r.jobName());
        if (old == null) {
            throw EntityNotFoundException.builder()
                    .statusCode(400)
                    .message("not found")
                    .build();
        }
        var u = r.jobUpdate();
        Job.Builder j = old.toBuilder()
                .description(u.description())
                .role(u.role())
                .command(u.command())
                .glueVersion(u.glueVersion())
                .defaultArguments(u.defaultArguments())
                .timeout(u.timeout())
                .workerType(u.workerTypeAsString())
                .numberOfWorkers(u.numberOfWorkers())
                .securityConfiguration(u.securityConfiguration())
                .connections(u.connections())
                .maxCapacity(
                        u.maxCapacity() != null
                                ? u.maxCapacity()
                                : u.numberOfWorkers() != null ? u.numberOfWorkers() * 2.0 : 10.0);
        jobs.put(r.jobName(), j.build());
        return UpdateJobResponse.builder().jobName(r.jobName()).build();
    }

    @Override
    public StartJobRunResponse startJobRun(StartJobRunRequest r) {
        boolean lose = enter("StartJobRun");
        Job j = jobs.get(r.jobName());
        if (j == null) {
            throw EntityNotFoundException.builder()
                    .statusCode(400)
                    .message("not found")
                    .build();
        }
        String id = "jr_" + ids.incrementAndGet();
        Map<String, String> args = new LinkedHashMap<>(j.defaultArguments());
        args.putAll(r.arguments());
        runs.put(
                id,
                JobRun.builder()
                        .id(id)
                        .jobName(r.jobName())
                        .arguments(args)
                        .startedOn(clock.instant())
                        .workerType(j.workerTypeAsString())
                        .numberOfWorkers(j.numberOfWorkers())
                        .maxCapacity(j.maxCapacity()));
        states.put(id, new ArrayDeque<>(script));
        if (lose) {
            throw lost();
        }
        return StartJobRunResponse.builder().jobRunId(id).build();
    }

    @Override
    public GetJobRunResponse getJobRun(GetJobRunRequest r) {
        enter("GetJobRun");
        JobRun.Builder b = runs.get(r.runId());
        ArrayDeque<String> q = states.get(r.runId());
        String state;
        synchronized (this) {
            state = q.size() > 1 ? q.poll() : q.peek();
        }
        b.jobRunState(state).lastModifiedOn(clock.instant());
        JobRun now = b.build();
        long seconds =
                java.time.Duration.between(now.startedOn(), clock.instant()).toSeconds();
        b.executionTime((int) seconds);
        if (state.equals("FAILED")) {
            b.errorMessage("AnalysisException: Table or view not found: sales");
        }
        boolean ended = List.of("STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "EXPIRED")
                        .contains(state)
                || state.startsWith("ARCHIVED"); // an unknown state that carries a completion time
        if (ended && runs.get(r.runId()).build().completedOn() == null) {
            b.completedOn(clock.instant());
        }
        return GetJobRunResponse.builder().jobRun(b.build()).build();
    }

    @Override
    public GetJobRunsResponse getJobRuns(GetJobRunsRequest r) {
        enter("GetJobRuns");
        List<JobRun> all = new ArrayList<>();
        runs.values().forEach(b -> {
            JobRun x = b.build();
            if (x.jobName().equals(r.jobName())) {
                all.add(x);
            }
        });
        return GetJobRunsResponse.builder().jobRuns(all).build();
    }

    @Override
    public BatchStopJobRunResponse batchStopJobRun(BatchStopJobRunRequest r) {
        enter("BatchStopJobRun");
        synchronized (this) {
            stopped.addAll(r.jobRunIds());
        }
        for (String id : r.jobRunIds()) {
            states.put(id, new ArrayDeque<>(List.of("STOPPING", "STOPPED")));
        }
        return BatchStopJobRunResponse.builder().build();
    }

    @Override
    public GetTagsResponse getTags(GetTagsRequest r) {
        enter("GetTags");
        Map<String, String> t = tags.get(r.resourceArn());
        if (t == null) {
            throw EntityNotFoundException.builder()
                    .statusCode(400)
                    .message("no resource " + r.resourceArn())
                    .build();
        }
        return GetTagsResponse.builder().tags(t).build();
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest r) {
        enter("TagResource");
        tags.get(r.resourceArn()).putAll(r.tagsToAdd());
        return TagResourceResponse.builder().build();
    }

    @Override
    public GlueServiceClientConfiguration serviceClientConfiguration() {
        return GlueServiceClientConfiguration.builder().region(Region.US_EAST_1).build();
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
