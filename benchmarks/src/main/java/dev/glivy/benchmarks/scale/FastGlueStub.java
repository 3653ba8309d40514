package dev.glivy.benchmarks.scale;

import dev.glivy.glue.stub.GlueStub;
import java.io.IOException;
import java.time.Duration;

/**
 * The project's Glue stub ({@link GlueStub}, glue-client's test-jar: the AWS wire protocol on loopback) set up for
 * the scale benchmark and run in its own JVM: sessions are ready as soon as they are created and stop at once, and
 * every statement runs from its submission, side by side with the session's others
 * ({@link GlueStub#concurrentStatements}), finishing a fixed delay later with Glue's {@code StartedOn} and
 * {@code CompletedOn}. Everything else (ListStatements pages of 3, shuffled; SigV4 parsing; STS) is the stub's
 * default. Talks to the benchmark over its standard input and output ({@link BackendProcess#serve}: the port, the
 * request count, STS included) and exits when its standard input closes.
 *
 * <p>Usage: {@code FastGlueStub <statement delay ms>}.
 */
public final class FastGlueStub {
    private FastGlueStub() {}

    /** Starts the stub; see the class comment. */
    public static void main(String[] args) throws IOException {
        long delay = args.length > 0 ? Long.parseLong(args[0]) : 200;
        try (GlueStub stub = new GlueStub()) {
            stub.provisioning(Duration.ZERO)
                    .stopDelay(Duration.ZERO)
                    .statementDuration(Duration.ofMillis(delay))
                    .concurrentStatements(true);
            BackendProcess.serve(stub.uri().getPort(), stub::totalRequests);
        }
    }
}
