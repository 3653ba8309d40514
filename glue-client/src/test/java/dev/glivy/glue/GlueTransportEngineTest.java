package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.StatementResult;
import dev.glivy.test.ManualScheduler;
import dev.glivy.test.contract.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Glivy's engine driving the Glue transport over an in-memory Glue client, on virtual time: nothing sleeps, and
 * provisioning, statement durations, retries and ages are measured on the {@link ManualScheduler}'s clock.
 */
@DisplayName("The engine drives GlueTransport on virtual time")
class GlueTransportEngineTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";

    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(time)
            .executor(time)
            .clock(time.clock())
            .random(new Random(7))
            .build();
    private final FakeGlue glue = new FakeGlue(time.clock());
    private final FakeSts sts = new FakeSts();
    private final RecordingListener events = new RecordingListener();
    private final GlueClientConfig aws = GlueClientConfig.builder()
            .glueClient(glue)
            .stsClient(sts)
            .executor(time)
            .build();
    private final GlueTransport transport =
            GlueTransport.builder().clientConfig(aws).clock(time.clock()).build();
    private final GlueAdmin admin =
            GlueAdmin.builder().clientConfig(aws).runtime(runtime).build();

    @AfterEach
    void close() {
        transport.close();
        admin.close();
        runtime.close();
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return time.await(f, Duration.ofHours(3));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private InteractiveSession started() throws Exception {
        InteractiveSession s = InteractiveSession.builder()
                .transport(transport)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .listener(events)
                .config(c -> c.iamRole(ROLE))
                .build();
        await(s.startAsync());
        return s;
    }

    @Test
    @DisplayName("start waits through PROVISIONING; a statement's progress steers polling; close stops the session")
    void lifecycle() throws Exception {
        InteractiveSession s = started();
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(glue.created.get(0).tags()).containsEntry("owner", "AROAFAKE:alice");
        Duration before = time.elapsed();
        StatementResult r = await(s.executeAsync("sleep:30000"));
        assertThat(r.succeeded()).isTrue();
        assertThat(time.elapsed().minus(before)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(40));
        assertThat(r.polls()).isLessThan(40);
        assertThat(r.text()).isEqualTo("sleep:30000");
        await(s.closeAsync());
        assertThat(glue.calls("StopSession")).isEqualTo(1);
        assertThat(glue.sessions.values().iterator().next().build().statusAsString())
                .isEqualTo("STOPPED");
    }

    @Test
    @DisplayName("throttled and failing GetStatement calls are retried by core, one SDK attempt each")
    void retries() throws Exception {
        InteractiveSession s = started();
        glue.failNext("GetStatement", "ThrottlingException");
        glue.failNext("GetStatement", "InternalServiceException");
        assertThat(await(s.executeAsync("print(1)")).succeeded()).isTrue();
        assertThat(events.retries).contains("getStatement#1", "getStatement#2");
    }

    @Test
    @DisplayName("a RunStatement whose answer was lost is reconciled through ListStatements: SQL runs once")
    void lostSubmissionRunsOnce() throws Exception {
        InteractiveSession s = started();
        glue.failNext("RunStatement", "LOST");
        StatementResult r = await(s.executeAsync("select 1 as one", dev.glivy.Language.SQL));
        assertThat(r.succeeded()).isTrue();
        assertThat(glue.calls("RunStatement")).isEqualTo(1);
        assertThat(glue.calls("ListStatements")).isEqualTo(1);
        assertThat(glue.statements.values().iterator().next()).hasSize(1);
    }

    @Test
    @DisplayName("CreateSession's lost answer is reconciled with GetSession by the id it sent")
    void lostCreate() throws Exception {
        glue.failNext("CreateSession", "LOST");
        InteractiveSession s = started();
        assertThat(s.state().isReady()).isTrue();
        assertThat(glue.calls("CreateSession")).isEqualTo(1);
        assertThat(glue.sessions).hasSize(1).containsKey(s.id().orElseThrow());
    }

    @Test
    @DisplayName("an expired session fails the next statement with SessionLostException (EXPIRED)")
    void expired() throws Exception {
        InteractiveSession s = started();
        glue.status(s.id().orElseThrow(), "TIMEOUT");
        assertThatThrownBy(() -> await(s.executeAsync("print(1)")))
                .isInstanceOfSatisfying(
                        SessionLostException.class, e -> assertThat(e.state()).isEqualTo(SessionState.EXPIRED));
        assertThat(s.state()).isEqualTo(SessionState.EXPIRED);
    }

    @Test
    @DisplayName("quota errors are final and name the reaper")
    void quota() throws Exception {
        glue.failNext("CreateSession", "ResourceNumberLimitExceededException");
        InteractiveSession s = InteractiveSession.builder()
                .transport(transport)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .config(c -> c.iamRole(ROLE))
                .build();
        assertThatThrownBy(() -> await(s.startAsync()))
                .isInstanceOfSatisfying(SessionBackendException.class, e -> assertThat(e.retryable())
                        .isFalse())
                .hasMessageContaining("reap");
        assertThat(glue.calls("CreateSession")).isEqualTo(1);
    }

    @Test
    @DisplayName("whoami failing with a configured role tags owner=<access key id>; without a role it fails")
    void whoamiFailure() throws Exception {
        sts.failWith = "ExpiredTokenException";
        glue.credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEKEY0001", "not-a-real-secret"));
        InteractiveSession s = started();
        assertThat(glue.created.get(0).tags())
                .containsEntry("owner", "AKIAFAKEKEY0001")
                .containsEntry("created-by", "glivy");
        await(s.closeAsync());
        InteractiveSession noRole = InteractiveSession.builder()
                .transport(transport)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .build();
        assertThatThrownBy(() -> await(noRole.startAsync()))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("GetCallerIdentity")
                .hasMessageContaining("credentials");
    }

    @Test
    @DisplayName("whoami failing and no access key id: no session is created without an owner tag")
    void noOwnerNoSession() {
        sts.failWith = "ExpiredTokenException";
        InteractiveSession s = InteractiveSession.builder()
                .transport(transport)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .config(c -> c.iamRole(ROLE))
                .build();
        assertThatThrownBy(() -> await(s.startAsync()))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("GetCallerIdentity");
        assertThat(glue.calls("CreateSession")).isZero();
    }

    @Test
    @DisplayName("a configured owner tags sessions without asking STS, and the reaper matches it without STS")
    void configuredOwner() throws Exception {
        try (GlueTransport team = GlueTransport.builder()
                        .clientConfig(aws)
                        .clock(time.clock())
                        .owner("team-data")
                        .build();
                GlueAdmin teamAdmin = GlueAdmin.builder()
                        .clientConfig(aws)
                        .runtime(runtime)
                        .owner("team-data")
                        .build()) {
            InteractiveSession s = InteractiveSession.builder()
                    .transport(team)
                    .runtime(runtime)
                    .useEnvironment(false)
                    .stopOnJvmShutdown(false)
                    .config(c -> c.iamRole(ROLE))
                    .build();
            await(s.startAsync());
            assertThat(glue.created.get(0).tags()).containsEntry("owner", "team-data");
            assertThat(sts.calls.get()).isZero();
            sts.failWith = "ExpiredTokenException";
            glue.createSession(r -> r.id("theirs").role(ROLE).tags(Map.of("created-by", "glivy", "owner", "AIDAX")));
            time.advance(Duration.ofHours(2));
            ReapReport report = blocking(() -> teamAdmin.reap(Duration.ofHours(1)));
            assertThat(report.stopped()).containsExactly(s.id().orElseThrow());
            assertThat(glue.sessions.get("theirs").build().statusAsString()).isEqualTo("READY");
        }
    }

    @Test
    @DisplayName("without STS the reaper matches the access key id, or an explicit owner, deriving ARNs from roles")
    void reaperWithoutSts() throws Exception {
        sts.failWith = "ExpiredTokenException";
        glue.credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEKEY0001", "not-a-real-secret"));
        String mine = started().id().orElseThrow();
        glue.createSession(r -> r.id("other").role(ROLE).tags(Map.of("created-by", "glivy", "owner", "AIDAX")));
        time.advance(Duration.ofHours(2));
        ReapReport dry = blocking(() -> admin.reap(ReapOptions.builder()
                .olderThan(Duration.ofHours(1))
                .dryRun(true)
                .build()));
        assertThat(dry.candidates()).extracting(dev.glivy.SessionInfo::id).containsExactly(mine);
        ReapReport theirs = blocking(() -> admin.reap(ReapOptions.builder()
                .olderThan(Duration.ofHours(1))
                .owner("AIDAX")
                .build()));
        assertThat(theirs.stopped()).containsExactly("other");
        assertThat(glue.sessions.get(mine).build().statusAsString()).isEqualTo("READY");
        assertThat(glue.tagArns).contains("arn:aws:glue:us-east-1:123456789012:session/other");
    }

    @Test
    @DisplayName("closing the transport stops the sessions it created; their close() then succeeds")
    void closingTheTransportStopsItsSessions() throws Exception {
        InteractiveSession s = started();
        String id = s.id().orElseThrow();
        transport.close();
        time.advance(Duration.ofSeconds(1));
        assertThat(glue.calls("StopSession")).isEqualTo(1);
        assertThat(glue.sessions.get(id).build().statusAsString()).isIn("STOPPING", "STOPPED");
        await(s.closeAsync());
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        assertThat(glue.calls("StopSession")).isEqualTo(1);
        assertThatThrownBy(() -> await(transport.stopSession("not-mine")))
                .hasMessageContaining("not-mine")
                .hasMessageContaining("closed");
    }

    /**
     * Runs a blocking call on another thread while virtual time moves on in 10 ms steps, each taken only while that
     * thread waits (so a busy machine that is slow to run it cannot make virtual time outrun it), at most one virtual
     * hour and 2 real minutes (then the test fails instead of spinning until the JUnit timeout).
     */
    private <T> T blocking(java.util.function.Supplier<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        f.complete(call.get());
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                },
                "blocking-call");
        worker.setDaemon(true);
        worker.start();
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        for (int step = 0; !f.isDone(); ) {
            Thread.State st = worker.getState();
            if (st != Thread.State.WAITING && st != Thread.State.TIMED_WAITING) {
                if (System.nanoTime() > giveUp) { // a call that never waits (or never ends) fails, not spins on
                    worker.interrupt();
                    throw new AssertionError("the call neither returned nor waited within 2 minutes");
                }
                Thread.onSpinWait();
                continue;
            }
            if (step++ == 360_000) {
                worker.interrupt();
                throw new AssertionError("the call did not return within one virtual hour");
            }
            time.advance(Duration.ofMillis(10));
        }
        return f.get();
    }

    @Test
    @DisplayName("the reaper stops only Glivy sessions of this caller older than the cut-off (virtual clock)")
    void reaper() throws Exception {
        String old = started().id().orElseThrow();
        glue.createSession(r -> r.id("other").role(ROLE).tags(Map.of("created-by", "glivy", "owner", "AIDAX")));
        time.advance(Duration.ofHours(2));
        String young = started().id().orElseThrow();
        ReapReport report = blocking(() -> admin.reap(Duration.ofHours(1)));
        assertThat(report.stopped()).containsExactly(old);
        assertThat(glue.sessions.get(young).build().statusAsString()).isEqualTo("READY");
        assertThat(glue.sessions.get("other").build().statusAsString()).isEqualTo("READY");
    }

    @Test
    @DisplayName("%status: tags and dashboard link are best effort; a denied one becomes a note")
    void status() throws Exception {
        String id = started().id().orElseThrow();
        glue.failNext("GetDashboardUrl", "AccessDeniedException");
        GlueSessionStatus st = blocking(() -> admin.status(id));
        assertThat(st.tags()).containsEntry("created-by", "glivy");
        assertThat(st.dashboardUrl()).isEmpty();
        assertThat(st.notes()).singleElement().asString().contains("dashboard").contains("AccessDenied");
        assertThat(List.of(st.describe().split("\n"))).anyMatch(l -> l.startsWith("Note: dashboard"));
    }

    @Test
    @DisplayName("GlueAdmin retries with the configuration's RetryPolicy on the runtime's clock, not a fixed default")
    void adminUsesTheUsersRetryPolicy() throws Exception {
        dev.glivy.config.RetryPolicy three = dev.glivy.config.RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofSeconds(1))
                .build();
        try (GlueAdmin patient = GlueAdmin.builder()
                        .clientConfig(aws.toBuilder().retryPolicy(three).build())
                        .runtime(runtime)
                        .build();
                GlueAdmin impatient = GlueAdmin.builder()
                        .clientConfig(aws.toBuilder()
                                .retryPolicy(dev.glivy.config.RetryPolicy.none())
                                .build())
                        .runtime(runtime)
                        .build()) {
            glue.failNext("ListSessions", "ThrottlingException");
            glue.failNext("ListSessions", "ThrottlingException");
            Duration before = time.elapsed();
            assertThat(blocking(() -> patient.listSessions(Map.of()))).isEmpty();
            assertThat(glue.calls("ListSessions")).isEqualTo(3);
            assertThat(time.elapsed().minus(before))
                    .as("two backoffs, on virtual time")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            glue.failNext("ListSessions", "ThrottlingException");
            assertThatThrownBy(() -> blocking(() -> impatient.listSessions(Map.of())))
                    .hasCauseInstanceOf(SessionBackendException.class)
                    .hasMessageContaining("ThrottlingException");
            assertThat(glue.calls("ListSessions")).isEqualTo(4);
        }
    }
}
