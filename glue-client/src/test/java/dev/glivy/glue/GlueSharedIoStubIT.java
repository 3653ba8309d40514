package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.StatementResult;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.internal.SharedRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end over loopback HTTP: sessions in the README quickstart form (each builds its own transport from a
 * builder) against the Glue stub share one pool of I/O threads and one set of AWS clients, and give both back when
 * the last of them closes.
 */
@DisplayName("Sessions each with a GlueTransport from a builder share the I/O threads and AWS clients")
class GlueSharedIoStubIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveRole";
    private static final Pattern IO_THREAD = Pattern.compile("glivy-glue-\\d+");
    private static final int SESSIONS = 30;

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension()
            .configure(s -> s.provisioning(Duration.ofMillis(20)).statementDuration(Duration.ofMillis(10)));

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && IO_THREAD.matcher(t.getName()).matches())
                .count();
    }

    @Test
    @DisplayName("30 sessions, one statement each: 4 I/O threads at most, one client set; all returned at close")
    void quickstartFormShares() throws Exception {
        int resources = SharedRuntime.sharedResources();
        GlueClientConfig aws = GlueStubContractIT.clientConfig(glue.stub());
        List<InteractiveSession> sessions = new ArrayList<>();
        List<CompletableFuture<StatementResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                InteractiveSession s = InteractiveSession.builder()
                        .transport(GlueTransport.builder().clientConfig(aws).owner("shared-io-it"))
                        .config(c -> c.iamRole(ROLE))
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false)
                        .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(100)))
                        .build();
                sessions.add(s);
                results.add(s.startAsync().thenCompose(x -> x.executeAsync("print(\"shared\")")));
            }
            for (CompletableFuture<StatementResult> r : results) {
                StatementResult done = r.get(2, TimeUnit.MINUTES);
                assertThat(done.succeeded()).isTrue();
                assertThat(done.text()).isEqualTo("shared\n");
            }
            assertThat(glue.stub().createRequests()).hasSize(SESSIONS);
            assertThat(ioThreads()).isBetween(1L, (long) GlueClientConfig.DEFAULT_IO_THREADS);
            // one pool of I/O threads (maybe still leased by an earlier test's transport closing in the background)
            // and one set of Glue and STS clients for all 30 transports
            assertThat(SharedRuntime.sharedResources()).isBetween(resources + 1, resources + 2);
        } finally {
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (InteractiveSession s : sessions) {
                closing.add(s.closeAsync());
            }
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                    .get(2, TimeUnit.MINUTES);
        }
        // a session's close future completes just before it closes its transport: wait (bounded) for the leases
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (SharedRuntime.sharedResources() > resources && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(SharedRuntime.sharedResources()).isLessThanOrEqualTo(resources);
    }
}
