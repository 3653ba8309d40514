package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.SessionTransportException;
import dev.glivy.livy.fake.BadLivyServer;
import dev.glivy.livy.fake.BadLivyServer.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Glivy against a loopback "bad Livy" ({@link BadLivyServer}) reproducing each bad answer of issue 17: trickled
 * bytes, huge bodies (declared and chunked), redirects to another port carrying credentials, an id-less create
 * answer, 405 and 501 to {@code POST /sessions}, HTML pages. Each test times every call against its deadline plus
 * {@link #MARGIN}, and ends by checking that the server deleted every session it created (no session left running)
 * and that Glivy never sent a second create without finding the first.
 */
@DisplayName("Bad Livy answers: every call bounded, clear errors, no credentials elsewhere, no session left running")
class BadLivyIT {
    /** What a call may take beyond its deadline on a loaded 2-core machine. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private static final String PASSWORD = "pw-BADLIVY-secret";
    private static final String API_KEY = "key-BADLIVY-secret";

    private BadLivyServer livy;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        livy = new BadLivyServer();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        livy.close();
    }

    private LivyTransportBuilder transport() {
        return LivyTransport.builder()
                .url(livy.url())
                .auth(LivyAuth.basic("alice", PASSWORD))
                .header("X-Api-Key", API_KEY);
    }

    private InteractiveSession session(LivyTransportBuilder transport, Duration startTimeout) {
        InteractiveSession s = InteractiveSession.builder()
                .transport(transport)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .startTimeout(startTimeout)
                .closeTimeout(Duration.ofSeconds(10))
                .retryPolicy(r ->
                        r.maxAttempts(3).initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(200)))
                .build();
        toClose.add(s);
        return s;
    }

    /** Runs {@code call}, asserts it ended within {@code limit} plus the margin, and returns what it threw. */
    private static Throwable failsWithin(Duration limit, ThrowingRunnable call) {
        long t0 = System.nanoTime();
        Throwable e = catchThrowable(call::run);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took)
                .as("the call took %s; its deadline is %s", took, limit)
                .isLessThanOrEqualTo(limit.plus(MARGIN));
        assertThat(e).as("the call was expected to fail").isNotNull();
        return e instanceof ExecutionException ee && ee.getCause() != null ? ee.getCause() : e;
    }

    private static void within(Duration limit, ThrowingRunnable call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took)
                .as("the call took %s; its deadline is %s", took, limit)
                .isLessThanOrEqualTo(limit.plus(MARGIN));
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Closes {@code s} within its close timeout and checks that every session the server made was deleted. */
    private void closeAndCheckNoneLeft(InteractiveSession s) throws Exception {
        within(Duration.ofSeconds(10), s::close);
        assertThat(BadLivyServer.eventually(
                        Duration.ofSeconds(10), () -> livy.running().isEmpty()))
                .as("sessions left running: %s", livy.running())
                .isTrue();
        assertThat(livy.deletes()).isEqualTo(livy.creates());
    }

    // ------------------------------------------------------------------ trickled bytes

    @Test
    @DisplayName("a readiness poll trickled 1 byte / 2 s: start() fails at startTimeout (8 s) + grace, "
            + "the session is deleted")
    void trickledPoll() throws Exception {
        livy.sessionState("starting")
                .answer("GET /sessions/{id}", Answer.TRICKLE)
                .answer("GET /sessions/{id}/state", Answer.TRICKLE);
        Duration start = Duration.ofSeconds(8);
        InteractiveSession s = session(transport(), start);
        Throwable e = failsWithin(start.plusSeconds(1), s::start);
        assertThat(e).isInstanceOf(SessionTimeoutException.class).hasMessageContaining("8 seconds");
        assertThat(livy.creates()).isEqualTo(1);
        closeAndCheckNoneLeft(s);
    }

    @Test
    @DisplayName("a create answer trickled 1 byte / 2 s: start() fails at its deadline, the request is aborted, "
            + "the session is found by its name and deleted")
    void trickledCreate() throws Exception {
        livy.answer("POST /sessions", Answer.TRICKLE);
        Duration start = Duration.ofSeconds(6);
        InteractiveSession s = session(transport(), start);
        Throwable e = failsWithin(start.plusSeconds(1), s::start);
        assertThat(e).isInstanceOf(SessionTimeoutException.class).hasMessageContaining("create included");
        assertThat(BadLivyServer.eventually(Duration.ofSeconds(10), () -> livy.deletes() == 1))
                .isTrue();
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        closeAndCheckNoneLeft(s);
    }

    @Test
    @DisplayName("close() while POST /sessions is unanswered: the create is aborted, its session found by its name "
            + "and deleted, and the waiting start fails promptly")
    void closeWhileTheCreateIsUnanswered() throws Exception {
        livy.answer("POST /sessions", Answer.NEVER);
        InteractiveSession s = session(transport(), Duration.ofMinutes(5));
        CompletableFuture<InteractiveSession> start = s.startAsync();
        assertThat(BadLivyServer.eventually(Duration.ofSeconds(20), () -> livy.creates() == 1))
                .isTrue();
        closeAndCheckNoneLeft(s);
        failsWithin(Duration.ofSeconds(1), () -> start.get(30, TimeUnit.SECONDS));
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
    }

    @Test
    @DisplayName("callTimeout bounds one trickled call whatever the per-read timeout: 3 s, aborted, retryable")
    void callTimeoutBoundsATrickledCall() throws Exception {
        livy.answer("GET /sessions/{id}", Answer.TRICKLE);
        LivyTransport t = transport()
                .serverVersion("0.8.0")
                .callTimeout(Duration.ofSeconds(3))
                .build();
        toClose.add(t);
        Throwable e = failsWithin(Duration.ofSeconds(3), () -> t.getSession("0").get(30, TimeUnit.SECONDS));
        assertThat(e)
                .isInstanceOf(SessionTransportException.class)
                .hasMessageContaining("callTimeout")
                .hasMessageContaining("3 seconds")
                .hasMessageContaining("aborted");
        assertThat(((SessionTransportException) e).retryable()).isTrue();
    }

    @Test
    @DisplayName("a closed port: start fails promptly, saying how many attempts were made over how long")
    void closedPort() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        InteractiveSession s = session(LivyTransport.builder().url("http://127.0.0.1:" + port), Duration.ofMinutes(1));
        Throwable e = failsWithin(Duration.ofSeconds(2), s::start);
        assertThat(e)
                .isInstanceOf(SessionTransportException.class)
                .hasMessageContaining("did not reach Livy")
                .hasMessageContaining("Gave up after 3 attempts over")
                .hasMessageContaining("RetryPolicy.maxAttempts");
        s.close();
    }

    // ------------------------------------------------------------------ huge bodies

    @Test
    @DisplayName("a 100 MiB declared answer over the 64 KiB cap fails at once naming the cap; almost nothing is read")
    void hugeDeclared() throws Exception {
        livy.answer("GET /sessions/{id}", Answer.HUGE_DECLARED);
        LivyTransport t =
                transport().serverVersion("0.8.0").maxResponseSize(64 * 1024).build();
        toClose.add(t);
        Throwable e = failsWithin(Duration.ofSeconds(1), () -> t.getSession("0").get(30, TimeUnit.SECONDS));
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("104857600 bytes")
                .hasMessageContaining("65536-byte cap")
                .hasMessageContaining("maxResponseSize");
        assertThat(((SessionBackendException) e).retryable()).isFalse();
        // the connection was dropped unread: the server could write only what the socket buffers hold
        assertThat(livy.hugeBytesWritten()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    @DisplayName("a chunked 100 MiB answer without a length fails once the cap is passed; the rest is never read")
    void hugeChunked() throws Exception {
        livy.answer("GET /sessions/{id}", Answer.HUGE_CHUNKED);
        LivyTransport t =
                transport().serverVersion("0.8.0").maxResponseSize(64 * 1024).build();
        toClose.add(t);
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        Throwable e = failsWithin(Duration.ofSeconds(1), () -> t.getSession("0").get(30, TimeUnit.SECONDS));
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("larger than 65536 bytes")
                .hasMessageContaining("maxResponseSize");
        assertThat(livy.hugeBytesWritten()).isLessThan(32L * 1024 * 1024);
        // a body buffered whole would have grown the heap by 100 MiB or more; GC can only make the delta smaller
        assertThat(after - before).isLessThan(64L * 1024 * 1024);
    }

    @Test
    @DisplayName("a huge create answer (over the default 8 MiB cap) is refused, the session found by its name, "
            + "used and deleted: one create only")
    void hugeCreateAnswer() throws Exception {
        livy.answer("POST /sessions", Answer.HUGE_DECLARED);
        InteractiveSession s = session(transport(), Duration.ofSeconds(20));
        within(Duration.ofSeconds(20), s::start);
        assertThat(s.id()).isPresent();
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        assertThat(livy.creates()).isEqualTo(1);
        closeAndCheckNoneLeft(s);
    }

    // ------------------------------------------------------------------ redirects

    @Test
    @DisplayName("redirects to another port are not followed: that port never sees a request, Authorization or "
            + "the API key; the error names the target")
    void redirectsElsewhere() throws Exception {
        try (BadLivyServer other = new BadLivyServer()) {
            livy.answer("*", Answer.REDIRECT).redirectTo(other.url());
            InteractiveSession s = session(transport(), Duration.ofSeconds(20));
            Throwable e = failsWithin(Duration.ofSeconds(2), s::start);
            assertThat(e)
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageContaining("302")
                    .hasMessageContaining("redirect to '" + other.url())
                    .hasMessageContaining("not follow")
                    .hasMessageNotContaining(PASSWORD)
                    .hasMessageNotContaining(API_KEY);
            assertThat(((SessionBackendException) e).retryable()).isFalse();

            LivyTransport t = transport().serverVersion("0.8.0").build();
            toClose.add(t);
            Throwable g =
                    failsWithin(Duration.ofSeconds(1), () -> t.getSession("2").get(30, TimeUnit.SECONDS));
            assertThat(g).isInstanceOf(SessionBackendException.class).hasMessageContaining("redirect");

            assertThat(other.requests()).isEmpty();
            // the credentials went to the configured server only
            assertThat(livy.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.header("Authorization")).startsWith("Basic ");
                assertThat(r.header("X-Api-Key")).isEqualTo(API_KEY);
            });
            closeAndCheckNoneLeft(s);
            assertThat(other.requests()).isEmpty();
        }
    }

    @Test
    @DisplayName("a redirected POST /sessions is not replayed as a GET; nothing is created anywhere")
    void redirectedCreate() throws Exception {
        try (BadLivyServer other = new BadLivyServer()) {
            livy.answer("POST /sessions", Answer.REDIRECT).redirectTo(other.url());
            InteractiveSession s = session(transport(), Duration.ofSeconds(20));
            Throwable e = failsWithin(Duration.ofSeconds(2), s::start);
            assertThat(e)
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageContaining("redirect")
                    .isNotInstanceOf(IllegalArgumentException.class);
            assertThat(livy.requests("POST", "/sessions")).hasSize(1);
            assertThat(other.requests()).isEmpty();
            assertThat(livy.creates()).isZero();
            closeAndCheckNoneLeft(s);
        }
    }

    // ------------------------------------------------------------------ id-less create

    @Test
    @DisplayName(
            "a create answer without an id: the session is found by its name (no second create), used and " + "deleted")
    void idlessCreate() throws Exception {
        livy.answer("POST /sessions", Answer.NO_ID);
        InteractiveSession s = session(transport(), Duration.ofSeconds(20));
        within(Duration.ofSeconds(20), s::start);
        assertThat(s.id()).hasValue("0");
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        assertThat(livy.requests("GET", "/sessions")).isNotEmpty();
        closeAndCheckNoneLeft(s);
        assertThat(livy.creates()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ not Livy

    @Test
    @DisplayName("405 to POST /sessions: a prompt, not retried error with the 'is this a Livy server?' hint")
    void methodNotAllowed() throws Exception {
        livy.answer("POST /sessions", Answer.METHOD_NOT_ALLOWED);
        InteractiveSession s = session(transport(), Duration.ofSeconds(20));
        Throwable e = failsWithin(Duration.ofSeconds(2), s::start);
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("HTTP 405")
                .hasMessageContaining("Is this a Livy server? Check the URL path");
        assertThat(((SessionBackendException) e).statusCode()).isEqualTo(405);
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        assertThat(livy.creates()).isZero();
        closeAndCheckNoneLeft(s);
    }

    @Test
    @DisplayName("501 to POST /sessions is reported as the 501 with the hint, not as a later lookup's 404")
    void notImplemented() throws Exception {
        livy.answer("POST /sessions", Answer.NOT_IMPLEMENTED);
        InteractiveSession s = session(transport(), Duration.ofSeconds(20));
        Throwable e = failsWithin(Duration.ofSeconds(2), s::start);
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("HTTP 501")
                .hasMessageContaining("does not implement POST /sessions")
                .hasMessageContaining("Is this a Livy server?")
                .hasMessageNotContaining("404");
        assertThat(((SessionBackendException) e).statusCode()).isEqualTo(501);
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        closeAndCheckNoneLeft(s);
    }

    @Test
    @DisplayName("an HTML page for every call (a web server, not Livy): start fails promptly with the hint, one "
            + "create sent")
    void htmlEverywhere() throws Exception {
        livy.answer("*", Answer.HTML);
        InteractiveSession s = session(transport(), Duration.ofSeconds(20));
        Throwable e = failsWithin(Duration.ofSeconds(5), s::start);
        assertThat(e)
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("without a session id")
                .hasMessageContaining("Is this a Livy server?");
        assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        closeAndCheckNoneLeft(s);
    }
}
