package dev.glivy.magic;

import dev.glivy.config.SessionType;
import dev.glivy.config.WorkerType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Random magics of every type, from a seeded {@link Random}, for property-style tests. */
final class MagicGenerator {
    /** Characters values are drawn from: the ones that matter to the parser, plus non-ASCII and a tab. */
    private static final String ALPHABET = "abcXYZ019 ._-/#%,[]{}\"'\\=:@+\t\u00e9\u4e2d\u0130\u2028";

    private static final String[] EMOJI = {"\ud83d\ude00", "\ud83c\udf89"};

    private final Random random;

    MagicGenerator(Random random) {
        this.random = random;
    }

    /** One generator per magic class; {@link MagicRoundTripTest} checks that it covers every permitted class. */
    List<Function<MagicGenerator, Magic>> all() {
        return List.of(
                g -> new IamRoleMagic(g.text()),
                g -> new RegionMagic(g.text()),
                g -> new ProfileMagic(g.text()),
                g -> new EndpointMagic(g.text()),
                g -> new NumberOfWorkersMagic(g.anyInt()),
                g -> new WorkerTypeMagic(g.workerType()),
                g -> new MaxCapacityMagic(g.finiteDouble()),
                g -> new GlueVersionMagic(g.text()),
                g -> new IdleTimeoutMagic(g.minutes()),
                g -> new TimeoutMagic(g.minutes()),
                g -> new SecurityConfigMagic(g.text()),
                g -> new ConnectionsMagic(g.texts()),
                g -> new AdditionalPythonModulesMagic(g.texts()),
                g -> new ExtraPyFilesMagic(g.texts()),
                g -> new ExtraJarsMagic(g.texts()),
                g -> new SparkConfMagic(g.text()),
                g -> new SessionIdPrefixMagic(g.text()),
                g -> new SessionIdMagic(g.text()),
                g -> new EtlMagic(),
                g -> new StreamingMagic(),
                g -> new SessionTypeMagic(g.sessionType()),
                g -> new ConfigureMagic(g.configureJson()),
                g -> new TagsMagic(g.tags()),
                g -> new AssumeRoleMagic(g.roleText()),
                g -> new StatusMagic(),
                g -> new ListSessionsMagic(),
                g -> new StopSessionMagic(),
                g -> new ReconnectMagic(g.text()),
                g -> new ShowSessionIdMagic(),
                g -> new HelpMagic(),
                g -> new SqlMagic(g.multiline()));
    }

    Magic any() {
        List<Function<MagicGenerator, Magic>> all = all();
        return all.get(random.nextInt(all.size())).apply(this);
    }

    /** A random cell: line magics, then a cell magic or code (possibly with comments). */
    MagicCell cell() {
        List<Magic> magics = new ArrayList<>();
        int n = random.nextInt(5);
        while (magics.size() < n) {
            Magic m = any();
            if (!m.isCellMagic()) {
                magics.add(m);
            }
        }
        if (random.nextInt(3) == 0) {
            Magic m = any();
            while (!m.isCellMagic()) {
                m = any();
            }
            magics.add(m);
            return MagicCell.of(magics, "");
        }
        StringBuilder code = new StringBuilder();
        if (random.nextBoolean()) {
            code.append(random.nextBoolean() ? "# " : "// ").append(text()).append('\n');
        }
        if (random.nextInt(4) > 0) {
            code.append("x").append(multiline());
        }
        return MagicCell.of(magics, code.toString());
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        int len = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
        for (int i = 0; i < len; i++) {
            if (random.nextInt(30) == 0) {
                sb.append(EMOJI[random.nextInt(EMOJI.length)]);
            } else {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? "v" : s;
    }

    private String roleText() {
        String s = text();
        return s.startsWith("{") ? "arn" + s : s;
    }

    List<String> texts() {
        List<String> l = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            l.add(text());
        }
        return l;
    }

    /** Several lines with any line break, control characters and magic-looking lines. */
    String multiline() {
        StringBuilder sb = new StringBuilder(text());
        int n = random.nextInt(4);
        String[] breaks = {"\n", "\r\n", "\r"};
        for (int i = 0; i < n; i++) {
            sb.append(breaks[random.nextInt(3)]);
            sb.append(random.nextInt(5) == 0 ? "%status " : "")
                    .append(random.nextInt(8) == 0 ? "\u0000" : "")
                    .append(text());
        }
        return sb.toString();
    }

    int anyInt() {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(20);
            case 1:
                return random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            default:
                return random.nextInt();
        }
    }

