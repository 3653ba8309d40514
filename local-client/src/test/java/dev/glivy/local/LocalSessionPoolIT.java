package dev.glivy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.SessionPool;
import dev.glivy.SessionStateException;
import dev.glivy.StatementResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A session pool over real local Spark sessions, leased from several threads at once. */
class LocalSessionPoolIT {
    private static LocalTransport transport;
    private static SessionPool pool;

    @BeforeAll
    static void start() {
        transport = LocalTransport.create();
        pool = SessionPool.builder()
                .sessions(LocalSessions.over(transport))
                .minIdle(1)
                .maxSessions(2)
                .leaseTimeout(Duration.ofMinutes(3))
                .build();
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    @DisplayName("8 threads share 2 sessions; each lease sees only its own state between its statements")
    void threadsShareTwoSessions() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Set<String> sessionIds = ConcurrentHashMap.newKeySet();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String who = "caller" + i;
                results.add(threads.submit(() -> {
                    try (SessionPool.Lease lease = pool.lease()) {
                        sessionIds.add(lease.session().id().orElseThrow());
                        lease.session().execute("var owner = \"" + who + "\"");
                        // another lease writing owner on this session in between would show here
                        StatementResult r = lease.session().execute("Thread.sleep(50)\nowner");
                        long n = lease.session()
                                .sql("select count(*) as n from range(" + (10 + who.length()) + ")")
                                .row(0)
                                .getLong("n");
                        return r.text() + "|" + n;
                    }
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get(5, TimeUnit.MINUTES))
                        .contains("caller" + i)
                        .endsWith("|17");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(sessionIds).hasSizeBetween(1, 2);
        SessionPool.Stats s = pool.stats();
        assertThat(s.started()).isLessThanOrEqualTo(2);
        // every lease's close() has returned: none counts as leased, whether its session is idle yet or not
        assertThat(s.leased()).isZero();
        assertThat(s.leases()).isGreaterThanOrEqualTo(8);
    }

    @Test
    @DisplayName("returning a lease with a Spark job running cancels it; the next lease gets the session soon after")
    void returnWithRunningJob() throws Exception {
        String id;
        CompletableFuture<StatementResult> job;
        try (SessionPool.Lease lease = pool.lease()) {
            id = lease.session().id().orElseThrow();
            job = lease.session()
                    .executeAsync("sc.parallelize(1 to 2, 2).map { x => Thread.sleep(120000); x }.count()");
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (lease.session().history().stream().noneMatch(r -> r.statementId() != null)) {
                assertThat(System.nanoTime())
                        .as("statement submitted within 2 minutes")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        assertThat(job).isCancelled();
        long t0 = System.nanoTime();
        try (SessionPool.Lease next = leaseOf(id)) {
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(90));
            assertThat(next.session().execute("1 + 1").text()).contains("2");
        }
    }

    /** Leases until the pool hands out session {@code id} (the pool may hold a second one), returning the others. */
    private static SessionPool.Lease leaseOf(String id) {
        List<SessionPool.Lease> others = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SessionPool.Lease l = pool.lease(Duration.ofMinutes(2));
                if (l.session().id().orElseThrow().equals(id)) {
                    return l;
                }
                others.add(l);
            }
            throw new AssertionError("session " + id + " was not handed out again");
        } finally {
            others.forEach(SessionPool.Lease::close);
        }
    }

    @Test
    @DisplayName("a returned lease refuses further statements")
    void returnedLeaseRefuses() {
        SessionPool.Lease lease = pool.lease();
        lease.close();
        assertThatThrownBy(() -> lease.session().execute("1"))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("returned to the pool");
    }
}
