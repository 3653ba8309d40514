package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The error factory: Livy's answers (real 0.7.1 bodies) and I/O failures onto Glivy's exceptions. */
class LivyErrorsTest {
    private final LivyErrors errors = new LivyErrors("http://livy:8998", "basic", Fixtures.JSON);

    private static final LivyRequest GET_SESSION =
            LivyRequest.of("GET", "/sessions/5", "getSession", "get session 5", "5", null);
    private static final LivyRequest GET_STATEMENT =
            LivyRequest.of("GET", "/sessions/5/statements/3", "getStatement", "get statement 3 of session 5", "5", "3");
    private static final LivyRequest SUBMIT = LivyRequest.of(
            "POST", "/sessions/5/statements", "submitStatement", "submit a spark statement to session 5", "5", null);
    private static final LivyRequest CREATE =
            LivyRequest.of("POST", "/sessions", "createSession", "create a session", null, null);

    private static LivyResponse resp(int status, String body) {
        return resp(status, body, null);
    }

    private static LivyResponse resp(int status, String body, @Nullable String authenticate) {
        return new LivyResponse(
                status, "Reason " + status, body.getBytes(StandardCharsets.UTF_8), "req-9", authenticate);
    }

    @Test
    @DisplayName("404 on a session path is SessionLostException(LOST), not retryable, with Livy's words")
    void sessionNotFound() {
        SessionException e = errors.http(GET_SESSION, resp(404, "{\"msg\":\"Session '5' not found.\"}"));
        assertThat(e).isInstanceOf(SessionLostException.class);
        assertThat(((SessionLostException) e).state()).isEqualTo(SessionState.LOST);
        assertThat(e.retryable()).isFalse();
        assertThat(e.sessionId()).isEqualTo("5");
        assertThat(e.getMessage())
                .contains("Session 5 (livy, http://livy:8998) is gone")
                .contains("Session '5' not found.")
                .contains("everything defined in it is lost");
    }

    @Test
    @DisplayName("404 'Statement not found' (a JSON string or {msg} body) is StatementNotFoundException")
    void statementNotFound() {
        for (String body : new String[] {"\"Statement not found\"", "{\"msg\":\"Statement not found\"}"}) {
            SessionException e = errors.http(GET_STATEMENT, resp(404, body));
            assertThat(e).isInstanceOf(StatementNotFoundException.class).isNotInstanceOf(SessionLostException.class);
            StatementNotFoundException b = (StatementNotFoundException) e;
            assertThat(b.statusCode()).isEqualTo(404);
            assertThat(b.errorCode()).isEqualTo("StatementNotFound");
            assertThat(b.statementId()).isEqualTo("3");
            assertThat(b.sessionId()).isEqualTo("5");
            assertThat(b.retryable()).isFalse();
            assertThat(b.mayHaveTakenEffect()).isFalse();
            assertThat(b.requestId()).isEqualTo("req-9");
            assertThat(b.getMessage())
                    .contains("get statement 3 of session 5")
                    .contains("Statement not found")
                    .contains("livy.rsc.retained-statements");
        }
        LivyRequest cancel = LivyRequest.of(
                "POST",
                "/sessions/5/statements/3/cancel",
                "cancelStatement",
                "cancel statement 3 of session 5",
                "5",
                "3");
        assertThat(errors.http(cancel, resp(404, "\"Statement not found\"")))
                .isInstanceOf(StatementNotFoundException.class);
    }

