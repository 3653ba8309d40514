package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.SessionInfo;
import dev.glivy.config.SessionConfig;
import dev.glivy.internal.SharedRuntime;
import dev.glivy.livy.LivyRequestSigner;
import dev.glivy.spi.CreateSessionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Livy transport's working parts behind the public {@code LivyTransport}: the HTTP layer, the REST calls, the
 * version probe, and the session-level logic (create with the planned body, find by name, keep-alive interval).
 * The heavy parts (I/O threads, the ObjectMapper, the HTTP client unless the caller passed one, the version learned
 * per endpoint) are leases on the process's shared {@link LivyIo}, returned by {@link #close()}.
 */
public final class LivyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.livy");

    private final SharedRuntime.Lease<LivyIo> io;
    private final SharedRuntime.@Nullable Lease<LivyIo.SharedClient> sharedClient;
    private final ObjectMapper json;
    private final LivyMapper mapper;
    private final LivyHttp http;
    private final LivyApi api;
    private final VersionProbe version;
    private final int heartbeatSeconds;
    private final AtomicInteger shortestHeartbeat;
    private final TransportSettings.Extras extras;

    /**
     * Wires everything for {@code s}, leasing the shared I/O resources (and the shared HTTP client for these client
     * options unless {@code s} has the caller's).
     */
    public LivyService(TransportSettings s) {
        this.io = LivyIo.lease(s.threads());
        this.json = io.get().json();
        this.mapper = new LivyMapper(json);
        LivyUrls urls = new LivyUrls(s.url(), s.doAs());
        CloseableHttpClient client;
        if (s.httpClient() != null) {
            client = s.httpClient();
            this.sharedClient = null;
        } else {
            this.sharedClient = LivyIo.client(s.clientOptions());
            client = sharedClient.get().client();
        }
        LivyRequestSigner signer = s.extras().signer();
        LivyErrors errors = new LivyErrors(
                urls.endpoint(),
                signer == null ? s.auth().scheme() : LivyErrors.SIGNED + signer.scheme(),
                json,
                s.headers());
        if (signer != null) {
            client = new SigningClient(client, signer, errors.secrets());
        }
        this.http = new LivyHttp(
                client,
                new LivyHttp.Requests(urls, s.auth(), s.headers(), s.requestedBy(), s.limits()),
                errors,
                io.get());
        this.extras = s.extras();
        this.api = new LivyApi(http, json, mapper, s.pageSize());
        String endpoint = urls.endpoint();
        this.version = new VersionProbe(s.serverVersion(), () -> io.get().version(endpoint, api::version));
        this.heartbeatSeconds = s.heartbeatSeconds();
        this.shortestHeartbeat = new AtomicInteger(heartbeatSeconds);
    }

    /** The REST calls. */
    public LivyApi api() {
        return api;
    }

    /** The base URL without credentials. */
    public String endpoint() {
        return http.endpoint();
    }

    /** Sentences for the settings of {@code config} Livy cannot honour (version-dependent ones once known). */
    public List<String> unsupportedSettings(SessionConfig config) {
        LivyVersion known = version.known();
        List<String> notes = CreatePlan.of(
                        config,
                        "-",
                        heartbeatSeconds,
                        known != null ? known : io.get().known(endpoint()))
                .notes();
        if (extras.unsupported() == null) {
            return notes;
        }
        List<String> all = new ArrayList<>(notes);
        all.addAll(extras.unsupported().apply(config));
        return List.copyOf(all);
    }

    /** The I/O threads, for work that must not block a caller (asking an endpoint resolver). */
    public Executor executor() {
        return io.get().pool();
    }

    /** The create body with the flavour's default {@code conf} entries the session does not set itself. */
    private ObjectNode withDefaultConf(ObjectNode body) {
        if (extras.conf().isEmpty()) {
            return body;
        }
        JsonNode existing = body.get("conf");
        ObjectNode conf = existing instanceof ObjectNode o ? o : body.putObject("conf");
        for (Map.Entry<String, String> e : extras.conf().entrySet()) {
            if (!conf.has(e.getKey())) {
                conf.put(e.getKey(), e.getValue());
            }
        }
        return body;
    }

    /**
     * Creates a session with the body planned for the server's version. Settings only that version rules out (and
     * that {@link #unsupportedSettings} could not report before the version was known) are logged at WARN.
     */
    public CompletableFuture<SessionInfo> create(CreateSessionRequest request) {
        return Linked.compose(
                version.get().copy(),
                v -> { // a copy: the probe is shared with other creates
                    CreatePlan plan = CreatePlan.of(request.config(), request.clientToken(), heartbeatSeconds, v);
                    List<String> reported = CreatePlan.of(
                                    request.config(), request.clientToken(), heartbeatSeconds, null)
                            .notes();
                    for (String note : plan.notes()) {
                        if (!reported.contains(note)) {
                            LOG.warn("Livy {} at {}: {}", v, endpoint(), note);
                        }
                    }
                    if (plan.heartbeatSeconds() > 0) {
                        shortestHeartbeat.accumulateAndGet(
                                plan.heartbeatSeconds(), (a, b) -> a == 0 ? b : Math.min(a, b));
                    }
                    return api.createSession(withDefaultConf(plan.body(json)));
                });
    }

    /** The newest session named as {@code request} would name it, if any. */
    public CompletableFuture<Optional<SessionInfo>> find(CreateSessionRequest request) {
        String name = CreatePlan.of(request.config(), request.clientToken(), heartbeatSeconds, null)
                .name();
        return Linked.map(api.listSessions(), all -> {
            @Nullable SessionInfo found = null;
            for (LivyDto.Session s : all) {
                if (name.equals(s.name()) && s.id() != null) {
                    found = mapper.session(s);
                }
            }
            return Optional.ofNullable(found);
        });
    }

    /** Every session, mapped. */
    public CompletableFuture<List<SessionInfo>> list() {
        return Linked.map(
                api.listSessions(), all -> all.stream().map(mapper::session).toList());
    }

    /** A quarter of the shortest heartbeat timeout sent (at least 1 s), or empty when none is sent. */
    public Optional<Duration> keepAliveInterval() {
        int seconds = shortestHeartbeat.get();
        return seconds <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(1000L, seconds * 250L)));
    }

    /**
     * Closes the HTTP layer and returns the leases (the last transport's return closes the shared parts).
     * Idempotent: each of the three is.
     */
    @Override
    public void close() {
        http.close();
        if (sharedClient != null) {
            sharedClient.close();
        }
        io.close();
    }
}
