package dev.glivy.local.internal;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.Watch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local session: its own SparkSession ({@code newSession()} of the shared root: own temporary views, SQL
 * configuration and UDF registrations), its own Scala interpreter, and its statements, run one at a time in
 * submission order ({@link SerialQueue}). The heavy start (Spark, interpreter) runs on the transport's threads while
 * the session reports {@code STARTING}.
 *
 * <p>Thread-safe.
 */
public final class LocalSession {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");
    /** How often a cancelled Scala statement's thread is interrupted while it runs user code. */
    static final Duration INTERRUPT_EVERY = Duration.ofMillis(100);

    private final LocalContext ctx;
    private final String id;
    private final Language language;
    private final Map<String, String> sessionConf;
    private final Instant createdAt;
    private final SerialQueue queue;
    private final SessionLog log = new SessionLog();
    private final Watchers watchers;
    private final TaskIsolation isolation = new TaskIsolation();
    private final List<LocalStatement> statements = new ArrayList<>();
    private SessionState state = SessionState.STARTING;
    private @Nullable String failure;
    private volatile @Nullable SparkSession spark;
    private volatile @Nullable ScalaRepl repl;
    private int running;

    LocalSession(LocalContext ctx, String id, Language language, Map<String, String> sessionConf) {
        this.ctx = ctx;
        this.id = id;
        this.language = language;
        this.sessionConf = Map.copyOf(sessionConf);
        this.createdAt = ctx.clock().instant();
        this.queue = new SerialQueue(ctx.pool());
        this.watchers = new Watchers(id);
    }

    /** The session id. */
    public String id() {
        return id;
    }

    /**
     * Registers {@code listener} for this session's changes: {@code sessionChanged} when it becomes ready, fails or
     * stops, {@code statementChanged} when a statement starts, its Spark jobs progress, it is cancelled or it ends.
     * When the session has already left {@code STARTING}, the listener is told once at once, so a change between
     * the session's creation and this call is never missed.
     */
    public Watch watch(ChangeListener listener) {
        Watch w = watchers.add(listener);
        boolean started;
        synchronized (this) {
            started = state != SessionState.STARTING;
        }
        if (started) {
            watchers.sessionChanged();
        }
        return w;
    }

    /** Queues the start. */
    void start() {
        log("session created (" + language.label() + "); starting Spark session and Scala interpreter");
        queue.submit(this::initialize);
    }

    private void initialize() {
        long t0 = System.nanoTime();
        try {
            synchronized (this) {
                if (state != SessionState.STARTING) {
                    return;
                }
            }
            boolean cold = !ctx.root().started();
            SparkSession root = ctx.root().session();
            if (ctx.root().claimWarmUp()) {
                warmUp(root);
            }
            SparkSession s = root.newSession();
            long t1 = System.nanoTime();
            applyConf(s);
            ScalaRepl r = ScalaRepl.start(s, ctx.root().router(), ctx.classpath(), ctx.appLoader());
            long t2 = System.nanoTime();
            synchronized (this) {
                if (state != SessionState.STARTING) {
                    r.close();
                    return;
                }
                spark = s;
                repl = r;
                state = SessionState.IDLE;
            }
            watchers.sessionChanged();
            log("ready: Spark " + s.version() + " session in " + millis(t0, t1) + " ms"
                    + (cold ? " (Spark started)" : "") + ", Scala interpreter in " + millis(t1, t2) + " ms");
            LOG.debug(
                    "session={} ready in {} ms (spark {} ms{}, interpreter {} ms)",
                    id,
                    millis(t0, t2),
                    millis(t0, t1),
                    cold ? ", cold start" : "",
                    millis(t1, t2));
        } catch (Throwable e) {
            // Any failure to start (Spark, the compiler, the setup code) is the session's failure, reported as FAILED.
            String message = StatementErrors.unwrap(e).toString();
            synchronized (this) {
                if (state == SessionState.STARTING) {
                    state = SessionState.FAILED;
                    failure = message;
                }
            }
            watchers.sessionChanged();
            log("failed to start: " + message);
            LOG.debug("session={} failed to start", id, e);
        }
    }

