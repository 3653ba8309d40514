package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.SessionTimeoutException;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.testkit.DelegatingTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Calls the backend never answers: the start deadline holds (create and readiness poll included) and cancels the
 * call in flight, a create that never answered is found by its client token and stopped, and a session that died
 * after start is stopped on close. Virtual time.
 */
class UnansweredCallsTest {
    private final EngineHarness h = new EngineHarness();
    private final List<CompletableFuture<?>> hung = new ArrayList<>();
    private volatile boolean hangCreate;
    private volatile boolean hangPolls;

    /** Forwards to the fake, but the create (made at the fake) or the readiness polls never answer when asked to. */
    private final DelegatingTransport silent = new DelegatingTransport(h.fake) {
        @Override
        public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
            CompletableFuture<SessionInfo> real = super.createSession(request);
            return hangCreate ? hang() : real;
        }

        @Override
        public CompletableFuture<SessionInfo> getSession(String sessionId) {
            return hangPolls ? hang() : super.getSession(sessionId);
        }
    };

    private <T> CompletableFuture<T> hang() {
        CompletableFuture<T> f = new CompletableFuture<>();
        synchronized (hung) {
            hung.add(f);
        }
        return f;
    }

    private InteractiveSession session(Duration startTimeout) {
        return h.builder().transport(silent).startTimeout(startTimeout).build();
    }

    @Test
    void anUnansweredCreateFailsStartAtTheDeadlineIsCancelledAndItsSessionIsFoundAndStopped() throws Throwable {
        hangCreate = true;
        InteractiveSession s = session(Duration.ofSeconds(8));
        Throwable e = h.failure(s.startAsync());
        assertThat(e)
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("8 seconds")
                .hasMessageContaining("create included");
        assertThat(h.time.elapsed())
                .isLessThanOrEqualTo(Duration.ofSeconds(8).plus(SessionLaunch.startGrace(Duration.ofSeconds(8))));
        assertThat(hung).singleElement().satisfies(f -> assertThat(f.isCancelled())
                .isTrue());
        h.time.advance(Duration.ofSeconds(1));
        assertThat(h.fake.sessionsCreated()).isEqualTo(1);
        assertThat(h.fake.calls("findSession")).isEqualTo(1);
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
        h.await(s.closeAsync());
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
    }

    @Test
    void aReadinessPollInFlightAtTheDeadlineIsCancelledAndTheSessionStoppedOnce() throws Throwable {
        hangPolls = true;
        InteractiveSession s = session(Duration.ofSeconds(8));
        Throwable e = h.failure(s.startAsync());
        assertThat(e).isInstanceOf(SessionTimeoutException.class);
        assertThat(h.time.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(9));
        assertThat(hung).isNotEmpty().allSatisfy(f -> assertThat(f.isDone()).isTrue());
        h.time.advance(Duration.ofSeconds(1));
        h.await(s.closeAsync());
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
    }

    @Test
    void closingWhileTheCreateIsUnansweredAbortsItFindsTheSessionByItsTokenAndStopsIt() {
        hangCreate = true;
        InteractiveSession s = session(Duration.ofMinutes(10));
        CompletableFuture<InteractiveSession> start = s.startAsync();
        h.time.advance(Duration.ofSeconds(2));
        assertThat(hung).hasSize(1);
        CompletableFuture<Void> close = s.closeAsync();
        h.time.advance(Duration.ofSeconds(1));
        assertThat(close).isCompleted();
        assertThat(start).isCompletedExceptionally();
        assertThat(hung.get(0).isCancelled()).isTrue();
        assertThat(h.fake.calls("findSession")).isEqualTo(1);
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
    }

    @Test
    void aSessionThatDiesAfterStartIsStoppedOnCloseLikeOneThatDiesWhileStarting() throws Throwable {
        h.fake.startDelay(Duration.ZERO);
        InteractiveSession s = session(Duration.ofMinutes(1));
        h.await(s.startAsync());
        String id = s.id().orElseThrow();
        h.fake.killSession(id, "the driver ran out of memory");
        h.await(s.infoAsync());
        assertThat(s.state()).isEqualTo(SessionState.FAILED);
        h.await(s.closeAsync());
        assertThat(h.fake.calls("stopSession")).isEqualTo(1);
    }

    @Test
    void anUnansweredCreateWhoseSessionIsFoundAtOnceAsLivysFirstSessionIsStopped() throws Throwable {
        // "0" (Livy's first session id) hashes into the same ConcurrentHashMap bin as the key of the
        // unanswered-create stop; a lookup answered at once used to nest the two updates ("Recursive update")
        List<String> stopped = new ArrayList<>();
        DelegatingTransport zero = new DelegatingTransport(h.fake) {
            @Override
            public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
                return hang();
            }

            @Override
            public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
                return CompletableFuture.completedFuture(Optional.of(SessionInfo.builder()
                        .id("0")
                        .backend(h.fake.backend())
                        .state(SessionState.STARTING)
                        .build()));
            }

            @Override
            public CompletableFuture<Void> stopSession(String sessionId) {
                synchronized (stopped) {
                    stopped.add(sessionId);
                }
                return CompletableFuture.completedFuture(null);
            }
        };
        InteractiveSession s =
                h.builder().transport(zero).startTimeout(Duration.ofMinutes(10)).build();
        CompletableFuture<InteractiveSession> start = s.startAsync();
        h.time.advance(Duration.ofSeconds(1));
        h.await(s.closeAsync());
        assertThat(start).isCompletedExceptionally();
        assertThat(stopped).containsExactly("0");
    }
}
