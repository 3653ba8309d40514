package dev.glivy.internal;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.WorkerType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a {@link SessionConfig} against the limits of the Glue API (see the reference document): every problem is
 * collected, none stops the check, so a user fixes a whole configuration in one go.
 */
public final class ConfigValidator {
    /** Most tags a session may have. */
    public static final int MAX_TAGS = 50;
    /** Most default arguments a Glue session may have. */
    public static final int MAX_DEFAULT_ARGUMENTS = 75;
    /** Longest session id. */
    public static final int MAX_ID_LENGTH = 255;
    /** Most workers Glivy accepts. */
    public static final int MAX_WORKERS = 1000;
    /** Longest idle timeout or timeout: 7 days. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    static final Pattern ID_CHARS = Pattern.compile("[-/._#A-Za-z0-9]+");
    static final Pattern ARG_KEY = Pattern.compile("[.\\-_A-Za-z0-9]{1,128}");
    static final Pattern ORIGIN = Pattern.compile("[.\\-_A-Za-z0-9]{1,128}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern GLUE_VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    /** Length of "-" plus a UUID, appended to a prefix. */
    static final int GENERATED_SUFFIX = 37;

    private ConfigValidator() {}

    /** Returns every problem of {@code c}, one sentence each; empty when valid. */
    public static List<String> validate(SessionConfig c) {
        List<String> p = new ArrayList<>();
        c.iamRole().ifPresent(r -> role(p, "%iam_role", r));
        c.assumeRole().ifPresent(r -> {
            if (!ROLE_ARN.matcher(r).matches()) {
                p.add("%%assume_role must be a role ARN like arn:aws:iam::123456789012:role/Name but was '" + r + "'");
            }
        });
        c.region().ifPresent(r -> {
            if (!REGION.matcher(r).matches()) {
                p.add("%region must be an AWS region like us-east-1 but was '" + r + "'");
            }
        });
        c.endpoint().ifPresent(e -> endpoint(p, e));
        c.numberOfWorkers().ifPresent(n -> {
            if (n < 1 || n > MAX_WORKERS) {
                p.add("%number_of_workers must be between 1 and " + MAX_WORKERS + " but was " + n);
            }
        });
        c.maxCapacity().ifPresent(m -> {
            if (!(m > 0) || m > MAX_WORKERS * 12.0) {
                p.add("%max_capacity must be a positive number of DPUs but was " + m);
            }
        });
        workers(p, c);
        c.glueVersion().ifPresent(v -> glueVersion(p, v));
        c.idleTimeout().ifPresent(d -> minutes(p, "%idle_timeout", d));
        c.timeout().ifPresent(d -> minutes(p, "%timeout", d));
        if (c.idleTimeout().isPresent() && c.timeout().isPresent()
                && c.idleTimeout().get().compareTo(c.timeout().get()) > 0) {
            p.add("%idle_timeout (" + c.idleTimeout().get().toMinutes() + " min) must not exceed %timeout ("
                    + c.timeout().get().toMinutes() + " min)");
        }
        for (String conn : c.connections()) {
            if (conn.isBlank()) {
                p.add("%connections must not contain an empty connection name");
            }
        }
        ids(p, c);
        tags(p, c.tags());
        c.requestOrigin().ifPresent(o -> {
            if (!ORIGIN.matcher(o).matches()) {
                p.add("request_origin must be 1 to 128 characters from [.-_A-Za-z0-9] but was '" + o + "'");
            }
        });
        defaultArguments(p, c);
        return p;
    }

    private static void role(List<String> p, String magic, String r) {
        if (!ROLE_ARN.matcher(r).matches() && !ROLE_NAME.matcher(r).matches()) {
            p.add(magic + " must be a role ARN like arn:aws:iam::123456789012:role/GlueRole (or a role name) but was '"
                    + r + "'");
        }
    }

