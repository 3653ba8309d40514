package dev.glivy.internal;

import static dev.glivy.internal.SettingParser.quote;

import dev.glivy.config.ConfigSource;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link SessionConfig} against the limits of the Glue CreateSession API and the Glue kernel's rules (see
 * the reference document, sections 2.1-2.3 and (d)): every problem is collected, none stops the check, so a user
 * fixes a whole configuration in one go. Each message names the magic, the bad value and what is allowed. Values that
 * may be secrets (a non-ARN {@code %%assume_role}) are never echoed.
 */
public final class ConfigValidator {
    /** Most tags a session may have. */
    public static final int MAX_TAGS = 50;
    /** Most default arguments a Glue session may have. */
    public static final int MAX_DEFAULT_ARGUMENTS = 75;
    /** Longest default-argument value. */
    public static final int MAX_ARGUMENT_VALUE = 4096;
    /** Longest session id. */
    public static final int MAX_ID_LENGTH = 255;
    /** Most workers Glivy accepts. */
    public static final int MAX_WORKERS = 1000;
    /** Longest {@code %timeout} / {@code %idle_timeout} of an ETL session: 2880 minutes, Glue's maximum lifetime. */
    public static final Duration MAX_ETL_TIMEOUT = Duration.ofMinutes(2880);
    /** Longest {@code %timeout} / {@code %idle_timeout} Glivy accepts for other session types: 7 days. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    /** Most per-key problems reported for {@code %%configure} options before the rest are summarised. */
    static final int MAX_OPTION_PROBLEMS = 20;

    static final Pattern ID_CHARS = Pattern.compile("[-/._#A-Za-z0-9]+");
    static final Pattern ARG_KEY = Pattern.compile("[.\\-_A-Za-z0-9]{1,128}");
    static final Pattern ORIGIN = Pattern.compile("[.\\-_A-Za-z0-9]{1,128}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]{0,20}:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern GLUE_VERSION = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]{1,20}){1,3}-[0-9]{1,2}");
    /** Length of "-" plus a UUID, appended to a prefix. */
    static final int GENERATED_SUFFIX = 37;

    private ConfigValidator() {}

    /** Returns every problem of {@code c}, one sentence each; empty when valid. */
    public static List<String> validate(SessionConfig c) {
        List<String> p = new ArrayList<>();
        c.iamRole().ifPresent(r -> {
            if (!ROLE_ARN.matcher(r).matches() && !ROLE_NAME.matcher(r).matches()) {
                p.add("%iam_role must be a role ARN like arn:aws:iam::123456789012:role/GlueRole (or a role name of up "
                        + "to 64 characters from [A-Za-z0-9+=,.@_-]) but was " + quote(r));
            }
        });
        c.assumeRole().ifPresent(r -> {
            if (!ROLE_ARN.matcher(r).matches()) {
                p.add("%%assume_role must be a role ARN like arn:aws:iam::123456789012:role/Name but was "
                        + (r.startsWith("arn:")
                                ? quote(r)
                                : "a value that is not an ARN (not shown: it may be a " + "credential)"));
            }
        });
        c.region().ifPresent(r -> {
            if (!REGION.matcher(r).matches()) {
                p.add("%region must be an AWS region like us-east-1 but was " + quote(r));
            }
        });
        c.endpoint().ifPresent(e -> endpoint(p, e));
        workers(p, c);
        c.glueVersion().ifPresent(v -> {
            if (glueVersion(v) == null) {
                p.add("%glue_version must be 2.0 or later, written major.minor (for example 4.0 or 5.0), but was "
                        + quote(v));
            }
        });
        timeouts(p, c);
        for (String conn : c.connections()) {
            if (conn.isBlank()) {
                p.add("%connections must not contain an empty connection name");
            }
        }
        c.securityConfig().ifPresent(s -> {
            if (s.length() > 255) {
                p.add("%security_config must be a name of at most 255 characters but has " + s.length());
            }
        });
        ids(p, c);
        tags(p, c.tags());
        c.requestOrigin().ifPresent(o -> {
            if (!ORIGIN.matcher(o).matches()) {
                p.add("request_origin must be 1 to 128 characters from [.-_A-Za-z0-9] but was " + quote(o));
            }
        });
        defaultArguments(p, c);
        return p;
    }

    private static void endpoint(List<String> p, String e) {
        try {
            URI u = new URI(e);
            if (u.getScheme() == null
                    || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
                    || u.getHost() == null) {
                p.add("%endpoint must be an http or https URL like https://glue.us-east-1.amazonaws.com but was "
                        + quote(e));
            }
        } catch (URISyntaxException ex) {
            p.add("%endpoint must be an http or https URL like https://glue.us-east-1.amazonaws.com but was " + quote(e)
                    + " (" + ex.getReason() + ")");
        }
    }

