package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.glivy.InteractiveSession;
import dev.glivy.config.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;

/**
 * Plants a distinct secret in every input path of a Livy session (basic auth, a custom API-key header, a
 * {@code %%configure} password, an s3a secret key in {@code %spark_conf} and in {@code conf}, presigned-URL
 * signature and token in {@code jars}) against a loopback server that echoes every request header and the body in
 * its 500 answer to {@code POST /sessions}, and asserts none appears in the exception, its causes, {@code toString()}s, or Glivy's log output
 * at TRACE (slf4j-simple writes to System.err, captured here).
 */
@DisplayName("Livy secrets: none in messages, toString() or Glivy's TRACE logs, even when the server echoes them")
class LivySecretsIT {
    private static final List<String> SECRETS = List.of(
            "basic-pw-SECRET-0",
            "apikey-SECRET-1",
            "pw-SECRET-2",
            "s3a-SECRET-3",
            "sig-SECRET-4",
            "tok-SECRET-5",
            "s3a-SECRET-6",
            "cred-SECRET-7");

    private HttpServer echo;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private final List<Integer> levels = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", ex -> {
            if (ex.getRequestMethod().equals("GET")) {
                byte[] ok = (ex.getRequestURI().getPath().equals("/version")
                                ? "{\"version\": \"0.8.0\"}"
                                : "{\"from\": 0, \"total\": 0, \"sessions\": []}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, ok.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(ok);
                }
                return;
            }
            StringBuilder sb = new StringBuilder("{\"msg\": \"echo:");
            ex.getRequestHeaders()
                    .forEach((k, v) -> sb.append(' ').append(k).append(": ").append(v.get(0)));
            try (InputStream in = ex.getRequestBody()) {
                sb.append(" body: ")
                        .append(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                .replace("\\", "\\\\")
                                .replace("\"", "\\\""));
            }
            byte[] out = sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(500, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        echo.start();
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        for (String name : List.of("dev.glivy.wire.livy", "dev.glivy.livy.internal.LivyHttp")) {
            levels.add(setLevel(LoggerFactory.getLogger(name), 0));
        }
    }

    @AfterEach
    void stop() throws Exception {
        System.setErr(originalErr);
        List<String> names = List.of("dev.glivy.wire.livy", "dev.glivy.livy.internal.LivyHttp");
        for (int i = 0; i < names.size(); i++) {
            setLevel(LoggerFactory.getLogger(names.get(i)), levels.get(i));
        }
        echo.stop(0);
    }

    /** Sets a slf4j-simple logger's level (0 = TRACE) and returns the old one. */
    private static int setLevel(Logger logger, int level) throws Exception {
        Field f = SimpleLogger.class.getDeclaredField("currentLogLevel");
        f.setAccessible(true);
        int old = f.getInt(logger);
        f.setInt(logger, level);
        return old;
    }

    @Test
    @DisplayName("create refused by an echoing server: the message, causes and TRACE wire log hold no secret")
    void echoedSecretsAreMasked() {
        String url = "http://127.0.0.1:" + echo.getAddress().getPort();
        try (LivyTransport t = LivyTransport.builder()
                .url(url)
                .auth(LivyAuth.basic("alice", SECRETS.get(0)))
                .header("X-Api-Key", SECRETS.get(1))
                .build()) {
            String cell = "%spark_conf spark.hadoop.fs.s3a.secret.key=" + SECRETS.get(6) + "\n"
                    + "%%configure\n{\"password\": \"" + SECRETS.get(2) + "\", \"conf\": "
                    + "{\"spark.hadoop.fs.s3a.secret.key\": \"" + SECRETS.get(3) + "\"}, \"jars\": "
                    + "[\"https://b.s3.amazonaws.com/a.jar?X-Amz-Credential=" + SECRETS.get(7)
                    + "&X-Amz-Signature=" + SECRETS.get(4) + "&X-Amz-Security-Token=" + SECRETS.get(5) + "\"]}";
            InteractiveSession s = InteractiveSession.builder()
                    .useEnvironment(false)
                    .transport(t)
                    .retryPolicy(RetryPolicy.none())
                    .stopOnJvmShutdown(false)
                    .magics(cell)
                    .build();
            String shown = s.toString() + s.config() + s.config().describe();
            Throwable failure = catchThrowable(s::start);
            s.close();
            assertThat(failure).isNotNull();
            StringBuilder text = new StringBuilder(shown);
            for (Throwable e = failure; e != null; e = e.getCause()) {
                text.append('\n').append(e).append('\n').append(e.getMessage());
                for (Throwable sup : e.getSuppressed()) {
                    text.append('\n').append(sup);
                }
            }
            String logs = captured.toString(StandardCharsets.UTF_8);
            assertThat(logs)
                    .as("TRACE capture works")
                    .contains("--> POST /sessions")
                    .contains("<-- 500");
            assertThat(text.toString())
                    .as("the server's echo reached the message")
                    .contains("echo:");
            for (String secret : SECRETS) {
                assertThat(text.toString()).as("messages and toString()").doesNotContain(secret);
                assertThat(logs).as("Glivy logs at TRACE").doesNotContain(secret);
            }
        }
    }
}
