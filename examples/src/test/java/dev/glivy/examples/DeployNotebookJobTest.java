package dev.glivy.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The DeployNotebookJob example's dry run: prints the seed notebook's script and job definition, calls nothing. */
class DeployNotebookJobTest {
    @Test
    @DisplayName("the default dry run prints the Scala GlueApp, the CreateJob JSON and the unmapped settings")
    void dryRun() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            DeployNotebookJob.main(new String[] {"--job-name", "county-populations"});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(
                        "=== Job script (s3://my-bucket/glivy/jobs/county-populations.scala) ===",
                        "object GlueApp {",
                        "Job.commit()",
                        "\"Name\" : \"county-populations\"",
                        "\"Role\" : \"" + DeployNotebookJob.EXAMPLE_ROLE + "\"",
                        "\"--job-language\" : \"scala\"",
                        "\"WorkerType\" : \"G.1X\"",
                        "- %idle_timeout 30 is not used",
                        "Dry run: nothing was sent to AWS.");
    }

    @Test
    @DisplayName("unknown flags are refused with the list of allowed ones")
    void flags() {
        assertThatThrownBy(() -> DeployNotebookJob.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("allowed: --notebook <value>");
    }
}
