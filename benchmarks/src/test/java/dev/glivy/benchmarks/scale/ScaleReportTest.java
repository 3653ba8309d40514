package dev.glivy.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The results file keeps one section per backend: writing one leaves the others as they were. */
class ScaleReportTest {
    private static final String LIVY = "## Livy\n\nlivy table\n";
    private static final String GLUE = "## Glue\n\nglue table\n";

    @Test
    void appendsASectionTheFileDoesNotHave() {
        assertThat(ScaleReport.merge(ScaleReport.TITLE + "\n" + LIVY, "Glue", GLUE))
                .isEqualTo(ScaleReport.TITLE + "\n" + LIVY + "\n" + GLUE);
    }

    @Test
    void replacesOnlyItsOwnSection() {
        String file = ScaleReport.TITLE + "\n" + LIVY + "\n" + GLUE;
        assertThat(ScaleReport.merge(file, "Livy", "## Livy\n\nnew livy\n"))
                .isEqualTo(ScaleReport.TITLE + "\n## Livy\n\nnew livy\n\n" + GLUE);
        assertThat(ScaleReport.merge(file, "Glue", "## Glue\n\nnew glue\n"))
                .isEqualTo(ScaleReport.TITLE + "\n" + LIVY + "\n## Glue\n\nnew glue\n");
    }

    @Test
    void aFileWithoutTheTitleGetsIt() {
        assertThat(ScaleReport.merge("", "Glue", GLUE)).isEqualTo(ScaleReport.TITLE + "\n" + GLUE);
    }

    @Test
    void optionsHaveDefaultsAndRefuseUnknownArguments() {
        ScaleReport.Options o = ScaleReport.Options.parse("X", new String[0]);
        assertThat(o.counts()).containsExactly(1, 10, 100, 1000);
        assertThat(o.statements()).isEqualTo(10);
        assertThat(o.delayMillis()).isEqualTo(200);
        assertThat(o.idle()).isEqualTo(Duration.ZERO);
        assertThat(o.out()).isNull();
        ScaleReport.Options given = ScaleReport.Options.parse("X", new String[] {
            "--sessions", "2, 3", "--idle-seconds", "35", "--delay-ms", "50", "--warm-up-sessions", "100"
        });
        assertThat(given.warmUpSessions()).isEqualTo(100);
        assertThat(given.warmUpStatements()).isEqualTo(3);
        assertThat(given.counts()).isEqualTo(List.of(2, 3));
        assertThat(given.idle()).isEqualTo(Duration.ofSeconds(35));
        assertThat(given.delayMillis()).isEqualTo(50);
        assertThatThrownBy(() -> ScaleReport.Options.parse("X", new String[] {"--session", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'--session'")
                .hasMessageContaining("usage: X");
    }
}
