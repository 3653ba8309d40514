package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.config.ConfigSource;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The create-session body and the sentences for settings Livy cannot honour. */
class CreatePlanTest {
    private static final LivyVersion V071 = LivyVersion.parse("0.7.1-incubating");
    private static final LivyVersion V080 = LivyVersion.parse("0.8.0-incubating");
    private static final LivyVersion V090 = LivyVersion.parse("0.9.0-incubating");

    private static ObjectNode body(SessionConfig c, @Nullable LivyVersion v) {
        return CreatePlan.of(c, "glivy-123", 120, v).body(Fixtures.JSON);
    }

    /** A config as core hands it to createSession: Glivy's defaults marked DEFAULT. */
    private static SessionConfig withDefaults(SessionConfig.Builder b) {
        b.idleTimeout(SessionConfig.DEFAULT_IDLE_TIMEOUT).source(Setting.IDLE_TIMEOUT, ConfigSource.DEFAULT);
        b.maxLifetime(SessionConfig.DEFAULT_MAX_LIFETIME).source(Setting.MAX_LIFETIME, ConfigSource.DEFAULT);
        b.glueVersion(SessionConfig.DEFAULT_GLUE_VERSION).source(Setting.GLUE_VERSION, ConfigSource.DEFAULT);
        b.tags(Map.of("created-by", "glivy")).source(Setting.TAGS, ConfigSource.DEFAULT);
        return b.build();
    }

    @Test
    @DisplayName("an empty config sends only name (the client token) and the heartbeat; no session kind")
    void minimal() {
        ObjectNode b = body(SessionConfig.empty(), V071);
        assertThat(b.toString()).isEqualTo("{\"name\":\"glivy-123\",\"heartbeatTimeoutInSecond\":120}");
        assertThat(CreatePlan.of(SessionConfig.empty(), "glivy-123", 0, V071)
                        .body(Fixtures.JSON)
                        .has("heartbeatTimeoutInSecond"))
                .isFalse();
    }

    @Test
    @DisplayName("magics map to Livy fields: workers, jars, py files, spark conf")
    void magics() {
        SessionConfig c = SessionConfig.builder()
                .numberOfWorkers(3)
                .extraJars(List.of("s3://b/a.jar"))
                .extraPyFiles(List.of("s3://b/m.py"))
                .sparkConf("spark.a=1 --conf spark.b = two")
                .build();
        ObjectNode b = body(c, V071);
        assertThat(b.get("numExecutors").asInt()).isEqualTo(3);
        assertThat(b.get("jars").toString()).isEqualTo("[\"s3://b/a.jar\"]");
        assertThat(b.get("pyFiles").toString()).isEqualTo("[\"s3://b/m.py\"]");
        assertThat(b.get("conf").toString()).isEqualTo("{\"spark.a\":\"1\",\"spark.b\":\"two\"}");
        assertThat(CreatePlan.of(c, "t", 120, V071).notes()).isEmpty();
    }

    @Test
    @DisplayName("Glivy's defaults are never reported; on 0.7 they are not sent (Livy 0.7 rejects ttl)")
    void defaultsOn07() {
        SessionConfig c = withDefaults(SessionConfig.builder());
        CreatePlan p = CreatePlan.of(c, "t", 120, V071);
        assertThat(p.notes()).isEmpty();
        assertThat(p.body(Fixtures.JSON).has("ttl")).isFalse();
        assertThat(p.body(Fixtures.JSON).has("idleTimeout")).isFalse();
    }

