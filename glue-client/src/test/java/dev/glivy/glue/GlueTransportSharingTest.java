package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.glue.internal.AwsClients;
import dev.glivy.glue.internal.ClientRegistry;
import dev.glivy.internal.SharedRuntime;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@DisplayName("GlueTransports built from builders share the I/O threads and the AWS clients of equal configurations")
class GlueTransportSharingTest {
    /** The shared transports' I/O threads: {@code glivy-glue-<n>} (not the admin's {@code glivy-glue-admin-<n>}). */
    private static final Pattern IO_THREAD = Pattern.compile("glivy-glue-\\d+");

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && IO_THREAD.matcher(t.getName()).matches())
                .count();
    }

    private static AwsClients clients(GlueTransport t) {
        ClientRegistry r = t.clientRegistry();
        return r.clients(r.defaultSettings()).join();
    }

    /** Clients Glivy builds itself (nothing is contacted: the SDK connects on the first call only). */
    private static GlueClientConfig built(StaticCredentialsProvider creds, String region) {
        return GlueClientConfig.builder()
                .region(region)
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .stsEndpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(creds)
                .build();
    }

    @Test
    @DisplayName("50 transports, one call each: one set of clients, at most 4 I/O threads; the last close ends both")
    void fiftyTransports() {
        int resources = SharedRuntime.sharedResources();
        long threadsBefore = ioThreads();
        FakeGlue glue = new FakeGlue();
        FakeSts sts = new FakeSts();
        GlueClientConfig aws =
                GlueClientConfig.builder().glueClient(glue).stsClient(sts).build();
        List<GlueTransport> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            GlueTransport t = GlueTransport.builder().clientConfig(aws).build();
            all.add(t);
            assertThat(t.listSessions().join()).isEmpty();
        }
        assertThat(glue.calls("ListSessions")).isEqualTo(50);
        assertThat(ioThreads()).isPositive();
        assertThat(ioThreads() - threadsBefore).isLessThanOrEqualTo(GlueClientConfig.DEFAULT_IO_THREADS);
        AwsClients first = clients(all.get(0));
        assertThat(all).allSatisfy(t -> assertThat(clients(t)).isSameAs(first));
        assertThat(SharedRuntime.sharedResources()).isEqualTo(resources + 2); // the pool and the client set

        for (GlueTransport t : all.subList(0, 49)) {
            t.close();
            t.close();
        }
        GlueTransport last = all.get(49);
        assertThat(first.closed()).isFalse();
        assertThat(last.listSessions().join()).isEmpty();
        assertThat(glue.calls("ListSessions")).isEqualTo(51);

        last.close();
        assertThat(first.closed()).isTrue();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(resources);
    }

    @Test
    @DisplayName("clients Glivy builds: shared for one credentials provider, not for another instance or region")
    void builtClients() {
        StaticCredentialsProvider creds =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSHARE", "share-secret"));
        StaticCredentialsProvider sameContent =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSHARE", "share-secret"));
        GlueTransport a =
                GlueTransport.builder().clientConfig(built(creds, "us-east-1")).build();
        GlueTransport b = GlueTransport.builder()
                .clientConfig(built(creds, "us-east-1"))
                .owner("other")
                .requestOrigin("other")
                .build();
        GlueTransport c = GlueTransport.builder()
                .clientConfig(built(sameContent, "us-east-1"))
                .build();
        GlueTransport d =
                GlueTransport.builder().clientConfig(built(creds, "eu-west-1")).build();
        try {
            AwsClients shared = clients(a);
            assertThat(shared.region()).isEqualTo("us-east-1");
            assertThat(clients(b)).isSameAs(shared);
            assertThat(clients(c)).isNotSameAs(shared);
            assertThat(clients(d)).isNotSameAs(shared).isNotSameAs(clients(c));
            assertThat(clients(d).region()).isEqualTo("eu-west-1");

            a.close();
            assertThat(shared.closed()).isFalse();
            b.close();
            assertThat(shared.closed()).isTrue();
            assertThat(clients(c).closed()).isFalse();
        } finally {
            for (GlueTransport t : List.of(a, b, c, d)) {
                t.close();
            }
        }
    }

    @Test
    @DisplayName("an executor passed in is used by every transport and never shut down; no Glivy pool is started")
    void executorPassedIn() {
        int resources = SharedRuntime.sharedResources();
        ExecutorService mine = Executors.newFixedThreadPool(1);
        try {
            FakeGlue glue = new FakeGlue();
            GlueClientConfig aws = GlueClientConfig.builder()
                    .glueClient(glue)
                    .stsClient(new FakeSts())
                    .executor(mine)
                    .build();
            GlueTransport a = GlueTransport.builder().clientConfig(aws).build();
            GlueTransport b = GlueTransport.builder().clientConfig(aws).build();
            assertThat(a.listSessions().join()).isEmpty();
            assertThat(clients(b)).isSameAs(clients(a));
            assertThat(SharedRuntime.sharedResources()).isEqualTo(resources + 1); // the client set only
            a.close();
            b.close();
            assertThat(mine.isShutdown()).isFalse();
            assertThat(SharedRuntime.sharedResources()).isEqualTo(resources);
        } finally {
            mine.shutdown();
        }
    }
}
