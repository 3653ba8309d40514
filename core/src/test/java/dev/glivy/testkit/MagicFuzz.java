package dev.glivy.testkit;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.magic.Magics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates notebook cells of configuration magics, valid and hostile (huge and tiny numbers, exponents, unknown
 * worker types, URLs with credentials, broken and nested JSON, control characters, long values, emoji), and runs
 * {@code SessionBuilder.magics(cell).build()} on each, keeping every exception that is not the documented
 * {@link InvalidConfigException}. Used by each transport's fuzz test (fixed seed, bounded count) and by the longer
 * benchmark run. Deterministic for a given {@link Random}; not thread-safe.
 */
public final class MagicFuzz {
    private static final String[] NUMBERS = {
        "0",
        "1",
        "2",
        "-1",
        "1000",
        "1001",
        "2147483647",
        "2147483648",
        "-2147483649",
        "1e999999999",
        "1e-2147483647",
        "1E+2147483647",
        "0.0625",
        "1.5",
        "NaN",
        "Infinity",
        "0x10",
        "+5",
        "99999999999999999999999999",
        "1e3",
        "",
        "  ",
        "12abc"
    };
    private static final String[] WORDS = {
        "G.1X",
        "G.2X",
        "G.9X",
        "G.3X",
        "g.1x",
        "Z.2X",
        "G.025X",
        "Standard",
        "R.1X",
        "G.4X",
        "G.8X",
        "G.12X",
        "G.16X",
        "X",
        "4.0",
        "5.0",
        "1.0",
        "3.0",
        "glueetl",
        "streaming",
        "etl",
        "python",
        "scala",
        "r",
        "sql",
        "us-east-1",
        "EU-WEST-1",
        "nowhere",
        "arn:aws:iam::123456789012:role/GlueRole",
        "GlueRole",
        "arn:aws:iam::1:role/x",
        "https://user:pw@glue.example.com",
        "http://127.0.0.1:1",
        "ftp://x",
        "http://[::1",
        "s3://bucket/a.jar",
        "s3://b/a.jar?X-Amz-Signature=abc&X-Amz-Security-Token=def",
        "a,b,,c",
        "[\"a\",\"b\"]",
        "[1,2]",
        "[",
        "spark.x=1",
        "spark.hadoop.fs.s3a.secret.key=s3cr3t",
        "k=v k2=v2",
        "run-7",
        "bad id!",
        "#",
        "\u0000",
        "\t",
        "\uD83D\uDE00",
        "\u2028",
        "{",
        "{}",
        "'single'"
    };
    private static final String[] KEYS = {
        "number_of_workers",
        "worker_type",
        "idle_timeout",
        "timeout",
        "tags",
        "glue_version",
        "iam_role",
        "region",
        "max_capacity",
        "extra_jars",
        "connections",
        "session_type",
        "session_language",
        "spark_conf",
        "ttl",
        "driverMemory",
        "executorMemory",
        "numExecutors",
        "driverCores",
        "conf",
        "jars",
        "pyFiles",
        "kind",
        "proxyUser",
        "heartbeatTimeoutInSecond",
        "--enable-auto-scaling",
        "password",
        "bad key!",
        "",
        "--",
        "idleTimeout",
        "name",
        "queue",
        "archives",
        "files"
    };