    private static void workers(List<String> p, SessionConfig c) {
        c.numberOfWorkers().ifPresent(n -> {
            if (n < 1 || n > MAX_WORKERS) {
                p.add("%number_of_workers must be between 1 and " + MAX_WORKERS + " but was " + n);
            }
        });
        c.maxCapacity().ifPresent(m -> {
            if (!(m > 0) || m > MAX_WORKERS * 12.0) {
                p.add("%max_capacity must be a number of DPUs above 0 (and at most " + MAX_WORKERS * 12 + ") but was "
                        + m);
            }
        });
        boolean count = c.numberOfWorkers().isPresent();
        boolean type = c.workerType().isPresent();
        if (c.maxCapacity().isPresent() && (count || type)) {
            p.add("%max_capacity (" + c.maxCapacity().get() + ") cannot be combined with "
                    + (count ? "%number_of_workers (" + c.numberOfWorkers().get() + ")" : "")
                    + (count && type ? " and " : "")
                    + (type ? "%worker_type (" + c.workerType().get() + ")" : "")
                    + "; set either %max_capacity or both %number_of_workers and %worker_type");
        }
        c.workerType().ifPresent(w -> workerType(p, c, w));
    }

    private static void workerType(List<String> p, SessionConfig c, WorkerType w) {
        SessionType st = c.sessionType().orElse(SessionType.ETL);
        if (w.equals(WorkerType.G_025X) && !st.equals(SessionType.STREAMING)) {
            p.add("%worker_type G.025X is only allowed for streaming sessions (%streaming) but the session type is "
                    + st + "; use G.1X or larger");
        }
        if (w.equals(WorkerType.Z_2X)) {
            p.add("%worker_type Z.2X is for Ray jobs, not for Spark interactive sessions; use one of G.1X, G.2X, "
                    + "G.4X, G.8X, G.12X");
        }
        int[] version = c.glueVersion().map(ConfigValidator::glueVersion).orElse(null);
        if ((w.equals(WorkerType.G_4X) || w.equals(WorkerType.G_8X)) && version != null && version[0] < 3) {
            p.add("%worker_type " + w + " needs %glue_version 3.0 or later but the version is "
                    + c.glueVersion().get() + "; use G.1X or G.2X, or a later Glue version");
        }
    }