    /**
     * Runs a tiny query on another transport thread while this session's interpreter starts: the first query in a
     * JVM spends seconds loading and compiling Spark SQL's classes, which then overlaps the interpreter's start
     * instead of delaying the user's first query. Failures only cost the head start.
     */
    private void warmUp(SparkSession root) {
        try {
            ctx.pool().execute(() -> {
                long t0 = System.nanoTime();
                try {
                    SparkSession w = root.newSession();
                    w.sparkContext().setJobGroup("glivy:warm-up", "glivy warm-up", true);
                    w.sql("select count(*), max(id) from range(1000)").collect();
                    LOG.debug("Spark SQL warm-up done in {} ms", millis(t0, System.nanoTime()));
                } catch (Exception e) {
                    LOG.debug("Spark SQL warm-up failed (harmless): {}", e.toString());
                } finally {
                    root.sparkContext().clearJobGroup();
                }
            });
        } catch (RejectedExecutionException closing) {
            LOG.debug("no Spark SQL warm-up: the transport is closing");
        }
    }

    private void applyConf(SparkSession s) {
        for (Map.Entry<String, String> e : sessionConf.entrySet()) {
            try {
                s.conf().set(e.getKey(), e.getValue());
                log("%spark_conf " + e.getKey() + " set");
            } catch (Exception ex) {
                log("%spark_conf " + e.getKey() + " not applied: "
                        + StatementErrors.trim(String.valueOf(ex.getMessage())));
            }
        }
    }

    /** The SPI view of the session. */
    public synchronized SessionInfo info() {
        SessionState s = state == SessionState.IDLE && running > 0 ? SessionState.BUSY : state;
        SparkSession sp = spark;
        return SessionInfo.builder()
                .id(id)
                .backend(LocalErrors.BACKEND)
                .state(s)
                .backendState(s.name().toLowerCase(Locale.ROOT))
                .errorMessage(failure)
                .createdAt(createdAt)
                .attribute("language", language.label())
                .attribute("master", ctx.root().settings().master())
                .attribute("sparkVersion", sp == null ? null : sp.version())
                .build();
    }

    /**
     * Queues a statement and returns its id.
     *
     * @throws dev.glivy.SessionBackendException when the session is not ready
     */
    public synchronized String submit(String code, Language lang) {
        if (state != SessionState.IDLE) {
            throw LocalErrors.notReady(id, state, failure == null ? "" : failure);
        }
        String sid = String.valueOf(statements.size());
        LocalStatement st = new LocalStatement(sid, code, lang, jobGroupPrefix() + sid);
        try {
            queue.submit(() -> execute(st));
        } catch (RejectedExecutionException e) {
            throw LocalErrors.closed(id);
        }
        statements.add(st);
        return sid;
    }

    private void execute(LocalStatement st) {
        Thread t = Thread.currentThread();
        SparkSession s;
        ScalaRepl r;
        boolean runs;
        synchronized (this) {
            s = spark;
            r = repl;
            runs = s != null
                    && r != null
                    && state == SessionState.IDLE
                    && st.begin(t, ctx.clock().instant());
            if (runs) {
                running++;
            } else {
                st.requestCancel(ctx.clock().instant());
            }
        }
        watchers.statementChanged(st.id());
        if (!runs) {
            return;
        }
        ctx.root().watchJobGroup(st.jobGroup(), () -> watchers.statementChanged(st.id()));
        long t0 = System.nanoTime();
        SparkContext sc = s.sparkContext();
        ClassLoader previous = t.getContextClassLoader();
        Ran ran;
        try {
            sc.setJobGroup(st.jobGroup(), "glivy session " + id + " statement " + st.id(), true);
            SparkSession.setActiveSession(s);
            t.setContextClassLoader(r.classLoader());
            ran = isolation.run(() -> run(st, s, r));
        } finally {
            ctx.root().unwatchJobGroup(st.jobGroup());
            if (st.cancelRequested()) {
                ctx.root().cancelJobGroup(st.jobGroup());
            }
            sc.clearJobGroup();
            SparkSession.clearActiveSession();
            t.setContextClassLoader(previous);
        }
        Map<String, String> out = ran.out();
        StatementError error = ran.error();
        st.finish(out, error, ctx.clock().instant());
        synchronized (this) {
            running--;
        }
        watchers.statementChanged(st.id());
        LOG.debug(
                "session={} stmt={} {} in {} ms{}",
                id,
                st.id(),
                st.state(),
                millis(t0, System.nanoTime()),
                error == null ? "" : ": " + error.name());
        if (error != null) {
            log("statement " + st.id() + " failed: " + error.name() + ": " + error.value());
        }
    }

    /** A statement's outputs and error ({@code null} when it succeeded). */
    private record Ran(Map<String, String> out, @Nullable StatementError error) {}