    /** Values each magic usually takes (and a few near its limits), so many cells get past core's checks. */
    private static final Map<String, String[]> PLAUSIBLE = Map.ofEntries(
            Map.entry("number_of_workers", new String[] {"1", "2", "5", "10", "1000", "0", "1001"}),
            Map.entry("worker_type", new String[] {"G.1X", "G.2X", "G.4X", "G.9X", "G.3X", "R.1X", "G.025X"}),
            Map.entry("idle_timeout", new String[] {"10", "15", "60", "2880", "2881", "0"}),
            Map.entry("timeout", new String[] {"10", "60", "240", "2880", "10080"}),
            Map.entry("glue_version", new String[] {"4.0", "5.0", "3.0", "2.0", "1.0"}),
            Map.entry("max_capacity", new String[] {"2", "0.0625", "1", "12000"}),
            Map.entry("iam_role", new String[] {"arn:aws:iam::123456789012:role/GlueRole", "GlueRole"}),
            Map.entry("region", new String[] {"us-east-1", "eu-west-1"}),
            Map.entry("endpoint", new String[] {
                "https://user:pw@glue.example.com",
                "http://127.0.0.1:1",
                "https://glue.us-east-1.amazonaws.com",
                "https://x/%zz",
                "http://h:99999"
            }),
            Map.entry("extra_jars", new String[] {"s3://b/a.jar", "s3://b/a.jar?X-Amz-Signature=abc"}),
            Map.entry("extra_py_files", new String[] {"s3://b/a.py", "s3://b/a.py?Signature=abc&x=1"}),
            Map.entry(
                    "spark_conf",
                    new String[] {"spark.x=1", "spark.hadoop.fs.s3a.secret.key=s3cr3t", "noequals", "a=b c=d"}),
            Map.entry("session_id_prefix", new String[] {"team", "a/b", "x".repeat(218)}),
            Map.entry("session_id", new String[] {"run-7", "r"}),
            Map.entry("connections", new String[] {"c1", "c1,c2"}),
            Map.entry("session_type", new String[] {"etl", "streaming", "glueetl"}),
            Map.entry("session_language", new String[] {"python", "scala", "r", "sql"}),
            Map.entry("profile", new String[] {"default", "p"}),
            Map.entry("security_config", new String[] {"sc"}));

    private final Random random;

    /** A generator drawing from {@code random}. */
    public MagicFuzz(Random random) {
        this.random = random;
    }

