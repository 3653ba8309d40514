package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.SessionLostException;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.internal.ClientSettings;
import dev.glivy.glue.internal.Options;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.glue.GlueClient;

@DisplayName("GlueTransportBuilder and GlueClientConfig: defaults, validation, precedence, no secrets")
class GlueTransportBuilderTest {
    private static final StaticCredentialsProvider SECRET =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSECRETTEST", "very-secret-key"));

    @Test
    @DisplayName("defaults are the documented constants; build() makes no AWS call")
    void defaults() {
        try (GlueTransport t = GlueTransport.builder().region("eu-west-1").build()) {
            assertThat(t.backend()).isEqualTo("glue");
            assertThat(t.endpoint()).isEqualTo("https://glue.eu-west-1.amazonaws.com");
            assertThat(t.languages()).containsExactlyInAnyOrder(Language.PYTHON, Language.SCALA, Language.SQL);
            assertThat(t.defaultLanguage()).isEqualTo(Language.PYTHON);
            assertThat(t.costRate(SessionConfig.builder().build()).orElseThrow().usdPerHour())
                    .isEqualTo(5 * 0.44);
            assertThat(t.keepAliveInterval()).isEmpty();
        }
        assertThat(GlueClientConfig.DEFAULT_REQUEST_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        GlueClientConfig d = GlueClientConfig.defaults();
        assertThat(d.requestTimeout()).isEqualTo(GlueClientConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(d.connectTimeout()).isEqualTo(GlueClientConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(d.retryPolicy()).isEqualTo(dev.glivy.config.RetryPolicy.defaults());
        assertThat(d.region()).isEmpty();
        assertThat(d.toBuilder().build().toString()).isEqualTo(d.toString());
    }

    @Test
    @DisplayName("costRate: max capacity, else workers times worker DPUs, else 5 DPUs, at the configured price")
    void costRate() {
        try (GlueTransport t =
                GlueTransport.builder().region("eu-west-1").pricePerDpuHour(0.5).build()) {
            assertThat(t.costRate(SessionConfig.builder().build())).hasValueSatisfying(r -> {
                assertThat(r.capacity()).isEqualTo(5.0);
                assertThat(r.unit()).isEqualTo("DPU");
                assertThat(r.usdPerHour()).isEqualTo(2.5);
            });
            SessionConfig workers = SessionConfig.builder()
                    .numberOfWorkers(4)
                    .workerType(dev.glivy.config.WorkerType.of("G.2X"))
                    .build();
            assertThat(t.costRate(workers).orElseThrow().capacity()).isEqualTo(8.0);
            assertThat(t.costRate(SessionConfig.builder().maxCapacity(2).build())
                            .orElseThrow()
                            .unitHours(1800))
                    .isEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("owner(...) and ReapOptions.owner(...) refuse blank or over-long values, naming the property")
    void owner() {
        assertThatThrownBy(() -> GlueTransport.builder().owner(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("owner must be 1 to 256 non-blank characters but was blank");
        assertThatThrownBy(() -> GlueTransport.builder().owner("x".repeat(257)))
                .hasMessage("owner must be 1 to 256 non-blank characters but was 257 characters");
        assertThatThrownBy(() -> ReapOptions.builder().owner("")).hasMessage("owner must not be blank");
        ReapOptions o = ReapOptions.builder()
                .olderThan(Duration.ofHours(1))
                .owner("team-data")
                .build();
        assertThat(o.owner()).contains("team-data");
        assertThat(o.toBuilder().build().owner()).contains("team-data");
        assertThat(ReapOptions.olderThan(Duration.ZERO).owner()).isEmpty();
    }

    @Test
    @DisplayName("bad values fail in the setter with the name and the value")
    void setters() {
        assertThatThrownBy(() -> GlueTransport.builder().pricePerDpuHour(-1))
                .hasMessage("pricePerDpuHour must be >= 0 but was -1.0");
        assertThatThrownBy(() -> GlueTransport.builder().listPageSize(0)).hasMessageContaining("but was 0");
        assertThatThrownBy(() -> GlueTransport.builder().clientConfig(c -> c.requestTimeout(Duration.ZERO)))
                .hasMessage("requestTimeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> GlueTransport.builder().region(null)).hasMessage("region must not be null");
        assertThatThrownBy(() -> ReapOptions.builder().olderThan(Duration.ofMinutes(-1)))
                .hasMessageContaining("olderThan must be >= 0");
    }

    @Test
    @DisplayName("conflicting settings fail build() together")
    void conflicts() {
        GlueClient client = new FakeGlue();
        assertThatThrownBy(() -> GlueTransport.builder()
                        .clientConfig(c -> c.glueClient(client).credentialsProvider(SECRET))
                        .region("us-east-1")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("have no effect with glueClient");
    }

    @Test
    @DisplayName("builder values win over the session configuration; conflicts are reported as ignored")
    void precedence() {
        Options o = GlueClientConfig.builder()
                .region("eu-west-1")
                .endpointOverride(URI.create("http://a:1"))
                .credentialsProvider(SECRET)
                .build()
                .options(Runnable::run, 0.44, 100, "glivy", Clock.systemUTC(), null);
        SessionConfig c = SessionConfig.builder()
                .region("us-west-2")
                .endpoint("http://b:2")
                .profile("p")
                .assumeRole("arn:aws:iam::123456789012:role/X")
                .build();
        ClientSettings s = ClientSettings.of(o, c);
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.endpoint()).isEqualTo(URI.create("http://a:1"));
        assertThat(s.profile()).isNull();
        assertThat(s.assumeRole()).isEqualTo("arn:aws:iam::123456789012:role/X");
        assertThat(ClientSettings.ignored(o, c))
                .hasSize(3)
                .anyMatch(m -> m.startsWith("%region us-west-2"))
                .anyMatch(m -> m.startsWith("%endpoint http://b:2"))
                .anyMatch(m -> m.startsWith("%profile p"));
        Options bare = GlueClientConfig.defaults().options(Runnable::run, 0.44, 100, "glivy", Clock.systemUTC(), null);
        ClientSettings fromConfig = ClientSettings.of(bare, c);
        assertThat(fromConfig.region()).isEqualTo("us-west-2");
        assertThat(fromConfig.profile()).isEqualTo("p");
        assertThat(ClientSettings.ignored(bare, c)).isEmpty();
        assertThat(ClientSettings.of(bare).region())
                .as("no session configuration: the configured values alone")
                .isNull();
        Options profiled = GlueClientConfig.builder()
                .profile("analytics")
                .build()
                .options(Runnable::run, 0.44, 100, "glivy", Clock.systemUTC(), null);
        assertThat(ClientSettings.of(profiled).profile()).isEqualTo("analytics");
        assertThat(ClientSettings.of(profiled, c).profile()).isEqualTo("analytics");
        assertThat(ClientSettings.ignored(profiled, c))
                .containsExactly("%profile p is ignored: GlueClientConfig.profile(analytics) wins");
    }

    @Test
    @DisplayName("unsupportedSettings has no side effect: a session's %region never changes the transport's clients")
    void noLastConfig() {
        try (GlueTransport t = GlueTransport.builder().region("eu-west-1").build()) {
            t.unsupportedSettings(SessionConfig.builder()
                    .region("us-west-2")
                    .endpoint("http://b:2")
                    .build());
            assertThat(t.endpoint()).isEqualTo("https://glue.eu-west-1.amazonaws.com");
        }
        try (GlueTransport t = GlueTransport.create()) {
            t.unsupportedSettings(SessionConfig.builder().region("us-west-2").build());
            assertThat(t.endpoint()).isEqualTo("AWS Glue (SDK default region)");
        }
    }

    @Test
    @DisplayName("GlueClientConfig: every conflict in one IllegalStateException; toString shows no secret")
    void clientConfig() {
        assertThatThrownBy(() -> GlueClientConfig.builder()
                        .glueClient(new FakeGlue())
                        .region("us-east-1")
                        .profile("p")
                        .credentialsProvider(SECRET)
                        .s3Client(new FakeS3())
                        .s3EndpointOverride(URI.create("http://s3:1"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("have no effect with glueClient")
                .hasMessageContaining("credentialsProvider(...) and profile(...) are exclusive")
                .hasMessageContaining("s3EndpointOverride(...) has no effect with s3Client(...)");
        assertThatThrownBy(() -> GlueClientConfig.builder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        GlueClientConfig c = GlueClientConfig.builder()
                .region("eu-west-1")
                .credentialsProvider(SECRET)
                .endpointOverride(URI.create("https://user:pw@glue.example/?X-Amz-Signature=abc123"))
                .build();
        assertThat(c.toString())
                .doesNotContain("AKIDSECRETTEST")
                .doesNotContain("very-secret-key")
                .doesNotContain("pw@")
                .doesNotContain("abc123")
                .contains("region=eu-west-1");
        assertThat(c.toBuilder().region("us-east-1").build().region()).contains("us-east-1");
        assertThat(c.region()).as("immutable").contains("eu-west-1");
    }

    @Test
    @DisplayName("a passed-in client fixes region, endpoint, profile and role: the magics are reported")
    void passedClient() {
        try (GlueTransport t = GlueTransport.builder()
                .clientConfig(c -> c.glueClient(new FakeGlue()))
                .build()) {
            assertThat(t.unsupportedSettings(SessionConfig.builder()
                            .region("us-west-2")
                            .profile("p")
                            .assumeRole("arn:aws:iam::123456789012:role/X")
                            .language(Language.R)
                            .build()))
                    .hasSize(4)
                    .allMatch(m -> m.contains("ignored") || m.contains("not supported"));
        }
    }

    @Test
    @DisplayName("with a passed-in client, STS is built for that client's region and nothing is closed by Glivy")
    void passedClientRegion() {
        FakeGlue fake = new FakeGlue();
        fake.provisioning = Duration.ZERO;
        fake.createSession(r -> r.id("s1").role("arn:aws:iam::123456789012:role/R"));
        try (GlueTransport t =
                GlueTransport.builder().clientConfig(c -> c.glueClient(fake)).build()) {
            assertThat(t.getSession("s1").join().attributes()).containsEntry("region", "us-east-1");
            assertThatThrownBy(() -> t.getSession("nope").join()).hasCauseInstanceOf(SessionLostException.class);
        }
        assertThat(fake.calls("GetSession")).isEqualTo(2);
    }

    @Test
    @DisplayName("toString never shows credentials")
    void noSecrets() {
        try (GlueTransport t = GlueTransport.builder()
                .clientConfig(c -> c.credentialsProvider(SECRET))
                .region("us-east-1")
                .build()) {
            assertThat(t.toString())
                    .doesNotContain("AKIDSECRETTEST")
                    .doesNotContain("very-secret-key")
                    .contains("credentials=given");
        }
    }
}