    @Test
    @DisplayName("mayHaveTakenEffect: false for 429, 4xx, 502, 503; true for 500, 504")
    void mayHaveTakenEffect() {
        for (int status : new int[] {400, 401, 403, 404, 409, 429, 502, 503}) {
            SessionException e = errors.http(CREATE, resp(status, "{\"msg\":\"no\"}"));
            assertThat(e).as("HTTP %s", status).isInstanceOf(SessionBackendException.class);
            assertThat(((SessionBackendException) e).mayHaveTakenEffect())
                    .as("HTTP %s", status)
                    .isFalse();
        }
        for (int status : new int[] {500, 504}) {
            SessionBackendException e = (SessionBackendException) errors.http(SUBMIT, resp(status, "\"boom\""));
            assertThat(e.mayHaveTakenEffect()).as("HTTP %s", status).isTrue();
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("may still have taken effect");
        }
        assertThat(errors.http(GET_SESSION, resp(500, "\"boom\"")).getMessage()).contains("retrying is safe");
        SessionBackendException limit = (SessionBackendException)
                errors.http(CREATE, resp(400, "\"Rejected, too many sessions are being created!\""));
        assertThat(limit.retryable()).isTrue();
        assertThat(limit.mayHaveTakenEffect()).isFalse();
    }

    @Test
    @DisplayName("404 on a statement path naming the session means the session is gone")
    void statementPathSessionGone() {
        assertThat(errors.http(GET_STATEMENT, resp(404, "{\"msg\":\"Session '5' not found.\"}")))
                .isInstanceOf(SessionLostException.class);
    }

