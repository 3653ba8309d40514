package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.WorkerType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    @Test
    void sparkConfStringIsParsedLikeTheGlueKernel() {
        assertThat(SparkConfString.parse("spark.sql.x=1 --conf spark.y=a=b  --conf  junk k=v"))
                .containsExactly(Map.entry("spark.sql.x", "1"), Map.entry("spark.y", "a=b"), Map.entry("k", "v"));
        assertThat(SparkConfString.parse("  ")).isEmpty();
    }

    @Test
    void onlyRuntimeSqlAndNonSparkKeysArePerSession() {
        assertThat(SparkConfString.perSession("spark.sql.shuffle.partitions")).isTrue();
        assertThat(SparkConfString.perSession("spark.sql.session.timeZone")).isTrue();
        assertThat(SparkConfString.perSession("myapp.flag")).isTrue();
        assertThat(SparkConfString.perSession("spark.sql.warehouse.dir")).isFalse();
        assertThat(SparkConfString.perSession("spark.executor.memory")).isFalse();
    }

    @Test
    void languageAndSessionIdsAreHonouredSilently() {
        SessionConfig c = SessionConfig.builder()
                .language(Language.SQL)
                .sessionId("abc")
                .sessionIdPrefix("p")
                .build();
        assertThat(LocalSettings.unsupported(c)).isEmpty();
    }

    @Test
    void clusterAndAwsSettingsAreReportedOneSentenceEach() {
        SessionConfig c = SessionConfig.builder()
                .numberOfWorkers(5)
                .workerType(WorkerType.of("G.1X"))
                .idleTimeout(Duration.ofMinutes(30))
                .region("eu-west-1")
                .extraJars(List.of("s3://b/x.jar"))
                .additionalPythonModules(List.of("pandas"))
                .build();
        List<String> out = LocalSettings.unsupported(c);
        assertThat(out).hasSize(6);
        assertThat(out).anyMatch(s -> s.startsWith("%number_of_workers") && s.contains("local[N]"));
        assertThat(out).anyMatch(s -> s.startsWith("%idle_timeout") && s.contains("closed"));
        assertThat(out).anyMatch(s -> s.startsWith("%region") && s.contains("ignored"));
        assertThat(out).anyMatch(s -> s.startsWith("%extra_jars") && s.contains("class path"));
        assertThat(out).anyMatch(s -> s.startsWith("%additional_python_modules") && s.contains("Python"));
    }

    @Test
    void sparkConfSplitsIntoPerSessionKeysAndIgnoredOnes() {
        SessionConfig c = SessionConfig.builder()
                .sparkConf("spark.sql.shuffle.partitions=3 --conf " + "spark.executor.memory=4g --conf app.x=1")
                .build();
        assertThat(LocalSettings.sessionConf(c))
                .containsExactly(Map.entry("spark.sql.shuffle.partitions", "3"), Map.entry("app.x", "1"));
        assertThat(LocalSettings.unsupported(c))
                .singleElement()
                .asString()
                .contains("spark.executor.memory")
                .contains("LocalTransport.builder().sparkConf");
        SessionConfig ok =
                SessionConfig.builder().sparkConf("spark.sql.ansi.enabled=true").build();
        assertThat(LocalSettings.unsupported(ok)).isEmpty();
    }
}
