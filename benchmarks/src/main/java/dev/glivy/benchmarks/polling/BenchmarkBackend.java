package dev.glivy.benchmarks.polling;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CreateSessionRequest;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.StatementPage;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A simulated backend whose statements finish at an exact time of a (virtual) clock: statement {@link #code(int)
 * run i} runs for the {@code i}-th run time of a {@link StatementMix}, reporting progress per a
 * {@link ProgressModel}. Like Livy, the session runs its statements one at a time in submission order: a statement
 * submitted while another runs waits ({@code WAITING}, no start time) until the earlier ones finished, then starts
 * (its {@code startedAt} is that moment). It records when each statement finished on the backend and how often it was
 * polled ({@code getStatement} calls). One always-idle session. Every call succeeds at once on the caller's thread.
 *
 * <p>Thread-safe. Closing it does nothing.
 */
public final class BenchmarkBackend implements SessionTransport {
    /** The id of the one session. */
    static final String SESSION = "bench";

    private static final String PREFIX = "run ";

    private final Clock clock;
    private final StatementMix mix;
    private final ProgressModel progress;
    private final long seed;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private Instant lastEnd = Instant.MIN;

    /**
     * A backend on {@code clock} running {@code mix}; the progress noise of statement {@code i} comes from a
     * {@link Random} seeded with {@code seed} and {@code i}, so it does not depend on who polls or when.
     */
    public BenchmarkBackend(Clock clock, StatementMix mix, ProgressModel progress, long seed) {
        this.clock = clock;
        this.mix = mix;
        this.progress = progress;
        this.seed = seed;
    }

    /** The code that runs statement {@code index} of the mix. */
    public static String code(int index) {
        return PREFIX + index;
    }

    /** When statement {@code id} finished (or will finish) on the backend. */
    public Instant doneAt(String id) {
        return run(id).end;
    }

    /** How often statement {@code id} was polled. */
    public int polls(String id) {
        return run(id).polls;
    }

    private Run run(String id) {
        Run r = runs.get(id);
        if (r == null) {
            throw new IllegalArgumentException("No statement " + id + " was submitted to this backend");
        }
        return r;
    }

    @Override
    public String backend() {
        return "benchmark";
    }

    @Override
    public String endpoint() {
        return "virtual";
    }

    @Override
    public Set<Language> languages() {
        return EnumSet.of(Language.PYTHON);
    }

    @Override
    public Language defaultLanguage() {
        return Language.PYTHON;
    }

    @Override
    public List<String> unsupportedSettings(SessionConfig config) {
        return List.of();
    }

    @Override
    public CompletableFuture<SessionInfo> createSession(CreateSessionRequest request) {
        return CompletableFuture.completedFuture(info());
    }

    @Override
    public CompletableFuture<Optional<SessionInfo>> findSession(CreateSessionRequest request) {
        return CompletableFuture.completedFuture(Optional.of(info()));
    }

    @Override
    public CompletableFuture<SessionInfo> getSession(String sessionId) {
        return known(sessionId) ? CompletableFuture.completedFuture(info()) : lost(sessionId);
    }

    @Override
    public CompletableFuture<List<SessionInfo>> listSessions() {
        return CompletableFuture.completedFuture(List.of(info()));
    }

