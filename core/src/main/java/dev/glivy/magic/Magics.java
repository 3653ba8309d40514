package dev.glivy.magic;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.WorkerType;
import dev.glivy.magic.MagicSpec.Group;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The magics Glivy understands: the AWS Glue interactive-sessions kernel's list (plus {@code %max_capacity} of older
 * kernels), their help text and a parser for the text of one magic. Use {@link MagicCell} for a whole notebook cell.
 *
 * <p>Thread-safe (stateless).
 */
public final class Magics {
    private static final Map<String, MagicSpec> SPECS = specs();
    /** Kernel magics Glivy recognises but does not support, with the reason. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "matplot", "it renders a matplotlib figure inside a notebook",
            "plotly", "it renders a plotly figure inside a notebook",
            "glue_ray", "Ray sessions were removed from the Glue kernel",
            "min_workers", "it belongs to Ray sessions, which were removed from the Glue kernel",
            "object_memory_head", "it belongs to Ray sessions, which were removed from the Glue kernel",
            "object_memory_worker", "it belongs to Ray sessions, which were removed from the Glue kernel",
            "ray_conf", "it belongs to Ray sessions, which were removed from the Glue kernel");

    private static final int MAX_SUGGEST_LENGTH = 40;
    private static final int HELP_WIDTH = 110;

    private Magics() {}

    /**
     * The help text ({@code %help}): every magic with its argument, type, default and description, grouped like the
     * Glue kernel's help. Defaults name Glivy's cost-safe choices ({@link SessionConfig#DEFAULT_IDLE_TIMEOUT} and
     * friends) and, where different, Glue's own.
     */
    public static String help() {
        StringBuilder sb = new StringBuilder("Glivy magics (AWS Glue interactive-sessions kernel syntax).\n"
                + "Line magics come first in a cell, one per line; a cell magic takes the rest of the cell;\n"
                + "the remaining lines are code. The %%configure and %%tags bodies are strict JSON.\n");
        Group group = null;
        for (MagicSpec s : SPECS.values()) {
            if (s.group() != group) {
                group = s.group();
                sb.append('\n').append(group.title).append('\n');
            }
            sb.append("  ").append(s.synopsis()).append('\n');
            wrap(sb, s.description());
            if (!s.type().isEmpty()) {
                wrap(sb, "Type: " + s.type() + ". Default: " + s.defaults() + ".");
            }
        }
        return sb.toString();
    }

