package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;

class JvmEnvironmentTest {

    @Test
    void theTestJvmHasEveryFlagSparkNeeds() {
        assertThat(JvmEnvironment.missingOpens(SparkContext.class.getModule())).isEmpty();
    }

    @Test
    void closedPackagesAreReportedAsTheirFlags() {
        List<String> missing = JvmEnvironment.missingOpens(
                (module, pkg) -> !pkg.equals("sun.nio.ch") && !module.equals("java.security.jgss"));
        assertThat(missing)
                .containsExactly(
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED");
    }

    @Test
    void namedModulesAreNotJudged() {
        assertThat(JvmEnvironment.missingOpens(Object.class.getModule())).isEmpty();
    }

    @Test
    void flagsListHasTheFullSparkSubmitSet() {
        assertThat(JvmEnvironment.SPARK_JVM_FLAGS)
                .hasSize(17)
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false")
                .filteredOn(f -> f.startsWith("--add-opens="))
                .hasSize(15);
    }

    @Test
    void interpreterClasspathPutsExtrasFirstThenTheJavaClassPath() {
        String cp = JvmEnvironment.interpreterClasspath(
                List.of(Path.of("extra.jar")), getClass().getClassLoader());
        String[] entries = cp.split(File.pathSeparator);
        assertThat(entries[0]).isEqualTo(Path.of("extra.jar").toAbsolutePath().toString());
        assertThat(cp).contains("spark-sql").contains("scala-library");
    }
}
