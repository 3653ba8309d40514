package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionInfo;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration magic of the Glue kernel (and of the seed notebook's tables) as it reaches the wire: each test
 * sets magics through the Java API, starts a session against the loopback Glue stub through the real AWS SDK, and
 * checks the CreateSession request the stub received.
 */
@DisplayName("Glue magics map to CreateSession exactly as the Glue kernel maps them")
class GlueMagicsIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveRole";

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension();

    private GlueTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private SessionBuilder session() {
        transport = GlueStubContractIT.transportFor(glue.stub());
        return builder(transport);
    }

    static SessionBuilder builder(GlueTransport t) {
        return InteractiveSession.builder()
                .transport(t)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .retryPolicy(r -> r.initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200)));
    }

    private JsonNode created() {
        List<JsonNode> all = glue.stub().createRequests();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    @DisplayName("the seed's cost-saving cell: %glue_version 3.0, %number_of_workers 2, %worker_type G.2X, "
            + "%idle_timeout 1")
    void seedCell() {
        try (InteractiveSession s = session()
                .magics("%glue_version 3.0\n%number_of_workers 2\n%worker_type G.2X\n" + "%idle_timeout 1")
                .config(c -> c.iamRole(ROLE))
                .start()) {
            JsonNode r = created();
            assertThat(r.get("GlueVersion").asText()).isEqualTo("3.0");
            assertThat(r.get("NumberOfWorkers").asInt()).isEqualTo(2);
            assertThat(r.get("WorkerType").asText()).isEqualTo("G.2X");
            assertThat(r.get("IdleTimeout").asInt()).isEqualTo(1);
            assertThat(r.has("MaxCapacity")).isFalse();
            assertThat(r.get("Role").asText()).isEqualTo(ROLE);
            assertThat(r.get("Id").asText()).isEqualTo(s.id().orElseThrow()).startsWith("glivy-");
            assertThat(r.get("Command").get("Name").asText()).isEqualTo("glueetl");
            assertThat(r.get("Command").get("PythonVersion").asText()).isEqualTo("3");
            assertThat(r.get("DefaultArguments")
                            .get("--enable-glue-datacatalog")
                            .asText())
                    .isEqualTo("true");
            assertThat(r.get("RequestOrigin").asText()).isEqualTo("glivy");
            assertThat(r.get("Timeout").asInt()).isEqualTo(240);
        }
    }

    @Test
    @DisplayName(
            "Glivy's defaults: idle timeout 15 minutes (not Glue's 48 hours), Glue 4.0, created-by and owner " + "tags")
    void defaults() {
        try (InteractiveSession s = session().config(c -> c.iamRole(ROLE)).start()) {
            JsonNode r = created();
            assertThat(r.get("Id").asText()).isEqualTo(s.id().orElseThrow());
            assertThat(r.get("IdleTimeout").asInt()).isEqualTo(15);
            assertThat(r.get("GlueVersion").asText()).isEqualTo("4.0");
            assertThat(r.has("NumberOfWorkers")).isFalse();
            assertThat(r.get("Tags").get("created-by").asText()).isEqualTo("glivy");
            assertThat(r.get("Tags").get("owner").asText()).isEqualTo(GlueStub.CALLER_USER_ID);
            assertThat(r.get("Description").asText()).contains("Glivy");
        }
    }

    @Test
    @DisplayName("%security_config, %connections, %additional_python_modules, %extra_py_files, %extra_jars, "
            + "%spark_conf, %timeout, %streaming, %%tags, request origin")
    void everyOtherMagic() {
        try (InteractiveSession s = session()
                .magics(String.join(
                        "\n",
                        "%security_config glivy-sec",
                        "%connections conn-a, conn-b",
                        "%additional_python_modules pandas==2.1.0,s3://bucket/mod.whl",
                        "%extra_py_files s3://bucket/a.py,s3://bucket/b.py",
                        "%extra_jars s3://bucket/x.jar",
                        "%spark_conf spark.sql.shuffle.partitions=4 --conf spark.ui.enabled=false",
                        "%timeout 90",
                        "%streaming",
                        "%%tags",
                        "{\"team\": \"data\"}"))
                .config(c -> c.requestOrigin("my-app").iamRole(ROLE))
                .start()) {
            JsonNode r = created();
            assertThat(s.info().attributes())
                    .containsEntry("securityConfiguration", "glivy-sec")
                    .containsEntry("sessionType", "gluestreaming")
                    .containsEntry("connections", "conn-a,conn-b");
            assertThat(r.get("SecurityConfiguration").asText()).isEqualTo("glivy-sec");
            assertThat(r.get("Connections").get("Connections").toString()).isEqualTo("[\"conn-a\",\"conn-b\"]");
            JsonNode args = r.get("DefaultArguments");
            assertThat(args.get("--additional-python-modules").asText()).isEqualTo("pandas==2.1.0,s3://bucket/mod.whl");
            assertThat(args.get("--extra-py-files").asText()).isEqualTo("s3://bucket/a.py,s3://bucket/b.py");
            assertThat(args.get("--extra-jars").asText()).isEqualTo("s3://bucket/x.jar");
            assertThat(args.get("--conf").asText())
                    .isEqualTo("spark.sql.shuffle.partitions=4 --conf spark.ui.enabled=false");
            assertThat(r.get("Timeout").asInt()).isEqualTo(90);
            assertThat(r.get("Command").get("Name").asText()).isEqualTo("gluestreaming");
            assertThat(r.get("RequestOrigin").asText()).isEqualTo("my-app");
            assertThat(r.get("Tags").get("team").asText()).isEqualTo("data");
            assertThat(r.get("Tags").get("created-by").asText()).isEqualTo("glivy");
        }
    }

    @Test
    @DisplayName("%%configure keys become --key default arguments; %max_capacity replaces workers")
    void configureAndMaxCapacity() {
        try (InteractiveSession s = session()
                .magics("%%configure\n{\"enable-metrics\": \"true\", "
                        + "\"--job-bookmark-option\": \"job-bookmark-disable\", \"enable-auto-scaling\": true, "
                        + "\"max-records\": 5, \"max_capacity\": 2.0, \"request_origin\": \"cfg-app\"}")
                .config(c -> c.iamRole(ROLE))
                .start()) {
            JsonNode r = created();
            assertThat(s.info().attributes())
                    .containsEntry("maxCapacity", "2.0")
                    .containsEntry("dpus", "2.0");
            JsonNode args = r.get("DefaultArguments");
            assertThat(args.get("--enable-metrics").asText()).isEqualTo("true");
            assertThat(args.get("--job-bookmark-option").asText()).isEqualTo("job-bookmark-disable");
            assertThat(args.get("--enable-auto-scaling").asText()).isEqualTo("true");
            assertThat(args.get("--max-records").asText()).isEqualTo("5");
            assertThat(r.get("MaxCapacity").asDouble()).isEqualTo(2.0);
            assertThat(r.has("NumberOfWorkers")).isFalse();
            assertThat(r.has("WorkerType")).isFalse();
            assertThat(r.get("RequestOrigin").asText()).isEqualTo("cfg-app");
        }
    }

    @Test
    @DisplayName("%session_id_prefix and %session_id give the Id; %etl is the default command")
    void sessionIds() {
        try (InteractiveSession s = session()
                .magics("%etl\n%session_id_prefix nightly")
                .config(c -> c.iamRole(ROLE))
                .start()) {
            assertThat(s.id().orElseThrow()).matches("nightly-[0-9a-f-]{36}");
            assertThat(created().get("Command").get("Name").asText()).isEqualTo("glueetl");
        }
        try (InteractiveSession s = builder(transport)
                .magics("%session_id_prefix nightly\n%session_id run-7")
                .config(c -> c.iamRole(ROLE))
                .start()) {
            assertThat(s.id()).contains("nightly-run-7");
        }
    }

    @Test
    @DisplayName("a fixed %session_id whose old session is stopped is reused: the old one is deleted first")
    void fixedIdReused() {
        glue.stub().stopDelay(Duration.ZERO);
        InteractiveSession first =
                session().config(c -> c.sessionId("fixed-id").iamRole(ROLE)).start();
        first.close();
        try (InteractiveSession again = builder(transport)
                .config(c -> c.sessionId("fixed-id").iamRole(ROLE))
                .start()) {
            assertThat(again.id()).contains("fixed-id");
            assertThat(glue.stub().calls("DeleteSession")).isEqualTo(1);
            assertThat(glue.stub().calls("CreateSession")).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a fixed %session_id of a live session is refused with a hint to attach")
    void fixedIdLive() {
        try (InteractiveSession first =
                session().config(c -> c.sessionId("busy-id").iamRole(ROLE)).start()) {
            assertThatThrownBy(() -> builder(transport)
                            .config(c -> c.sessionId("busy-id").iamRole(ROLE))
                            .start())
                    .hasMessageContaining("already exists")
                    .hasMessageContaining("attach");
            assertThat(first.execute("print(\"still mine\")").text()).contains("still mine");
        }
    }

    @Test
    @DisplayName("a Scala session (%%configure session_language) adds --session-language scala and runs Scala; "
            + "Python is refused")
    void scalaSession() {
        try (InteractiveSession s = session()
                .magics("%%configure\n{\"session_language\": \"scala\"}")
                .config(c -> c.iamRole(ROLE))
                .start()) {
            assertThat(created()
                            .get("DefaultArguments")
                            .get("--session-language")
                            .asText())
                    .isEqualTo("scala");
            assertThat(s.execute("println(\"from scala\")").text()).isEqualTo("from scala\n");
            assertThat(s.execute("select 7 as seven", Language.SQL).text())
                    .contains("seven")
                    .contains("7");
            assertThat(glue.stub().statementCodes(s.id().orElseThrow()).get(1))
                    .startsWith("spark.sql(new String(java.util.Base64.getDecoder.decode(");
            assertThat(s.sql("select 8 as eight").row(0).getInt("eight")).isEqualTo(8);
            assertThat(glue.stub().statementCodes(s.id().orElseThrow()).get(2)).startsWith("// glivy-sql-v1");
            assertThatThrownBy(() -> s.execute("print(1)", Language.PYTHON))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("runs scala");
        }
    }

    @Test
    @DisplayName("%region selects the region the requests are signed for; %endpoint points the client")
    void regionAndEndpoint() {
        transport = GlueTransport.builder()
                .clientConfig(c -> c.stsEndpointOverride(glue.stub().uri())
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDREGION", "x")))
                        .httpClient(glue.stub().httpClient()))
                .build();
        try (InteractiveSession s = builder(transport)
                .config(c -> c.region("eu-west-1")
                        .endpoint(glue.stub().uri().toString())
                        .iamRole(ROLE))
                .start()) {
            assertThat(s.execute("print(\"eu\")").text()).contains("eu");
            assertThat(glue.stub().credentialScopes())
                    .anyMatch(c -> c.equals("AKIDREGION/" + c.split("/")[1] + "/eu-west-1/glue/aws4_request"));
            assertThat(s.info().attributes()).containsEntry("region", "eu-west-1");
        }
    }

    @Test
    @DisplayName("%profile picks the credentials of that profile")
    void profile(@TempDir Path dir) throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(
                credentials,
                "[glivy-test]\naws_access_key_id = AKIDPROFILE\n" + "aws_secret_access_key = profile-secret\n");
        String old = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            transport = GlueTransport.builder()
                    .region("us-east-1")
                    .clientConfig(c -> c.endpointOverride(glue.stub().uri())
                            .stsEndpointOverride(glue.stub().uri())
                            .httpClient(glue.stub().httpClient()))
                    .build();
            try (InteractiveSession s = builder(transport)
                    .config(c -> c.profile("glivy-test").iamRole(ROLE))
                    .start()) {
                assertThat(s.state().isReady()).isTrue();
                assertThat(glue.stub().credentialScopes()).isNotEmpty().allMatch(c -> c.startsWith("AKIDPROFILE/"));
            }
        } finally {
            if (old == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", old);
            }
        }
    }

    @Test
    @DisplayName("a bare role name in %iam_role is expanded with the caller's account")
    void roleName() {
        try (InteractiveSession s = session().config(c -> c.iamRole("GlueRole")).start()) {
            assertThat(created().get("Role").asText()).isEqualTo("arn:aws:iam::123456789012:role/GlueRole");
            assertThat(s.info().attributes()).containsEntry("role", "arn:aws:iam::123456789012:role/GlueRole");
        }
    }

    @Test
    @DisplayName("without %iam_role an IAM-user caller gets the three ways to set the role; nothing is created")
    void noRole() {
        glue.stub().caller("arn:aws:iam::123456789012:user/alice", "AIDAALICE");
        assertThatThrownBy(() -> session().start())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("%iam_role")
                .hasMessageContaining("glue_role_arn")
                .hasMessageContaining("~/.aws/config")
                .hasMessageContaining("environment variable")
                .hasMessageContaining("user/alice");
        assertThat(glue.stub().calls("CreateSession")).isZero();
    }

    @Test
    @DisplayName("Glue's limits are checked before any call: 51 tags are refused with the count")
    void limitsCheckedFirst() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 49; i++) {
            tags.put("k" + i, "v");
        }
        assertThatThrownBy(
                        () -> session().config(c -> c.tags(tags).iamRole(ROLE)).start())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at most 50 tags")
                .hasMessageContaining("51");
        assertThat(glue.stub().calls("CreateSession")).isZero();
    }

    @Test
    @DisplayName("settings the builder fixes are reported as ignored")
    void ignoredSettings() {
        transport = GlueStubContractIT.transportFor(glue.stub());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (InteractiveSession s = builder(transport)
                .config(c -> c.region("eu-west-1").iamRole(ROLE))
                .listener(new dev.glivy.SessionListener() {
                    @Override
                    public void onWarning(String sessionId, String message) {
                        warnings.add(message);
                    }
                })
                .start()) {
            SessionInfo info = s.info();
            assertThat(info.attributes()).containsEntry("region", "us-east-1");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (warnings.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(warnings).anyMatch(w -> w.contains("%region eu-west-1 is ignored"));
        assertThatThrownBy(() -> builder(transport)
                        .config(c -> c.region("eu-west-1").iamRole(ROLE))
                        .strict(true)
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("%region eu-west-1");
    }
}