    @Test
    @DisplayName("on 0.8 the idle timeout is ttl; on 0.9 idleTimeout, and %timeout is ttl")
    void versionedTimeouts() {
        SessionConfig c = withDefaults(SessionConfig.builder());
        ObjectNode b08 = body(c, V080);
        assertThat(b08.get("ttl").asText()).isEqualTo("15m");
        assertThat(b08.has("idleTimeout")).isFalse();
        ObjectNode b09 = body(c, V090);
        assertThat(b09.get("idleTimeout").asText()).isEqualTo("15m");
        assertThat(b09.get("ttl").asText()).isEqualTo("240m");
        assertThat(CreatePlan.livyDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    @Test
    @DisplayName("explicit timeouts the server version cannot take are reported, only once the version is known")
    void explicitTimeoutsOnOldServers() {
        SessionConfig c = SessionConfig.builder()
                .idleTimeout(Duration.ofMinutes(30))
                .maxLifetime(Duration.ofHours(2))
                .build();
        assertThat(CreatePlan.of(c, "t", 120, null).notes()).isEmpty();
        assertThat(CreatePlan.of(c, "t", 120, V071).notes())
                .hasSize(2)
                .anyMatch(n -> n.startsWith("%idle_timeout needs Livy 0.8 or later") && n.contains("0.7.1"))
                .anyMatch(n -> n.startsWith("%timeout (maximum lifetime) needs Livy 0.9"));
        assertThat(CreatePlan.of(c, "t", 120, V080).notes())
                .singleElement()
                .asString()
                .startsWith("%timeout");
        assertThat(CreatePlan.of(c, "t", 120, V090).notes()).isEmpty();
        assertThat(CreatePlan.of(c, "t", 120, LivyVersion.UNKNOWN).notes()).hasSize(2);
    }

    @Test
    @DisplayName("every AWS-only magic set explicitly gets one sentence naming it and what to use instead")
    void glueOnlySettings() {
        SessionConfig c = SessionConfig.builder()
                .iamRole("arn:aws:iam::123456789012:role/R")
                .region("us-east-1")
                .workerType(WorkerType.of("G.1X"))
                .securityConfig("sec")
                .connections(List.of("c"))
                .tags(Map.of("team", "x"))
                .additionalPythonModules(List.of("pandas"))
                .glueVersion("4.0")
                .maxCapacity(2.0)
                .build();
        List<String> notes = CreatePlan.of(c, "t", 120, V071).notes();
        assertThat(notes).hasSize(9).allMatch(n -> n.contains("has no meaning on Livy and is ignored"));
        assertThat(notes)
                .anyMatch(n -> n.startsWith("%worker_type") && n.contains("executorMemory"))
                .anyMatch(n -> n.startsWith("%security_config"))
                .anyMatch(n -> n.startsWith("%iam_role") && n.contains("proxyUser"))
                .anyMatch(n -> n.startsWith("%additional_python_modules"));
        ObjectNode b = body(c, V071);
        assertThat(b.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("%%configure: the sparkmagic Livy body with Livy's types; scalars win, lists append, conf merges")
    void configureBody() {
        Map<String, @Nullable Object> o = new LinkedHashMap<>();
        o.put("driverMemory", "2g");
        o.put("executorMemory", "4g");
        o.put("executorCores", 2L);
        o.put("driverCores", "1");
        o.put("numExecutors", new BigDecimal("5"));
        o.put("queue", "etl");
        o.put("proxyUser", "bob");
        o.put("kind", "pyspark");
        o.put("jars", List.of("s3://b/extra.jar"));
        o.put("files", "s3://b/f1.txt, s3://b/f2.txt");
        o.put("archives", List.of("s3://b/env.zip#env"));
        o.put("conf", Map.of("spark.b", "override", "spark.c", 3L, "spark.d", true));
        o.put("name", "nightly");
        SessionConfig c = SessionConfig.builder()
                .numberOfWorkers(2)
                .extraJars(List.of("s3://b/a.jar"))
                .sparkConf("spark.a=1 --conf spark.b=2")
                .options(o)
                .build();
        CreatePlan p = CreatePlan.of(c, "glivy-123", 120, V071);
        ObjectNode b = p.body(Fixtures.JSON);
        assertThat(p.notes()).isEmpty();
        assertThat(p.name()).isEqualTo("nightly");
        assertThat(b.get("numExecutors").asInt()).isEqualTo(5);
        assertThat(b.get("executorCores").isInt()).isTrue();
        assertThat(b.get("driverCores").asInt()).isEqualTo(1);
        assertThat(b.get("jars").toString()).isEqualTo("[\"s3://b/a.jar\",\"s3://b/extra.jar\"]");
        assertThat(b.get("files").toString()).isEqualTo("[\"s3://b/f1.txt\",\"s3://b/f2.txt\"]");
        assertThat(b.get("conf").get("spark.a").asText()).isEqualTo("1");
        assertThat(b.get("conf").get("spark.b").asText()).isEqualTo("override");
        assertThat(b.get("conf").get("spark.c").asText()).isEqualTo("3");
        assertThat(b.get("conf").get("spark.d").asText()).isEqualTo("true");
        assertThat(b.get("kind").asText()).isEqualTo("pyspark");
        assertThat(b.get("proxyUser").asText()).isEqualTo("bob");
    }

    @Test
    @DisplayName("%%configure values Livy cannot take are not sent and each gets a sentence")
    void badConfigureValues() {
        Map<String, @Nullable Object> o = new LinkedHashMap<>();
        o.put("numExecutors", "two");
        o.put("executorCores", 1.5);
        o.put("driverMemory", true);
        o.put("kind", "scala");
        o.put("conf", Map.of("spark.x", List.of(1)));
        o.put("jars", List.of(3L));
        o.put("queue", null);
        o.put("livy.server.session.timeout", "2h");
        CreatePlan p = CreatePlan.of(SessionConfig.builder().options(o).build(), "t", 120, V071);
        assertThat(p.notes()).hasSize(8).allMatch(n -> n.startsWith("%%configure \""));
        assertThat(p.notes())
                .anyMatch(n -> n.contains("\"numExecutors\" must be a whole number >= 0 but was 'two'"))
                .anyMatch(n -> n.contains("\"kind\" must be one of spark, pyspark, sparkr, sql, shared"))
                .anyMatch(n -> n.contains("\"livy.server.session.timeout\" is not a Livy create-session field"));
        ObjectNode b = p.body(Fixtures.JSON);
        assertThat(b.has("numExecutors")).isFalse();
        assertThat(b.has("kind")).isFalse();
        assertThat(b.get("livy.server.session.timeout").asText()).isEqualTo("2h");
    }

    @Test
    @DisplayName("%%configure ttl/idleTimeout are dropped with a sentence when the known version lacks them")
    void configureTimeoutsByVersion() {
        SessionConfig c = SessionConfig.builder()
                .options(Map.of("ttl", "1h", "idleTimeout", "10m"))
                .build();
        assertThat(CreatePlan.of(c, "t", 120, V071).notes()).hasSize(2);
        assertThat(CreatePlan.of(c, "t", 120, V071).body(Fixtures.JSON).has("ttl"))
                .isFalse();
        assertThat(CreatePlan.of(c, "t", 120, V080)
                        .body(Fixtures.JSON)
                        .get("ttl")
                        .asText())
                .isEqualTo("1h");
        assertThat(CreatePlan.of(c, "t", 120, V090)
                        .body(Fixtures.JSON)
                        .get("idleTimeout")
                        .asText())
                .isEqualTo("10m");
        assertThat(CreatePlan.of(c, "t", 120, null).notes()).isEmpty();
    }

    @Test
    @DisplayName("%%configure heartbeatTimeoutInSecond overrides the transport's heartbeat")
    void heartbeatOverride() {
        SessionConfig c = SessionConfig.builder()
                .options(Map.of("heartbeatTimeoutInSecond", 30L))
                .build();
        assertThat(CreatePlan.of(c, "t", 120, V071).heartbeatSeconds()).isEqualTo(30);
        assertThat(CreatePlan.of(SessionConfig.empty(), "t", 120, V071).heartbeatSeconds())
                .isEqualTo(120);
    }

    @Test
    @DisplayName("a %spark_conf part without key=value is reported and skipped")
    void badSparkConf() {
        SessionConfig c =
                SessionConfig.builder().sparkConf("spark.a=1 --conf oops").build();
        CreatePlan p = CreatePlan.of(c, "t", 120, V071);
        assertThat(p.notes()).singleElement().asString().contains("'oops' is not key=value");
        assertThat(p.body(Fixtures.JSON).get("conf").toString()).isEqualTo("{\"spark.a\":\"1\"}");
    }
}
