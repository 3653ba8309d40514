package dev.glivy.glue;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a finished Glue job run reports: its final state, Glue's error message, how long it ran, the DPU-seconds it
 * used and an estimate of its cost.
 *
 * <p>DPU-seconds are Glue's figure when it gives one (auto-scaling and Flex runs), else execution time times the
 * run's DPUs (max capacity, or workers times each worker's DPUs). The cost estimate is DPU-seconds times
 * {@link #pricePerDpuHour()} with Glue's one-minute minimum, computed as for sessions
 * ({@link GlueSessionStatus#estimatedCost()}); it ignores regional prices and Flex discounts.
 *
 * <p>Immutable; thread-safe.
 *
 * @since 0.2
 */
public final class GlueJobRun {
    private final String jobName;
    private final String runId;
    private final GlueJobRunState state;
    private final String backendState;
    private final @Nullable String errorMessage;
    private final Duration executionTime;
    private final double dpuSeconds;
    private final double pricePerDpuHour;
    private final double estimatedCost;

    GlueJobRun(
            String jobName,
            String runId,
            String backendState,
            @Nullable String errorMessage,
            Duration executionTime,
            double dpuSeconds,
            double pricePerDpuHour,
            double estimatedCost) {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.backendState = Objects.requireNonNull(backendState, "backendState");
        this.state = GlueJobRunState.of(backendState);
        this.errorMessage = errorMessage == null || errorMessage.isBlank() ? null : errorMessage;
        this.executionTime = Objects.requireNonNull(executionTime, "executionTime");
        this.dpuSeconds = dpuSeconds;
        this.pricePerDpuHour = pricePerDpuHour;
        this.estimatedCost = estimatedCost;
    }

    /** The job's name. */
    public String jobName() {
        return jobName;
    }

    /** The run's id ({@code jr_...}). */
    public String runId() {
        return runId;
    }

    /** The final state. */
    public GlueJobRunState state() {
        return state;
    }

    /** Glue's state text, for states Glivy does not know. */
    public String backendState() {
        return backendState;
    }

    /** Whether the run succeeded. */
    public boolean succeeded() {
        return state == GlueJobRunState.SUCCEEDED;
    }

    /** Glue's error message for a run that did not succeed. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /** How long the run ran (Glue's {@code ExecutionTime}; zero when Glue reports none). */
    public Duration executionTime() {
        return executionTime;
    }

    /** DPU-seconds used (see the class comment). */
    public double dpuSeconds() {
        return dpuSeconds;
    }

    /** The price used for {@link #estimatedCost()}, USD per DPU-hour. */
    public double pricePerDpuHour() {
        return pricePerDpuHour;
    }

    /** Estimated cost in USD. */
    public double estimatedCost() {
        return estimatedCost;
    }

    @Override
    public String toString() {
        return "GlueJobRun{" + jobName + " " + runId + " " + backendState
                + (errorMessage == null ? "" : " (" + errorMessage + ")") + ", " + executionTime.getSeconds() + " s, "
                + String.format(Locale.ROOT, "%.1f DPU-s, ~%.4f USD", dpuSeconds, estimatedCost) + "}";
    }
}
