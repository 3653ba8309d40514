package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The one place Livy's errors become Glivy exceptions. HTTP answers: a 404 on a session path, a finished state
 * ({@code "Session is in state dead"}, {@code "Session isn't active"}) become {@link SessionLostException}; a 404 on a
 * statement path whose message mentions the statement ({@code "Statement not found"}: never created, or evicted after
 * {@code livy.rsc.retained-statements}) becomes {@link StatementNotFoundException}; 429, 5xx and Livy's
 * {@code "too many sessions are being created"} are retryable {@link SessionBackendException}s; other 4xx are not
 * retryable and carry a hint (CSRF header, credentials, duplicate name). I/O failures become
 * {@link SessionTransportException}s that say whether the request may have reached Livy: only failures before a
 * request is written (refused, connect timeout, DNS, TLS handshake, no pooled connection) count as "certainly not".
 * Messages name the call, the session, the endpoint (without credentials) and Livy's own message.
 *
 * <p>Whether an error answer may still have taken effect ({@link SessionBackendException#mayHaveTakenEffect()}),
 * which decides whether Glivy resends a {@code POST} blindly or reconciles first: 429, every other 4xx, 502 and 503
 * say no (throttling and client errors are refused before anything is done; a 502 or 503 comes from a proxy or
 * gateway whose request never reached Livy's servlet, or from a servlet that refused it). A 500 says yes: Livy's
 * servlet answers 500 for any exception, and some are thrown after the statement or session exists - for example
 * {@code POST /sessions/{id}/statements} submits the code to the REPL and then reads the new statement back, and that
 * read can fail (RPC timeout, or the statement already evicted by 100 later ones) after the code was queued to run.
 * A 504 (a gateway gave up waiting) and any other 5xx say yes too.
 */
public final class LivyErrors {
    private static final Pattern IN_STATE = Pattern.compile("Session is in state (\\w+)");
    private static final int MAX_MESSAGE = 500;
    /** Prefix of the auth scheme name when a {@code LivyRequestSigner} signs the requests. */
    static final String SIGNED = "signed by ";

    private final String endpoint;
    private final String authScheme;
    private final ObjectMapper json;
    private final Redaction.Known secrets;

    /** Errors for {@code endpoint} (already redacted) with the configured auth scheme name. */
    public LivyErrors(String endpoint, String authScheme, ObjectMapper json) {
        this(endpoint, authScheme, json, Map.of());
    }

    /**
     * Errors for {@code endpoint} (already redacted) with the configured auth scheme name; the values of
     * {@code headers} and the {@code Authorization} values sent (recorded in {@link #secrets()}) are masked wherever
     * a server echoes them in an error body.
     */
    public LivyErrors(String endpoint, String authScheme, ObjectMapper json, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.authScheme = authScheme;
        this.json = json;
        this.secrets = new Redaction.Known(headers);
    }

    /** The secret values this transport sends, shared with {@link LivyHttp}, which records each one it sends. */
    Redaction.Known secrets() {
        return secrets;
    }

    private String where() {
        return LivyProtocol.BACKEND + ", " + endpoint;
    }

    /** Maps a non-2xx answer. */
    public SessionException http(LivyRequest req, LivyResponse resp) {
        int status = resp.status();
        String msg = message(resp);
        String sid = req.sessionId();
        String said = "Livy answered HTTP " + status + (msg.isEmpty() ? "" : " '" + msg + "'");
        Matcher m = IN_STATE.matcher(msg);
        if (sid != null && m.find() && LivyStates.gone(LivyStates.session(m.group(1)))) {
            SessionState st = LivyStates.lostState(LivyStates.session(m.group(1)));
            return lost(sid, "is " + m.group(1) + " and cannot " + req.action() + ": " + said, st);
        }
        if (sid != null && msg.contains("isn't active")) {
            return lost(sid, "is no longer active (it died or was stopped): " + said, SessionState.FAILED);
        }
        if (status == 404 && sid != null) {
            boolean statement = req.statementId() != null && msg.toLowerCase(Locale.ROOT).contains("statement");
            if (!statement) {
                return lost(sid, "is gone: " + said + ". It was deleted, stopped by the server's timeouts "
                        + "(livy.server.session.timeout, heartbeatTimeoutInSecond) or the server restarted without "
                        + "recovery", SessionState.LOST);
            }
            return new StatementNotFoundException("Could not " + req.action() + " (" + where() + "): " + said
                    + ". The statement was never created or is no longer kept: Livy keeps only the last "
                    + "livy.rsc.retained-statements (100 by default) statements of a session, even waiting or running "
                    + "ones.", null, sid, req.statementId(), LivyProtocol.BACKEND, status, resp.requestId());
        }
        if (status == 429) {
            return backend(req, resp, said + ". Throttled; retrying later is safe", "TooManyRequests", true);
        }
        if (status == 502 || status == 503) {
            return backend(req, resp, said + ". The server or a proxy in front of it refused the call; retrying is "
                    + "safe", status == 503 ? "ServiceUnavailable" : "BadGateway", true);
        }
        if (status >= 500) {
            return backend(req, resp, said + (req.method().equals("GET") ? ". A server error; retrying is safe"
                    : ". A server error; the call may still have taken effect"), status == 504 ? "GatewayTimeout"
                    : "ServerError", true);
        }
        return clientError(req, resp, said, msg);
    }

    private SessionException clientError(LivyRequest req, LivyResponse resp, String said, String msg) {
        int status = resp.status();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("too many sessions")) {
            return backend(req, resp, said + ". The server limits concurrent session creation "
                    + "(livy.server.session.max-creation); retrying later is safe", "TooManySessionsBeingCreated",
                    true);
        }
        if (lower.contains("csrf")) {
            return backend(req, resp, said + ". The server has CSRF protection on: send the X-Requested-By header "
                    + "(LivyTransport.Builder.requestedBy, on by default)", "CsrfHeaderMissing", false);
        }
        if (lower.contains("duplicate session name")) {
            return backend(req, resp, said + ". A session with this name exists; choose another %session_id or "
                    + "%%configure \"name\", or attach to it", "DuplicateSessionName", false);
        }
        if ((status == 401 || status == 403) && authScheme.startsWith(SIGNED)) {
            return backend(req, resp, said + ". The server rejected the request's signature or credentials ("
                    + authScheme + "); check the credentials (expired or for another account), the region and "
                    + "the signing service name, and that the caller may use this endpoint (IAM)",
                    status == 401 ? "Unauthorized" : "Forbidden", false);
        }
        if ((status == 401 || status == 403) && (lower.contains("signature") || lower.contains("security token")
                || lower.contains("authentication token"))) {
            return backend(req, resp, said + ". The server wants AWS SigV4-signed requests, and the request was not "
                    + "signed or its signature or credentials were rejected; for an EMR Serverless Livy endpoint use "
                    + "EmrServerlessLivy (glivy-livy-aws), or sign with LivyTransport.Builder.requestSigner(...)",
                    status == 401 ? "Unauthorized" : "Forbidden", false);
        }
        if (status == 401) {
            String offered = resp.authenticate() == null ? "" : " (the server asks for: " + scheme(resp) + ")";
            return backend(req, resp, said + ". Authentication failed with auth scheme " + authScheme + offered
                    + "; check LivyTransport.Builder.auth(...)" + (authScheme.equals("kerberos")
                    ? " and that you have a valid Kerberos ticket (kinit)" : ""), "Unauthorized", false);
        }
        if (status == 403) {
            return backend(req, resp, said + ". Livy's access control refused the call "
                    + "(livy.server.access-control); ask for view/modify rights or use doAs/proxyUser you may "
                    + "impersonate", "Forbidden", false);
        }
        if (status == 404) {
            return backend(req, resp, said + ". Check the Livy URL (and its path prefix behind a gateway)",
                    "NotFound", false);
        }
        return backend(req, resp, said, status == 400 ? "BadRequest" : "HttpStatus" + status, false);
    }

    private static String scheme(LivyResponse resp) {
        String h = resp.authenticate() == null ? "" : resp.authenticate().strip();
        int sp = h.indexOf(' ');
        return sp < 0 ? h : h.substring(0, sp);
    }

    private SessionLostException lost(String sessionId, String what, SessionState state) {
        return new SessionLostException("Session " + sessionId + " (" + where() + ") " + what
                + "; everything defined in it is lost.", null, sessionId, LivyProtocol.BACKEND, state);
    }

    private SessionBackendException backend(LivyRequest req, LivyResponse resp, String detail, String code,
            boolean retryable) {
        return new SessionBackendException("Could not " + req.action() + " (" + where() + "): " + detail + ".",
                null, req.sessionId(), LivyProtocol.BACKEND, resp.status(), code, resp.requestId(), retryable,
                mayHaveTakenEffect(resp.status()));
    }

    /** Whether an answer with this (non-2xx) status may still have taken effect; see the class comment. */
    static boolean mayHaveTakenEffect(int status) {
        return status >= 500 && status != 502 && status != 503;
    }

    /** Maps an I/O failure of a request. */
    public SessionTransportException io(LivyRequest req, IOException e) {
        boolean notSent = neverSent(e);
        String what = notSent ? "the request did not reach Livy, so retrying is safe"
                : "Livy may have received the request";
        String kind = e instanceof SocketTimeoutException && !notSent ? "no response in time" : "I/O failure";
        return new SessionTransportException("Could not " + req.action() + " (" + where() + "): " + kind + " ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "); " + what + ".", e, req.sessionId(),
                LivyProtocol.BACKEND, !notSent);
    }

    /** A 2xx answer whose body could not be understood. */
    public SessionTransportException malformed(LivyRequest req, LivyResponse resp, Exception e) {
        return new SessionTransportException("Could not " + req.action() + " (" + where() + "): the answer (HTTP "
                + resp.status() + ") is not the JSON Livy sends: " + e.getMessage() + ". Is the URL a Livy server?",
                e, req.sessionId(), LivyProtocol.BACKEND, true);
    }

    /** Whether {@code e} certainly happened before the request was written. */
    static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException
                || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException
                || e instanceof ConnectionRequestTimeoutException
                || (e instanceof InterruptedIOException && e.getCause() instanceof ConnectException);
    }

    /** Livy's message from an error body: {@code {"msg": ...}}, a JSON string, or the text, shortened. */
    public String message(LivyResponse resp) {
        String text = resp.text().strip();
        String out = text;
        if (!text.isEmpty() && (text.startsWith("{") || text.startsWith("\""))) {
            try {
                JsonNode node = json.readTree(text);
                if (node.isTextual()) {
                    out = node.asText();
                } else if (node.hasNonNull("msg")) {
                    out = node.get("msg").asText();
                } else if (node.hasNonNull("message")) {
                    out = node.get("message").asText();
                } else if (node.hasNonNull("Message")) {
                    out = node.get("Message").asText();
                }
            } catch (IOException notJson) {
                out = text;
            }
        } else if (text.startsWith("<")) {
            out = text.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        }
        if (out.isEmpty()) {
            out = resp.reason();
        }
        return shorten(Redaction.text(out.length() > 64 * MAX_MESSAGE ? out.substring(0, 64 * MAX_MESSAGE) : out,
                secrets.all()));
    }

    private static String shorten(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    }
}
