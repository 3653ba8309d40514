package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {

    @Test
    void defaultsAreLoopbackWithoutUiAndUserKeysWin() {
        SparkSettings s = new SparkSettings("local[2]", "app", Map.of("spark.sql.shuffle.partitions", "8"), null);
        Map<String, String> conf = s.effectiveConf(Path.of("/tmp/wh"), "root-1");
        assertThat(conf)
                .containsEntry("spark.ui.enabled", "false")
                .containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1")
                .containsEntry("spark.ui.showConsoleProgress", "false")
                .containsEntry("spark.sql.shuffle.partitions", "8")
                .containsEntry(
                        "spark.sql.warehouse.dir",
                        Path.of("/tmp/wh").toAbsolutePath().toString())
                .containsEntry(SparkSettings.ROOT_MARKER, "root-1");
    }

    @Test
    void equalSettingsHaveNoDifferences() {
        SparkSettings a = new SparkSettings("local[2]", "app", Map.of("a", "1", "b", "2"), null);
        SparkSettings b = new SparkSettings("local[2]", "app", Map.of("b", "2", "a", "1"), null);
        assertThat(a.differences(b)).isEmpty();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void differencesAreListedAndSecretsRedacted() {
        SparkSettings a = new SparkSettings(
                "local[2]", "app", Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t", "x", "1"), null);
        SparkSettings b = new SparkSettings("local[4]", "other", Map.of("x", "2"), Path.of("/wh"));
        String diff = String.join("; ", a.differences(b));
        assertThat(diff)
                .contains("master local[2] vs local[4]")
                .contains("appName app vs other")
                .contains("warehouseDir null vs /wh")
                .contains("sparkConf x: 1 vs 2")
                .contains("spark.hadoop.fs.s3a.secret.key: **** vs null")
                .doesNotContain("s3cr3t");
    }
}
