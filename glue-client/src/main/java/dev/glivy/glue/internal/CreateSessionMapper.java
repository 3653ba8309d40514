package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.WorkerType;
import dev.glivy.internal.SettingParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.glue.model.CreateSessionRequest;

/**
 * The typed session configuration to a Glue {@code CreateSession} request, mapped as the Glue kernel maps its
 * magics: {@code Id}, {@code Role}, {@code Command} ({@code glueetl}/{@code gluestreaming}, Python 3),
 * {@code WorkerType} + {@code NumberOfWorkers} or {@code MaxCapacity} (never both), {@code GlueVersion},
 * {@code IdleTimeout}, {@code Timeout}, {@code Connections}, {@code SecurityConfiguration}, {@code Tags},
 * {@code RequestOrigin} and {@code DefaultArguments} ({@code --enable-glue-datacatalog true},
 * {@code --additional-python-modules}, {@code --extra-py-files}, {@code --extra-jars}, {@code --conf},
 * {@code --session-language scala}, every other {@code %%configure} key as {@code --key}). The API's limits are
 * checked before anything is sent; every violation is reported at once.
 */
public final class CreateSessionMapper {
    /** Default argument that makes a Scala session. */
    public static final String SESSION_LANGUAGE = "--session-language";
    /** Tag holding the caller's AWS user id. */
    public static final String OWNER_TAG = "owner";
    /** Description of every session Glivy creates. */
    public static final String DESCRIPTION = "Interactive session created by Glivy";
    /** Longest statement code Glue accepts, in characters (Unicode code points, as Glue counts them). */
    public static final int MAX_CODE = 68_000;

    static final int MAX_ARGUMENTS = 75;
    /** Most tags Glue allows on a session, Glivy's own included. */
    public static final int MAX_TAGS = 50;

    private static final Pattern ARG_KEY = Pattern.compile("[.\\-_A-Za-z0-9]{1,128}");
    private static final Pattern ORIGIN = Pattern.compile("[.\\-_A-Za-z0-9]{1,128}");
    private static final Pattern VERSION = Pattern.compile("\\w+\\.\\w+");
    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private CreateSessionMapper() {}

    /**
     * Builds the request.
     *
     * @param id the session id (the client token)
     * @param role the role ARN
     * @param language the session's statement language
     * @param owner the caller's user id for the owner tag, or {@code null} when unknown
     * @param defaultOrigin the request origin when the configuration sets none
     * @throws InvalidConfigException listing every value Glue would refuse
     */
    public static CreateSessionRequest request(
            SessionConfig c, String id, String role, Language language, @Nullable String owner, String defaultOrigin) {
        List<String> problems = new ArrayList<>();
        CreateSessionRequest.Builder b =
                CreateSessionRequest.builder().id(id).role(role).description(DESCRIPTION);
        if (id.isEmpty() || id.length() > 255) {
            problems.add("the session id must be 1 to 255 characters but has " + id.length());
        }
        if (role.length() < 20 || role.length() > 2048) {
            problems.add("%iam_role must be a role ARN of 20 to 2048 characters but was " + SettingParser.quote(role));
        }
        SessionType type = c.sessionType().orElse(SessionType.ETL);
        b.command(cmd -> cmd.name(type.command()).pythonVersion("3"));
        workers(c, b, problems);
        c.glueVersion().ifPresent(v -> {
            if (!VERSION.matcher(v).matches()) {
                problems.add("%glue_version must look like 4.0 but was " + SettingParser.quote(v));
            }
            b.glueVersion(v);
        });
        b.idleTimeout(minutes("%idle_timeout", c.idleTimeout().orElse(SessionConfig.DEFAULT_IDLE_TIMEOUT), problems));
        c.maxLifetime().ifPresent(t -> b.timeout(minutes("%timeout (maximum lifetime)", t, problems)));
        if (!c.connections().isEmpty()) {
            b.connections(cl -> cl.connections(c.connections()));
        }
        c.securityConfig().ifPresent(b::securityConfiguration);
        String origin = c.requestOrigin().orElse(defaultOrigin);
        if (!ORIGIN.matcher(origin).matches()) {
            problems.add("request_origin must be 1 to 128 characters from [.-_A-Za-z0-9] but was "
                    + SettingParser.quote(origin));
        }
        b.requestOrigin(origin);
        b.tags(tags(c, owner, problems));
        b.defaultArguments(arguments(c, language, problems));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return b.build();
    }

    /**
     * The problems Glue would report for {@code c} that core's validation does not check, found before any call:
     * an unknown worker type (unless {@code newerWorkerTypes}), the worker pairing, and the tag limit counted with
     * Glivy's {@code created-by} and {@code owner} tags (the owner tag is counted whenever the configuration does
     * not set it, since it is added at start when the caller's identity is known). Never throws.
     */
    public static List<String> problems(SessionConfig c, boolean newerWorkerTypes) {
        List<String> problems = new ArrayList<>();
        c.workerType()
                .filter(w -> !w.isKnown() && !newerWorkerTypes)
                .ifPresent(w -> problems.add("%worker_type "
                        + SettingParser.quote(w.value()) + " is not a worker type Glivy knows; use one of "
                        + WorkerType.knownValues() + " (or, for a type newer than Glivy, "
                        + "GlueTransportBuilder.newerWorkerTypes(true))"));
        if (c.maxCapacity().isEmpty()
                && c.numberOfWorkers().isPresent() != c.workerType().isPresent()) {
            problems.add(
                    c.workerType().isPresent()
                            ? "%worker_type " + c.workerType().get()
                                    + " needs %number_of_workers too (Glue requires both)"
                            : "%number_of_workers " + c.numberOfWorkers().get()
                                    + " needs %worker_type too (Glue requires "
                                    + "both), for example %worker_type G.1X");
        }
        Map<String, String> tags = new LinkedHashMap<>(c.tags());
        tags.putIfAbsent(SessionConfig.CREATED_BY_TAG, SessionConfig.CREATED_BY_VALUE);
        tags.putIfAbsent(OWNER_TAG, "(your AWS user id)");
        if (tags.size() > MAX_TAGS && c.tags().size() <= MAX_TAGS) {
            long yours = c.tags().keySet().stream()
                    .filter(k -> !k.equals(SessionConfig.CREATED_BY_TAG) && !k.equals(OWNER_TAG))
                    .count();
            problems.add("%%tags: Glue allows at most " + MAX_TAGS + " tags but the session would have " + tags.size()
                    + " (" + yours + " of yours plus Glivy's " + SessionConfig.CREATED_BY_TAG + " and " + OWNER_TAG
                    + " tags); remove " + (tags.size() - MAX_TAGS));
        }
        return problems;
    }

