package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glivy.InteractiveSession;
import dev.glivy.SessionState;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * STS unreachable (its endpoint is a closed loopback port), the Glue stub reachable: sessions are still tagged with an
 * owner (the access key id), the reaper finds and stops them without STS, and closing the transport stops the
 * sessions it created.
 */
@DisplayName("Owner tags, the reaper and transport close without STS (Glue stub)")
class GlueOwnerWithoutStsIT {
    private static final String ROLE = "arn:aws:iam::" + GlueStub.ACCOUNT + ":role/GlueInteractiveRole";
    private static final String KEY = "AKIDSTUB";

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension();

    private static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    private GlueClientConfig aws() throws IOException {
        return GlueClientConfig.builder()
                .region("us-east-1")
                .endpointOverride(glue.stub().uri())
                .stsEndpointOverride(closedPort())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, "stub-secret-key")))
                .httpClient(glue.stub().httpClient())
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    private GlueTransport transport(GlueTransportBuilder b) throws IOException {
        return b.clientConfig(aws()).build();
    }

    private static InteractiveSession start(GlueTransport t) {
        return GlueMagicsIT.builder(t).config(c -> c.iamRole(ROLE)).start();
    }

    @Test
    @DisplayName("the owner tag falls back to the access key id, and the reaper stops the session without STS")
    void ownerFallbackAndReaper() throws Exception {
        try (GlueTransport t = transport(GlueTransport.builder());
                GlueAdmin admin = GlueAdmin.builder().clientConfig(aws()).build()) {
            InteractiveSession s = start(t);
            JsonNode tags = glue.stub().createRequests().get(0).get("Tags");
            assertThat(tags.get("owner").asText()).isEqualTo(KEY);
            assertThat(tags.get("created-by").asText()).isEqualTo("glivy");
            ReapReport report = admin.reap(Duration.ZERO);
            assertThat(report.stopped()).containsExactly(s.id().orElseThrow());
            assertThat(glue.stub().calls("GetTags")).isEqualTo(1);
            assertThat(glue.stub().calls("GetCallerIdentity")).isZero();
            s.close();
            assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        }
    }

    @Test
    @DisplayName("a configured owner is used without STS; closing the transport stops its open sessions first")
    void configuredOwnerAndClose() throws Exception {
        GlueTransport t = transport(GlueTransport.builder().owner("nightly-etl"));
        InteractiveSession s = start(t);
        assertThat(glue.stub().createRequests().get(0).get("Tags").get("owner").asText())
                .isEqualTo("nightly-etl");
        t.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (glue.stub().calls("StopSession") == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(glue.stub().calls("StopSession")).isEqualTo(1);
        s.close();
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        assertThat(glue.stub().calls("StopSession")).isEqualTo(1);
    }
}
