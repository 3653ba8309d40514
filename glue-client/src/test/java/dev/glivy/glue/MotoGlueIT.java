package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.glue.stub.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The session lifecycle, STS (whoami, role derivation, {@code %%assume_role}) and tags (owner, created-by, tag
 * filters, the reaper) against {@code moto_server}, a real implementation of the AWS wire protocols, through the real
 * SDK. Moto makes sessions READY at once and answers CreateSession with an empty body, so the transport must look the
 * session up by the id it sent. Moto has no statements; those are covered against the Glue stub.
 */
@DisplayName("GlueTransport against moto_server: lifecycle, STS and tags")
class MotoGlueIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveRole";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMOTO", "moto-secret"));

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private final List<InteractiveSession> opened = new java.util.ArrayList<>();
    private GlueTransport transport;
    private GlueAdmin admin;
    private GlueClient raw;

    @BeforeEach
    void setUp() {
        transport = transport(GlueTransport.builder());
        admin = GlueAdmin.builder().clientConfig(aws()).build();
        raw = GlueClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(MOTO.uri())
                .credentialsProvider(CREDENTIALS)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** How the tests reach moto: one value for the transport and the admin entry point. */
    private static GlueClientConfig aws() {
        return GlueClientConfig.builder()
                .region("us-east-1")
                .endpointOverride(MOTO.uri())
                .stsEndpointOverride(MOTO.uri())
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    private static GlueTransport transport(GlueTransportBuilder b) {
        return b.clientConfig(aws()).listPageSize(2).build();
    }

    @AfterEach
    void tearDown() {
        opened.forEach(InteractiveSession::close);
        transport.close();
        admin.close();
        raw.close();
    }

    private InteractiveSession start() {
        InteractiveSession s =
                GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE)).start();
        opened.add(s);
        return s;
    }

    private void rawSession(String id, Map<String, String> tags) {
        raw.createSession(r -> r.id(id)
                .role(ROLE)
                .command(c -> c.name("glueetl").pythonVersion("3"))
                .tags(tags));
    }

    @Test
    @DisplayName("start (empty CreateSession answer, then GetSession by the sent id), info, close, stop again")
    void lifecycle() {
        InteractiveSession s = start();
        String id = s.id().orElseThrow();
        assertThat(id).startsWith("glivy-");
        SessionInfo info = s.info();
        assertThat(info.state()).isEqualTo(SessionState.IDLE);
        assertThat(info.backendState()).isEqualTo("READY");
        assertThat(info.errorMessage()).isEmpty();
        assertThat(info.attributes()).containsEntry("role", ROLE).containsEntry("glueVersion", "4.0");
        assertThat(raw.getSession(r -> r.id(id)).session().defaultArguments())
                .containsEntry("--enable-glue-datacatalog", "true");
        s.close();
        assertThat(transport.getSession(id).join().state()).isEqualTo(SessionState.STOPPING);
        transport.stopSession(id).join();
        admin.deleteSession(id);
        transport.stopSession(id).join();
        assertThatThrownBy(() -> transport.getSession(id).join()).hasCauseInstanceOf(SessionLostException.class);
    }

    @Test
    @DisplayName("%reconnect: attach to a live session by id")
    void attach() {
        InteractiveSession s = start();
        try (InteractiveSession again =
                GlueMagicsIT.builder(transport).attach(s.id().orElseThrow()).start()) {
            assertThat(again.id()).isEqualTo(s.id());
            assertThat(again.state().isReady()).isTrue();
        }
    }

    @Test
    @DisplayName("%list_sessions reads every page; tag filters select Glivy's sessions")
    void listAllPages() {
        for (int i = 0; i < 3; i++) {
            start();
        }
        rawSession("not-glivy-1", Map.of("team", "other"));
        rawSession("not-glivy-2", Map.of());
        List<SessionInfo> all = transport.listSessions().join();
        assertThat(all).hasSize(5);
        assertThat(admin.listSessions(Map.of("created-by", "glivy"))).hasSize(3).allMatch(i -> i.id().startsWith(
                        "glivy-"));
    }

    @Test
    @DisplayName("sessions carry created-by=glivy and owner=<caller user id>; %%tags are added")
    void tags() {
        try (InteractiveSession s = GlueMagicsIT.builder(transport)
                .config(c -> c.iamRole(ROLE).tags(Map.of("team", "data")))
                .start()) {
            GlueSessionStatus st = admin.status(s.id().orElseThrow());
            assertThat(st.tags())
                    .containsEntry("created-by", "glivy")
                    .containsEntry("team", "data")
                    .containsEntry("owner", admin.whoami().userId());
        }
    }

    @Test
    @DisplayName("whoami; an IAM-user caller without %iam_role gets the three ways to set it")
    void whoamiAndMissingRole() {
        GlueCallerIdentity me = admin.whoami();
        assertThat(me.arn()).isEqualTo("arn:aws:sts::123456789012:user/moto");
        assertThat(me.isAssumedRole()).isFalse();
        assertThat(me.derivedRoleArn()).isEmpty();
        assertThatThrownBy(() -> GlueMagicsIT.builder(transport).start())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("user/moto")
                .hasMessageContaining("%iam_role")
                .hasMessageContaining("glue_role_arn");
        assertThat(raw.listSessions(r -> {}).ids()).isEmpty();
    }

    @Test
    @DisplayName("%%assume_role: calls run as the assumed role, whose ARN becomes the session role")
    void assumeRole() {
        String assumed = "arn:aws:iam::123456789012:role/GlivyAssumed";
        try (InteractiveSession s = GlueMagicsIT.builder(transport)
                .config(c -> c.assumeRole(assumed))
                .start()) {
            SessionInfo info = s.info();
            assertThat(info.attributes()).containsEntry("role", assumed);
            GlueSessionStatus st = admin.status(s.id().orElseThrow());
            assertThat(st.tags().get("owner"))
                    .isNotEqualTo("AKIAIOSFODNN7EXAMPLE")
                    .contains("glivy");
        }
        assertThat(admin.whoami().arn())
                .as("the admin uses its own configuration, not a session's %%assume_role")
                .isEqualTo("arn:aws:sts::123456789012:user/moto");
        try (StsClient sts = StsClient.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(MOTO.uri())
                        .credentialsProvider(CREDENTIALS)
                        .build();
                StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> r.roleArn(assumed).roleSessionName("glivy"))
                        .build();
                GlueAdmin asRole = GlueAdmin.builder()
                        .clientConfig(
                                aws().toBuilder().credentialsProvider(role).build())
                        .build()) {
            GlueCallerIdentity me = asRole.whoami();
            assertThat(me.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/GlivyAssumed/glivy");
            assertThat(me.derivedRoleArn()).contains(assumed);
        }
    }

    @Test
    @DisplayName("STS unreachable: owner=<access key id>, the reaper finds it without STS, closing the transport stops "
            + "its open sessions")
    void withoutSts() throws Exception {
        java.net.URI closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        GlueClientConfig noStsConfig =
                aws().toBuilder().stsEndpointOverride(closed).build();
        GlueTransport noSts = GlueTransport.builder().clientConfig(noStsConfig).build();
        GlueAdmin noStsAdmin = GlueAdmin.builder().clientConfig(noStsConfig).build();
        InteractiveSession a =
                GlueMagicsIT.builder(noSts).config(c -> c.iamRole(ROLE)).start();
        InteractiveSession b =
                GlueMagicsIT.builder(noSts).config(c -> c.iamRole(ROLE)).start();
        String idA = a.id().orElseThrow();
        String idB = b.id().orElseThrow();
        assertThat(raw.getTags(r -> r.resourceArn("arn:aws:glue:us-east-1:123456789012:session/" + idA))
                        .tags())
                .containsEntry("owner", "AKIDMOTO")
                .containsEntry("created-by", "glivy");
        rawSession("someone-else", Map.of("created-by", "glivy", "owner", "AIDAOTHER"));
        ReapReport dry = noStsAdmin.reap(
                ReapOptions.builder().olderThan(Duration.ZERO).dryRun(true).build());
        assertThat(dry.candidateIds()).containsExactlyInAnyOrder(idA, idB);
        ReapReport reaped = noStsAdmin.reap(
                ReapOptions.builder().olderThan(Duration.ZERO).owner("AKIDMOTO").build());
        assertThat(reaped.stopped()).containsExactlyInAnyOrder(idA, idB);
        assertThat(status("someone-else")).isEqualTo("READY");
        InteractiveSession c =
                GlueMagicsIT.builder(noSts).config(cfg -> cfg.iamRole(ROLE)).start();
        String idC = c.id().orElseThrow();
        noStsAdmin.close();
        noSts.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (status(idC).equals("READY") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(status(idC)).isEqualTo("STOPPING");
        c.close();
        a.close();
        b.close();
        assertThat(c.state()).isEqualTo(SessionState.STOPPED);
    }

    @Test
    @DisplayName("the reaper stops the caller's old Glivy sessions only; dry run stops nothing")
    void reaper() {
        String mine1 = start().id().orElseThrow();
        String mine2 = start().id().orElseThrow();
        rawSession("untagged", Map.of());
        rawSession("someone-else", Map.of("created-by", "glivy", "owner", "AIDAOTHER"));

        ReapReport young = admin.reap(Duration.ofHours(1));
        assertThat(young.candidates()).isEmpty();
        assertThat(young.stopped()).isEmpty();

        ReapReport dry = admin.reap(
                ReapOptions.builder().olderThan(Duration.ZERO).dryRun(true).build());
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.candidateIds()).containsExactlyInAnyOrder(mine1, mine2);
        assertThat(dry.stopped()).isEmpty();
        assertThat(status(mine1)).isEqualTo("READY");

        ReapReport real = admin.reap(Duration.ZERO);
        assertThat(real.stopped()).containsExactlyInAnyOrder(mine1, mine2);
        assertThat(real.failures()).isEmpty();
        assertThat(status(mine1)).isEqualTo("STOPPING");
        assertThat(status("untagged")).isEqualTo("READY");
        assertThat(status("someone-else")).isEqualTo("READY");

        ReapReport everyone = admin.reap(
                ReapOptions.builder().olderThan(Duration.ZERO).ownerOnly(false).build());
        assertThat(everyone.stopped()).containsExactly("someone-else");
        assertThat(status("untagged")).isEqualTo("READY");
    }

    private String status(String id) {
        return raw.getSession(r -> r.id(id)).session().statusAsString();
    }
}
