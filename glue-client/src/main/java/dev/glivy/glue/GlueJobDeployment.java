package dev.glivy.glue;

import java.util.List;
import java.util.Objects;

/**
 * What {@link GlueJobs#deploy(GlueJobPlan)} did: whether the job was created, updated or left as it was, which of
 * its fields differed, and whether the script was uploaded.
 *
 * <p>Immutable; thread-safe.
 *
 * @since 0.2
 */
public final class GlueJobDeployment {
    /** What happened to the job definition. */
    public enum Action {
        /** The job did not exist and was created. */
        CREATED,
        /** The job existed with another definition and was updated. */
        UPDATED,
        /** The job existed with this definition; nothing was sent. */
        UNCHANGED
    }

    private final GlueJobPlan plan;
    private final Action action;
    private final List<String> changedFields;
    private final boolean scriptUploaded;

    GlueJobDeployment(GlueJobPlan plan, Action action, List<String> changedFields, boolean scriptUploaded) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.action = Objects.requireNonNull(action, "action");
        this.changedFields = List.copyOf(changedFields);
        this.scriptUploaded = scriptUploaded;
    }

    /** The plan that was deployed. */
    public GlueJobPlan plan() {
        return plan;
    }

    /** What happened to the job definition. */
    public Action action() {
        return action;
    }

    /** The Glue fields that differed before an update, for example {@code [Timeout, DefaultArguments]}. */
    public List<String> changedFields() {
        return changedFields;
    }

    /** Whether the script was uploaded ({@code false} when S3 already held the same bytes). */
    public boolean scriptUploaded() {
        return scriptUploaded;
    }

    /** Whether nothing changed in AWS. */
    public boolean unchanged() {
        return action == Action.UNCHANGED && !scriptUploaded;
    }

    @Override
    public String toString() {
        return "GlueJobDeployment{" + plan.jobName() + " " + action
                + (changedFields.isEmpty() ? "" : " " + changedFields) + ", script "
                + (scriptUploaded ? "uploaded" : "unchanged") + "}";
    }
}
