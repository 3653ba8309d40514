package dev.glivy.livy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.livy.LivyTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Finding an EMR cluster's Livy by id and by tags against {@code moto_server} (the real EMR wire protocol on
 * loopback): clusters are created with tags through the SDK; found by tag, by id; several matches, none, and a
 * terminated cluster fail with messages that say what was found.
 */
class EmrClusterLivyIT {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final StaticCredentialsProvider CREDS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private EmrClient emr;
    private final List<LivyTransport> open = new ArrayList<>();

    @BeforeEach
    void client() {
        emr = EmrClient.builder()
                .endpointOverride(MOTO.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void close() {
        open.forEach(LivyTransport::close);
        emr.close();
    }

    private String cluster(String name, Tag... tags) {
        return emr.runJobFlow(r -> r.name(name)
                        .releaseLabel("emr-6.15.0")
                        .jobFlowRole("EMR_EC2_DefaultRole")
                        .serviceRole("EMR_DefaultRole")
                        .tags(tags)
                        .instances(i -> i.masterInstanceType("m5.xlarge")
                                .slaveInstanceType("m5.xlarge")
                                .instanceCount(2)
                                .keepJobFlowAliveWhenNoSteps(true)))
                .jobFlowId();
    }

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    private EmrClusterLivy.Builder builder() {
        return EmrClusterLivy.builder()
                .emrEndpoint(MOTO.endpoint())
                .region("us-east-1")
                .credentialsProvider(CREDS);
    }

    private LivyTransport built(EmrClusterLivy.Builder b) {
        LivyTransport t = b.build();
        open.add(t);
        return t;
    }

    private String dns(String id) {
        return emr.describeCluster(r -> r.clusterId(id)).cluster().masterPublicDnsName();
    }

    @Test
    void findsTheOneRunningClusterWithAllTheTags() {
        cluster("other", tag("team", "analytics"), tag("env", "dev"));
        String id = cluster("prod", tag("team", "analytics"), tag("env", "prod"));
        cluster("untagged");
        LivyTransport t = built(builder().tag("team", "analytics").tag("env", "prod"));
        assertThat(t.endpoint()).isEqualTo("http://" + dns(id) + ":8998");
    }

    @Test
    void findsAClusterByIdWithPortSchemeAndPath() {
        String id = cluster("by-id");
        LivyTransport t = built(builder().clusterId(id).port(18998).https(true).path("gateway/livy"));
        assertThat(t.endpoint()).isEqualTo("https://" + dns(id) + ":18998/gateway/livy");
    }

    @Test
    void everyPageOfTheListingIsChecked() {
        for (int i = 0; i < 55; i++) {
            cluster("filler-" + i, tag("team", "other"));
        }
        String id = cluster("wanted", tag("team", "analytics"));
        // moto pages ListClusters by 50: the search must read both pages, wherever the match is
        assertThat(emr.listClusters(r -> r.clusterStatesWithStrings("RUNNING", "WAITING"))
                        .marker())
                .isNotNull();
        assertThat(built(builder().tag("team", "analytics")).endpoint()).contains(dns(id));
        assertThatThrownBy(() -> builder().tag("team", "nobody").build())
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("(56 running or waiting cluster(s) checked)");
    }

    @Test
    void severalMatchesFailListingEachOne() {
        String a = cluster("first", tag("team", "analytics"));
        String b = cluster("second", tag("team", "analytics"));
        assertThatThrownBy(() -> builder().tag("team", "analytics").build())
                .isInstanceOfSatisfying(SessionException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("2 EMR clusters match tags {team=analytics}")
                            .contains(a + " (first, WAITING)")
                            .contains(b + " (second, WAITING)");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void noMatchFailsSayingHowManyWereChecked() {
        cluster("dev", tag("team", "analytics"), tag("env", "dev"));
        assertThatThrownBy(() ->
                        builder().tag("team", "analytics").tag("env", "prod").build())
                .isInstanceOfSatisfying(SessionException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("No running EMR cluster with tags")
                            .contains("1 running or waiting cluster(s) checked");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aTerminatedClusterIsNotFoundByTagAndRefusedById() {
        String id = cluster("gone", tag("team", "analytics"));
        emr.terminateJobFlows(r -> r.jobFlowIds(id));
        assertThatThrownBy(() -> builder().tag("team", "analytics").build())
                .isInstanceOf(SessionException.class)
                .hasMessageStartingWith("No running EMR cluster with tags {team=analytics} (0 running");
        assertThatThrownBy(() -> builder().clusterId(id).build())
                .isInstanceOfSatisfying(SessionException.class, e -> assertThat(e.getMessage())
                        .startsWith("EMR cluster " + id + " (gone) is TERMINATED")
                        .contains("not RUNNING or WAITING"));
    }

    @Test
    void anUnknownClusterIdIsAnEmrErrorWithItsCode() {
        assertThatThrownBy(() -> builder().clusterId("j-NOSUCHCLUSTER").build())
                .isInstanceOfSatisfying(SessionBackendException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("Could not find the EMR cluster j-NOSUCHCLUSTER: EMR " + "answered HTTP 400");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void aPrivateAddressNeedsARunningMasterInstance() {
        String id = cluster("private");
        // moto creates no EC2 instances for a cluster, so ListInstances is empty: Glivy says so
        assertThatThrownBy(() -> builder()
                        .clusterId(id)
                        .address(EmrClusterLivy.Address.PRIVATE_IP)
                        .build())
                .isInstanceOf(SessionException.class)
                .hasMessage("EMR cluster " + id + " has no running master instance with a private IP address yet");
    }

    @Test
    void configurationMistakesAreReportedTogether() {
        assertThatThrownBy(() -> EmrClusterLivy.builder()
                        .emrClient(emr)
                        .region("us-east-1")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clusterId(...) or at least one tag(...) must be set")
                .hasMessageContaining("configure them on the client you pass to emrClient(...)");
    }
}
