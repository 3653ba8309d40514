package dev.glivy.livy.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.glivy.livy.fake.FakeLivyHandlers.Answer;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP side of {@link FakeLivyServer}: routes Livy's REST paths to {@link FakeLivyHandlers}, counts and records
 * requests, checks auth and the CSRF header, and applies faults - first those queued with
 * {@link FakeLivyServer#failNext}, else the {@link FaultPlan}'s. Proxy faults (503, 502, 429) answer before the server
 * sees the request; lost answers, 500s after the fact and slow answers happen after the server applied it.
 */
final class FakeLivyRoutes implements HttpHandler {
    private static final String HTML = "text/html;charset=utf-8";

    private final FakeLivyServer srv;
    private final FakeLivyHandlers handlers;
    private final String basePath;

    FakeLivyRoutes(FakeLivyServer srv, String basePath) {
        this.srv = srv;
        this.handlers = new FakeLivyHandlers(srv);
        this.basePath = basePath;
    }

    /** The SPI operation a request serves. */
    static String operation(String method, String path) {
        List<String> s = segments(path);
        int n = s.size();
        if (n == 1 && s.get(0).equals("version")) {
            return "version";
        }
        if (n == 0 || !s.get(0).equals("sessions")) {
            return "unknown";
        }
        if (n == 1) {
            return method.equals("POST") ? "createSession" : "listSessions";
        }
        if (n == 2) {
            return method.equals("DELETE") ? "stopSession" : "getSession";
        }
        String what = s.get(2);
        if (n == 3) {
            switch (what) {
                case "state":
                    return "keepAlive";
                case "log":
                    return "sessionLog";
                case "completion":
                    return "completion";
                case "statements":
                    return method.equals("POST") ? "submitStatement" : "listStatements";
                default:
                    return "unknown";
            }
        }
        if (what.equals("statements")) {
            return n == 4 ? "getStatement" : "cancelStatement";
        }
        return "unknown";
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                out.add(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String raw = ex.getRequestURI().getRawPath();
            String path = raw.startsWith(basePath) ? raw.substring(basePath.length()) : raw;
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String method = ex.getRequestMethod();
            String op = operation(method, path);
            srv.requests.add(new RecordedRequest(op, method, path, query, headers, body));
            Object queued = srv.queue.next(op);
            FaultPlan.Decision plan = srv.faultPlan().decide(op, queued == null);
            LivyFault planned = plan.fault();
            if (planned != null && !planned.kind().applied()) {
                sleep(plan.delay());
                send(ex, proxyAnswer(planned, op));
                return;
            }
            String auth = srv.requiredAuthorization;
            if (auth != null && !auth.equals(headers.get("authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", String.valueOf(srv.challenge));
                send(ex, new Answer(401, "{\"msg\":\"Unauthorized\"}"));
                return;
            }
            if (srv.csrf
                    && (method.equals("POST") || method.equals("DELETE"))
                    && headers.get("x-requested-by") == null) {
                send(ex, new Answer(400, "{\"msg\":\"Missing Required Header for CSRF protection.\"}"));
                return;
            }
            if (queued instanceof Duration d) {
                sleep(d);
            } else if (queued == Fault.THROTTLE) {
                send(ex, new Answer(429, "{\"msg\":\"Too many requests (fake " + op + ")\"}"));
                return;
            } else if (queued == Fault.SERVER_ERROR) {
                send(ex, new Answer(500, "\"java.lang.RuntimeException: injected server error (" + op + ")\""));
                return;
            } else if (queued instanceof FaultQueue.Canned c) {
                send(ex, new Answer(c.status(), c.body()));
                return;
            }
            Answer a;
            synchronized (srv) {
                a = handlers.dispatch(op, segments(path), query, body);
            }
            sleep(plan.delay());
            if (queued == Fault.RESPONSE_LOST || (planned != null && planned.kind() == LivyFault.Kind.ANSWER_LOST)) {
                ex.close();
                return;
            }
            if (planned != null && planned.kind() == LivyFault.Kind.SERVER_ERROR_AFTER_APPLY) {
                a = new Answer(
                        500,
                        "\"java.util.concurrent.TimeoutException: injected after the request was " + "applied (" + op
                                + ")\"");
            }
            send(ex, a);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        } catch (RuntimeException e) {
            send(ex, new Answer(500, "\"fake livy failed: " + e.toString().replace("\"", "'") + "\""));
        }
    }

    private static Answer proxyAnswer(LivyFault f, String op) {
        switch (f.kind()) {
            case PROXY_UNAVAILABLE:
                return new Answer(
                        503,
                        "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to "
                                + "handle this request (fake proxy, " + op + ").\n</body></html>\n",
                        HTML);
            case BAD_GATEWAY:
                return new Answer(
                        502,
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad "
                                + "Gateway</h1></center><hr><center>fake proxy (" + op + ")</center></body></html>\n",
                        HTML);
            default:
                return new Answer(
                        429,
                        "<html><head><title>429 Too Many Requests</title></head><body><center><h1>"
                                + "429 Too Many Requests</h1></center><hr><center>fake gateway (" + op
                                + ")</center></body>"
                                + "</html>\n",
                        HTML);
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    private void send(HttpExchange ex, Answer a) throws IOException {
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        if (a.status() == 429) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
