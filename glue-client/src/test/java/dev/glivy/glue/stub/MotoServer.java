package dev.glivy.glue.stub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension (a {@code static @RegisterExtension} field) running {@code moto_server} as a child process on a
 * free 127.0.0.1 port for a test class: started before all tests, its state reset before each test, stopped after
 * all (by its pid: {@link Process#destroy()} and wait). Tests are skipped, visibly, when {@code moto_server} is not
 * on the {@code PATH}. Its output goes to {@code target/moto-server-<port>.log}.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int port;

    /** The endpoint, for {@code endpointOverride} and {@code stsEndpointOverride}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String exe = find("moto_server");
        assumeTrue(
                exe != null,
                "moto_server is not on the PATH: install it with 'pip install \"moto[server]\"' to "
                        + "run the moto-backed Glue tests");
        for (int attempt = 1; attempt <= 3 && process == null; attempt++) {
            port = freePort();
            Path log = Path.of("target", "moto-server-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(exe, "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (awaitUp(p)) {
                process = p;
            } else {
                stop(p);
            }
        }
        if (process == null) {
            throw new IllegalStateException("moto_server did not start on 127.0.0.1 (see target/moto-server-*.log)");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri().resolve("/moto-api/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto reset failed: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            stop(process);
            process = null;
        }
    }

    private boolean awaitUp(Process p) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return false;
            }
            try {
                http.send(
                        HttpRequest.newBuilder(uri().resolve("/moto-api/"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
