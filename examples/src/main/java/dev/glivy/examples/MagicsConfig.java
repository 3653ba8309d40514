package dev.glivy.examples;

import dev.glivy.InteractiveSession;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.local.LocalTransport;
import dev.glivy.magic.Magics;
import java.io.PrintStream;
import java.util.Map;

/**
 * Configures a session from the seed's magic cell text and prints the effective configuration with where each value
 * came from (magics, environment variables {@code glue_*}, the AWS config profile, Glivy's defaults). Building a
 * session makes no remote call, so this needs no account and starts nothing.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Pmagics}
 */
public final class MagicsConfig {
    /** The magic cell of the seed notebook. */
    static final String SEED_CELL =
            String.join("\n", "%glue_version 3.0", "%number_of_workers 2", "%worker_type G.2X", "%idle_timeout 60");

    private MagicsConfig() {}

    /** Runs the example. */
    public static void main(String[] args) {
        run(Map.of("glue_connections", "my-vpc-connection", "glue_tags", "{\"team\": \"data\"}"), System.out);
    }

    static SessionConfig run(Map<String, String> environment, PrintStream out) {
        out.println("Magic cell:\n" + SEED_CELL + "\n");
        try (InteractiveSession session = InteractiveSession.builder()
                .transport(LocalTransport.builder())
                .magics(SEED_CELL)
                .environment(environment)
                .build()) {
            out.println("Effective configuration (value and source):");
            out.println(session.config().describe());
            try {
                InteractiveSession.builder()
                        .transport(LocalTransport.builder())
                        .magics("%number_of_workers 0\n%glue_version 1.0\n%worker_type G.3Y")
                        .build();
            } catch (InvalidConfigException e) {
                out.println("A bad cell is refused with every problem at once:\n" + e.getMessage() + "\n");
            }
            String help = Magics.help();
            out.println("From %help (first lines):\n"
                    + help.lines().limit(8).reduce((a, b) -> a + "\n" + b).orElse(""));
            return session.config();
        }
    }
}
