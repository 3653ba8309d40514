package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.SessionRuntime;
import dev.glivy.internal.SharedRuntime;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;

@DisplayName("Shared AWS clients and I/O threads: one per key, by identity for objects passed in, closed by the last")
class ClientSharingTest {
    /** Runs builds on the calling thread, so nothing here starts a thread. */
    private static final Executor DIRECT = Runnable::run;

    private static final AwsCredentialsProvider CREDS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSHARETEST", "share-secret-key"));

    private final Counting factory = new Counting();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final int before = SharedRuntime.sharedResources();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    /** Builds client sets of fakes and counts builds and closes of what it "built". */
    private static final class Counting {
        final AtomicInteger built = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile @Nullable RuntimeException failNext;

        AwsClients build(ClientSettings s) {
            RuntimeException f = failNext;
            if (f != null) {
                failNext = null;
                throw f;
            }
            built.incrementAndGet();
            GlueClient glue = new GlueClient() {
                @Override
                public String serviceName() {
                    return "glue";
                }

                @Override
                public void close() {}
            };
            StsClient sts = new StsClient() {
                @Override
                public String serviceName() {
                    return "sts";
                }

                @Override
                public void close() {}
            };
            AutoCloseable owned = closed::incrementAndGet;
            return new AwsClients(s, glue, null, sts, null, s.region(), DIRECT, List.of(owned), null);
        }
    }

    private static Options options(
            String region,
            @Nullable AwsCredentialsProvider creds,
            @Nullable SdkHttpClient http,
            Executor executor,
            Duration requestTimeout) {
        return new Options(
                region,
                URI.create("http://127.0.0.1:1"),
                null,
                creds,
                null,
                null,
                null,
                null,
                http,
                executor,
                Duration.ofSeconds(10),
                requestTimeout,
                0.44,
                100,
                "glivy",
                Clock.systemUTC(),
                null,
                null,
                null);
    }

    private static Options options() {
        return options("us-east-1", CREDS, null, DIRECT, Duration.ofSeconds(60));
    }

    private ClientRegistry registry(Options o) {
        ClientRegistry r = new ClientRegistry(o, true, factory::build);
        opened.add(r);
        return r;
    }

    private static AwsClients clients(ClientRegistry r) {
        return r.clients(r.defaultSettings()).join();
    }

    @Test
    @DisplayName("registries with equal settings (from separate Options values) get the same clients, built once")
    void sameSettingsShare() {
        AwsClients a = clients(registry(options()));
        AwsClients b = clients(registry(options()));
        assertThat(b).isSameAs(a);
        assertThat(factory.built).hasValue(1);
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("another region, timeout, credentials instance (equal content), HTTP client or executor: no sharing")
    void differentSettingsOrInstancesDoNotShare() {
        AwsCredentialsProvider sameContent =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSHARETEST", "share-secret-key"));
        AwsClients base = clients(registry(options()));
        List<Options> others = List.of(
                options("eu-west-1", CREDS, null, DIRECT, Duration.ofSeconds(60)),
                options("us-east-1", CREDS, null, DIRECT, Duration.ofSeconds(30)),
                options("us-east-1", sameContent, null, DIRECT, Duration.ofSeconds(60)),
                options("us-east-1", CREDS, new NoHttp(), DIRECT, Duration.ofSeconds(60)),
                options("us-east-1", CREDS, null, Runnable::run, Duration.ofSeconds(60)));
        List<AwsClients> seen = new ArrayList<>(List.of(base));
        for (Options o : others) {
            AwsClients c = clients(registry(o));
            assertThat(seen).noneMatch(s -> s == c);
            seen.add(c);
        }
        assertThat(factory.built).hasValue(6);
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before + 6);

        // the same HTTP client instance twice does share
        NoHttp http = new NoHttp();
        AwsClients h1 = clients(registry(options("us-east-1", CREDS, http, DIRECT, Duration.ofSeconds(60))));
        AwsClients h2 = clients(registry(options("us-east-1", CREDS, http, DIRECT, Duration.ofSeconds(60))));
        assertThat(h2).isSameAs(h1);
    }

    @Test
    @DisplayName("closing one keeps the other's clients open; closing twice returns one lease; the last closes them")
    void lastCloseCloses() {
        ClientRegistry r1 = registry(options());
        ClientRegistry r2 = registry(options());
        ClientRegistry r3 = registry(options());
        AwsClients c = clients(r1);
        assertThat(clients(r2)).isSameAs(c);
        assertThat(clients(r3)).isSameAs(c);

        r1.close();
        r1.close();
        r1.close();
        assertThat(factory.closed).hasValue(0);
        assertThat(c.closed()).isFalse();
        assertThat(clients(r2)).isSameAs(c);
        assertThatThrownBy(() -> clients(r1)).hasRootCauseMessage("The Glue transport is closed");

        r2.close();
        assertThat(factory.closed).hasValue(0);
        assertThat(clients(r3)).isSameAs(c);

        r3.close();
        assertThat(factory.closed).hasValue(1);
        assertThat(c.closed()).isTrue();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);

