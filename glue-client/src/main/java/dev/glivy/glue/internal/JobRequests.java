package dev.glivy.glue.internal;

import dev.glivy.glue.GlueJobDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobUpdate;

/**
 * A {@link GlueJobDefinition} as Glue requests ({@code CreateJob}, {@code UpdateJob}), and its comparison with a job
 * Glue returns ({@code GetJob}), field by field, so that deploying the same definition twice sends nothing the second
 * time. Capacity fields Glue fills in itself (for example {@code MaxCapacity} of a job with workers) are compared only
 * when the definition sets them; lists, maps and optional strings are compared whole.
 */
public final class JobRequests {
    private JobRequests() {}

    static JobCommand command(GlueJobDefinition d) {
        return JobCommand.builder()
                .name(d.commandName())
                .scriptLocation(d.scriptLocation())
                .pythonVersion(d.pythonVersion())
                .build();
    }

    /** The CreateJob request. */
    public static CreateJobRequest create(GlueJobDefinition d) {
        CreateJobRequest.Builder b = CreateJobRequest.builder()
                .name(d.name())
                .description(d.description())
                .role(d.role())
                .command(command(d))
                .glueVersion(d.glueVersion())
                .defaultArguments(d.defaultArguments())
                .timeout((int) d.timeout().toMinutes())
                .tags(d.tags());
        d.workerType().ifPresent(b::workerType);
        d.numberOfWorkers().ifPresent(b::numberOfWorkers);
        d.maxCapacity().ifPresent(b::maxCapacity);
        d.securityConfiguration().ifPresent(b::securityConfiguration);
        if (!d.connections().isEmpty()) {
            b.connections(c -> c.connections(d.connections()));
        }
        return b.build();
    }

    /** The UpdateJob job update: the whole definition (Glue resets what an update leaves out), tags excepted. */
    public static JobUpdate update(GlueJobDefinition d) {
        JobUpdate.Builder b = JobUpdate.builder()
                .description(d.description())
                .role(d.role())
                .command(command(d))
                .glueVersion(d.glueVersion())
                .defaultArguments(d.defaultArguments())
                .timeout((int) d.timeout().toMinutes());
        d.workerType().ifPresent(b::workerType);
        d.numberOfWorkers().ifPresent(b::numberOfWorkers);
        d.maxCapacity().ifPresent(b::maxCapacity);
        d.securityConfiguration().ifPresent(b::securityConfiguration);
        if (!d.connections().isEmpty()) {
            b.connections(c -> c.connections(d.connections()));
        }
        return b.build();
    }

    /** The Glue field names in which {@code job} differs from {@code d}; empty when it is the same. */
    public static List<String> differences(GlueJobDefinition d, Job job) {
        List<String> out = new ArrayList<>();
        JobCommand c = job.command();
        diff(out, "Description", d.description(), Objects.requireNonNullElse(job.description(), ""));
        diff(out, "Role", d.role(), job.role());
        diff(out, "Command.Name", d.commandName(), c == null ? null : c.name());
        diff(out, "Command.ScriptLocation", d.scriptLocation(), c == null ? null : c.scriptLocation());
        diff(out, "Command.PythonVersion", d.pythonVersion(), c == null ? null : c.pythonVersion());
        diff(out, "GlueVersion", d.glueVersion(), job.glueVersion());
        diff(out, "WorkerType", d.workerType().orElse(null), job.workerTypeAsString());
        diff(
                out,
                "NumberOfWorkers",
                d.numberOfWorkers().isPresent() ? d.numberOfWorkers().getAsInt() : null,
                job.numberOfWorkers());
        if (d.maxCapacity().isPresent()) {
            diff(out, "MaxCapacity", d.maxCapacity().getAsDouble(), job.maxCapacity());
        }
        diff(out, "Timeout", (int) d.timeout().toMinutes(), job.timeout());
        diff(
                out,
                "SecurityConfiguration",
                d.securityConfiguration().orElse(null),
                blankToNull(job.securityConfiguration()));
        List<String> connections =
                job.connections() == null || !job.connections().hasConnections()
                        ? List.of()
                        : job.connections().connections();
        diff(out, "Connections", d.connections(), connections);
        Map<String, String> args = job.hasDefaultArguments() ? job.defaultArguments() : Map.of();
        diff(out, "DefaultArguments", d.defaultArguments(), args);
        return out;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void diff(List<String> out, String field, @Nullable Object want, @Nullable Object have) {
        if (!Objects.equals(want, have)) {
            out.add(field);
        }
    }

    /** The script's key below the location's prefix: the job name plus {@code .py} or {@code .scala}. */
    public static String scriptKey(String prefix, String jobName, boolean scala) {
        return prefix + jobName + (scala ? ".scala" : ".py");
    }
}
