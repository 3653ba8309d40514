package dev.glivy.livy;

import dev.glivy.InteractiveSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The child JVM of {@link LivyShutdownHookIT}: starts a Livy session against the URL in {@code args[0]} without
 * waiting for it, then exits with {@code System.exit(0)} as soon as a line arrives on stdin (the parent sends it once
 * the server holds the unanswered {@code POST /sessions}). The session is never closed here: only Glivy's shutdown
 * hook can stop it.
 */
public final class ShutdownHookChild {
    private ShutdownHookChild() {}

    /** Runs the child; {@code args[0]} is the Livy URL. */
    public static void main(String[] args) throws Exception {
        InteractiveSession s = InteractiveSession.builder()
                .transport(LivyTransport.builder().url(args[0]).serverVersion("0.8.0"))
                .useEnvironment(false)
                .stopOnJvmShutdown(true)
                .startTimeout(Duration.ofMinutes(10))
                .closeTimeout(Duration.ofSeconds(20))
                .build();
        s.startAsync();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine();
        System.exit(0);
    }
}