    /** Appends {@code text} indented by six spaces, wrapped at word boundaries to fit {@value #HELP_WIDTH} columns. */
    private static void wrap(StringBuilder sb, String text) {
        StringBuilder line = new StringBuilder("     ");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > HELP_WIDTH && line.length() > 6) {
                sb.append(line).append('\n');
                line = new StringBuilder("     ");
            }
            line.append(' ').append(word);
        }
        sb.append(line).append('\n');
    }

    /** Every magic as written, in help order, for example {@code "%idle_timeout"}, {@code "%%configure"}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        SPECS.values().forEach(s -> names.add((s.cell() ? "%%" : "%") + s.name()));
        return Collections.unmodifiableList(names);
    }

    /**
     * Parses the text of exactly one magic: a line magic ({@code "%idle_timeout 30"}) or a cell magic with its body
     * ({@code "%%tags\n{\"team\": \"data\"}"}). {@code parse(m.render())} equals {@code m} for every magic.
     *
     * @throws InvalidConfigException listing every problem, or saying the text is not exactly one magic
     */
    public static Magic parse(String text) {
        MagicCell cell = MagicCell.parse(text);
        if (cell.magics().size() != 1 || !cell.code().isEmpty()) {
            throw new InvalidConfigException(List.of("expected exactly one magic but the text has "
                    + cell.magics().size() + " magics" + (cell.code().isEmpty() ? "" : " and code")));
        }
        return cell.magics().get(0);
    }

    static @Nullable MagicSpec spec(String name) {
        return SPECS.get(name);
    }

    static @Nullable String unsupported(String name) {
        return UNSUPPORTED.get(name);
    }

    /** The known magic closest to {@code name} (case and small typos), or null when none is close. */
    static @Nullable MagicSpec closest(String name) {
        if (name.length() > MAX_SUGGEST_LENGTH) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        MagicSpec best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (MagicSpec s : SPECS.values()) {
            int d = distance(n, s.name());
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, n.length() / 3) ? best : null;
    }

    /** Levenshtein distance; both strings are short (checked by the caller). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<String, MagicSpec> specs() {
        long idle = SessionConfig.DEFAULT_IDLE_TIMEOUT.toMinutes();
        long life = SessionConfig.DEFAULT_MAX_LIFETIME.toMinutes();
        List<MagicSpec> l = List.of(
                line(
                        Group.SESSION,
                        IamRoleMagic.NAME,
                        "<role ARN>",
                        "String (role ARN)",
                        "glue_role_arn from the environment or AWS profile",
                        "IAM role the session runs as.",
                        IamRoleMagic::parse),
                line(
                        Group.SESSION,
                        RegionMagic.NAME,
                        "<region>",
                        "String, lower-cased",
                        "glue_region, AWS_REGION or the AWS profile's region",
                        "AWS region of the session.",
                        RegionMagic::parse),
                line(
                        Group.SESSION,
                        ProfileMagic.NAME,
                        "<name>",
                        "String",
                        "AWS_PROFILE, else 'default'",
                        "AWS credentials profile; also the AWS config profile whose glue_* keys are read.",
                        ProfileMagic::parse),
                line(
                        Group.SESSION,
                        EndpointMagic.NAME,
                        "<url>",
                        "String (http/https URL)",
                        "the regional Glue endpoint",
                        "Custom Glue endpoint URL.",
                        EndpointMagic::parse),
                line(
                        Group.SESSION,
                        GlueVersionMagic.NAME,
                        "<major.minor>",
                        "String, 2.0 or later",
                        SessionConfig.DEFAULT_GLUE_VERSION,
                        "Glue version, for example 4.0 or 5.0.",
                        GlueVersionMagic::parse),
                line(
                        Group.SESSION,
                        IdleTimeoutMagic.NAME,
                        "<minutes>",
                        "Duration, whole minutes",
                        idle + " (Glivy; Glue's own default is 2880)",
                        "Minutes without statements before the session stops.",
                        IdleTimeoutMagic::parse),
                line(
                        Group.SESSION,
                        TimeoutMagic.NAME,
                        "<minutes>",
                        "Duration, whole minutes",
                        life + " (Glivy; Glue's own default and ETL maximum is 2880)",
                        "Maximum lifetime of the session.",
                        TimeoutMagic::parse),
                line(
                        Group.SESSION,
                        SecurityConfigMagic.NAME,
                        "<name>",
                        "String",
                        "none",
                        "Glue security configuration (encryption) of the session.",
                        SecurityConfigMagic::parse),
                line(
                        Group.SESSION,
                        SessionIdPrefixMagic.NAME,
                        "<prefix>",
                        "String, [-/._#A-Za-z0-9]",
                        "glivy",
                        "Prefix of generated session ids (<prefix>-<uuid>).",
                        SessionIdPrefixMagic::parse),
                line(
                        Group.SESSION,
                        SessionIdMagic.NAME,
                        "[<id>]",
                        "String, [-/._#A-Za-z0-9]",
                        "<prefix>-<uuid>",
                        "With an id: the exact id of the next session. Without: show the " + "current session's id.",
                        a -> a.isEmpty() ? ShowSessionIdMagic.parse(a) : SessionIdMagic.parse(a)),
                line(
                        Group.SESSION_TYPE,
                        EtlMagic.NAME,
                        "",
                        "",
                        "",
                        "Spark ETL session (glueetl), the default.",
                        EtlMagic::parse),
                line(
                        Group.SESSION_TYPE,
                        StreamingMagic.NAME,
                        "",
                        "",
                        "",
                        "Spark streaming session (gluestreaming).",
                        StreamingMagic::parse),
                line(
                        Group.SESSION_TYPE,
                        SessionTypeMagic.NAME,
                        "<etl|streaming>",
                        "SessionType",
                        "etl",
                        "Session type; pretty (\"Spark ETL\") and command (glueetl) names work too.",
                        SessionTypeMagic::parse),
                line(
                        Group.RESOURCES,
                        NumberOfWorkersMagic.NAME,
                        "<n>",
                        "int, 1 to 1000",
                        "the backend's (Glue: 5 DPU)",
                        "Number of workers; Glue needs %worker_type with it.",
                        NumberOfWorkersMagic::parse),
                line(
                        Group.RESOURCES,
                        WorkerTypeMagic.NAME,
                        "<type>",
                        "WorkerType: " + knownWorkerTypes(),
                        "the backend's",
                        "Worker type; G.025X is for streaming sessions only, G.4X/G.8X need Glue " + "3.0+.",
                        WorkerTypeMagic::parse),
                line(
                        Group.RESOURCES,
                        MaxCapacityMagic.NAME,
                        "<dpus>",
                        "double",
                        "not set",
                        "DPUs of the session (older kernels); exclusive with workers and worker type.",
                        MaxCapacityMagic::parse),
                line(
                        Group.RESOURCES,
                        ConnectionsMagic.NAME,
                        "<name,...>",
                        "List<String>",
                        "none",
                        "Glue connections of the session.",
                        ConnectionsMagic::parse),
                line(
                        Group.RESOURCES,
                        AdditionalPythonModulesMagic.NAME,
                        "<module,...>",
                        "List<String>",
                        "none",
                        "PyPI requirement specifiers or S3 paths to install.",
                        AdditionalPythonModulesMagic::parse),
                line(
                        Group.RESOURCES,
                        ExtraPyFilesMagic.NAME,
                        "<path,...>",
                        "List<String>",
                        "none",
                        "S3 paths of Python files for the session.",
                        ExtraPyFilesMagic::parse),
                line(
                        Group.RESOURCES,
                        ExtraJarsMagic.NAME,
                        "<path,...>",
                        "List<String>",
                        "none",
                        "Paths of jars for the session.",
                        ExtraJarsMagic::parse),
                line(
                        Group.RESOURCES,
                        SparkConfMagic.NAME,
                        "<key=value ...>",
                        "String",
                        "none",
                        "Spark configuration (Glue --conf), for example spark.sql.shuffle.partitions=4.",
                        SparkConfMagic::parse),
                cell(
                        Group.CELL,
                        ConfigureMagic.NAME,
                        "{JSON object}",
                        "Map<String, Object>",
                        "none",
                        "Settings by magic name (\"idle_timeout\": 30, \"tags\": {...}) plus other keys as Glue "
                                + "default arguments / Livy create-body fields. Strict JSON: true/false/null, no Python.",
                        ConfigureMagic::parse),
                cell(
                        Group.CELL,
                        TagsMagic.NAME,
                        "{JSON object of strings}",
                        "Map<String, String>, at most 50",
                        SessionConfig.CREATED_BY_TAG + "=" + SessionConfig.CREATED_BY_VALUE + " (always added)",
                        "Session tags, added to those already set.",
                        TagsMagic::parse),
                cell(
                        Group.CELL,
                        AssumeRoleMagic.NAME,
                        "<role ARN>",
                        "String (role ARN)",
                        "none",
                        "Role to assume before calling Glue (cross-account). The kernel's dictionary of temporary "
                                + "credentials is not supported.",
                        AssumeRoleMagic::parse),
                line(
                        Group.ACTION,
                        StatusMagic.NAME,
                        "",
                        "",
                        "",
                        "Show the current session: id, state, settings.",
                        StatusMagic::parse),
                line(
                        Group.ACTION,
                        ListSessionsMagic.NAME,
                        "",
                        "",
                        "",
                        "List the sessions you can see.",
                        ListSessionsMagic::parse),
                line(
                        Group.ACTION,
                        StopSessionMagic.NAME,
                        "",
                        "",
                        "",
                        "Stop the current session.",
                        StopSessionMagic::parse),
                line(
                        Group.ACTION,
                        ReconnectMagic.NAME,
                        "<session id>",
                        "",
                        "",
                        "Switch to another live session (the current one keeps running).",
                        ReconnectMagic::parse),
                line(Group.ACTION, HelpMagic.NAME, "", "", "", "Show this help.", HelpMagic::parse),
                cell(
                        Group.ACTION,
                        SqlMagic.NAME,
                        "<query>",
                        "",
                        "",
                        "Run a Spark SQL query in the current session.",
                        SqlMagic::parse));
        Map<String, MagicSpec> m = new LinkedHashMap<>();
        l.forEach(s -> m.put(s.name(), s));
        return Collections.unmodifiableMap(m);
    }

    private static String knownWorkerTypes() {
        return WorkerType.knownValues() + " or newer";
    }

    private static MagicSpec line(
            Group g,
            String name,
            String usage,
            String type,
            String defaults,
            String description,
            Function<String, Magic> parser) {
        return new MagicSpec(g, name, false, usage, type, defaults, description, parser);
    }

    private static MagicSpec cell(
            Group g,
            String name,
            String usage,
            String type,
            String defaults,
            String description,
            Function<String, Magic> parser) {
        return new MagicSpec(g, name, true, usage, type, defaults, description, parser);
    }
}