    double finiteDouble() {
        switch (random.nextInt(5)) {
            case 0:
                return random.nextInt(100) / 4.0;
            case 1:
                return new double[] {Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 0.0, 1e-7, 1e21}[random.nextInt(6)];
            default:
                double d = Double.longBitsToDouble(random.nextLong());
                return Double.isFinite(d) ? d : 1.5;
        }
    }

    Duration minutes() {
        return Duration.ofMinutes(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(3000));
    }

    WorkerType workerType() {
        if (random.nextBoolean()) {
            return WorkerType.known().get(random.nextInt(WorkerType.known().size()));
        }
        String letter = String.valueOf((char) ('A' + random.nextInt(26)));
        String size = Integer.toString(random.nextInt(1000)) + (random.nextInt(4) == 0 ? "." + random.nextInt(99) : "");
        return WorkerType.of(letter + "." + size + "X");
    }

    SessionType sessionType() {
        if (random.nextBoolean()) {
            return SessionType.known().get(random.nextInt(2));
        }
        StringBuilder sb = new StringBuilder("glue");
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return SessionType.of(sb.toString());
    }

    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            tags.put(random.nextInt(10) == 0 ? "" : text(), random.nextInt(10) == 0 ? "\u0000\n" : text());
        }
        return tags;
    }

    /** A %%configure object mixing valid setting keys and random option keys with any JSON values. */
    Map<String, @Nullable Object> configureJson() {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                settingEntry(json);
            } else {
                json.put("opt" + text(), jsonValue(3));
            }
        }
        return json;
    }

    private void settingEntry(Map<String, @Nullable Object> json) {
        switch (random.nextInt(12)) {
            case 0:
                json.put("idle_timeout", (long) random.nextInt(3000));
                break;
            case 1:
                json.put("timeout", Integer.toString(random.nextInt(3000)));
                break;
            case 2:
                json.put("number_of_workers", random.nextInt(50));
                break;
            case 3:
                json.put("worker_type", workerType().value());
                break;
            case 4:
                json.put("max_capacity", BigDecimal.valueOf(random.nextInt(400), 1));
                break;
            case 5:
                json.put("glue_version", random.nextBoolean() ? "4.0" : new BigDecimal("5.0"));
                break;
            case 6:
                json.put("tags", tags());
                break;
            case 7:
                json.put(
                        random.nextBoolean() ? "connections" : "extra_jars",
                        random.nextBoolean() ? texts() : String.join(",", List.of("a", "b")));
                break;
            case 8:
                json.put("session_type", random.nextBoolean() ? "streaming" : "etl");
                break;
            case 9:
                json.put("session_language", random.nextBoolean() ? "scala" : "python");
                break;
            case 10:
                json.put("region", text());
                break;
            default:
                json.put("iam_role", text());
                break;
        }
    }

    private @Nullable Object jsonValue(int depth) {
        switch (random.nextInt(depth <= 0 ? 6 : 8)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextLong();
            case 3:
                return new BigDecimal(random.nextInt() + "." + random.nextInt(1000))
                        .scaleByPowerOfTen(random.nextInt(40) - 20);
            case 4:
            case 5:
                return random.nextInt(5) == 0 ? "\u0000\n\"\\" : text();
            case 6:
                List<@Nullable Object> l = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    l.add(jsonValue(depth - 1));
                }
                return l;
            default:
                Map<String, @Nullable Object> m = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    m.put(text(), jsonValue(depth - 1));
                }
                return m;
        }
    }
}
