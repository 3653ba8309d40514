package dev.glivy.benchmarks.fuzz;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.glue.GlueTransport;
import dev.glivy.livy.LivyTransport;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.MagicFuzz;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The longer run of the transports' magic fuzz tests: {@code --cells N} (default 200,000) fuzzed cells per
 * transport (Livy, Glue) through {@code SessionBuilder.magics(cell).build()}, seed {@code --seed S} (default 17),
 * printing the cells per second and every exception that is not the documented {@code InvalidConfigException}, by
 * class, with samples. No remote call is made: {@code build()} does not call the backend (the Livy URL is a closed
 * loopback port, the Glue credentials are static and fake). Exits with status 1 when anything undocumented was found.
 */
public final class MagicFuzzBenchmark {
    private MagicFuzzBenchmark() {}

    /** Runs the fuzz; see the class comment for the arguments. */
    public static void main(String[] args) {
        int cells = 200_000;
        long seed = 17;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--cells")) {
                cells = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--seed")) {
                seed = Long.parseLong(args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; use --cells N --seed S");
            }
        }
        int bad = 0;
        try (LivyTransport livy =
                LivyTransport.builder().url("http://127.0.0.1:9").build()) {
            bad += run("livy", livy, cells, seed);
        }
        try (GlueTransport glue = GlueTransport.builder()
                .region("us-east-1")
                .clientConfig(c -> c.credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDFUZZBENCH", "fuzz-bench-secret"))))
                .build()) {
            bad += run("glue", glue, cells, seed);
        }
        System.exit(bad == 0 ? 0 : 1);
    }

    private static int run(String name, SessionTransport t, int cells, long seed) {
        Supplier<SessionBuilder> builders =
                () -> InteractiveSession.builder().useEnvironment(false).transport(t);
        MagicFuzz.Report r = new MagicFuzz(new Random(seed)).run(cells, builders, 20_000);
        double seconds = r.nanos() / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s: %d cells in %.1f s (%.0f cells/s), %d refused with "
                        + "InvalidConfigException, %d undocumented %s%n",
                name,
                r.cells(),
                seconds,
                r.cells() / seconds,
                r.refused(),
                r.undocumented(),
                r.counts());
        r.samples().forEach(s -> System.out.println("  " + s));
        return r.undocumented();
    }
}
