package dev.glivy.benchmarks.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FastFakeLivy} in a child JVM (same classpath, serial GC, 256 MiB, TCP_NODELAY), so its threads, CPU and heap are never
 * counted as the client's. Closing it closes the child's standard input, which ends it; it is killed if it has not
 * ended a few seconds later.
 */
final class FakeLivyProcess implements AutoCloseable {
    private static final Pattern REQUESTS = Pattern.compile("\"requests\":(\\d+)");

    private final Process process;
    private final String url;
    private final HttpClient stats =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FakeLivyProcess(long statementDelayMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // nodelay: without it the JDK server's separate header and body writes meet the client's delayed ACK and
        // every answer waits about 40 ms
        process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Dsun.net.httpserver.nodelay=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FastFakeLivy.class.getName(),
                        Long.toString(statementDelayMillis)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException("the fake Livy did not start (it printed " + line + ")");
        }
        url = "http://127.0.0.1:" + Integer.parseInt(line.substring(5).trim());
    }

    /** The fake's base URL on loopback. */
    String url() {
        return url;
    }

    /** The requests the fake has answered so far (the stats request itself not counted). */
    long requests() throws IOException, InterruptedException {
        String body = stats.send(
                        HttpRequest.newBuilder(URI.create(url + "/stats")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = REQUESTS.matcher(body);
        if (!m.find()) {
            throw new IOException("unexpected stats answer: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
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