    private static void workers(SessionConfig c, CreateSessionRequest.Builder b, List<String> problems) {
        if (c.maxCapacity().isPresent()) {
            if (c.numberOfWorkers().isPresent() || c.workerType().isPresent()) {
                problems.add("%max_capacity cannot be combined with %number_of_workers or %worker_type");
            }
            b.maxCapacity(c.maxCapacity().get());
            return;
        }
        if (c.numberOfWorkers().isPresent() != c.workerType().isPresent()) {
            problems.add("%number_of_workers and %worker_type must be set together (Glue requires both)");
        }
        c.numberOfWorkers().ifPresent(b::numberOfWorkers);
        c.workerType().ifPresent(w -> b.workerType(w.value()));
    }

    private static int minutes(String magic, Duration d, List<String> problems) {
        long m = d.toMinutes();
        if (m < 1 || m > Integer.MAX_VALUE || !d.equals(Duration.ofMinutes(m))) {
            problems.add(magic + " must be a whole number of minutes, at least 1, but was " + d);
            return 1;
        }
        return (int) m;
    }

    /** The session's tags: configured ones, Glivy's {@code created-by} and the owner (configured values win). */
    static Map<String, String> tags(SessionConfig c, @Nullable String owner, List<String> problems) {
        Map<String, String> tags = new LinkedHashMap<>(c.tags());
        tags.putIfAbsent(SessionConfig.CREATED_BY_TAG, SessionConfig.CREATED_BY_VALUE);
        if (owner != null && !owner.isBlank()) {
            tags.putIfAbsent(OWNER_TAG, ownerValue(owner));
        }
        if (tags.size() > MAX_TAGS) {
            problems.add("%%tags: Glue allows at most " + MAX_TAGS + " tags but the session would have "
                    + tags.size() + " (including Glivy's " + SessionConfig.CREATED_BY_TAG + " and " + OWNER_TAG
                    + " tags)");
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128) {
                problems.add("%%tags key must be 1 to 128 characters but was " + SettingParser.quote(k));
            }
            if (v.length() > 256) {
                problems.add("%%tags value of " + SettingParser.quote(k) + " must be at most 256 characters but has "
                        + v.length());
            }
        });
        return tags;
    }

    /** The owner tag value: the user id with characters AWS tags refuse (such as commas) replaced. */
    static String ownerValue(String userId) {
        StringBuilder sb = new StringBuilder();
        userId.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            sb.append(TAG_CHARS.matcher(ch).matches() ? ch : "_");
        });
        return sb.length() > 256 ? sb.substring(0, 256) : sb.toString();
    }

    /**
     * The default arguments a session and a job both start with, in a stable order: the Data Catalog on, then
     * {@code %additional_python_modules}, {@code %extra_py_files}, {@code %extra_jars} and {@code %spark_conf}.
     */
    static Map<String, String> commonArguments(SessionConfig c) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--enable-glue-datacatalog", "true");
        if (!c.additionalPythonModules().isEmpty()) {
            args.put("--additional-python-modules", String.join(",", c.additionalPythonModules()));
        }
        if (!c.extraPyFiles().isEmpty()) {
            args.put("--extra-py-files", String.join(",", c.extraPyFiles()));
        }
        if (!c.extraJars().isEmpty()) {
            args.put("--extra-jars", String.join(",", c.extraJars()));
        }
        c.sparkConf().ifPresent(conf -> args.put("--conf", conf));
        return args;
    }

    /** The default arguments, in a stable order; {@code %%configure} options come last and win. */
    static Map<String, String> arguments(SessionConfig c, Language language, List<String> problems) {
        Map<String, String> args = commonArguments(c);
        if (language == Language.SCALA) {
            args.put(SESSION_LANGUAGE, "scala");
        }
        for (Map.Entry<String, @Nullable Object> e : c.options().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            String key = e.getKey().startsWith("--") ? e.getKey() : "--" + e.getKey();
            args.put(key, text(v));
        }
        if (args.size() > MAX_ARGUMENTS) {
            problems.add("Glue allows at most " + MAX_ARGUMENTS + " default arguments but the session would have "
                    + args.size() + " (%%configure options plus those derived from magics)");
        }
        args.forEach((k, v) -> {
            if (!ARG_KEY.matcher(k).matches()) {
                problems.add("%%configure key " + SettingParser.quote(k)
                        + " must be 1 to 128 characters from [.-_A-Za-z0-9]");
            }
            if (v.length() > 4096) {
                problems.add("default argument " + k + " must be at most 4096 characters but has " + v.length());
            }
        });
        return args;
    }

    private static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return SettingParser.number(d);
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Number) {
            return String.valueOf(v);
        }
        return dev.glivy.internal.Json.write(v);
    }
}
