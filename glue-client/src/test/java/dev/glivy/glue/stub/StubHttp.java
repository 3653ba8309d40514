package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire side of {@link GlueStub}: awsJson 1.1 requests ({@code X-Amz-Target: AWSGlue.<Operation>}) go to the
 * stub's operations with the fault {@link StubFaults} decides put around them; form-encoded requests are STS. Each
 * exchange runs on one of the server's threads; the stub's lock is held only while an operation is applied (a slow
 * answer waits outside it). Thread-safe.
 */
final class StubHttp {
    private static final byte[] PROXY_503 = ("<html><head><title>503 Service Temporarily Unavailable</title></head>"
                    + "<body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private final GlueStub stub;
    private final ObjectMapper json;
    private final AtomicInteger requestIds = new AtomicInteger();

    StubHttp(GlueStub stub, ObjectMapper json) {
        this.stub = stub;
        this.json = json;
    }

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.contains("Credential=")) {
                String scope = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
                stub.signedWith(scope.substring(0, scope.indexOf(',') < 0 ? scope.length() : scope.indexOf(',')));
            }
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null) {
                sts(ex, new String(body, StandardCharsets.UTF_8));
                return;
            }
            String op = target.substring(target.indexOf('.') + 1);
            StubFault fault = stub.arrived(op);
            if (fault != null && !fault.applies()) {
                refuse(ex, fault);
                return;
            }
            JsonNode in = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            byte[] out;
            try {
                out = json.writeValueAsBytes(stub.operation(op, in));
            } catch (StubError e) {
                if (fault != StubFault.CUT_AFTER_APPLY) {
                    error(ex, e.status, e.code, e.getMessage());
                }
                return;
            }
            if (fault == StubFault.CUT_AFTER_APPLY) {
                return; // applied; closing the exchange unanswered drops the connection
            }
            if (fault == StubFault.INTERNAL_ERROR_AFTER_APPLY) {
                error(ex, 500, "InternalServiceException", "Internal service error (injected after applying)");
                return;
            }
            if (fault == StubFault.SLOW) {
                pause(stub.faults().slowDelay());
            }
            send(ex, 200, "application/x-amz-json-1.1", out);
        } catch (RuntimeException e) {
            error(ex, 500, "InternalServiceException", "stub failure: " + e);
        }
    }

    private void refuse(HttpExchange ex, StubFault fault) throws IOException {
        switch (fault) {
            case THROTTLE -> error(ex, 400, "ThrottlingException", "Rate exceeded");
            case INTERNAL_ERROR -> error(ex, 500, "InternalServiceException", "Internal service error (injected)");
            case PROXY_503 -> {
                ex.getResponseHeaders().add("Content-Type", "text/html");
                ex.getResponseHeaders().add("Server", "stub-proxy");
                ex.sendResponseHeaders(503, PROXY_503.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(PROXY_503);
                }
            }
            case CUT_BEFORE_APPLY -> {} // closing the exchange unanswered drops the connection
            default -> throw new IllegalStateException("not a refusing fault: " + fault);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sts(HttpExchange ex, String form) throws IOException {
        if (!form.contains("Action=GetCallerIdentity")) {
            send(
                    ex,
                    400,
                    "text/xml",
                    ("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                                    + "<Message>The Glue stub's STS only answers GetCallerIdentity</Message></Error>"
                                    + "<RequestId>stub</RequestId></ErrorResponse>")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String[] caller = stub.callerIdentity();
        String xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>" + caller[0] + "</Arn><UserId>" + caller[1] + "</UserId>"
                + "<Account>" + GlueStub.ACCOUNT + "</Account></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>stub-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        send(ex, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode e = json.createObjectNode();
        e.put("__type", code);
        e.put("message", message);
        ex.getResponseHeaders().add("x-amzn-ErrorType", code);
        send(ex, status, "application/x-amz-json-1.1", json.writeValueAsBytes(e));
    }

    private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("x-amzn-RequestId", "stub-" + requestIds.incrementAndGet());
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
