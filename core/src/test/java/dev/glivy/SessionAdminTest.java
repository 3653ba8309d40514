package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.ManualScheduler;
import dev.glivy.testkit.TransportFaults.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link SessionAdmin} on virtual time: retries, the deadline, ownership of the transport. */
class SessionAdminTest {
    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(time)
            .executor(time)
            .clock(time.clock())
            .build();
    private final FakeSessionTransport fake = new FakeSessionTransport(time.clock()).startDelay(Duration.ZERO);

    @AfterEach
    void close() {
        runtime.close();
    }

    private String create(String token) {
        return fake.createSession(
                        CreateSessionRequest.of(SessionConfig.builder().build(), Language.PYTHON, token))
                .join()
                .id();
    }

    private <T> T settle(CompletableFuture<T> f) throws Exception {
        time.advance(Duration.ofMinutes(5));
        assertThat(f).isDone();
        return f.get();
    }

    @Test
    @DisplayName("lists every session the transport sees, without creating one, and leaves a shared transport open")
    void listsThroughTheTransport() throws Exception {
        String a = create("t-a");
        String b = create("t-b");
        try (SessionAdmin admin =
                SessionAdmin.builder().transport(fake).runtime(runtime).build()) {
            List<SessionInfo> all = settle(admin.listSessionsAsync());
            assertThat(all).extracting(SessionInfo::id).containsExactlyInAnyOrder(a, b);
        }
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        assertThat(fake.calls("listSessions")).isEqualTo(1);
        assertThat(fake.isClosed()).isFalse();
    }

    @Test
    @DisplayName("a throttled listing is retried with the caller's RetryPolicy, up to its attempts")
    void retriesWithTheCallersPolicy() throws Exception {
        create("t-a");
        fake.failNext("listSessions", Fault.THROTTLE);
        fake.failNext("listSessions", Fault.SERVER_ERROR);
        try (SessionAdmin admin = SessionAdmin.builder()
                .transport(fake)
                .runtime(runtime)
                .retryPolicy(r -> r.maxAttempts(3))
                .build()) {
            assertThat(settle(admin.listSessionsAsync())).hasSize(1);
            assertThat(fake.calls("listSessions")).isEqualTo(3);
        }
        fake.failNext("listSessions", Fault.THROTTLE);
        fake.failNext("listSessions", Fault.THROTTLE);
        try (SessionAdmin admin = SessionAdmin.builder()
                .transport(fake)
                .runtime(runtime)
                .retryPolicy(r -> r.maxAttempts(2))
                .build()) {
            CompletableFuture<List<SessionInfo>> f = admin.listSessionsAsync();
            time.advance(Duration.ofMinutes(5));
            assertThatThrownBy(f::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SessionBackendException.class);
            assertThat(fake.calls("listSessions")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("a listing past the deadline fails with SessionTimeoutException and its call is cancelled")
    void theDeadlineBoundsTheCall() {
        CompletableFuture<List<SessionInfo>> never = new CompletableFuture<>();
        DelegatingTransport hanging = new DelegatingTransport(fake) {
            @Override
            public CompletableFuture<List<SessionInfo>> listSessions() {
                return never;
            }
        };
        try (SessionAdmin admin = SessionAdmin.builder()
                .transport(hanging)
                .runtime(runtime)
                .deadline(Duration.ofSeconds(30))
                .build()) {
            CompletableFuture<List<SessionInfo>> f = admin.listSessionsAsync();
            time.advance(Duration.ofSeconds(29));
            assertThat(f).isNotDone();
            time.advance(Duration.ofSeconds(1));
            assertThat(f).isCompletedExceptionally();
            assertThatThrownBy(f::get)
                    .cause()
                    .isInstanceOf(SessionTimeoutException.class)
                    .hasMessageContaining("within 30 seconds");
            assertThat(never).isCancelled();
        }
    }

    @Test
    @DisplayName("a transport built from a factory is the admin's: close() closes it; a closed admin refuses calls")
    void ownsAFactoryBuiltTransport() {
        AtomicInteger built = new AtomicInteger();
        SessionAdmin admin = SessionAdmin.builder()
                .runtime(runtime)
                .transport(() -> {
                    built.incrementAndGet();
                    return fake;
                })
                .build();
        assertThat(built).hasValue(1);
        assertThat(fake.isClosed()).isFalse();
        admin.close();
        admin.close(); // idempotent
        assertThat(fake.isClosed()).isTrue();
        assertThatThrownBy(admin::listSessions)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(fake.calls("listSessions")).isZero();
    }

    @Test
    @DisplayName("the builder refuses what it cannot use")
    void builderChecks() {
        assertThatThrownBy(() -> SessionAdmin.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No transport chosen");
        assertThatThrownBy(() -> SessionAdmin.builder().deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be > 0 but was PT0S");
    }
}