    @Test
    @DisplayName("500 'Session is in state dead' (Livy 0.7 on POST) is SessionLostException(FAILED)")
    void deadSession() {
        SessionException e =
                errors.http(SUBMIT, resp(500, "\"java.lang.IllegalStateException: Session is in state dead\""));
        assertThat(e).isInstanceOf(SessionLostException.class);
        assertThat(((SessionLostException) e).state()).isEqualTo(SessionState.FAILED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("is dead");
    }

    @Test
    @DisplayName("'Session is in state starting' is not lost; a 5xx stays retryable")
    void startingSessionIsNotLost() {
        SessionException e =
                errors.http(SUBMIT, resp(500, "\"java.lang.IllegalStateException: Session is in state starting\""));
        assertThat(e).isInstanceOf(SessionBackendException.class);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    @DisplayName("400 'Session isn't active' (Livy 0.7 on GET statements of a dead session) is lost")
    void inactiveSession() {
        SessionException e =
                errors.http(GET_STATEMENT, resp(400, "{\"msg\":\"requirement failed: Session isn't active.\"}"));
        assertThat(e).isInstanceOf(SessionLostException.class);
        assertThat(((SessionLostException) e).state()).isEqualTo(SessionState.FAILED);
    }

    @Test
    @DisplayName("429 and 5xx are retryable backend errors with status and code")
    void retryable() {
        SessionBackendException t = (SessionBackendException) errors.http(CREATE, resp(429, "{\"msg\":\"slow\"}"));
        assertThat(t.retryable()).isTrue();
        assertThat(t.statusCode()).isEqualTo(429);
        assertThat(t.errorCode()).isEqualTo("TooManyRequests");
        SessionBackendException u = (SessionBackendException) errors.http(CREATE, resp(503, ""));
        assertThat(u.retryable()).isTrue();
        assertThat(u.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(u.getMessage()).contains("HTTP 503 'Reason 503'");
        assertThat(errors.http(CREATE, resp(502, "<html><body><h1>Bad gateway</h1></body></html>"))
                        .getMessage())
                .contains("'Bad gateway'")
                .doesNotContain("<h1>");
    }

    @Test
    @DisplayName("Livy's session-creation limit (400) is retryable")
    void creationLimit() {
        SessionException e =
                errors.http(CREATE, resp(400, "{\"msg\":\"Rejected, too many sessions are being created!\"}"));
        assertThat(e.retryable()).isTrue();
        assertThat(((SessionBackendException) e).errorCode()).isEqualTo("TooManySessionsBeingCreated");
    }

    @Test
    @DisplayName("other 4xx are not retryable and carry a hint: CSRF, unknown field, duplicate name, 401, 403")
    void clientErrors() {
        assertThat(errors.http(CREATE, resp(400, "{\"msg\":\"Missing Required Header for CSRF protection.\"}"))
                        .getMessage())
                .contains("X-Requested-By");
        SessionException unknown = errors.http(
                CREATE,
                resp(
                        400,
                        "\"Unrecognized field \\\"ttl\\\" (class "
                                + "org.apache.livy.server.interactive.CreateInteractiveRequest), not marked as ignorable\""));
        assertThat(unknown.retryable()).isFalse();
        assertThat(unknown.getMessage())
                .contains("Could not create a session (livy, http://livy:8998)")
                .contains("Unrecognized field \"ttl\"");
        assertThat(errors.http(CREATE, resp(400, "{\"msg\":\"Duplicate session name: Some(x)\"}"))
                        .getMessage())
                .contains("%session_id");
        SessionException unauthorized = errors.http(CREATE, resp(401, "", "Negotiate"));
        assertThat(unauthorized.retryable()).isFalse();
        assertThat(unauthorized.getMessage()).contains("auth scheme basic").contains("asks for: Negotiate");
        assertThat(errors.http(CREATE, resp(403, "{\"msg\":\"denied\"}")).getMessage())
                .contains("access control");
    }

    @Test
    @DisplayName("failures before the request is written: mayHaveReachedBackend=false, retryable")
    void neverSent() {
        for (IOException e : new IOException[] {
            new ConnectException("Connection refused"),
            new HttpHostConnectException("Connect to http://livy:8998 failed: Connection refused"),
            new ConnectTimeoutException("Connect timed out"),
            new UnknownHostException("livy"),
            new NoRouteToHostException("no route"),
            new SSLHandshakeException("PKIX path building failed"),
            new ConnectionRequestTimeoutException("Timeout waiting for connection from pool")
        }) {
            SessionTransportException t = errors.io(SUBMIT, e);
            assertThat(t.mayHaveReachedBackend()).as(e.toString()).isFalse();
            assertThat(t.retryable()).isTrue();
            assertThat(t.getMessage())
                    .contains("did not reach Livy")
                    .contains(e.getClass().getSimpleName());
            assertThat(t.getCause()).isSameAs(e);
        }
    }

    @Test
    @DisplayName("failures after the request may have been written: mayHaveReachedBackend=true")
    void maybeSent() {
        for (IOException e : new IOException[] {
            new SocketTimeoutException("Read timed out"),
            new NoHttpResponseException("livy:8998 failed to respond"),
            new SocketException("Connection reset"),
            new IOException("Broken pipe")
        }) {
            SessionTransportException t = errors.io(SUBMIT, e);
            assertThat(t.mayHaveReachedBackend()).as(e.toString()).isTrue();
            assertThat(t.getMessage()).contains("may have received");
        }
        assertThat(errors.io(SUBMIT, new SocketTimeoutException("Read timed out"))
                        .getMessage())
                .contains("no response in time");
    }

    @Test
    @DisplayName("a 2xx body that is not Livy JSON is a transport error that asks whether the URL is Livy")
    void malformed() {
        SessionTransportException t = errors.malformed(CREATE, resp(200, "<html>"), new IOException("Unexpected <"));
        assertThat(t.mayHaveReachedBackend()).isTrue();
        assertThat(t.getMessage()).contains("Is the URL a Livy server?");
    }

    @Test
    @DisplayName("long messages are shortened")
    void shortened() {
        String big = "x".repeat(5000);
        assertThat(errors.message(resp(500, big))).hasSize(503).endsWith("...");
    }

    @Test
    @DisplayName("a redirect is not followed: not retryable, did not take effect, names the target without "
            + "credentials or query")
    void redirect() {
        LivyResponse r = new LivyResponse(
                302, "Found", new byte[0], null, null, "http://bob:hunter2@other:9999/sessions/5?X-Amz-Signature=abc");
        SessionException e = errors.http(GET_SESSION, r);
        assertThat(e).isInstanceOf(SessionBackendException.class);
        SessionBackendException b = (SessionBackendException) e;
        assertThat(b.errorCode()).isEqualTo("Redirect");
        assertThat(b.retryable()).isFalse();
        assertThat(b.mayHaveTakenEffect()).isFalse();
        assertThat(e.getMessage())
                .contains("HTTP 302")
                .contains("a redirect to 'http://other:9999")
                .contains("does not follow redirects")
                .contains("Is this a Livy server?")
                .doesNotContain("hunter2")
                .doesNotContain("bob")
                .doesNotContain("abc");
    }

    @Test
    @DisplayName("405 and 501 to POST /sessions and an HTML 404 carry the not-Livy hint and are not retryable")
    void notLivy() {
        SessionException m = errors.http(CREATE, resp(405, "<html><body>405 Not Allowed</body></html>"));
        assertThat(m.retryable()).isFalse();
        assertThat(((SessionBackendException) m).errorCode()).isEqualTo("MethodNotAllowed");
        assertThat(m.getMessage())
                .contains("HTTP 405 '405 Not Allowed'")
                .contains("does not allow POST /sessions")
                .contains(LivyErrors.NOT_LIVY.substring(2));
        SessionException n = errors.http(CREATE, resp(501, "<html>Not Implemented</html>"));
        assertThat(n.retryable()).isFalse();
        assertThat(((SessionBackendException) n).errorCode()).isEqualTo("NotImplemented");
        assertThat(n.getMessage())
                .contains("HTTP 501")
                .contains("does not implement POST /sessions")
                .contains("Is this a Livy server?");
        assertThat(errors.http(
                                LivyRequest.of("GET", "/sessions", "listSessions", "list sessions", null, null),
                                resp(404, "<!DOCTYPE html><html>nope</html>"))
                        .getMessage())
                .contains("Is this a Livy server?");
        assertThat(errors.http(
                                LivyRequest.of("GET", "/sessions", "listSessions", "list sessions", null, null),
                                resp(404, "{\"msg\":\"nope\"}"))
                        .getMessage())
                .doesNotContain("Is this a Livy server?");
    }

    @Test
    @DisplayName("a create answer without an id is retryable and may have taken effect (found by name first)")
    void noSessionId() {
        SessionBackendException e = errors.noSessionId(CREATE, resp(201, "{\"state\":\"starting\"}"));
        assertThat(e.retryable()).isTrue();
        assertThat(e.mayHaveTakenEffect()).isTrue();
        assertThat(e.errorCode()).isEqualTo("NoSessionId");
        assertThat(e.getMessage())
                .contains("HTTP 201 without a session id")
                .contains("looks for it by its name")
                .doesNotContain("Is this a Livy server?");
        assertThat(errors.noSessionId(CREATE, resp(200, "<html>hi</html>")).getMessage())
                .contains("Is this a Livy server?");
    }

    @Test
    @DisplayName("an answer over its cap names size, cap and setting; only a create's is retryable")
    void tooLarge() {
        SessionBackendException get =
                errors.tooLarge(GET_STATEMENT, 200, 70_000_000L, true, 64L << 20, "maxStatementOutputSize");
        assertThat(get.retryable()).isFalse();
        assertThat(get.errorCode()).isEqualTo("AnswerTooLarge");
        assertThat(get.getMessage())
                .contains("is 70000000 bytes, over the 67108864-byte cap")
                .contains("LivyTransportBuilder.maxStatementOutputSize")
                .contains("return less output");
        SessionBackendException create = errors.tooLarge(CREATE, 200, 8L << 20, false, 8L << 20, "maxResponseSize");
        assertThat(create.retryable()).isTrue();
        assertThat(create.mayHaveTakenEffect()).isTrue();
        assertThat(create.getMessage()).contains("larger than 8388608 bytes").doesNotContain("less output");
    }

    @Test
    @DisplayName("a call past its overall deadline: retryable, may have reached Livy, names callTimeout")
    void deadline() {
        SessionTransportException e =
                errors.deadline(GET_SESSION, java.time.Duration.ofMinutes(2), java.time.Duration.ofMillis(120_004));
        assertThat(e.retryable()).isTrue();
        assertThat(e.mayHaveReachedBackend()).isTrue();
        assertThat(e.getMessage())
                .contains("no complete answer within 2 minutes")
                .contains("LivyTransportBuilder.callTimeout")
                .contains("aborted");
    }
}
