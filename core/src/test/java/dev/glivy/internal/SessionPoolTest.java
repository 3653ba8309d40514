package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.SessionLostException;
import dev.glivy.SessionPool;
import dev.glivy.SessionRuntime;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementResult;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import dev.glivy.testkit.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The session pool on virtual time over the fake backend: nothing sleeps, every instant is the test's. */
class SessionPoolTest {
    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = SessionRuntime.builder()
            .scheduler(time)
            .executor(time)
            .clock(time.clock())
            .random(new Random(7))
            .build();
    private final FakeSessionTransport fake = new FakeSessionTransport(time.clock())
            .startDelay(Duration.ofSeconds(2))
            .statementDuration(Duration.ofMillis(100));

    private SessionBuilder sessions(SessionTransport transport) {
        return InteractiveSession.builder()
                .transport(transport)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false);
    }

    private SessionPool pool(Consumer<SessionPool.Builder> change) {
        SessionPool.Builder b = SessionPool.builder().sessions(sessions(fake)).runtime(runtime);
        change.accept(b);
        return b.build();
    }

    private <T> T await(CompletableFuture<T> f) throws Throwable {
        try {
            return time.await(f, Duration.ofHours(3));
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private Throwable failure(CompletableFuture<?> f) {
        try {
            time.await(f, Duration.ofHours(3));
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    private static String id(SessionPool.Lease lease) {
        return lease.session().id().orElseThrow();
    }

    @Test
    @DisplayName("100 callers share 5 sessions: served in call order, never two leases' statements interleaved")
    void contention() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(5));
        List<Integer> grantOrder = new CopyOnWriteArrayList<>();
        Map<Integer, String> sessionOf = new LinkedHashMap<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int caller = i;
            done.add(pool.leaseAsync(Duration.ofMinutes(30)).thenCompose(lease -> {
                grantOrder.add(caller);
                synchronized (sessionOf) {
                    sessionOf.put(caller, id(lease));
                }
                CompletableFuture<StatementResult> a = lease.session().executeAsync("c" + caller + "-a");
                CompletableFuture<StatementResult> b = lease.session().executeAsync("c" + caller + "-b");
                return CompletableFuture.allOf(a, b).whenComplete((v, e) -> lease.close());
            }));
        }
        assertThat(pool.stats().waiting()).isEqualTo(100);
        await(CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])));

        assertThat(fake.sessionsCreated()).isEqualTo(5);
        assertThat(grantOrder).hasSize(100).isSorted();
        Set<String> ids = new HashSet<>(sessionOf.values());
        assertThat(ids).hasSize(5);
        for (String sid : ids) {
            List<String> log = fake.executed(sid);
            // each caller's two statements are adjacent: nobody else's statement ran between them
            for (int k = 0; k < log.size(); k += 2) {
                String caller = log.get(k).substring(0, log.get(k).indexOf('-'));
                assertThat(log.get(k)).isEqualTo(caller + "-a");
                assertThat(log.get(k + 1)).isEqualTo(caller + "-b");
                assertThat(sessionOf.get(Integer.parseInt(caller.substring(1)))).isEqualTo(sid);
            }
        }
        SessionPool.Stats s = pool.stats();
        assertThat(s.idle()).isEqualTo(5);
        assertThat(s.leased()).isZero();
        assertThat(s.waiting()).isZero();
        assertThat(s.leases()).isEqualTo(100);
        await(pool.closeAsync());
        assertThat(fake.calls("stopSession")).isEqualTo(5);
    }

    @Test
    @DisplayName("two leases never interleave statements on one session, even with pauses inside a lease")
    void leasesNeverInterleave() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(2));
        Map<String, Integer> holders = new HashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String caller = "c" + i;
            done.add(pool.leaseAsync(Duration.ofMinutes(30)).thenCompose(lease -> {
                String sid = id(lease);
                synchronized (holders) {
                    if (holders.merge(sid, 1, Integer::sum) > 1) {
                        overlaps.add(caller + " on " + sid);
                    }
                }
                InteractiveSession s = lease.session();
                // a pause between the two statements leaves room for another holder's statement, were there one
                return s.executeAsync(caller + "-a")
                        .thenCompose(r -> later(Duration.ofSeconds(1)))
                        .thenCompose(v -> s.executeAsync(caller + "-b"))
                        .thenCompose(r -> {
                            synchronized (holders) {
                                holders.merge(sid, -1, Integer::sum);
                            }
                            return lease.closeAsync();
                        });
            }));
        }
        await(CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])));

        assertThat(overlaps).isEmpty();
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        int statements = 0;
        for (String sid : holders.keySet()) {
            List<String> log = fake.executed(sid);
            statements += log.size();
            for (int k = 0; k < log.size(); k += 2) {
                String caller = log.get(k).substring(0, log.get(k).indexOf('-'));
                assertThat(log.subList(k, k + 2)).as("session %s", sid).containsExactly(caller + "-a", caller + "-b");
            }
        }
        assertThat(statements).isEqualTo(40);
        assertThat(pool.stats().leases()).isEqualTo(20);
        await(pool.closeAsync());
    }

    private CompletableFuture<Void> later(Duration d) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        time.schedule(() -> f.complete(null), d.toNanos(), TimeUnit.NANOSECONDS);
        return f;
    }

    @Test
    @DisplayName("an idle session is stopped before its lifetime ends even when it was used recently")
    void evictionBeforeLifetime() throws Throwable {
        SessionPool pool = SessionPool.builder()
                .sessions(sessions(fake).config(c -> c.maxLifetime(Duration.ofMinutes(20))))
                .runtime(runtime)
                .minIdle(1)
                .maxIdleTime(Duration.ofHours(1))
                .build();
        time.advance(Duration.ofSeconds(5));
        String first = fake.listSessions().join().get(0).id();
        // a statement every 5 minutes: the idle timeout (15 minutes from the last one) never comes near
        for (int k = 0; k < 3; k++) {
            time.advance(Duration.ofMinutes(5));
            SessionPool.Lease lease = await(pool.leaseAsync());
            assertThat(id(lease)).isEqualTo(first);
            await(lease.session().executeAsync("work " + k));
            await(lease.closeAsync());
        }
        // the lifetime counts from when the pool asked for the session: stopped a margin (1 minute) before 20 minutes
        time.advance(Duration.ofMinutes(19).minus(time.elapsed()).minusSeconds(1));
        assertThat(fake.calls("stopSession")).isZero();
        time.advance(Duration.ofSeconds(2));
        assertThat(fake.calls("stopSession")).isEqualTo(1);
        assertThat(fake.getSession(first).join().state().isTerminal()).isTrue();
        time.advance(Duration.ofSeconds(5)); // minIdle is kept by a new session
        SessionPool.Lease next = await(pool.leaseAsync());
        assertThat(id(next)).isNotEqualTo(first);
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        await(next.closeAsync());
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("a session lost while leased fails the lease's statement and is replaced, never handed out again")
    void lostWhileLeased() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(1));
        SessionPool.Lease lease = await(pool.leaseAsync());
        String lost = id(lease);
        fake.loseSession(lost);
        assertThat(failure(lease.session().executeAsync("1 + 1"))).isInstanceOf(SessionLostException.class);
        lease.close();
        await(lease.session().closeAsync());

        SessionPool.Lease next = await(pool.leaseAsync());
        assertThat(id(next)).isNotEqualTo(lost);
        assertThat(await(next.session().executeAsync("2 + 2")).text()).isEqualTo("2 + 2");
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        assertThat(pool.stats().stopped()).isEqualTo(1);
        next.close();
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("a session that fails the health check on return is stopped and replaced")
    void failsHealthCheckOnReturn() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(1));
        SessionPool.Lease lease = await(pool.leaseAsync());
        String sick = id(lease);
        fake.killSession(sick, "java.lang.OutOfMemoryError");
        // the statement fails with a backend error: the pool describes the session on return and finds it failed
        failure(lease.session().executeAsync("1 + 1"));
        int describes = fake.calls("getSession");
        lease.close();
        await(lease.session().closeAsync());
        assertThat(fake.calls("getSession")).isGreaterThan(describes);
        assertThat(pool.stats().stopped()).isEqualTo(1);
        assertThat(pool.stats().total()).isZero();

        SessionPool.Lease next = await(pool.leaseAsync());
        assertThat(id(next)).isNotEqualTo(sick);
        next.close();
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("a session that died while idle is found by the check before a lease and never handed out")
    void diedWhileIdle() throws Throwable {
        SessionPool pool = pool(b -> b.minIdle(1).healthCheckAfter(Duration.ofSeconds(30)));
        time.advance(Duration.ofSeconds(5));
        assertThat(pool.stats().idle()).isEqualTo(1);
        String first = fake.listSessions().join().get(0).id();
        fake.killSession(first, "driver died");
        time.advance(Duration.ofSeconds(31));

        SessionPool.Lease lease = await(pool.leaseAsync());
        assertThat(id(lease)).isNotEqualTo(first);
        assertThat(lease.session().state().isReady()).isTrue();
        lease.close();
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("a statement still running at return is cancelled, and the next lease's runs only after it ended")
    void runningStatementAtReturn() throws Throwable {
        fake.cancelDelay(Duration.ofSeconds(5)); // the backend takes 5 s to stop the cancelled statement
        SessionPool pool = pool(b -> b.maxSessions(1));
        SessionPool.Lease first = await(pool.leaseAsync());
        CompletableFuture<StatementResult> slow = first.session().executeAsync("sleep:600000");
        time.advance(Duration.ofSeconds(1));
        CompletableFuture<SessionPool.Lease> second = pool.leaseAsync();
        first.close();
        assertThat(slow).isCancelled();
        assertThatThrownBy(() -> first.session().execute("1"))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("returned to the pool");
        time.advance(Duration.ofSeconds(4));
        assertThat(second).isNotDone(); // the session is handed on only once the cancelled statement ended

        SessionPool.Lease lease2 = await(second);
        assertThat(id(lease2)).isEqualTo(id(first));
        StatementResult r = await(lease2.session().executeAsync("after"));
        assertThat(r.text()).isEqualTo("after");
        String sid = id(lease2);
        assertThat(fake.executed(sid)).containsExactly("sleep:600000", "after");
        assertThat(fake.calls("cancelStatement")).isEqualTo(1);
        assertThat(lease2.session().history()).extracting(StatementResult::code).containsExactly("after");
        assertThat(fake.sessionsCreated()).isEqualTo(1);
        lease2.close();
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("a lease returned the instant its last statement completes is idle again within a millisecond")
    void returnedAsTheStatementCompletes() throws Throwable {
        // an inline executor runs the caller's completion before the engine has recorded the statement as done, the
        // order a busy machine's threads often give: the session still says busy when the lease is returned
        SessionRuntime inline = SessionRuntime.builder()
                .scheduler(time)
                .executor(Runnable::run)
                .clock(time.clock())
                .random(new Random(7))
                .build();
        SessionPool pool = SessionPool.builder()
                .runtime(inline)
                .maxSessions(1)
                .sessions(InteractiveSession.builder()
                        .transport(fake)
                        .runtime(inline)
                        .useEnvironment(false)
                        .stopOnJvmShutdown(false))
                .build();
        SessionPool.Lease lease = await(pool.leaseAsync());
        List<Object> atReturn = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> back = lease.session().executeAsync("1 + 1").thenCompose(r -> {
            atReturn.add(lease.session().state());
            atReturn.add(time.elapsed());
            return lease.closeAsync();
        });
        await(back);
        assertThat(atReturn.get(0)).isEqualTo(SessionState.BUSY);
        assertThat(time.elapsed().minus((Duration) atReturn.get(1))).isLessThanOrEqualTo(PoolHealth.FIRST_LOOK);
        assertThat(pool.stats().idle()).isEqualTo(1);
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("once close() returns the lease is not leased; a session with a statement to cancel is returning")
    void returnedLeaseStopsCountingAtOnce() throws Throwable {
        fake.cancelDelay(Duration.ofSeconds(5)); // the backend takes 5 s to stop the cancelled statement
        SessionPool pool = pool(b -> b.maxSessions(2));
        SessionPool.Lease quiet = await(pool.leaseAsync());
        SessionPool.Lease busy = await(pool.leaseAsync());
        await(quiet.session().executeAsync("done"));
        CompletableFuture<StatementResult> slow = busy.session().executeAsync("sleep:600000");
        time.advance(Duration.ofSeconds(1));
        assertThat(pool.stats().leased()).isEqualTo(2);

        quiet.close(); // nothing running and nothing wrong: idle again before close() returns
        assertThat(pool.stats())
                .extracting(SessionPool.Stats::leased, SessionPool.Stats::returning, SessionPool.Stats::idle)
                .containsExactly(1, 0, 1);
        CompletableFuture<Void> back = busy.closeAsync();
        assertThat(slow).isCancelled();
        assertThat(pool.stats())
                .extracting(
                        SessionPool.Stats::leased,
                        SessionPool.Stats::returning,
                        SessionPool.Stats::idle,
                        SessionPool.Stats::total)
                .containsExactly(0, 1, 1, 2);
        assertThat(pool.stats().toString()).contains("leased=0, returning=1");

        time.advance(Duration.ofSeconds(4));
        assertThat(back).isNotDone(); // the cancelled statement is still running on the backend
        assertThat(pool.stats().returning()).isEqualTo(1);
        CompletableFuture<SessionPool.Lease> next = pool.leaseAsync();
        SessionPool.Lease again = await(next);
        assertThat(id(again)).isEqualTo(id(quiet)); // the idle session is handed out; the returning one is not
        time.advance(Duration.ofSeconds(2));
        assertThat(back).isDone();
        assertThat(pool.stats())
                .extracting(SessionPool.Stats::leased, SessionPool.Stats::returning, SessionPool.Stats::idle)
                .containsExactly(1, 0, 1);
        assertThat(busy.closeAsync()).isDone(); // returning twice: the same outcome, nothing more happens
        again.close();
        assertThat(pool.stats().leased()).isZero();
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("an idle session is stopped before the backend's idle timeout, and minIdle is kept by a new one")
    void evictionBeforeIdleTimeout() throws Throwable {
        SessionPool pool = SessionPool.builder()
                .sessions(sessions(fake).config(c -> c.idleTimeout(Duration.ofMinutes(5))))
                .runtime(runtime)
                .minIdle(1)
                .maxIdleTime(Duration.ofHours(1))
                .build();
        SessionPool.Lease lease = await(pool.leaseAsync());
        String first = id(lease);
        await(lease.session().executeAsync("work"));
        Duration lastStatement = time.elapsed();
        lease.close();
        time.runPending();

        time.advance(Duration.ofMinutes(3));
        assertThat(fake.calls("stopSession")).isZero();
        time.advance(Duration.ofMinutes(1).plusSeconds(1));
        // stopped a margin (1 minute) before the backend's 5 minutes of idleness would have ended it
        assertThat(fake.calls("stopSession")).isEqualTo(1);
        assertThat(fake.getSession(first).join().state().isTerminal()).isTrue();
        assertThat(time.elapsed().minus(lastStatement)).isLessThan(Duration.ofMinutes(5));
        time.advance(Duration.ofSeconds(5));
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        assertThat(pool.stats().idle()).isEqualTo(1);
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("sessions above minIdle are stopped after maxIdleTime; minIdle ones stay until the idle timeout")
    void softEviction() throws Throwable {
        SessionPool pool = pool(b -> b.minIdle(1).maxSessions(3).maxIdleTime(Duration.ofMinutes(2)));
        List<SessionPool.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(await(pool.leaseAsync()));
        }
        leases.forEach(SessionPool.Lease::close);
        time.runPending();
        assertThat(pool.stats().idle()).isEqualTo(3);
        time.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(pool.stats().idle()).isEqualTo(1);
        assertThat(fake.calls("stopSession")).isEqualTo(2);
        // the default idle timeout is 15 minutes: the kept session goes 1 minute before it, and is replaced
        time.advance(Duration.ofMinutes(12));
        assertThat(fake.calls("stopSession")).isEqualTo(3);
        time.advance(Duration.ofSeconds(5));
        assertThat(pool.stats().idle()).isEqualTo(1);
        assertThat(fake.sessionsCreated()).isEqualTo(4);
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("the cost cap limits sessions below maxSessions; waiters get sessions others return")
    void costCap() throws Throwable {
        SessionTransport priced = new DelegatingTransport(fake) {
            @Override
            public Optional<CostRate> costRate(dev.glivy.config.SessionConfig config) {
                return Optional.of(CostRate.of(2, "DPU", 0.44));
            }
        };
        SessionPool pool = SessionPool.builder()
                .sessions(sessions(priced))
                .runtime(runtime)
                .maxSessions(5)
                .maxCostPerHour(2.0)
                .build();
        List<CompletableFuture<SessionPool.Lease>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(pool.leaseAsync(Duration.ofMinutes(1)));
        }
        time.advance(Duration.ofSeconds(10));
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        assertThat(calls.get(0)).isDone();
        assertThat(calls.get(1)).isDone();
        assertThat(calls.get(2)).isNotDone();
        assertThat(pool.stats().usdPerHour()).isCloseTo(1.76, org.assertj.core.data.Offset.offset(1e-9));
        calls.get(0).join().close();
        SessionPool.Lease third = await(calls.get(2));
        assertThat(fake.sessionsCreated()).isEqualTo(2);
        assertThat(failure(calls.get(3)))
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("1.76 of at most 2.00 USD/hour")
                .hasMessageContaining("maxCostPerHour");
        third.close();
        calls.get(1).join().close();
        await(pool.closeAsync());

        SessionPool tooDear = SessionPool.builder()
                .sessions(sessions(priced))
                .runtime(runtime)
                .maxCostPerHour(0.5)
                .build();
        assertThat(failure(tooDear.leaseAsync()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.88 USD/hour, above the pool's maxCostPerHour of 0.50");
        await(tooDear.closeAsync());
    }

    @Test
    @DisplayName("close fails waiters, stops idle sessions at once and leased ones when returned or after the grace")
    void closeWithLeasesOutstanding() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(3).closeGrace(Duration.ofSeconds(30)));
        SessionPool.Lease returnsInTime = await(pool.leaseAsync());
        SessionPool.Lease keeps = await(pool.leaseAsync());
        SessionPool.Lease idleOne = await(pool.leaseAsync());
        idleOne.close();
        time.runPending();
        CompletableFuture<StatementResult> running = keeps.session().executeAsync("sleep:600000");
        time.advance(Duration.ofSeconds(1));

        CompletableFuture<Void> closed = pool.closeAsync();
        time.runPending();
        assertThat(fake.getSession(id(idleOne)).join().state().isTerminal()).isTrue();
        assertThat(fake.calls("stopSession")).isEqualTo(1);
        assertThat(failure(pool.leaseAsync())).isInstanceOf(SessionStateException.class);

        time.advance(Duration.ofSeconds(10));
        assertThat(fake.getSession(id(keeps)).join().state().isTerminal()).isFalse();
        returnsInTime.close();
        time.advance(Duration.ofSeconds(1));
        assertThat(fake.getSession(id(returnsInTime)).join().state().isTerminal())
                .isTrue();
        assertThat(closed).isNotDone();

        time.advance(Duration.ofSeconds(20));
        await(closed);
        assertThat(time.elapsed()).isLessThan(Duration.ofMinutes(1));
        assertThat(fake.calls("stopSession")).isEqualTo(3);
        assertThat(failure(running)).isInstanceOf(SessionStateException.class);
        assertThatThrownBy(() -> keeps.session().execute("1"))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("close grace period");
        keeps.close(); // late return: nothing left to do
        assertThat(pool.stats().total()).isZero();
    }

    @Test
    @DisplayName("close with no grace fails the waiting callers and stops leased sessions at once")
    void closeWithoutGrace() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(1).closeGrace(Duration.ZERO));
        SessionPool.Lease lease = await(pool.leaseAsync());
        CompletableFuture<SessionPool.Lease> waiting = pool.leaseAsync();
        CompletableFuture<StatementResult> running = lease.session().executeAsync("sleep:600000");
        time.advance(Duration.ofSeconds(1));
        CompletableFuture<Void> closed = pool.closeAsync();
        await(closed);
        assertThat(time.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(failure(waiting)).isInstanceOf(SessionStateException.class).hasMessageContaining("closed");
        assertThat(failure(running)).isInstanceOf(SessionStateException.class);
        assertThat(fake.calls("stopSession")).isEqualTo(1);
        assertThat(pool.closeAsync()).isNotSameAs(closed);
    }

    @Test
    @DisplayName("a lease waits at most its deadline, then fails saying what the pool held")
    void leaseDeadline() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(1));
        SessionPool.Lease held = await(pool.leaseAsync());
        CompletableFuture<SessionPool.Lease> waiting = pool.leaseAsync(Duration.ofSeconds(5));
        time.advance(Duration.ofMillis(4_999));
        assertThat(waiting).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(failure(waiting))
                .isInstanceOf(SessionTimeoutException.class)
                .hasMessageContaining("within 5 seconds")
                .hasMessageContaining("1 of at most 1 sessions leased");
        assertThat(((SessionTimeoutException) failure(waiting)).timeout()).isEqualTo(Duration.ofSeconds(5));
        // a cancelled wait leaves the queue: the returned session stays idle for the next caller
        CompletableFuture<SessionPool.Lease> gaveUp = pool.leaseAsync(Duration.ofSeconds(5));
        gaveUp.cancel(true);
        held.close();
        time.runPending();
        assertThat(pool.stats().idle()).isEqualTo(1);
        assertThat(pool.stats().waiting()).isZero();
        assertThatThrownBy(gaveUp::join).isInstanceOf(CancellationException.class);
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("a session that cannot be built or started fails the caller waiting longest with its error")
    void startFailureGoesToTheWaiter() throws Throwable {
        SessionPool pool = SessionPool.builder()
                .runtime(runtime)
                .sessions(() -> {
                    throw new IllegalStateException("No transport chosen");
                })
                .build();
        assertThat(failure(pool.leaseAsync()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No transport chosen");
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("discard stops the session instead of reusing it; a statement cancelled by the caller is no trouble")
    void discardAndCancel() throws Throwable {
        SessionPool pool = pool(b -> b.maxSessions(1));
        SessionPool.Lease lease = await(pool.leaseAsync());
        String first = id(lease);
        CompletableFuture<StatementResult> f = lease.session().executeAsync("sleep:1000");
        time.advance(Duration.ofMillis(10));
        f.cancel(true);
        time.advance(Duration.ofSeconds(1));
        assertThat(f).isCancelled();
        lease.discard();
        await(lease.session().closeAsync());
        assertThat(fake.getSession(first).join().state().isTerminal()).isTrue();
        SessionPool.Lease next = await(pool.leaseAsync());
        assertThat(id(next)).isNotEqualTo(first);
        next.close();
        await(pool.closeAsync());
    }

    @Test
    @DisplayName("builder settings are checked at once and together")
    void builderValidation() {
        assertThatThrownBy(() -> SessionPool.builder().maxSessions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSessions must be > 0 but was 0");
        assertThatThrownBy(() -> SessionPool.builder().maxIdleTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionPool.builder().maxCostPerHour(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionPool.builder().minIdle(3).maxSessions(2).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessions must be set")
                .hasMessageContaining("minIdle (3) must not be above maxSessions (2)");
    }
}
