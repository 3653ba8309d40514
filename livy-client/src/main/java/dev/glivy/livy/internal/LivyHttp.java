package dev.glivy.livy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.SessionException;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs REST calls with the blocking HttpClient on the I/O threads (shared by the process's Livy transports, see
 * {@link LivyIo}) and hands back futures. Every request carries {@code Accept}/{@code Content-Type:
 * application/json}, {@code X-Requested-By} (Livy's CSRF protection) unless turned off, the {@code Authorization} header of Basic/bearer auth, the caller's
 * custom headers and {@code doAs}. Cancelling a returned future aborts its request. Every call has an overall
 * deadline ({@link CallLimits#callTimeout()}, from the moment it is queued) after which its future fails and its
 * request is aborted, and its answer is read as a stream and refused (the connection aborted) as soon as it passes
 * its size cap. After {@link #close()}, pending calls fail and new calls are refused.
 *
 * <p>Logging: one DEBUG line per call on this class's logger; bodies at TRACE on {@code dev.glivy.wire.livy}, with
 * secret-looking Spark properties redacted. Header values are never logged.
 */
public final class LivyHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.livy");
    private static final Logger WIRE = LoggerFactory.getLogger("dev.glivy.wire.livy");
    private static final int MAX_LOGGED_BODY = 4000;

    private final CloseableHttpClient client;
    private final LivyUrls urls;
    private final HttpAuth auth;
    private final Map<String, String> headers;
    /** Values sent that are secrets (auth, custom headers), masked in the wire log and in error messages. */
    private final Redaction.Known secrets;

    private final String requestedBy;
    private final ObjectMapper json;
    private final LivyErrors errors;
    private final Executor pool;
    private final CallLimits limits;
    private final ScheduledExecutorService timer;
    private final Map<CompletableFuture<?>, HttpUriRequestBase> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * What every request of one transport carries and is bounded by.
     *
     * @param urls builds request URIs
     * @param auth the auth scheme (Basic/bearer add a header here)
     * @param headers custom headers for every request
     * @param requestedBy the {@code X-Requested-By} value, empty for none
     * @param limits the deadline and size caps of every call
     */
    public record Requests(
            LivyUrls urls, HttpAuth auth, Map<String, String> headers, String requestedBy, CallLimits limits) {
        /** Copies {@code headers}. */
        public Requests {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Creates the HTTP layer.
     *
     * @param client the client; never closed here (the caller's, or the shared one its lease closes)
     * @param requests what every request carries and its limits
     * @param errors the error factory
     * @param io the transport's mapper, the I/O threads the calls run on and the timer that runs their deadlines
     *     (aborting calls past theirs); never closed here
     */
    public LivyHttp(CloseableHttpClient client, Requests requests, LivyErrors errors, LivyIo io) {
        this.client = client;
        this.urls = requests.urls();
        this.auth = requests.auth();
        this.headers = requests.headers();
        this.secrets = errors.secrets();
        this.requestedBy = requests.requestedBy();
        this.json = io.json();
        this.errors = errors;
        this.pool = io.pool();
        this.limits = requests.limits();
        this.timer = io.timer();
    }

    /** Sends a request; completes with the answer whatever its status, or fails with a transport exception. */
    public CompletableFuture<LivyResponse> send(LivyRequest req) {
        CompletableFuture<LivyResponse> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(closedError());
            return f;
        }
        HttpUriRequestBase http;
        try {
            http = request(req);
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
            return f;
        }
        pending.put(f, http);
        long queued = System.nanoTime();
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(
                    () -> {
                        if (f.completeExceptionally(errors.deadline(
                                req, limits.callTimeout(), Duration.ofNanos(System.nanoTime() - queued)))) {
                            http.cancel(); // unblocks the I/O thread stuck in a read
                        }
                    },
                    limits.callTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(f);
            f.completeExceptionally(closedError());
            return f;
        }
        f.whenComplete((r, e) -> {
            deadline.cancel(false);
            pending.remove(f);
            if (f.isCancelled()) {
                http.cancel();
            }
        });
        if (closed) {
            f.completeExceptionally(closedError());
            return f;
        }
        try {
            pool.execute(() -> run(req, http, f));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(closedError());
        }
        return f;
    }

    /** Sends a request and reads a 2xx JSON answer as {@code type}; other statuses fail through the error factory. */
    public <T> CompletableFuture<T> call(LivyRequest req, Class<T> type) {
        return Linked.map(send(req), resp -> {
            if (!resp.ok()) {
                throw errors.http(req, resp);
            }
            try {
                T value = json.readerFor(type)
                        .withAttribute(OutputData.BODY, resp.body())
                        .readValue(resp.body());
                if (value == null) {
                    throw new IOException("empty body");
                }
                return value;
            } catch (IOException e) {
                throw errors.malformed(req, resp, e);
            }
        });
    }

    /**
     * Like {@link #call(LivyRequest, Class)}, then maps the value with {@code map}; an answer {@code map} refuses
     * (no id, say) fails like a malformed one, or for {@code POST /sessions} as
     * {@link LivyErrors#noSessionId}, never as an undocumented {@link IllegalArgumentException}.
     */
    public <T, R> CompletableFuture<R> call(LivyRequest req, Class<T> type, Function<T, R> map) {
        return Linked.map(send(req), resp -> {
            if (!resp.ok()) {
                throw errors.http(req, resp);
            }
            T value;
            try {
                value = json.readerFor(type)
                        .withAttribute(OutputData.BODY, resp.body())
                        .readValue(resp.body());
                if (value == null) {
                    throw new IOException("empty body");
                }
            } catch (IOException e) {
                if (req.operation().equals("createSession")) {
                    throw errors.noSessionId(req, resp);
                }
                throw errors.malformed(req, resp, e);
            }
            try {
                return map.apply(value);
            } catch (IllegalArgumentException e) {
                if (req.operation().equals("createSession")) {
                    throw errors.noSessionId(req, resp);
                }
                throw errors.malformed(req, resp, e);
            }
        });
    }

    private void run(LivyRequest req, HttpUriRequestBase http, CompletableFuture<LivyResponse> f) {
        if (f.isDone()) {
            return;
        }
        long start = System.nanoTime();
        try {
            LivyResponse resp = client.execute(http, r -> {
                HttpEntity entity = r.getEntity();
                byte[] body = entity == null ? new byte[0] : read(entity, req, http, f, r.getCode());
                return new LivyResponse(
                        r.getCode(),
                        r.getReasonPhrase() == null ? "" : r.getReasonPhrase(),
                        body,
                        requestId(r.getHeaders()),
                        header(r.getHeaders(), "WWW-Authenticate"),
                        header(r.getHeaders(), "Location"));
            });
            long ms = (System.nanoTime() - start) / 1_000_000;
            LOG.debug(
                    "session={} {} {} {} -> {} ({} ms)",
                    req.sessionId(),
                    req.operation(),
                    req.method(),
                    req.path(),
                    resp.status(),
                    ms);
            if (WIRE.isTraceEnabled()) {
                WIRE.trace("<-- {} {} {}: {}", resp.status(), req.method(), req.path(), logged(resp.text()));
            }
            f.complete(resp);
        } catch (BodyTooLargeException e) {
            LOG.debug(
                    "session={} {} {} {} refused: {}",
                    req.sessionId(),
                    req.operation(),
                    req.method(),
                    req.path(),
                    e.getMessage());
            f.completeExceptionally(errors.tooLarge(
                    req, e.status(), e.size(), e.declared(), limits.cap(req), CallLimits.capSetting(req)));
        } catch (IOException e) {
            LOG.debug(
                    "session={} {} {} {} failed: {}",
                    req.sessionId(),
                    req.operation(),
                    req.method(),
                    req.path(),
                    e.toString());
            f.completeExceptionally(errors.io(req, e));
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        } catch (Error e) {
            // an OutOfMemoryError reading a huge body, say: the caller's future must still complete
            f.completeExceptionally(e);
            LOG.warn(
                    "{}: {} {} {} failed: {}",
                    dev.glivy.internal.GlivyLoggers.name(req.sessionId()),
                    req.operation(),
                    req.method(),
                    req.path(),
                    e.toString());
        }
    }

    /**
     * Reads a body as a stream, refusing it as soon as it passes the cap for {@code req}: at once when its declared
     * length is over, else when the bytes read are. Refusing aborts the connection instead of draining it.
     */
    private byte[] read(HttpEntity entity, LivyRequest req, HttpUriRequestBase http, CompletableFuture<?> f, int status)
            throws IOException {
        long cap = limits.cap(req);
        long declared = entity.getContentLength();
        if (declared > cap) {
            http.cancel();
            throw new BodyTooLargeException(status, declared, true);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 64 * 1024));
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > cap) {
                http.cancel();
                throw new BodyTooLargeException(status, total, false);
            }
            if (f.isDone()) {
                throw new InterruptedIOException("the call was already completed (deadline, cancel or close)");
            }
            out.write(buf, 0, n);
        }
        in.close();
        return out.toByteArray();
    }

    /** An answer larger than its cap: {@code size} bytes declared, or read so far. */
    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final long size;
        private final boolean declared;

        BodyTooLargeException(int status, long size, boolean declared) {
            super("answer of " + (declared ? "" : "more than ") + size + " bytes");
            this.status = status;
            this.size = size;
            this.declared = declared;
        }

        int status() {
            return status;
        }

        long size() {
            return size;
        }

        boolean declared() {
            return declared;
        }
    }

    private HttpUriRequestBase request(LivyRequest req) {
        URI uri = urls.uri(req.path(), req.query());
        HttpUriRequestBase http = new HttpUriRequestBase(req.method(), uri);
        http.setHeader("Accept", "application/json");
        if (!requestedBy.isEmpty()) {
            http.setHeader("X-Requested-By", requestedBy);
        }
        auth.authorizationHeader().ifPresent(v -> {
            secrets.sent(v);
            http.setHeader("Authorization", v);
        });
        headers.forEach(http::setHeader);
        if (req.body() != null) {
            String text;
            try {
                text = json.writeValueAsString(req.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the request body for " + req.operation(), e);
            }
            http.setEntity(new StringEntity(text, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            if (WIRE.isTraceEnabled()) {
                WIRE.trace(
                        "--> {} {}: {}",
                        req.method(),
                        req.path(),
                        shorten(Redaction.body(req.body(), json, secrets.all())));
            }
        } else if (WIRE.isTraceEnabled()) {
            WIRE.trace("--> {} {}", req.method(), req.path());
        }
        return http;
    }

    private static @Nullable String requestId(Header[] hs) {
        for (String name : new String[] {"X-Request-Id", "X-Amzn-RequestId", "X-Amz-Request-Id", "X-Correlation-Id"}) {
            String v = header(hs, name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static @Nullable String header(Header[] hs, String name) {
        for (Header h : hs) {
            if (h.getName().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** A response body for the wire log: secrets masked, then shortened (redaction reads a bounded window). */
    private String logged(String body) {
        String window = body.length() > 4 * MAX_LOGGED_BODY ? body.substring(0, 4 * MAX_LOGGED_BODY) : body;
        String masked = shorten(Redaction.text(window, secrets.all()));
        return body.length() > window.length() ? masked + "...(" + body.length() + " chars)" : masked;
    }

    private static String shorten(String s) {
        return s.length() > MAX_LOGGED_BODY ? s.substring(0, MAX_LOGGED_BODY) + "...(" + s.length() + " chars)" : s;
    }

    private SessionException closedError() {
        return new SessionStateException(
                "The Livy transport for " + urls.endpoint() + " is closed; " + "build a new session (or transport).",
                null,
                null,
                LivyProtocol.BACKEND,
                SessionState.STOPPED);
    }

    /** The error factory. */
    public LivyErrors errors() {
        return errors;
    }

    /** The base URL for messages (never has credentials). */
    public String endpoint() {
        return urls.endpoint();
    }

    /**
     * Refuses new calls, fails pending ones and aborts their requests; the client and the shared I/O threads stay
     * (the caller's or other transports'). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Map.Entry<CompletableFuture<?>, HttpUriRequestBase> e : pending.entrySet()) {
            e.getKey().completeExceptionally(closedError());
            e.getValue().cancel();
        }
    }
}
