package dev.glivy.livy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension (instance field, one per test): a python3 process running {@code sigv4/sigv4_proxy.py} on
 * 127.0.0.1 (ephemeral port) in front of an upstream Livy, which accepts only requests whose SigV4 signature
 * botocore recomputes to the same value for the given credentials, and answers 403 otherwise. Register it after
 * the upstream's extension so that the upstream is running first. The process is stopped (by closing its standard
 * input, then by its pid) after each test.
 */
final class SigV4Proxy implements BeforeEachCallback, AfterEachCallback {
    static final String ACCESS_KEY = "AKIDGLIVYTEST0000001";
    static final String SECRET_KEY = "glivy/test/secret/key/NEVER+SHOWN/0123456";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEglivySessionTokenNeverShown//0123456789abcdef==";
    static final String SERVICE = "emr-serverless";
    static final String REGION = "us-east-1";

    private final Supplier<String> upstream;
    private final ObjectMapper json = new ObjectMapper();
    private @Nullable Process process;
    private int port;

    SigV4Proxy(Supplier<String> upstream) {
        this.upstream = upstream;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Path script = Files.createTempFile("sigv4_proxy", ".py");
        try (InputStream in = SigV4Proxy.class.getResourceAsStream("/sigv4/sigv4_proxy.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        Process p = new ProcessBuilder(
                        "python3",
                        script.toString(),
                        upstream.get(),
                        ACCESS_KEY,
                        SECRET_KEY,
                        SESSION_TOKEN,
                        SERVICE,
                        REGION)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process = p;
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "sigv4_proxy.py did not start (is python3 with botocore installed?): " + line);
        }
        port = Integer.parseInt(line.substring(5).strip());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Process p = process;
        if (p != null) {
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** The proxy's base URL. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** One request the proxy received. */
    record Seen(
            String method,
            String path,
            @Nullable String date,
            @Nullable String signature,
            @Nullable String problem) {}

    /** Every request received so far, in order. */
    List<Seen> requests() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url() + "/__proxy/requests"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            List<Seen> all = new ArrayList<>();
            for (JsonNode n : json.readTree(r.body())) {
                all.add(new Seen(
                        n.get("method").asText(),
                        n.get("path").asText(),
                        text(n, "date"),
                        text(n, "signature"),
                        text(n, "problem")));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