        AwsClients fresh = clients(registry(options()));
        assertThat(fresh).isNotSameAs(c);
        assertThat(factory.built).hasValue(2);
    }

    @Test
    @DisplayName("a registry that never asked for clients holds no lease; a failed build is forgotten and retried")
    void failedBuildIsForgotten() {
        ClientRegistry idle = registry(options());
        idle.close();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);

        ClientRegistry r = registry(options());
        factory.failNext = new IllegalStateException("No AWS region (injected)");
        assertThatThrownBy(() -> clients(r))
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("No AWS region (injected)");
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);

        AwsClients c = clients(r);
        assertThat(c.closed()).isFalse();
        assertThat(factory.built).hasValue(1);
        r.close();
        assertThat(c.closed()).isTrue();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);
    }

    @Test
    @DisplayName("a registry of its own (admin, catalog, jobs) never shares and closes what it built")
    void ownRegistryDoesNotShare() {
        ClientRegistry own1 = new ClientRegistry(options(), false, factory::build);
        ClientRegistry own2 = new ClientRegistry(options(), false, factory::build);
        AwsClients a = clients(own1);
        assertThat(clients(own2)).isNotSameAs(a);
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);
        own1.close();
        assertThat(a.closed()).isTrue();
        own2.close();
        assertThat(factory.closed).hasValue(2);
    }

    @Test
    @DisplayName("ClientKey: equal by value and by identity of objects passed in; toString shows no secret")
    void keyEqualityAndToString() {
        Options o = options("us-east-1", CREDS, null, DIRECT, Duration.ofSeconds(60));
        ClientSettings s = new ClientSettings(
                "us-east-1", URI.create("http://user:pw-secret@127.0.0.1:1"), null, "not-an-arn-secret-token");
        ClientKey k = ClientKey.of(o, s);
        assertThat(ClientKey.of(options(), s)).isEqualTo(k).hasSameHashCodeAs(k);
        AwsCredentialsProvider sameContent =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSHARETEST", "share-secret-key"));
        assertThat(ClientKey.of(options("us-east-1", sameContent, null, DIRECT, Duration.ofSeconds(60)), s))
                .isNotEqualTo(k);

        String text = k.toString();
        assertThat(text)
                .contains("us-east-1", "StaticCredentialsProvider@", "assumeRole=(not shown)")
                .doesNotContain("share-secret-key", "AKIDSHARETEST", "pw-secret", "not-an-arn-secret-token");
    }

    @Test
    @DisplayName("IoExecutor.shared: one pool per thread count, ended by the last lease; an executor given is kept")
    void sharedPools() {
        IoExecutor a = IoExecutor.shared(null, 5);
        IoExecutor b = IoExecutor.shared(null, 5);
        IoExecutor c = IoExecutor.shared(null, 3);
        assertThat(b.executor()).isSameAs(a.executor());
        assertThat(c.executor()).isNotSameAs(a.executor());
        ExecutorService pool = (ExecutorService) a.executor();

        a.close();
        a.close();
        assertThat(pool.isShutdown()).isFalse();
        b.close();
        assertThat(pool.isShutdown()).isTrue();
        c.close();
        assertThat(((ExecutorService) c.executor()).isShutdown()).isTrue();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);

        ExecutorService mine = Executors.newSingleThreadExecutor();
        try {
            IoExecutor given = IoExecutor.shared(mine, 4);
            assertThat(given.executor()).isSameAs(mine);
            assertThat(SharedRuntime.sharedResources()).isEqualTo(before);
            given.close();
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdown();
        }
    }

    /** An HTTP client that is never called (only its identity matters here). */
    private static final class NoHttp implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            throw new UnsupportedOperationException("no HTTP in this test");
        }

        @Override
        public void close() {}
    }

    @Test
    @DisplayName("clients Glivy builds time their calls on the shared scheduler (no sdk-ScheduledExecutor pools), "
            + "returned when they close")
    void builtClientsTimeCallsOnTheSharedScheduler() {
        AwsClients c = new ClientFactory(options(), DIRECT).build(ClientSettings.of(options()));
        Optional<ScheduledExecutorService> timer;
        SessionRuntime shared = SharedRuntime.acquire();
        try {
            timer = c.<Optional<ScheduledExecutorService>>glue(
                            g -> g.serviceClientConfiguration()
                                    .overrideConfiguration()
                                    .scheduledExecutorService(),
                            a -> CompletableFuture.failedFuture(new AssertionError("a sync client was built")))
                    .join();
            assertThat(timer).isPresent();
            // the SDK wraps a scheduler it was given (so closing the client never shuts it down): schedule through
            // it and see the task run on Glivy's scheduler thread
            String thread = timer.get()
                    .schedule(() -> Thread.currentThread().getName(), 0, TimeUnit.MILLISECONDS)
                    .get(10, TimeUnit.SECONDS);
            assertThat(thread).startsWith("glivy-scheduler-");
            assertThat(shared.scheduler().isShutdown()).isFalse();
            c.close();
            assertThat(shared.scheduler().isShutdown())
                    .as("still held by this test")
                    .isFalse();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            SharedRuntime.release(shared);
        }
        // the clients returned their reference at close: with this test's released too, the runtime has ended
        assertThat(shared.scheduler().isShutdown()).isTrue();
    }
}
