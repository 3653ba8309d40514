package dev.glivy.examples;

import dev.glivy.glue.GlueJobDeployment;
import dev.glivy.glue.GlueJobPlan;
import dev.glivy.glue.GlueJobRun;
import dev.glivy.glue.GlueJobs;
import dev.glivy.notebook.NotebookFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ships a notebook as an AWS Glue job. By default a <b>dry run</b>: converts the seed's county populations notebook
 * ({@code notebooks/populations.ipynb}, a {@code glue_spark} notebook) and prints the job script and the job
 * definition ({@code aws glue create-job --cli-input-json} shape) without calling AWS, plus the notebook settings
 * that have no job equivalent.
 *
 * <p>Flags: {@code --notebook PATH} (another notebook), {@code --job-name NAME} (default: the file name),
 * {@code --script-location s3://bucket/prefix/} (default {@code s3://my-bucket/glivy/jobs/}), {@code --role ARN}
 * (when the notebook has no {@code %iam_role}), {@code --region REGION}, {@code --deploy true} to upload the script
 * and create or update the job, {@code --run true} to also start a run and wait for it (at most {@code --timeout}
 * minutes, default 60; a run past it is stopped).
 *
 * <p>Prerequisites: none for the dry run; for {@code --deploy}, AWS credentials (the SDK's default chain), a bucket
 * for the scripts, and a Glue job role.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Pdeploy-notebook-job}
 */
public final class DeployNotebookJob {
    static final List<String> FLAGS =
            List.of("notebook", "job-name", "script-location", "role", "region", "deploy", "run", "timeout");
    /** Placeholder role used only by a dry run of a notebook without {@code %iam_role} and no {@code --role}. */
    static final String EXAMPLE_ROLE = "arn:aws:iam::123456789012:role/GlueJobRole";

    private DeployNotebookJob() {}

    /** Runs the example; see the class comment for the flags. */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = parse(args);
        NotebookFile nb = o.containsKey("notebook")
                ? NotebookFile.read(Path.of(o.get("notebook")))
                : RunNotebook.bundled("populations.ipynb");
        boolean deploy = Boolean.parseBoolean(o.getOrDefault("deploy", "false"))
                || Boolean.parseBoolean(o.getOrDefault("run", "false"));
        GlueJobs.Builder b =
                GlueJobs.builder().scriptLocation(o.getOrDefault("script-location", "s3://my-bucket/glivy/jobs/"));
        if (o.containsKey("role")) {
            b.role(o.get("role"));
        } else if (!deploy) {
            b.role(EXAMPLE_ROLE);
        }
        if (o.containsKey("region")) {
            b.region(o.get("region"));
        }
        try (GlueJobs jobs = b.build()) {
            GlueJobPlan plan = o.containsKey("job-name") ? jobs.plan(nb, o.get("job-name")) : jobs.plan(nb);
            print(plan, System.out);
            if (!deploy) {
                System.out.println("Dry run: nothing was sent to AWS. Pass --deploy true to deploy.");
                return;
            }
            GlueJobDeployment d = jobs.deploy(plan);
            System.out.println("Deployed: " + d);
            if (Boolean.parseBoolean(o.getOrDefault("run", "false"))) {
                Duration timeout = Duration.ofMinutes(Long.parseLong(o.getOrDefault("timeout", "60")));
                GlueJobRun run = jobs.run(plan, Map.of(), timeout).join();
                System.out.println("Run: " + run);
            }
        }
    }

    static void print(GlueJobPlan plan, PrintStream out) {
        out.println("=== Job script (" + plan.scriptUri() + ") ===");
        out.print(plan.script());
        out.println("=== Job definition ===");
        out.print(plan.definition().toJson());
        if (!plan.notes().isEmpty()) {
            out.println("=== Not part of the job ===");
            plan.notes().forEach(n -> out.println("- " + n));
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !FLAGS.contains(a.substring(2))) {
                throw new IllegalArgumentException(
                        "unknown argument '" + a + "'; allowed: --" + String.join(" <value>, --", FLAGS) + " <value>");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            v.put(a.substring(2), args[++i]);
        }
        return v;
    }
}