    private Ran run(LocalStatement st, SparkSession s, ScalaRepl r) {
        try {
            if (st.language() == Language.SQL) {
                SqlRunner.Result res = ctx.sql().run(s, st.code());
                if (res.truncated()) {
                    log("statement " + st.id() + ": SQL result truncated to " + res.rows() + " rows");
                }
                return new Ran(Map.of(StatementResult.APPLICATION_JSON, res.json()), null);
            }
            ScalaLines.Outcome o = r.run(st.code(), st::cancelRequested);
            return new Ran(Map.of(StatementResult.TEXT_PLAIN, o.output()), o.error());
        } catch (Throwable e) {
            // Whatever the user's code threw is the statement's error, like on Livy. Scala code also throws checked
            // exceptions (AnalysisException, ParseException) without declaring them.
            return new Ran(Map.of(), StatementErrors.fromThrowable(e));
        }
    }

    /** The statement with {@code statementId}, as the SPI sees it. */
    public RemoteStatement statement(String statementId) {
        int index = index(statementId);
        LocalStatement st;
        synchronized (this) {
            if (index < 0 || index >= statements.size()) {
                throw LocalErrors.unknownStatement(id, statementId);
            }
            st = statements.get(index);
        }
        return st.remote(index, () -> progress(st));
    }

    /** All statements, oldest first. */
    public List<RemoteStatement> statements() {
        List<LocalStatement> all;
        synchronized (this) {
            all = new ArrayList<>(statements);
        }
        List<RemoteStatement> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            LocalStatement st = all.get(i);
            out.add(st.remote(i, () -> progress(st)));
        }
        return out;
    }

    /** Cancels a statement: cancels its Spark jobs and interrupts its thread; a finished one is left alone. */
    public void cancel(String statementId) {
        int index = index(statementId);
        LocalStatement st;
        synchronized (this) {
            if (index < 0 || index >= statements.size()) {
                throw LocalErrors.unknownStatement(id, statementId);
            }
            st = statements.get(index);
        }
        cancel(st);
    }

    private void cancel(LocalStatement st) {
        boolean ended = st.state().isTerminal();
        boolean running = st.requestCancel(ctx.clock().instant());
        if (!ended) {
            watchers.statementChanged(st.id());
        }
        if (!running) {
            return;
        }
        LOG.debug("session={} stmt={} cancelling: its Spark jobs, and its thread while in user code", id, st.id());
        log("statement " + st.id() + " cancelled while running");
        ctx.root().cancelJobGroup(st.jobGroup());
        if (st.language() != Language.SQL) {
            interruptWhileCancelling(st);
        }
    }

    /**
     * Interrupts a cancelled Scala statement's thread whenever it runs user code, until the statement ends: code
     * that catches one interrupt, or that starts after the compilation running at cancel time, is still reached.
     */
    private void interruptWhileCancelling(LocalStatement st) {
        if (st.state().isTerminal()) {
            return;
        }
        st.interruptIfInUserCode();
        try {
            ctx.timer().schedule(() -> interruptWhileCancelling(st), INTERRUPT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            st.interruptIfRunning();
        }
    }

    /** Stops the session: cancels its statements, then closes its interpreter once the running one has ended. */
    public void stop() {
        List<LocalStatement> all;
        synchronized (this) {
            if (state == SessionState.STOPPED) {
                return;
            }
            state = SessionState.STOPPED;
            all = new ArrayList<>(statements);
        }
        log("stopping");
        watchers.sessionChanged();
        all.forEach(this::cancel);
        try {
            queue.submit(this::release);
        } catch (RejectedExecutionException e) {
            release();
        }
    }

    private void release() {
        ScalaRepl r;
        synchronized (this) {
            r = repl;
            repl = null;
            spark = null;
        }
        if (r != null) {
            r.close();
            isolation.release(r.classLoader());
        }
        ctx.root().forgetJobGroups(jobGroupPrefix());
        LOG.debug("session={} stopped", id);
    }

    /** Up to {@code size} log lines from {@code from} (negative: the last lines). */
    public List<String> log(int from, int size) {
        return log.lines(from, size);
    }

    private OptionalDouble progress(LocalStatement st) {
        SparkSession s = spark;
        return s == null ? OptionalDouble.empty() : StatementProgress.of(s.sparkContext(), st.jobGroup());
    }

    /** The session's Spark job groups are {@code glivy:<session id>:<statement id>}. */
    private String jobGroupPrefix() {
        return "glivy:" + id + ":";
    }

    private void log(String message) {
        log.add(ctx.clock().instant(), message);
    }

    private static int index(String statementId) {
        try {
            return Integer.parseInt(statementId);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