    private static void endpoint(List<String> p, String e) {
        try {
            URI u = new URI(e);
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
                    || u.getHost() == null) {
                p.add("%endpoint must be an http or https URL like https://glue.us-east-1.amazonaws.com but was '"
                        + e + "'");
            }
        } catch (java.net.URISyntaxException ex) {
            p.add("%endpoint must be an http or https URL but was '" + e + "' (" + ex.getReason() + ")");
        }
    }

    private static void workers(List<String> p, SessionConfig c) {
        boolean count = c.numberOfWorkers().isPresent();
        boolean type = c.workerType().isPresent();
        if (c.maxCapacity().isPresent() && (count || type)) {
            p.add("%max_capacity cannot be combined with %number_of_workers or %worker_type; set either max_capacity "
                    + "or both number_of_workers and worker_type");
        } else if (count != type) {
            p.add(count ? "%number_of_workers needs %worker_type too (Glue requires both; for example %worker_type G.1X)"
                    : "%worker_type needs %number_of_workers too (Glue requires both; for example %number_of_workers 2)");
        }
        c.workerType().ifPresent(w -> {
            SessionType st = c.sessionType().orElse(SessionType.ETL);
            if (w.equals(WorkerType.G_025X) && !st.equals(SessionType.STREAMING)) {
                p.add("%worker_type G.025X is only allowed for streaming sessions (%streaming) but the session type is "
                        + st);
            }
            if (w.equals(WorkerType.Z_2X)) {
                p.add("%worker_type Z.2X is for Ray jobs, not for Spark interactive sessions; use one of G.1X, G.2X, "
                        + "G.4X, G.8X, G.12X");
            }
        });
    }

    private static void glueVersion(List<String> p, String v) {
        var m = GLUE_VERSION.matcher(v);
        if (!m.matches()) {
            p.add("%glue_version must look like 4.0 (major.minor) but was '" + v + "'; sessions support 2.0 and later");
            return;
        }
        try {
            int major = Integer.parseInt(m.group(1));
            if (major < 2) {
                p.add("%glue_version must be 2.0 or later (for example 4.0 or 5.0) but was '" + v + "'");
            }
        } catch (NumberFormatException e) {
            p.add("%glue_version must look like 4.0 but was '" + v + "'");
        }
    }

    private static void minutes(List<String> p, String magic, Duration d) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
            p.add(magic + " must be between 1 and " + MAX_TIMEOUT.toMinutes() + " minutes but was "
                    + describe(d));
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
                p.add("%session_id must use only the characters [-/._#A-Za-z0-9] but was '" + id + "'");
            }
            int len = id.length() + c.sessionIdPrefix().map(x -> x.length() + 1).orElse(0);
            if (len > MAX_ID_LENGTH) {
                p.add("%session_id (with its prefix) must be at most " + MAX_ID_LENGTH + " characters but was " + len);
            }
        });
        c.sessionIdPrefix().ifPresent(x -> {
            if (!ID_CHARS.matcher(x).matches()) {
                p.add("%session_id_prefix must use only the characters [-/._#A-Za-z0-9] but was '" + x + "'");
            }
            if (x.length() + GENERATED_SUFFIX > MAX_ID_LENGTH) {
                p.add("%session_id_prefix must be at most " + (MAX_ID_LENGTH - GENERATED_SUFFIX)
                        + " characters (ids are prefix-uuid, at most " + MAX_ID_LENGTH + ") but was " + x.length());
            }
        });
    }

    private static void tags(List<String> p, Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            p.add("%%tags must have at most " + MAX_TAGS + " tags but has " + tags.size());
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128) {
                p.add("%%tags key must be 1 to 128 characters but was '" + k + "'");
            }
            if (v.length() > 256) {
                p.add("%%tags value of '" + k + "' must be at most 256 characters but has " + v.length());
            }
        });
    }

    private static void defaultArguments(List<String> p, SessionConfig c) {
        int count = 1; // --enable-glue-datacatalog
        count += c.additionalPythonModules().isEmpty() ? 0 : 1;
        count += c.extraPyFiles().isEmpty() ? 0 : 1;
        count += c.extraJars().isEmpty() ? 0 : 1;
        count += c.sparkConf().isPresent() ? 1 : 0;
        count += c.language().isPresent() ? 1 : 0;
        for (Map.Entry<String, ?> e : c.options().entrySet()) {
            String key = e.getKey().startsWith("--") ? e.getKey().substring(2) : e.getKey();
            if (!ARG_KEY.matcher(key).matches()) {
                p.add("%%configure key '" + e.getKey() + "' must be 1 to 128 characters from [.-_A-Za-z0-9]");
            }
            Object v = e.getValue();
            if (v != null && String.valueOf(v).length() > 4096) {
                p.add("%%configure value of '" + e.getKey() + "' must be at most 4096 characters but has "
                        + String.valueOf(v).length());
            }
            count++;
        }
        if (count > MAX_DEFAULT_ARGUMENTS) {
            p.add("the session would have " + count + " default arguments (%%configure options plus those derived "
                    + "from magics) but Glue allows at most " + MAX_DEFAULT_ARGUMENTS);
        }
    }
}
