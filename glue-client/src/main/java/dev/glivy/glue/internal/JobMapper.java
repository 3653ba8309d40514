package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.glue.GlueJobDefinition;
import dev.glivy.magic.ActionMagic;
import dev.glivy.magic.ConfigMagic;
import dev.glivy.magic.MagicCell;
import dev.glivy.notebook.CellType;
import dev.glivy.notebook.NotebookCell;
import dev.glivy.notebook.NotebookFile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A notebook to a Glue job: its cells to {@link JobScript} parts, its configuration magics applied in order to one
 * {@link SessionConfig} (as {@code dev.glivy.Notebook} applies them to the next session), and that configuration to
 * a {@link GlueJobDefinition}. Settings with no job equivalent are reported, one sentence each.
 */
public final class JobMapper {
    /** Description of every job Glivy creates. */
    public static final String DESCRIPTION = "Glue job created by Glivy from notebook ";
    /** Default argument naming a job's language. */
    public static final String JOB_LANGUAGE = "--job-language";

    private static final Pattern ARG_KEY = Pattern.compile("--[.\\-_A-Za-z0-9]{1,126}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    /**
     * The parsed notebook.
     *
     * @param language the script's language
     * @param parts what goes into the script, in order
     * @param config the configuration the magics give, in order
     * @param notes one sentence per setting or magic with no job equivalent
     */
    public record Parsed(Language language, List<JobScript.Part> parts, SessionConfig config, List<String> notes) {}

    private JobMapper() {}

    /**
     * Parses the notebook's code cells.
     *
     * @throws InvalidConfigException listing every bad magic, each prefixed with its cell, or a kernel that is
     *     neither Python nor Scala
     */
    public static Parsed parse(NotebookFile notebook) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<JobScript.Part> parts = new ArrayList<>();
        SessionConfig.Builder config = SessionConfig.builder();
        List<NotebookCell> cells = notebook.cells();
        for (int i = 0; i < cells.size(); i++) {
            NotebookCell c = cells.get(i);
            if (c.type() != CellType.CODE) {
                continue;
            }
            MagicCell cell;
            try {
                cell = MagicCell.parse(c.source());
            } catch (InvalidConfigException e) {
                for (String p : e.problems()) {
                    problems.add("cell " + i + ": " + p);
                }
                continue;
            }
            for (ConfigMagic m : cell.configMagics()) {
                m.applyTo(config);
            }
            for (ActionMagic a : cell.actions()) {
                if (!(a instanceof dev.glivy.magic.SqlMagic)) {
                    notes.add("cell " + i + ": " + (a.isCellMagic() ? "%%" : "%") + a.name() + " acts on a running "
                            + "interactive session and has no job equivalent; it is left out of the script.");
                }
            }
            String sql = cell.sql().orElse(null);
            if (sql != null) {
                parts.add(new JobScript.Part(i, "", sql));
            } else if (cell.hasCode()) {
                parts.add(new JobScript.Part(i, cell.code(), null));
            }
        }
        SessionConfig cfg = config.build();
        Language language = cfg.language().or(notebook::language).orElse(Language.PYTHON);
        if (!GlueLanguages.supported(language)) {
            problems.add(GlueLanguages.refusal(language));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        notes.addAll(unmapped(cfg));
        return new Parsed(language, List.copyOf(parts), cfg, List.copyOf(notes));
    }

    /** The settings that do not go into a job definition, one sentence each. */
    static List<String> unmapped(SessionConfig c) {
        List<String> out = new ArrayList<>();
        c.idleTimeout()
                .ifPresent(t -> out.add("%idle_timeout " + t.toMinutes() + " is not used: a job has no idle "
                        + "timeout, it ends when its script does (%timeout bounds it)."));
        c.sessionIdPrefix()
                .ifPresent(p -> out.add("%session_id_prefix " + p + " is not used: job runs get ids from " + "Glue."));
        c.sessionId()
                .ifPresent(
                        p -> out.add("%session_id " + p + " is not used: a job is not an interactive " + "session."));
        c.requestOrigin()
                .ifPresent(p -> out.add("request_origin " + p + " is not used: CreateJob has no request " + "origin."));
        c.region()
                .ifPresent(r -> out.add("%region " + r + " is not part of the job: it chooses where Glivy deploys "
                        + "it (unless GlueJobs.Builder.region(...) is set)."));
        c.endpoint()
                .ifPresent(r -> out.add("%endpoint " + r + " is not part of the job: it chooses the Glue endpoint "
                        + "Glivy deploys through (unless GlueJobs.Builder.endpointOverride(...) is set)."));
        c.profile()
                .ifPresent(r -> out.add("%profile " + r + " is not part of the job: it chooses the credentials "
                        + "Glivy deploys with."));
        c.assumeRole()
                .ifPresent(r -> out.add("%%assume_role " + r + " is not part of the job: Glivy deploys with "
                        + "that role's credentials; the job runs as %iam_role."));
        return out;
    }

    /**
     * The job definition for a parsed notebook.
     *
     * @param defaultRole the role when the notebook sets no {@code %iam_role}, or {@code null}
     * @param owner the owner tag's value (the caller's user id), or {@code null} for none
     * @throws InvalidConfigException listing every value Glue would refuse
     */
    public static GlueJobDefinition definition(
            Parsed p,
            String jobName,
            String scriptUri,
            String source,
            @Nullable String defaultRole,
            @Nullable String owner) {
        SessionConfig c = p.config();
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(jobName).matches()) {
            problems.add("the job name must be 1 to 255 characters from [A-Za-z0-9_.-] but was '" + jobName + "'");
        }
        String role = c.iamRole().orElse(defaultRole);
        if (role == null) {
            problems.add("no role: set %iam_role in the notebook or GlueJobs.Builder.role(...)");
            role = "";
        }
        SessionType type = c.sessionType().orElse(SessionType.ETL);
        GlueJobDefinition.Builder b = GlueJobDefinition.builder()
                .name(jobName)
                .role(role)
                .description(DESCRIPTION + source)
                .commandName(type.command())
                .scriptLocation(scriptUri)
                .pythonVersion("3")
                .glueVersion(c.glueVersion().orElse(SessionConfig.DEFAULT_GLUE_VERSION));
        if (c.maxCapacity().isPresent()) {
            if (c.numberOfWorkers().isPresent() || c.workerType().isPresent()) {
                problems.add("%max_capacity cannot be combined with %number_of_workers or %worker_type");
            } else {
                b.maxCapacity(c.maxCapacity().get());
            }
        } else if (c.numberOfWorkers().isPresent() != c.workerType().isPresent()) {
            problems.add("%number_of_workers and %worker_type must be set together (Glue requires both)");
        } else if (c.numberOfWorkers().isPresent()) {
            b.workers(c.workerType().get().value(), c.numberOfWorkers().get());
        }
        Duration timeout = c.maxLifetime().orElse(SessionConfig.DEFAULT_MAX_LIFETIME);
        try {
            b.timeout(timeout);
        } catch (IllegalArgumentException e) {
            problems.add(
                    "%timeout (maximum lifetime) must be a whole number of minutes, at least 1, but was " + timeout);
        }
        c.securityConfig().ifPresent(b::securityConfiguration);
        b.connections(c.connections());
        b.defaultArguments(arguments(c, p.language(), problems));
        b.tags(CreateSessionMapper.tags(c, owner, problems));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return b.build();
    }

