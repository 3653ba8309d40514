package dev.glivy;

import dev.glivy.config.ConfigSource;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.PollingPolicy;
import dev.glivy.config.RetryPolicy;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.config.Timeouts;
import dev.glivy.internal.ConfigResolver;
import dev.glivy.internal.DefaultInteractiveSession;
import dev.glivy.internal.Environment;
import dev.glivy.internal.SessionSettings;
import dev.glivy.internal.SharedRuntime;
import dev.glivy.magic.MagicCell;
import dev.glivy.spi.SessionTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link InteractiveSession}: the transport (which backend), the session configuration (what session to
 * create) and how the session object behaves (runtime, listeners, retry, polling and deadlines, attach, strict mode,
 * history, statements in flight, shutdown hook, environment layers).
 *
 * <p><b>One way in for each setting.</b> Every session setting (role, region, workers, timeouts, tags, Spark conf,
 * ...) is a {@link SessionConfig} value. It enters as Glue notebook magic text through {@link #magics(String)} or
 * typed through {@link #config(Consumer)} (or a whole {@link SessionConfig} through {@link #config(SessionConfig)});
 * this builder has no setter of its own for any of them. Calls apply in order and a later value wins, except that
 * {@code %%tags} and {@code %%configure} magics add to the tags and options already set.
 *
 * <pre>{@code
 * try (InteractiveSession s = InteractiveSession.builder()
 *         .transport(LocalTransport.builder())          // or LivyTransport.builder().url(...), GlueTransport...
 *         .magics("%idle_timeout 30\n%number_of_workers 2\n%worker_type G.1X")
 *         .config(c -> c.maxLifetime(Duration.ofHours(2)).sessionIdPrefix("nightly"))
 *         .start()) {
 *     List<Row> rows = s.sql("select 1 as one").rows();
 * }
 * }</pre>
 *
 * <p><b>Configuration layers.</b> Values set here (by magics or {@code config}) override environment variables
 * ({@code glue_*}), which override the {@code glue_*} keys of the AWS config profile, which override Glivy's defaults
 * ({@link SessionConfig#DEFAULT_IDLE_TIMEOUT} and friends). {@link InteractiveSession#config()} tells where each
 * value came from. Turn the outer layers off with {@link #useEnvironment(boolean)}.
 *
 * <p>{@link #build()} makes no remote call; {@link #start()} builds and starts. Not thread-safe.
 */
public final class SessionBuilder {
    private @Nullable SessionTransport transport;
    private SessionTransport.@Nullable Factory transportFactory;
    private SessionConfig.Builder config = SessionConfig.builder();
    private @Nullable SessionRuntime runtime;
    private RetryPolicy retry = RetryPolicy.defaults();
    private PollingPolicy polling = PollingPolicy.defaults();
    private Timeouts timeouts = Timeouts.defaults();
    private final List<SessionListener> listeners = new ArrayList<>();
    private boolean strict;
    private boolean recreateLost;
    private boolean stopOnShutdown = true;
    private boolean useEnvironment = true;
    private @Nullable Map<String, String> environment;
    private @Nullable Path awsConfigFile;
    private @Nullable String attachId;
    private int maxStatementsInFlight = DEFAULT_MAX_STATEMENTS_IN_FLIGHT;
    private int historySize = DEFAULT_HISTORY_SIZE;

    /**
     * How many statements of one session may be submitted to the backend and not yet finished at once: {@value}.
     * Well below Livy's {@code livy.rsc.retained-statements} (100), past which Livy forgets even waiting statements.
     */
    public static final int DEFAULT_MAX_STATEMENTS_IN_FLIGHT = 16;

    /** How many recent statements {@link InteractiveSession#history()} keeps: {@value}. */
    public static final int DEFAULT_HISTORY_SIZE = 100;

    /** The largest {@link #historySize(int)}: {@value}. */
    public static final int MAX_HISTORY_SIZE = 1_000_000;

    private SessionBuilder() {}

    static SessionBuilder create() {
        return new SessionBuilder();
    }

    /**
     * The transport to use. <b>Glivy never closes a transport passed in:</b> you close it after its sessions, and
     * you may share it between sessions.
     */
    public SessionBuilder transport(SessionTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport must not be null");
        this.transportFactory = null;
        return this;
    }

    /**
     * A transport builder (for example {@code LivyTransport.builder().url(...)}): the session builds its own
     * transport and <b>closes it when the session closes</b>. Switching backends is changing this one line.
     */
    public SessionBuilder transport(SessionTransport.Factory factory) {
        this.transportFactory = Objects.requireNonNull(factory, "transport factory must not be null");
        this.transport = null;
        return this;
    }

    /**
     * Replaces the explicit configuration, including what earlier {@code config} and {@code magics} calls set, with
     * {@code config} (its sources are kept).
     */
    public SessionBuilder config(SessionConfig config) {
        this.config = Objects.requireNonNull(config, "config must not be null").toBuilder();
        return this;
    }

    /**
     * Changes the explicit configuration with the typed setters of {@link SessionConfig.Builder}, for example
     * {@code .config(c -> c.iamRole(roleArn).region("eu-west-1").numberOfWorkers(2).workerType(WorkerType.G_1X))}.
     * The setters check types and nulls; ranges and cross-setting rules are checked together by {@link #build()}.
     */
    public SessionBuilder config(Consumer<SessionConfig.Builder> change) {
        change.accept(config);
        return this;
    }

    /**
     * Applies the configuration magics of notebook cell text, as the Glue kernel would before creating a session,
     * for example {@code "%glue_version 4.0\n%number_of_workers 2\n%worker_type G.1X\n%idle_timeout 30"}.
     *
     * @throws InvalidConfigException listing every problem of the text: bad values, unknown magics, action magics
     *     (such as {@code %status}) or code, which belong to a running session; the only exception for any text
     * @throws NullPointerException when {@code cellText} is null
     */
    public SessionBuilder magics(String cellText) {
        MagicCell.parseConfiguration(cellText).applyTo(config);
        return this;
    }

    /**
     * Attaches to an existing live session instead of creating one ({@code %reconnect <id>}). Closing the session
     * still stops it.
     */
    public SessionBuilder attach(String sessionId) {
        this.attachId = Objects.requireNonNull(sessionId, "sessionId must not be null");
        return this;
    }

    /** Forgets {@link #attach(String)}, so the next build creates a session again (used by {@link Notebook}). */
    SessionBuilder detach() {
        this.attachId = null;
        return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public SessionBuilder listener(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
        return this;
    }

    /**
     * The runtime (scheduler, executor, clock) to use. <b>Not closed by Glivy.</b> Default: a process-wide runtime
     * shared by all sessions, whose threads stop when the last session closes.
     */
    public SessionBuilder runtime(SessionRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
        return this;
    }

    /** The retry policy for backend calls. Default {@link RetryPolicy#defaults()}. */
    public SessionBuilder retryPolicy(RetryPolicy policy) {
        this.retry = Objects.requireNonNull(policy, "retryPolicy must not be null");
        return this;
    }

    /** Changes the retry policy, for example {@code .retryPolicy(r -> r.maxAttempts(10))}. */
    public SessionBuilder retryPolicy(Consumer<RetryPolicy.Builder> change) {
        RetryPolicy.Builder b = retry.toBuilder();
        change.accept(b);
        this.retry = b.build();
        return this;
    }

    /** The polling policy. Default {@link PollingPolicy#defaults()}. */
    public SessionBuilder polling(PollingPolicy policy) {
        this.polling = Objects.requireNonNull(policy, "polling must not be null");
        return this;
    }

    /** Changes the polling policy. */
    public SessionBuilder polling(Consumer<PollingPolicy.Builder> change) {
        PollingPolicy.Builder b = polling.toBuilder();
        change.accept(b);
        this.polling = b.build();
        return this;
    }

    /** All deadlines. Default {@link Timeouts#defaults()}. */
    public SessionBuilder timeouts(Timeouts timeouts) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts must not be null");
        return this;
    }

    /** How long {@code start()} waits for readiness. Default {@link Timeouts#DEFAULT_START} (10 minutes). */
    public SessionBuilder startTimeout(Duration timeout) {
        this.timeouts = timeouts.toBuilder().start(timeout).build();
        return this;
    }

    /** The default statement deadline. Default {@link Timeouts#DEFAULT_STATEMENT} (1 hour). */
    public SessionBuilder statementTimeout(Duration timeout) {
        this.timeouts = timeouts.toBuilder().statement(timeout).build();
        return this;
    }

    /** How long {@code close()} waits for the backend. Default {@link Timeouts#DEFAULT_CLOSE} (1 minute). */
    public SessionBuilder closeTimeout(Duration timeout) {
        this.timeouts = timeouts.toBuilder().close(timeout).build();
        return this;
    }

    /**
     * When {@code true}, a setting the backend cannot honour (for example {@code %security_config} on Livy) makes
     * {@link #build()} fail instead of producing a warning. Default {@code false}.
     */
    public SessionBuilder strict(boolean strict) {
        this.strict = strict;
        return this;
    }

    /**
     * When {@code true}, a statement submitted after the remote session was lost (deleted, died, expired) runs in a
     * newly created session; the listener gets a warning and the result says
     * {@link StatementResult#sessionRecreated()}. Default {@code false}: such statements fail with
     * {@link SessionLostException}.
     */
    public SessionBuilder recreateLostSession(boolean recreate) {
        this.recreateLost = recreate;
        return this;
    }

    /**
     * The most statements of this session that are submitted to the backend and not yet finished at once; more
     * {@code executeAsync} calls wait in Glivy's queue, in call order, and are sent as earlier ones finish. Statements
     * are always submitted one after another in call order (each is sent once the previous submission was
     * acknowledged); this cap bounds how far the backend's own queue may grow. Default
     * {@link #DEFAULT_MAX_STATEMENTS_IN_FLIGHT}.
     *
     * @throws IllegalArgumentException when {@code max} is not between 1 and 100
     * @since 0.2
     */
    public SessionBuilder maxStatementsInFlight(int max) {
        if (max < 1 || max > 100) {
            throw new IllegalArgumentException("maxStatementsInFlight must be between 1 and 100 (Livy keeps only "
                    + "its last 100 statements) but was " + max);
        }
        this.maxStatementsInFlight = max;
        return this;
    }

    /**
     * How many of the most recent statements {@link InteractiveSession#history()} keeps, running ones included;
     * older ones are dropped, oldest first, so a long-lived session holds a bounded amount of output. {@code 0} keeps
     * none. Dropping an entry only forgets it here: futures and results you hold stay valid, and Glivy still knows
     * every statement id it sent (it needs them to recover lost submissions exactly once). A finished SQL statement
     * is kept without its decoded table text (see {@link SqlResult#statement()}). Default
     * {@link #DEFAULT_HISTORY_SIZE}.
     *
     * @throws IllegalArgumentException when {@code size} is not between 0 and {@link #MAX_HISTORY_SIZE}
     * @since 0.3
     */
    public SessionBuilder historySize(int size) {
        if (size < 0 || size > MAX_HISTORY_SIZE) {
            throw new IllegalArgumentException(
                    "historySize must be between 0 and " + MAX_HISTORY_SIZE + " but was " + size);
        }
        this.historySize = size;
        return this;
    }

    /** Whether a JVM shutdown hook stops the session if it is still open. Default {@code true}. */
    public SessionBuilder stopOnJvmShutdown(boolean stop) {
        this.stopOnShutdown = stop;
        return this;
    }

    /**
     * Whether the environment and AWS config profile layers apply. Default {@code true} (like the Glue kernel).
     */
    public SessionBuilder useEnvironment(boolean use) {
        this.useEnvironment = use;
        return this;
    }

    /** Environment variables to use instead of the process environment (for tests). */
    public SessionBuilder environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    /** The AWS config file to read instead of {@code AWS_CONFIG_FILE} or {@code ~/.aws/config}. */
    public SessionBuilder awsConfigFile(Path file) {
        this.awsConfigFile = Objects.requireNonNull(file, "awsConfigFile must not be null");
        return this;
    }

    /**
     * What {@link #build()} would refuse for {@code candidate} instead of the builder's configuration: core's and
     * the transport's problems (and in strict mode the unsupported settings), without building a session. A
     * transport built from a factory for the check is closed again. Empty when no transport is chosen yet.
     */
    List<String> problems(SessionConfig candidate) {
        if (transport == null && transportFactory == null) {
            return candidate.validate();
        }
        Map<String, String> env =
                !useEnvironment ? Map.of() : environment != null ? environment : Environment.variables();
        Path awsFile = !useEnvironment ? null : awsConfigFile != null ? awsConfigFile : Environment.awsConfigFile(env);
        SessionConfig effective = ConfigResolver.resolve(candidate, env, awsFile);
        List<String> problems = new ArrayList<>(effective.validate());
        SessionTransport t = transport != null
                ? transport
                : Objects.requireNonNull(transportFactory).create();
        try {
            problems.addAll(t.configProblems(effective));
            if (strict) {
                problems.addAll(t.unsupportedSettings(nonDefaults(effective)));
            }
        } finally {
            if (transport == null) {
                t.close();
            }
        }
        return problems;
    }

    /**
     * An admin over this builder's transport, retry policy and runtime, for the calls that belong to no session
     * ({@code %list_sessions}). A transport given as a factory is created for the admin and closed by its
     * {@code close()}; a transport passed in is shared and never closed. The caller closes the admin.
     *
     * @throws IllegalStateException when no transport was chosen
     */
    SessionAdmin admin() {
        SessionAdmin.Builder b = SessionAdmin.builder().retryPolicy(retry);
        if (transport != null) {
            b.transport(transport);
        } else if (transportFactory != null) {
            b.transport(transportFactory);
        }
        if (runtime != null) {
            b.runtime(runtime);
        }
        return b.build();
    }

    /**
     * Resolves and validates the configuration and returns a session in state {@link SessionState#NOT_STARTED}.
     * No remote call is made.
     *
     * @throws IllegalStateException when no transport was chosen
     * @throws InvalidConfigException listing every configuration problem, core's and the transport's
     *     ({@link SessionTransport#configProblems}), and, in strict mode, every setting the backend cannot honour;
     *     secrets are masked in its message. No other exception comes from any configuration (a fuzz test per
     *     transport checks it).
     */
    public InteractiveSession build() {
        if (transport == null && transportFactory == null) {
            throw new IllegalStateException("No transport chosen: call transport(...) with LocalTransport.builder(), "
                    + "LivyTransport.builder().url(...) or GlueTransport.builder()");
        }
        Map<String, String> env =
                !useEnvironment ? Map.of() : environment != null ? environment : Environment.variables();
        Path awsFile = !useEnvironment ? null : awsConfigFile != null ? awsConfigFile : Environment.awsConfigFile(env);
        SessionConfig effective = ConfigResolver.resolve(config.build(), env, awsFile);
        List<String> problems = new ArrayList<>(effective.validate());
        SessionTransport t = transport != null
                ? transport
                : Objects.requireNonNull(transportFactory).create();
        boolean owns = transport == null;
        try {
            problems.addAll(t.configProblems(effective));
            List<String> unsupported = t.unsupportedSettings(nonDefaults(effective));
            if (strict) {
                problems.addAll(unsupported);
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
            Language lang = effective.language().orElse(t.defaultLanguage());
            boolean shared = runtime == null;
            SessionRuntime rt = shared ? SharedRuntime.acquire() : runtime;
            return new DefaultInteractiveSession(new SessionSettings(
                    t,
                    owns,
                    rt,
                    shared,
                    effective,
                    lang,
                    timeouts,
                    polling,
                    retry,
                    listeners,
                    recreateLost,
                    stopOnShutdown,
                    attachId,
                    strict ? List.of() : unsupported,
                    maxStatementsInFlight,
                    historySize));
        } catch (RuntimeException e) {
            if (owns) {
                t.close();
            }
            throw e;
        }
    }

    /**
     * Builds and starts the session: {@code build().start()}. If starting fails, the session is closed (and any
     * remote session stopped) before this throws.
     *
     * @throws IllegalStateException when no transport was chosen
     * @throws InvalidConfigException as {@link #build()}, before any remote call
     * @throws SessionException (a subtype) when starting fails: see {@link InteractiveSession#start()}
     */
    public InteractiveSession start() {
        InteractiveSession s = build();
        try {
            return s.start();
        } catch (RuntimeException e) {
            try {
                s.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static SessionConfig nonDefaults(SessionConfig c) {
        SessionConfig.Builder b = c.toBuilder();
        for (Setting s : c.settings()) {
            if (c.source(s).orElse(ConfigSource.DEFAULT) == ConfigSource.DEFAULT) {
                b.unset(s);
            }
        }
        return b.build();
    }
}
