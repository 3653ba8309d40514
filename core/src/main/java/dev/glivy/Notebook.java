package dev.glivy;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.magic.ActionMagic;
import dev.glivy.magic.ConfigMagic;
import dev.glivy.magic.HelpMagic;
import dev.glivy.magic.ListSessionsMagic;
import dev.glivy.magic.Magic;
import dev.glivy.magic.MagicCell;
import dev.glivy.magic.Magics;
import dev.glivy.magic.ReconnectMagic;
import dev.glivy.magic.ShowSessionIdMagic;
import dev.glivy.magic.SqlMagic;
import dev.glivy.magic.StatusMagic;
import dev.glivy.magic.StopSessionMagic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs notebook cells the way the AWS Glue Jupyter kernel does, on any transport: configuration magics change the
 * configuration of the <em>next</em> session, action magics ({@code %status}, {@code %list_sessions},
 * {@code %stop_session}, {@code %reconnect}, {@code %session_id}, {@code %help}, {@code %%sql}) act on the current
 * one, and code runs in it. The session is created on the first cell that needs one.
 *
 * <pre>{@code
 * try (Notebook nb = Notebook.of(InteractiveSession.builder().transport(GlueTransport.builder()))) {
 *     nb.run("%glue_version 4.0\n%number_of_workers 2\n%worker_type G.2X\n%idle_timeout 15");
 *     nb.run("df = spark.range(10)");
 *     SqlResult top = nb.run("%%sql\nshow tables").table().orElseThrow();
 *     List<String> status = nb.run("%status").messages();
 * }
 * }</pre>
 *
 * <p>{@code %list_sessions} needs no session: it lists through a {@link SessionAdmin} over the builder's transport,
 * with the builder's retry policy and runtime and {@link SessionAdmin#DEFAULT_DEADLINE}; a transport built from a
 * factory for it is closed when the listing returns.
 *
 * <p>Unlike the kernel, nothing is left running by accident: {@link #close()} stops every session this notebook
 * started or attached to, including one left behind by {@code %reconnect}. Errors are thrown, never printed:
 * a bad cell throws {@link InvalidConfigException}, failing code {@link StatementFailedException}.
 *
 * <p>Thread-safe (cells run one at a time). <b>Ownership:</b> the notebook takes over the builder you pass; do not
 * reuse it. You close the notebook.
 */
public final class Notebook implements AutoCloseable {
    private final SessionBuilder builder;
    private final List<InteractiveSession> others = new ArrayList<>();
    private @Nullable InteractiveSession session;
    private boolean closed;

    private Notebook(SessionBuilder builder) {
        this.builder = builder;
    }

    /**
     * A notebook whose sessions are built by {@code builder} (transport, configuration, policies); each session is
     * started when a cell first needs it.
     */
    public static Notebook of(SessionBuilder builder) {
        return new Notebook(Objects.requireNonNull(builder, "builder must not be null"));
    }

    /** The current session, if one was started and is still open. */
    public synchronized Optional<InteractiveSession> session() {
        return Optional.ofNullable(session);
    }

    /**
     * Runs one cell: its magics in order, then its code.
     *
     * @throws InvalidConfigException when the cell text has problems (all listed); nothing has run then
     * @throws StatementFailedException when the cell's code or query raised
     * @throws SessionStateException when the notebook is closed
     */
    public synchronized CellResult run(String cellText) {
        return run(cellText, null);
    }

    /**
     * Runs one cell like {@link #run(String)}, with a deadline for each statement of the cell (its code, its
     * {@code %%sql} query) instead of the session's statement timeout.
     *
     * @param statementTimeout the deadline of each statement, or {@code null} for the session's statement timeout
     * @throws SessionTimeoutException when a statement of the cell outlives {@code statementTimeout}
     * @since 0.2
     */
    public synchronized CellResult run(String cellText, @Nullable Duration statementTimeout) {
        if (statementTimeout != null && (statementTimeout.isNegative() || statementTimeout.isZero())) {
            throw new IllegalArgumentException("statementTimeout must be > 0 but was " + statementTimeout);
        }
        if (closed) {
            throw new SessionStateException(
                    "Cannot run a cell: the notebook is closed. Create a new Notebook.",
                    null,
                    null,
                    "notebook",
                    SessionState.STOPPED);
        }
        MagicCell cell = MagicCell.parse(cellText);
        checkConfiguration(cell);
        List<String> messages = new ArrayList<>();
        SqlResult table = null;
        for (Magic m : cell.magics()) {
            if (m instanceof ConfigMagic c) {
                configure(c, messages);
            } else if (m instanceof SqlMagic q) {
                table = statementTimeout == null
                        ? ready().sql(q.query())
                        : ready().sql(SqlRequest.builder()
                                .query(q.query())
                                .timeout(statementTimeout)
                                .build());
            } else {
                act((ActionMagic) m, messages);
            }
        }
        StatementResult statement = !cell.hasCode()
                ? null
                : statementTimeout == null
                        ? ready().execute(cell.code())
                        : ready().execute(StatementRequest.builder()
                                .code(cell.code())
                                .timeout(statementTimeout)
                                .build());
        return new CellResult(cell, messages, statement, table);
    }

    /**
     * Refuses the cell, before anything of it runs, when its configuration magics applied to the configuration so
     * far break a rule that {@code build()} checks, core's or the transport's ({@code configProblems}, and in strict
     * mode {@code unsupportedSettings}), so a bad magic is reported at its own cell, not at the next code cell.
     */
    private void checkConfiguration(MagicCell cell) {
        if (cell.magics().stream().noneMatch(m -> m instanceof ConfigMagic)) {
            return;
        }
        SessionConfig[] current = new SessionConfig[1];
        builder.config(c -> current[0] = c.build());
        SessionConfig.Builder trial = current[0].toBuilder();
        for (Magic m : cell.magics()) {
            if (m instanceof ConfigMagic c) {
                c.applyTo(trial);
            }
        }
        List<String> problems = builder.problems(trial.build());
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    private void configure(ConfigMagic magic, List<String> messages) {
        builder.config(magic::applyTo);
        String line = "Set " + magic.render().strip().replace('\n', ' ');
        if (session != null && !session.state().isTerminal()) {
            line += " - this applies to the next session; session "
                    + session.id().orElse("") + " keeps its "
                    + "configuration (run %stop_session first to apply it now)";
        }
        messages.add(line);
    }

    private void act(ActionMagic magic, List<String> messages) {
        if (magic instanceof StatusMagic) {
            messages.add(status(ready().info()));
        } else if (magic instanceof ListSessionsMagic) {
            messages.add(listSessions());
        } else if (magic instanceof StopSessionMagic) {
            if (session == null) {
                messages.add("There is no session to stop.");
            } else {
                String id = session.id().orElse("(not started)");
                InteractiveSession s = session;
                session = null;
                s.close();
                messages.add("Stopped session " + id + ".");
            }
        } else if (magic instanceof ReconnectMagic r) {
            if (session != null) {
                others.add(session);
            }
            session = null;
            builder.attach(r.sessionId());
            try {
                session = builder.start();
            } finally {
                builder.detach();
            }
            messages.add("Attached to session " + r.sessionId() + " (" + session.state() + ")"
                    + (others.isEmpty() ? "." : "; the previous session keeps running until this notebook closes."));
        } else if (magic instanceof ShowSessionIdMagic) {
            messages.add(
                    session == null
                            ? "No session yet; the next cell with code starts one."
                            : "Current session: " + session.id().orElse("(starting)"));
        } else if (magic instanceof HelpMagic) {
            messages.add(Magics.help());
        }
    }

    private InteractiveSession ready() {
        if (session == null || session.state().isTerminal()) {
            if (session != null) {
                others.add(session);
            }
            session = builder.start();
        }
        return session;
    }

    /**
     * {@code %list_sessions} through a {@link SessionAdmin} over the builder's transport (no session is built): a
     * transport the builder was given is shared, one it builds from a factory is created for the listing and closed
     * right after it.
     */
    private String listSessions() {
        List<SessionInfo> all;
        try (SessionAdmin admin = builder.admin()) {
            all = admin.listSessions();
        }
        StringBuilder sb = new StringBuilder(all.size() + " session(s):");
        for (SessionInfo i : all) {
            sb.append("\n  ").append(i.id()).append("  ").append(i.backendState());
            i.createdAt().ifPresent(c -> sb.append("  created ").append(c));
        }
        return sb.toString();
    }

    static String status(SessionInfo info) {
        StringBuilder sb = new StringBuilder();
        sb.append("Session ")
                .append(info.id())
                .append(" (")
                .append(info.backend())
                .append(")\n");
        sb.append("  status: ").append(info.backendState()).append('\n');
        info.errorMessage().ifPresent(e -> sb.append("  error: ").append(e).append('\n'));
        info.createdAt().ifPresent(c -> sb.append("  created: ").append(c).append('\n'));
        info.executionTime()
                .ifPresent(t ->
                        sb.append("  execution time: ").append(t.getSeconds()).append(" s\n"));
        info.dpuSeconds().ifPresent(d -> sb.append("  DPU-seconds: ").append(d).append('\n'));
        info.dashboardUrl().ifPresent(u -> sb.append("  dashboard: ").append(u).append('\n'));
        for (Map.Entry<String, String> a : info.attributes().entrySet()) {
            sb.append("  ").append(a.getKey()).append(": ").append(a.getValue()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Stops every session this notebook started or attached to. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<InteractiveSession> all = new ArrayList<>(others);
        if (session != null) {
            all.add(session);
        }
        session = null;
        RuntimeException first = null;
        for (InteractiveSession s : all) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