    /** The job's default arguments, in a stable order; {@code %%configure} options come last and win. */
    static Map<String, String> arguments(SessionConfig c, Language language, List<String> problems) {
        Map<String, String> args = CreateSessionMapper.commonArguments(c);
        if (language == Language.SCALA) {
            args.put(JOB_LANGUAGE, "scala");
            args.put("--class", JobScript.SCALA_CLASS);
        }
        for (Map.Entry<String, @Nullable Object> e : c.options().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            String key = e.getKey().startsWith("--") ? e.getKey() : "--" + e.getKey();
            if (!ARG_KEY.matcher(key).matches()) {
                problems.add("%%configure key '" + e.getKey() + "' must be 1 to 126 characters from [.-_A-Za-z0-9]");
            }
            args.put(key, text(v));
        }
        args.forEach((k, v) -> {
            if (v.length() > 4096) {
                problems.add("default argument " + k + " must be at most 4096 characters but has " + v.length());
            }
        });
        return args;
    }

    private static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Number) {
            return String.valueOf(v);
        }
        return dev.glivy.internal.Json.write(v);
    }

    /** The owner tag value for a user id (characters AWS tags refuse replaced), as for sessions. */
    public static String ownerTag(String userId) {
        return CreateSessionMapper.ownerValue(userId);
    }

    /** A job name from a notebook file name: its base name without {@code .ipynb}, other characters as {@code -}. */
    public static String jobName(String source) {
        String base = source.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.endsWith(".ipynb")) {
            base = base.substring(0, base.length() - ".ipynb".length());
        }
        String name = base.replaceAll("[^A-Za-z0-9_.-]", "-");
        return name.isEmpty() ? "notebook" : name.length() > 255 ? name.substring(0, 255) : name;
    }
}