    @Override
    public CompletableFuture<Void> stopSession(String sessionId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<String> submitStatement(String sessionId, SubmitStatementRequest request) {
        if (!known(sessionId)) {
            return lost(sessionId);
        }
        String code = request.code();
        int index;
        try {
            index = code.startsWith(PREFIX) ? Integer.parseInt(code.substring(PREFIX.length())) : -1;
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= mix.size()) {
            return CompletableFuture.failedFuture(badRequest("Statement code must be 'run <index>' with an index "
                    + "below " + mix.size() + " but was '" + code + "'"));
        }
        String id = Integer.toString(index);
        synchronized (this) {
            if (runs.containsKey(id)) {
                return CompletableFuture.failedFuture(badRequest("Statement " + index + " was already submitted"));
            }
            Instant now = clock.instant();
            Instant start = now.isAfter(lastEnd) ? now : lastEnd;
            long statementSeed = seed * 1_000_003L + index;
            Run fresh = new Run(
                    code,
                    start,
                    mix.duration(index),
                    new Random(statementSeed),
                    new Random(~statementSeed).nextDouble());
            runs.put(id, fresh);
            lastEnd = fresh.end;
        }
        return CompletableFuture.completedFuture(id);
    }

    @Override
    public CompletableFuture<RemoteStatement> getStatement(String sessionId, String statementId) {
        if (!known(sessionId)) {
            return lost(sessionId);
        }
        Run r = runs.get(statementId);
        if (r == null) {
            return CompletableFuture.failedFuture(new SessionBackendException(
                    "Statement " + statementId + " does not exist on the benchmark backend",
                    null,
                    SESSION,
                    backend(),
                    404,
                    "NotFound",
                    null,
                    false));
        }
        synchronized (r) {
            r.polls++;
            return CompletableFuture.completedFuture(r.remote(statementId, clock.instant(), true));
        }
    }

    @Override
    public CompletableFuture<StatementPage> listStatements(String sessionId, @Nullable String pageToken) {
        if (!known(sessionId)) {
            return lost(sessionId);
        }
        Instant now = clock.instant();
        List<Map.Entry<String, Run>> oldestFirst = new ArrayList<>(runs.entrySet());
        oldestFirst.sort(Comparator.comparing((Map.Entry<String, Run> e) -> e.getValue().start)
                .thenComparing(e -> Integer.parseInt(e.getKey())));
        List<RemoteStatement> out = new ArrayList<>();
        for (Map.Entry<String, Run> e : oldestFirst) {
            synchronized (e.getValue()) {
                out.add(e.getValue().remote(e.getKey(), now, false));
            }
        }
        return CompletableFuture.completedFuture(StatementPage.last(out));
    }

    @Override
    public CompletableFuture<Void> cancelStatement(String sessionId, String statementId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static boolean known(String sessionId) {
        return SESSION.equals(sessionId);
    }

    private SessionInfo info() {
        return SessionInfo.builder()
                .id(SESSION)
                .backend(backend())
                .state(SessionState.IDLE)
                .backendState("idle")
                .build();
    }

    private <T> CompletableFuture<T> lost(@Nullable String sessionId) {
        return CompletableFuture.failedFuture(new SessionLostException(
                "Session " + sessionId + " does not exist on the benchmark backend",
                null,
                sessionId,
                backend(),
                SessionState.LOST));
    }

    private SessionBackendException badRequest(String message) {
        return new SessionBackendException(message, null, SESSION, backend(), 400, "BadRequest", null, false);
    }

    /** One submitted statement. */
    private final class Run {
        final String code;
        final Instant start;
        final Instant end;
        final long durationNanos;
        final Random noise;
        final double shape;
        int polls;

        Run(String code, Instant start, Duration duration, Random noise, double shape) {
            this.code = code;
            this.start = start;
            this.end = start.plus(duration);
            this.durationNanos = duration.toNanos();
            this.noise = noise;
            this.shape = shape;
        }

        /** The statement at {@code now}; only polls ({@code report}) draw progress noise. */
        RemoteStatement remote(String id, Instant now, boolean report) {
            RemoteStatement.Builder b = RemoteStatement.builder().id(id).code(code);
            if (now.isBefore(start)) {
                return b.state(StatementState.WAITING).backendState("waiting").build();
            }
            b.startedAt(start);
            if (!now.isBefore(end)) {
                return b.state(StatementState.AVAILABLE)
                        .backendState("available")
                        .completedAt(end)
                        .output(StatementResult.TEXT_PLAIN, "done")
                        .build();
            }
            long elapsed = Duration.between(start, now).toNanos();
            b.state(StatementState.RUNNING).backendState("running");
            if (report) {
                progress.report(elapsed, durationNanos, shape, noise).ifPresent(p -> b.progress(p));
            }
            return b.build();
        }
    }
}
