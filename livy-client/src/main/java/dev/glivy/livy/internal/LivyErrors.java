package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionTransportException;
import dev.glivy.StatementNotFoundException;
import dev.glivy.internal.Durations;
import dev.glivy.internal.NeverSent;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** The hint for answers that do not look like Livy's (405, 501, HTML pages, redirects). */
    static final String NOT_LIVY = ". Is this a Livy server? Check the URL path: it must be Livy's base URL (like "
            + "http://host:8998, or the gateway's Livy prefix), without /sessions, /ui or a page name";
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
            boolean statement =
                    req.statementId() != null && msg.toLowerCase(Locale.ROOT).contains("statement");
            if (!statement) {
                return lost(
                        sid,
                        "is gone: " + said + ". It was deleted, stopped by the server's timeouts "
                                + "(livy.server.session.timeout, heartbeatTimeoutInSecond) or the server restarted without "
                                + "recovery",
                        SessionState.LOST);
            }
            return new StatementNotFoundException(
                    "Could not " + req.action() + " (" + where() + "): " + said
                            + ". The statement was never created or is no longer kept: Livy keeps only the last "
                            + "livy.rsc.retained-statements (100 by default) statements of a session, even waiting or running "
                            + "ones.",
                    null,
                    sid,
                    req.statementId(),
                    LivyProtocol.BACKEND,
                    status,
                    resp.requestId());
        }
        if (resp.redirect()) {
            return redirect(req, resp, said);
        }
        if (status == 501) {
            return backend(
                    req,
                    resp,
                    said + ". The server does not implement " + req.method() + " " + req.path() + NOT_LIVY,
                    "NotImplemented",
                    false);
        }
        if (status == 429) {
            return backend(req, resp, said + ". Throttled; retrying later is safe", "TooManyRequests", true);
        }
        if (status == 502 || status == 503) {
            return backend(
                    req,
                    resp,
                    said + ". The server or a proxy in front of it refused the call; retrying is " + "safe",
                    status == 503 ? "ServiceUnavailable" : "BadGateway",
                    true);
        }
        if (status >= 500) {
            return backend(
                    req,
                    resp,
                    said
                            + (req.method().equals("GET")
                                    ? ". A server error; retrying is safe"
                                    : ". A server error; the call may still have taken effect"),
                    status == 504 ? "GatewayTimeout" : "ServerError",
                    true);
        }
        return clientError(req, resp, said, msg);
    }

    private SessionException clientError(LivyRequest req, LivyResponse resp, String said, String msg) {
        int status = resp.status();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("too many sessions")) {
            return backend(
                    req,
                    resp,
                    said + ". The server limits concurrent session creation "
                            + "(livy.server.session.max-creation); retrying later is safe",
                    "TooManySessionsBeingCreated",
                    true);
        }
        if (lower.contains("csrf")) {
            return backend(
                    req,
                    resp,
                    said + ". The server has CSRF protection on: send the X-Requested-By header "
                            + "(LivyTransportBuilder.requestedBy, on by default)",
                    "CsrfHeaderMissing",
                    false);
        }
        if (lower.contains("duplicate session name")) {
            return backend(
                    req,
                    resp,
                    said + ". A session with this name exists; choose another %session_id or "
                            + "%%configure \"name\", or attach to it",
                    "DuplicateSessionName",
                    false);
        }
        if ((status == 401 || status == 403) && authScheme.startsWith(SIGNED)) {
            return backend(
                    req,
                    resp,
                    said + ". The server rejected the request's signature or credentials ("
                            + authScheme + "); check the credentials (expired or for another account), the region and "
                            + "the signing service name, and that the caller may use this endpoint (IAM)",
                    status == 401 ? "Unauthorized" : "Forbidden",
                    false);
        }
        if ((status == 401 || status == 403)
                && (lower.contains("signature")
                        || lower.contains("security token")
                        || lower.contains("authentication token"))) {
            return backend(
                    req,
                    resp,
                    said + ". The server wants AWS SigV4-signed requests, and the request was not "
                            + "signed or its signature or credentials were rejected; for an EMR Serverless Livy endpoint use "
                            + "EmrServerlessLivy (glivy-livy-aws), or sign with LivyTransportBuilder.requestSigner(...)",
                    status == 401 ? "Unauthorized" : "Forbidden",
                    false);
        }
        if (status == 401) {
            String offered = resp.authenticate() == null ? "" : " (the server asks for: " + scheme(resp) + ")";
            return backend(
                    req,
                    resp,
                    said + ". Authentication failed with auth scheme " + authScheme + offered
                            + "; check LivyTransportBuilder.auth(...)"
                            + (authScheme.equals("kerberos")
                                    ? " and that you have a valid Kerberos ticket (kinit)"
                                    : ""),
                    "Unauthorized",
                    false);
        }
        if (status == 403) {
            return backend(
                    req,
                    resp,
                    said + ". Livy's access control refused the call "
                            + "(livy.server.access-control); ask for view/modify rights or use doAs/proxyUser you may "
                            + "impersonate",
                    "Forbidden",
                    false);
        }
        if (status == 404) {
            return backend(
                    req,
                    resp,
                    said + ". Check the Livy URL (and its path prefix behind a gateway)" + (html(resp) ? NOT_LIVY : ""),
                    "NotFound",
                    false);
        }
        if (status == 405) {
            return backend(
                    req,
                    resp,
                    said + ". The server does not allow " + req.method() + " " + req.path() + NOT_LIVY,
                    "MethodNotAllowed",
                    false);
        }
        return backend(
                req,
                resp,
                said + (html(resp) ? NOT_LIVY : ""),
                status == 400 ? "BadRequest" : "HttpStatus" + status,
                false);
    }

    /**
     * A redirect Glivy did not follow: following it would send the request (and its Authorization and custom
     * headers) to wherever the server points, and a {@code POST} would be replayed as a {@code GET}. Not retryable,
     * and it did not take effect (a server that redirects did not run the call).
     */
    private SessionException redirect(LivyRequest req, LivyResponse resp, String said) {
        String to = resp.location() == null ? "" : " to " + location(resp.location());
        return backend(
                req,
                resp,
                said + " (a redirect" + to + "). Glivy does not follow redirects, so credentials "
                        + "never go to another server: set LivyTransportBuilder.url to the address the server redirects to "
                        + "if you trust it. Is this a Livy server? Check the URL path",
                "Redirect",
                false);
    }

    /** A redirect target for messages: without user-info, query or fragment, and at most 200 characters. */
    private static String location(String value) {
        String shown;
        try {
            java.net.URI uri = new java.net.URI(value.strip());
            shown = uri.getHost() == null ? uri.getRawPath() : Redaction.endpoint(uri);
        } catch (java.net.URISyntaxException e) {
            shown = "an unreadable location";
        }
        shown = shown == null ? "" : shown;
        return "'" + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown) + "'";
    }

    /** Whether the body is an HTML page (a web server, proxy or login page rather than Livy's JSON). */
    private static boolean html(LivyResponse resp) {
        int n = Math.min(resp.body().length, 512);
        String head = new String(resp.body(), 0, n, java.nio.charset.StandardCharsets.UTF_8)
                .stripLeading()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html")
                || head.startsWith("<html")
                || head.startsWith("<head")
                || head.startsWith("<body")
                || head.startsWith("<?xml")
                || head.startsWith("<");
    }

    private static String scheme(LivyResponse resp) {
        String h = resp.authenticate() == null ? "" : resp.authenticate().strip();
        int sp = h.indexOf(' ');
        return sp < 0 ? h : h.substring(0, sp);
    }

    private SessionLostException lost(String sessionId, String what, SessionState state) {
        return new SessionLostException(
                "Session " + sessionId + " (" + where() + ") " + what + "; everything defined in it is lost.",
                null,
                sessionId,
                LivyProtocol.BACKEND,
                state);
    }

    private SessionBackendException backend(
            LivyRequest req, LivyResponse resp, String detail, String code, boolean retryable) {
        return new SessionBackendException(
                "Could not " + req.action() + " (" + where() + "): " + detail + ".",
                null,
                req.sessionId(),
                LivyProtocol.BACKEND,
                resp.status(),
                code,
                resp.requestId(),
                retryable,
                mayHaveTakenEffect(resp.status()));
    }

    /** Whether an answer with this (non-2xx) status may still have taken effect; see the class comment. */
    static boolean mayHaveTakenEffect(int status) {
        return status >= 500 && status != 502 && status != 503;
    }

    /** Maps an I/O failure of a request. */
    public SessionTransportException io(LivyRequest req, IOException e) {
        boolean notSent = neverSent(e);
        String what =
                notSent ? "the request did not reach Livy, so retrying is safe" : "Livy may have received the request";
        String kind = e instanceof SocketTimeoutException && !notSent ? "no response in time" : "I/O failure";
        return new SessionTransportException(
                "Could not " + req.action() + " (" + where() + "): " + kind + " ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); " + what + ".",
                e,
                req.sessionId(),
                LivyProtocol.BACKEND,
                !notSent);
    }

    /** A 2xx answer whose body could not be understood. */
    public SessionTransportException malformed(LivyRequest req, LivyResponse resp, Exception e) {
        return new SessionTransportException(
                "Could not " + req.action() + " (" + where() + "): the answer (HTTP " + resp.status()
                        + ") is not the JSON Livy sends: " + e.getMessage() + ". Is the URL a Livy server?",
                e,
                req.sessionId(),
                LivyProtocol.BACKEND,
                true);
    }

    /**
     * Whether {@code e} certainly happened before the request was written: {@link NeverSent}, plus HttpClient's
     * connect timeout and its connection-pool lease timeout.
     */
    static boolean neverSent(IOException e) {
        return NeverSent.proven(
                e, c -> c instanceof ConnectTimeoutException || c instanceof ConnectionRequestTimeoutException);
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
            out = stripTags(text.length() > 64 * MAX_MESSAGE ? text.substring(0, 64 * MAX_MESSAGE) : text);
        }
        if (out.isEmpty()) {
            out = resp.reason();
        }
        return shorten(Redaction.text(
                out.length() > 64 * MAX_MESSAGE ? out.substring(0, 64 * MAX_MESSAGE) : out, secrets.all()));
    }

    /**
     * The text of an HTML page: tags (and the contents of script and style elements are kept, but markup goes) become
     * spaces, runs of white space one space. One linear pass, where a regex over an unclosed {@code <} would
     * backtrack over the rest of the body for every {@code <}.
     */
    static String stripTags(String html) {
        StringBuilder b = new StringBuilder(Math.min(html.length(), 4096));
        boolean inTag = false;
        boolean space = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (inTag) {
                inTag = c != '>';
                if (!inTag) {
                    space = true;
                }
            } else if (c == '<') {
                inTag = true;
            } else if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The overall deadline of a call passed before its answer was read whole; the request was aborted. */
    public SessionTransportException deadline(LivyRequest req, Duration limit, Duration waited) {
        return new SessionTransportException(
                "Could not " + req.action() + " (" + where() + "): no complete answer "
                        + "within " + Durations.human(limit) + " (LivyTransportBuilder.callTimeout; waited "
                        + Durations.human(waited)
                        + "); the request was aborted. Livy may have received it. A server that "
                        + "answers this slowly is overloaded, or something between you and it holds the answer back.",
                null,
                req.sessionId(),
                LivyProtocol.BACKEND,
                true);
    }

    /**
     * An answer larger than its cap; it was not read further. Not retryable (the same answer would come again),
     * except for {@code POST /sessions}, whose session may exist: that one is retryable and may have taken effect,
     * so Glivy looks for the session by its name before it creates another.
     */
    public SessionBackendException tooLarge(
            LivyRequest req, int status, long size, boolean declared, long cap, String setting) {
        boolean create = req.operation().equals("createSession");
        return new SessionBackendException(
                "Could not " + req.action() + " (" + where() + "): the answer (HTTP "
                        + status + ") is " + (declared ? size + " bytes" : "larger than " + cap + " bytes")
                        + ", over the "
                        + cap + "-byte cap (LivyTransportBuilder." + setting
                        + "); it was not read further. Raise the cap "
                        + "if this answer is expected"
                        + (CallLimits.output(req) ? " (or return less output from the " + "statement)" : "") + NOT_LIVY
                        + ".",
                null,
                req.sessionId(),
                LivyProtocol.BACKEND,
                status,
                "AnswerTooLarge",
                null,
                create,
                create);
    }

    /**
     * A 2xx answer to {@code POST /sessions} without a session id: documented as a retryable
     * {@link SessionBackendException} that may have taken effect, so Glivy first looks for the session by its name
     * before it ever creates another.
     */
    public SessionBackendException noSessionId(LivyRequest req, LivyResponse resp) {
        return new SessionBackendException(
                "Could not " + req.action() + " (" + where() + "): Livy answered HTTP "
                        + resp.status() + " without a session id" + (html(resp) ? NOT_LIVY : "") + ". The session may "
                        + "exist: Glivy looks for it by its name before creating another.",
                null,
                null,
                LivyProtocol.BACKEND,
                resp.status(),
                "NoSessionId",
                resp.requestId(),
                true,
                true);
    }

    private static String shorten(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    }
}