    /** {major, minor} of a valid (2.0 or later) Glue version, else {@code null}. */
    static int @Nullable [] glueVersion(String v) {
        Matcher m = GLUE_VERSION.matcher(v);
        if (!m.matches()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        return major < 2 ? null : new int[] {major, Integer.parseInt(m.group(2))};
    }

    private static void timeouts(List<String> p, SessionConfig c) {
        SessionType st = c.sessionType().orElse(SessionType.ETL);
        Duration max = st.equals(SessionType.ETL) ? MAX_ETL_TIMEOUT : MAX_TIMEOUT;
        String limit = " (the limit for " + st + " sessions)";
        c.idleTimeout().ifPresent(d -> minutes(p, "%idle_timeout", d, max, limit));
        c.maxLifetime().ifPresent(d -> minutes(p, "%timeout (maximum lifetime)", d, max, limit));
        Optional<Duration> idle = c.idleTimeout();
        Optional<Duration> life = c.maxLifetime();
        if (idle.isPresent() && life.isPresent() && idle.get().compareTo(life.get()) > 0) {
            boolean defaulted = c.source(Setting.MAX_LIFETIME).orElse(ConfigSource.EXPLICIT) == ConfigSource.DEFAULT;
            p.add("%idle_timeout (" + idle.get().toMinutes() + " minutes) must not exceed %timeout ("
                    + life.get().toMinutes() + " minutes" + (defaulted ? ", Glivy's default" : "")
                    + "), the session's maximum lifetime" + (defaulted ? "; set %timeout too" : ""));
        }
    }

    private static void minutes(List<String> p, String magic, Duration d, Duration max, String limit) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(max) > 0) {
            p.add(magic + " must be between 1 and " + max.toMinutes() + " minutes" + limit + " but was " + describe(d));
        } else if (!d.equals(Duration.ofMinutes(d.toMinutes()))) {
            p.add(magic + " must be whole minutes but was " + describe(d));
        }
    }

    private static String describe(Duration d) {
        return d.getSeconds() % 60 == 0 && d.getNano() == 0 ? d.toMinutes() + " minutes" : d.toString();
    }

    private static void ids(List<String> p, SessionConfig c) {
        c.sessionId().ifPresent(id -> {
            if (!ID_CHARS.matcher(id).matches()) {
                p.add("%session_id must use only the characters [-/._#A-Za-z0-9] but was " + quote(id));
            }
            int len = id.length() + c.sessionIdPrefix().map(x -> x.length() + 1).orElse(0);
            if (len > MAX_ID_LENGTH) {
                p.add("%session_id (with its prefix) must be at most " + MAX_ID_LENGTH + " characters but has " + len);
            }
        });
        c.sessionIdPrefix().ifPresent(x -> {
            if (!ID_CHARS.matcher(x).matches()) {
                p.add("%session_id_prefix must use only the characters [-/._#A-Za-z0-9] but was " + quote(x));
            }
            if (x.length() + GENERATED_SUFFIX > MAX_ID_LENGTH) {
                p.add("%session_id_prefix must be at most " + (MAX_ID_LENGTH - GENERATED_SUFFIX)
                        + " characters (ids are prefix-uuid, at most " + MAX_ID_LENGTH + ") but has " + x.length());
            }
        });
    }

    private static void tags(List<String> p, Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            p.add("%%tags must have at most " + MAX_TAGS + " tags (Glivy's " + SessionConfig.CREATED_BY_TAG
                    + " tag included) but has " + tags.size());
        }
        int reported = 0;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String k = e.getKey();
            String problem = null;
            if (k.isEmpty() || k.length() > 128) {
                problem = "%%tags key must be 1 to 128 characters but was " + quote(k);
            } else if (k.regionMatches(true, 0, "aws:", 0, 4)) {
                problem = "%%tags key " + quote(k) + " uses the reserved prefix 'aws:'";
            } else if (e.getValue().length() > 256) {
                problem = "%%tags value of " + quote(k) + " must be at most 256 characters but has "
                        + e.getValue().length();
            }
            if (problem != null && reported++ < MAX_OPTION_PROBLEMS) {
                p.add(problem);
            }
        }
        if (reported > MAX_OPTION_PROBLEMS) {
            p.add("%%tags has " + (reported - MAX_OPTION_PROBLEMS) + " more bad tags");
        }
    }

    private static void defaultArguments(List<String> p, SessionConfig c) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--enable-glue-datacatalog", "true");
        derived(args, "--additional-python-modules", String.join(",", c.additionalPythonModules()));
        derived(args, "--extra-py-files", String.join(",", c.extraPyFiles()));
        derived(args, "--extra-jars", String.join(",", c.extraJars()));
        derived(args, "--conf", c.sparkConf().orElse(""));
        derived(args, "--session-language", c.language().map(l -> l.label()).orElse(""));
        args.forEach((k, v) -> {
            if (v.length() > MAX_ARGUMENT_VALUE) {
                p.add("%" + magicOf(k) + " becomes the default argument " + k + " whose value must be at most "
                        + MAX_ARGUMENT_VALUE + " characters but has " + v.length());
            }
        });
        int reported = 0;
        for (Map.Entry<String, ?> e : c.options().entrySet()) {
            String key = e.getKey().startsWith("--") ? e.getKey().substring(2) : e.getKey();
            Object v = e.getValue();
            String text = v == null ? "" : v instanceof String s ? s : Json.write(v);
            String problem = null;
            if (!ARG_KEY.matcher(key).matches()) {
                problem = "%%configure key " + quote(e.getKey()) + " must be 1 to 128 characters from [.-_A-Za-z0-9] "
                        + "(optionally after --)";
            } else if (text.length() > MAX_ARGUMENT_VALUE) {
                problem = "%%configure value of " + quote(e.getKey()) + " must be at most " + MAX_ARGUMENT_VALUE
                        + " characters but has " + text.length();
            }
            if (problem != null && reported++ < MAX_OPTION_PROBLEMS) {
                p.add(problem);
            }
            args.put("--" + key, text);
        }
        if (reported > MAX_OPTION_PROBLEMS) {
            p.add("%%configure has " + (reported - MAX_OPTION_PROBLEMS) + " more bad keys or values");
        }
        if (args.size() > MAX_DEFAULT_ARGUMENTS) {
            p.add("the session would have " + args.size() + " default arguments (%%configure options plus those "
                    + "derived from magics and --enable-glue-datacatalog) but Glue allows at most "
                    + MAX_DEFAULT_ARGUMENTS);
        }
    }

    private static void derived(Map<String, String> args, String key, String value) {
        if (!value.isEmpty()) {
            args.put(key, value);
        }
    }

    private static String magicOf(String argument) {
        switch (argument) {
            case "--conf":
                return "spark_conf";
            case "--session-language":
                return "session_language";
            default:
                return argument.substring(2).replace('-', '_');
        }
    }
}