    /** One cell: up to six line magics, sometimes followed by a cell magic with a JSON body. */
    public String cell() {
        StringBuilder sb = new StringBuilder();
        List<String> names = Magics.names();
        if (random.nextInt(4) == 0) {
            return "%%configure\n" + options() + "\n";
        }
        int lines = random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            String name = random.nextInt(20) == 0
                    ? word()
                    : names.get(random.nextInt(names.size())).replaceFirst("^%+", "");
            String[] plausible = PLAUSIBLE.get(name);
            String arg = plausible != null && random.nextInt(3) > 0 ? pick(plausible) : argument();
            sb.append('%').append(name).append(' ').append(arg).append('\n');
        }
        switch (random.nextInt(5)) {
            case 0:
                sb.append("%%configure\n").append(json(0)).append('\n');
                break;
            case 1:
                sb.append("%%tags\n").append(json(1)).append('\n');
                break;
            case 2:
                sb.append("%%configure\n").append(garble(json(0))).append('\n');
                break;
            default:
                break;
        }
        return sb.toString();
    }

    private String argument() {
        switch (random.nextInt(6)) {
            case 0:
                return pick(NUMBERS);
            case 1:
                return pick(WORDS) + (random.nextBoolean() ? "" : "," + pick(WORDS));
            case 2:
                return "x".repeat(random.nextInt(5000));
            case 3:
                return garble(pick(WORDS));
            default:
                return random.nextBoolean() ? pick(NUMBERS) : pick(WORDS);
        }
    }

    private String word() {
        return random.nextBoolean() ? pick(WORDS) : pick(KEYS);
    }

    private String json(int depth) {
        int n = random.nextInt(depth == 0 ? 6 : 3) + (random.nextInt(10) == 0 ? 60 : 0);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(8) == 0 ? "k" + i : pick(KEYS);
            fields.put(key, value(depth));
        }
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(quoted(k) + ": " + v));
        return "{" + String.join(", ", parts) + "}";
    }

    /** A {@code %%configure} body of options only (Livy fields, Glue arguments), numbers often hostile. */
    private String options() {
        String[] keys = {
            "ttl",
            "idleTimeout",
            "driverMemory",
            "executorMemory",
            "numExecutors",
            "driverCores",
            "executorCores",
            "heartbeatTimeoutInSecond",
            "name",
            "queue",
            "kind",
            "proxyUser",
            "jars",
            "files",
            "conf",
            "--enable-auto-scaling",
            "--job-bookmark-option",
            "password"
        };
        List<String> parts = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = pick(keys);
            String v = key.equals("conf") ? "{\"spark.x\": " + value(3) + "}" : value(3);
            parts.add(quoted(key) + ": " + v);
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private String value(int depth) {
        switch (random.nextInt(7)) {
            case 0:
                String num = pick(NUMBERS);
                return num.isBlank() || num.matches(".*[a-zA-Z].*") && !num.matches("-?[0-9.]+[eE][-+]?[0-9]+")
                        ? quoted(num)
                        : num;
            case 1:
                return depth < 3 ? json(depth + 1) : "null";
            case 2:
                return "[" + quoted(pick(WORDS)) + ", " + pick(new String[] {"1", "null", "true", "{}"}) + "]";
            case 3:
                return pick(new String[] {"true", "false", "null", "True", "None"});
            case 4:
                return pick(new String[] {
                    "1e999999999", "1e-2147483647", "-1E+2147483647", "123456789e-9", "2", "1.5e3", "0.1"
                });
            default:
                return quoted(random.nextBoolean() ? pick(WORDS) : pick(NUMBERS));
        }
    }

    private String garble(String s) {
        if (s.isEmpty()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0:
                    sb.deleteCharAt(at);
                    break;
                case 1:
                    sb.insert(at, "{}[]\",:'\\\n=%".charAt(random.nextInt(12)));
                    break;
                default:
                    sb.setCharAt(at, (char) (32 + random.nextInt(95)));
                    break;
            }
        }
        return sb.toString();
    }

    private static String quoted(String s) {
        return "\""
                + s.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\u0000", "\\u0000")
                        .replace("\t", "\\t")
                        .replace("\u2028", "\\u2028")
                + "\"";
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** What a run found: how many cells, and each undocumented outcome by kind with a few samples. */
    public static final class Report {
        private int cells;
        private int refused;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final List<String> samples = new ArrayList<>();
        private long nanos;

        /** Cells run. */
        public int cells() {
            return cells;
        }

        /** Cells refused with an {@link InvalidConfigException}. */
        public int refused() {
            return refused;
        }

        /** Undocumented outcomes by exception class (or "long message"). */
        public Map<String, Integer> counts() {
            return counts;
        }

        /** Total undocumented outcomes. */
        public int undocumented() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Up to 20 undocumented outcomes with their cells. */
        public List<String> samples() {
            return samples;
        }

        /** Wall time of the run in nanoseconds. */
        public long nanos() {
            return nanos;
        }

        private void add(String kind, String sample) {
            counts.merge(kind, 1, Integer::sum);
            if (samples.size() < 20) {
                samples.add(sample);
            }
        }
    }

    /**
     * Runs {@code count} cells through {@code builders.get().magics(cell).build()} and reports each exception that
     * is not an {@link InvalidConfigException}, and each message over {@code maxMessage} characters; a built session
     * is closed.
     */
    public Report run(int count, Supplier<SessionBuilder> builders, int maxMessage) {
        Report r = new Report();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String cell = cell();
            r.cells++;
            try (InteractiveSession s = builders.get().magics(cell).build()) {
                s.state();
            } catch (InvalidConfigException e) {
                r.refused++;
                if (e.getMessage().length() > maxMessage) {
                    r.add("long message", "message of " + e.getMessage().length() + " characters for " + clip(cell));
                }
            } catch (RuntimeException | StackOverflowError e) {
                r.add(e.getClass().getName(), e + " for " + clip(cell));
            }
        }
        r.nanos = System.nanoTime() - start;
        return r;
    }

    /** {@link #run} and the samples of what it found (empty when every outcome was documented). */
    public List<String> undocumented(int count, Supplier<SessionBuilder> builders, int maxMessage) {
        return run(count, builders, maxMessage).samples();
    }

    private static String clip(String cell) {
        String s = cell.length() > 300 ? cell.substring(0, 300) + "..." : cell;
        return "cell " + s.replace("\n", "\\n");
    }
}
