package dev.glivy.benchmarks.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A scale benchmark's backend ({@link FastFakeLivy} or {@link FastGlueStub}) in a child JVM (same classpath, serial
 * GC, 256 MiB, TCP_NODELAY), so its threads, CPU and heap are never counted as the client's. The child prints
 * {@code PORT <n>} once it listens on loopback, then answers {@code requests} lines on its standard input with
 * {@code REQUESTS <n>} (see {@link #serve}). Closing this closes the child's standard input, which ends it; it is
 * killed if it has not ended a few seconds later. Not thread-safe.
 */
final class BackendProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String url;

    private BackendProcess(Class<?> main, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                // nodelay: without it the JDK server's separate header and body writes meet the client's delayed
                // ACK and every answer waits about 40 ms
                "-Dsun.net.httpserver.nodelay=true",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException(main.getSimpleName() + " did not start (it printed " + line + ")");
        }
        url = "http://127.0.0.1:" + Integer.parseInt(line.substring(5).trim());
    }

    /** {@link FastFakeLivy} finishing each statement {@code statementDelayMillis} after its submission. */
    static BackendProcess livy(long statementDelayMillis) throws IOException {
        return new BackendProcess(FastFakeLivy.class, List.of(Long.toString(statementDelayMillis)));
    }

    /** {@link FastGlueStub} finishing each statement {@code statementDelayMillis} after its submission. */
    static BackendProcess glue(long statementDelayMillis) throws IOException {
        return new BackendProcess(FastGlueStub.class, List.of(Long.toString(statementDelayMillis)));
    }

    /** The backend's base URL on loopback. */
    String url() {
        return url;
    }

    /** The requests the backend has answered so far. */
    long requests() throws IOException {
        in.write("requests\n");
        in.flush();
        String line = out.readLine();
        if (line == null || !line.startsWith("REQUESTS ")) {
            throw new IOException("unexpected answer to requests: " + line);
        }
        return Long.parseLong(line.substring(9).trim());
    }

    /**
     * The child's side: prints {@code PORT <port>}, answers each {@code requests} line on standard input with
     * {@code REQUESTS <n>} and returns when standard input closes.
     */
    static void serve(int port, LongSupplier requests) throws IOException {
        PrintStream stdout = System.out;
        stdout.println("PORT " + port);
        stdout.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
            if (line.strip().equals("requests")) {
                stdout.println("REQUESTS " + requests.getAsLong());
                stdout.flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
