package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.SessionBackendException;
import dev.glivy.SessionInfo;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.GlueCallerIdentity;
import dev.glivy.internal.ErrorText;
import dev.glivy.internal.Paging;
import dev.glivy.spi.CreateSessionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.CreateSessionResponse;
import software.amazon.awssdk.services.glue.model.GetSessionRequest;
import software.amazon.awssdk.services.glue.model.ListSessionsRequest;
import software.amazon.awssdk.services.glue.model.ListSessionsResponse;
import software.amazon.awssdk.services.glue.model.Session;

/**
 * The session verbs: CreateSession (after the whoami preflight and role resolution; then GetSession by the id it
 * sent when the answer carries no session), GetSession, ListSessions (all pages, optional tag filter), StopSession
 * (a session already stopping or gone is success) and DeleteSession. One attempt per call; errors are mapped.
 */
public final class SessionOps {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final ClientRegistry registry;
    private final @Nullable String owner;

    /** Session verbs over {@code registry}'s clients; the owner tag comes from STS (see {@link #owner()}). */
    public SessionOps(ClientRegistry registry) {
        this(registry, null);
    }

    /** Session verbs over {@code registry}'s clients, tagging sessions {@code owner=<owner>} when it is not null. */
    public SessionOps(ClientRegistry registry, @Nullable String owner) {
        this.registry = registry;
        this.owner = owner == null || owner.isBlank() ? null : owner;
    }

    /** The configured owner, or {@code null} when the owner is whoever STS (or the access key id) says. */
    public @Nullable String owner() {
        return owner;
    }

    /** Who created a session: the STS identity when known, and the owner tag's value (never null). */
    record Caller(@Nullable GlueCallerIdentity identity, String owner) {}

    private double price() {
        return registry.options().pricePerDpuHour();
    }

    /** CreateSession for {@code request}. */
    public CompletableFuture<SessionInfo> create(CreateSessionRequest request) {
        SessionConfig c = request.config();
        if (request.language() == Language.R) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException(GlueLanguages.refusal(request.language())));
        }
        Language lang = request.language() == Language.SCALA ? Language.SCALA : Language.PYTHON;
        ClientSettings settings = ClientSettings.of(registry.options(), c);
        String id = request.clientToken();
        String origin = c.requestOrigin().orElse(registry.options().requestOrigin());
        return registry.clients(settings).thenCompose(aws -> caller(aws, c).thenCompose(who -> {
            software.amazon.awssdk.services.glue.model.CreateSessionRequest r = CreateSessionMapper.request(
                    c,
                    id,
                    RoleResolver.role(c, who.identity()),
                    lang,
                    who.owner(),
                    registry.options().requestOrigin());
            registry.put(id, new ClientRegistry.SessionMeta(settings, lang, origin));
            LOG.debug("session={} creating in {} as {}", id, settings.describe(), r.role());
            return send(aws, r, c.sessionId().isPresent())
                    .thenCompose(resp -> resp.session() != null
                            ? CompletableFuture.completedFuture(info(aws, resp.session()))
                            : get(aws, id));
        }));
    }

    /**
     * Who creates the session. The owner tag is the configured owner when there is one (then STS is asked only when
     * the role depends on the caller), else STS's user id, else, when STS cannot be reached and the role is given
     * explicitly, the access key id the credentials resolved to (a WARN says so). Never a session without an owner.
     */
    private CompletableFuture<Caller> caller(AwsClients aws, SessionConfig c) {
        String configured = owner;
        if (configured != null && !RoleResolver.needsIdentity(c)) {
            return CompletableFuture.completedFuture(new Caller(null, configured));
        }
        return aws.whoami()
                .thenApply(i -> new Caller(i, configured != null ? configured : i.userId()))
                .exceptionallyCompose(e -> {
                    RuntimeException mapped = GlueErrorMapper.map(e, "STS GetCallerIdentity (whoami)", null);
                    if (RoleResolver.needsIdentity(c)) {
                        return CompletableFuture.failedFuture(mapped);
                    }
                    return fallbackOwner(aws, mapped);
                });
    }

    /** The owner when STS failed: the access key id, else the STS failure (no session is created untagged). */
    static CompletableFuture<Caller> fallbackOwner(AwsClients aws, RuntimeException stsFailure) {
        return aws.accessKeyId().handle((key, e) -> {
            if (key != null && key.isPresent()) {
                LOG.warn(
                        "STS GetCallerIdentity failed ({}); tagging the session owner=<access key id {}>, which "
                                + "GlueAdmin.reap(...) finds without STS. Set GlueTransportBuilder.owner(...) to choose "
                                + "the owner yourself.",
                        stsFailure.getMessage(),
                        masked(key.get()));
                return new Caller(null, key.get());
            }
            throw stsFailure;
        });
    }

    /** An access key id for logs: its last four characters. */
    static String masked(String key) {
        return key.length() <= 4 ? "****" : "****" + key.substring(key.length() - 4);
    }

    private CompletableFuture<CreateSessionResponse> send(
            AwsClients aws, software.amazon.awssdk.services.glue.model.CreateSessionRequest r, boolean fixedId) {
        String what = "Glue CreateSession for session " + r.id();
        return aws.glue(g -> g.createSession(r), a -> a.createSession(r)).exceptionallyCompose(e -> {
            if (!fixedId || !GlueErrorMapper.is(e, "AlreadyExistsException")) {
                return CompletableFuture.failedFuture(GlueErrorMapper.map(e, what, r.id()));
            }
            return raw(aws, r.id()).thenCompose(old -> {
                SessionState st = SessionMapper.state(old.statusAsString());
                if (!st.isTerminal() && st != SessionState.STOPPING) {
                    return CompletableFuture.failedFuture(new SessionBackendException(
                            "A Glue session with id "
                                    + r.id() + " already exists and is " + old.statusAsString() + ": attach to it with "
                                    + "SessionBuilder.attach(\"" + r.id()
                                    + "\") (%reconnect), or choose another %session_id.",
                            GlueErrorMapper.cause(e),
                            r.id(),
                            GlueErrorMapper.BACKEND,
                            400,
                            "AlreadyExistsException",
                            null,
                            false));
                }
                LOG.debug("session={} exists and is {}: deleting it to reuse the id", r.id(), old.statusAsString());
                return delete(aws, r.id()).thenCompose(v -> aws.<CreateSessionResponse>glue(
                                g -> g.createSession(r), a -> a.createSession(r))
                        .exceptionallyCompose(
                                e2 -> CompletableFuture.failedFuture(GlueErrorMapper.map(e2, what, r.id()))));
            });
        });
    }

    /** Finds the session of a possibly failed create: a live session with the client token as id. */
    public CompletableFuture<Optional<SessionInfo>> find(CreateSessionRequest request) {
        String id = request.clientToken();
        ClientSettings settings = ClientSettings.of(registry.options(), request.config());
        return registry.clients(settings).thenCompose(aws -> raw(aws, id)
                .thenApply(s -> {
                    SessionInfo info = info(aws, s);
                    return info.state().isTerminal() ? Optional.<SessionInfo>empty() : Optional.of(info);
                })
                .exceptionallyCompose(e ->
                        e instanceof SessionLostException || GlueErrorMapper.unwrap(e) instanceof SessionLostException
                                ? CompletableFuture.completedFuture(Optional.empty())
                                : CompletableFuture.failedFuture(e)));
    }

    /** GetSession. */
    public CompletableFuture<SessionInfo> get(String sessionId) {
        return registry.clientsFor(sessionId).thenCompose(aws -> get(aws, sessionId));
    }

    CompletableFuture<SessionInfo> get(AwsClients aws, String sessionId) {
        return raw(aws, sessionId).thenApply(s -> info(aws, s));
    }

    /** GetSession returning the Glue model; a missing session fails with {@link SessionLostException}. */
    public CompletableFuture<Session> raw(AwsClients aws, String sessionId) {
        GetSessionRequest r = GetSessionRequest.builder()
                .id(sessionId)
                .requestOrigin(registry.origin(sessionId))
                .build();
        return aws.glue(g -> g.getSession(r), a -> a.getSession(r))
                .thenApply(resp -> {
                    Session s = resp.session();
                    if (s == null) {
                        throw lost(aws, sessionId, null);
                    }
                    if (registry.session(sessionId).isEmpty()) {
                        registry.put(
                                sessionId,
                                new ClientRegistry.SessionMeta(
                                        aws.settings(),
                                        SessionMapper.language(s),
                                        registry.options().requestOrigin()));
                    }
                    return s;
                })
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        GlueErrorMapper.is(e, "EntityNotFoundException")
                                ? lost(aws, sessionId, e)
                                : GlueErrorMapper.map(e, "Glue GetSession for session " + sessionId, sessionId)));
    }

    /** A session the backend does not know. */
    static SessionLostException lost(AwsClients aws, String sessionId, @Nullable Throwable cause) {
        return new SessionLostException(
                "Session " + sessionId + " (glue, " + aws.settings().describe() + ") was not "
                        + "found: it was deleted, or it lives in another region or account (a session this transport did "
                        + "not create, as with attach, is looked up with the GlueClientConfig's region and credentials "
                        + "only, never a session's %region: set them there). " + ErrorText.LOST_SESSION_HINT,
                cause == null ? null : GlueErrorMapper.cause(cause),
                sessionId,
                GlueErrorMapper.BACKEND,
                SessionState.LOST);
    }

    /** ListSessions, every page, optionally filtered by tags (all must match). */
    public CompletableFuture<List<SessionInfo>> list(Map<String, String> tags) {
        return registry.clients(registry.defaultSettings())
                .thenCompose(aws -> listRaw(aws, tags).thenApply(all -> {
                    List<SessionInfo> out = new ArrayList<>();
                    all.forEach(s -> out.add(info(aws, s)));
                    return out;
                }));
    }

    /** ListSessions as Glue models, every page. */
    public CompletableFuture<List<Session>> listRaw(AwsClients aws, Map<String, String> tags) {
        return Paging.<String, Session>all(null, token -> page(aws, tags, token), "Glue ListSessions");
    }

    private CompletableFuture<Paging.Page<String, Session>> page(
            AwsClients aws, Map<String, String> tags, @Nullable String token) {
        ListSessionsRequest.Builder b = ListSessionsRequest.builder()
                .maxResults(registry.options().pageSize())
                .nextToken(token)
                .requestOrigin(registry.options().requestOrigin());
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        ListSessionsRequest r = b.build();
        return aws.glue(g -> g.listSessions(r), a -> a.listSessions(r))
                .exceptionallyCompose(e -> CompletableFuture.<ListSessionsResponse>failedFuture(
                        GlueErrorMapper.map(e, "Glue ListSessions", null)))
                .thenApply(resp -> Paging.Page.of(resp.hasSessions() ? resp.sessions() : List.of(), resp.nextToken()));
    }

    /** StopSession; a session already stopping, stopped, failed, expired or gone is success. */
    public CompletableFuture<Void> stop(String sessionId) {
        return registry.clientsFor(sessionId).thenCompose(aws -> stop(aws, sessionId));
    }

    CompletableFuture<Void> stop(AwsClients aws, String sessionId) {
        String what = "Glue StopSession for session " + sessionId;
        return aws.glue(
                        g -> g.stopSession(r -> r.id(sessionId).requestOrigin(registry.origin(sessionId))),
                        a -> a.stopSession(r -> r.id(sessionId).requestOrigin(registry.origin(sessionId))))
                .<Void>thenApply(resp -> null)
                .exceptionallyCompose(e -> {
                    if (GlueErrorMapper.is(e, "EntityNotFoundException")) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (!GlueErrorMapper.is(e, "IllegalSessionStateException", "InvalidInputException")) {
                        return CompletableFuture.failedFuture(GlueErrorMapper.map(e, what, sessionId));
                    }
                    return raw(aws, sessionId).handle((s, e2) -> {
                        if (e2 != null) {
                            Throwable c = GlueErrorMapper.unwrap(e2);
                            if (c instanceof SessionLostException) {
                                return null;
                            }
                            throw GlueErrorMapper.map(e, what, sessionId);
                        }
                        SessionState st = SessionMapper.state(s.statusAsString());
                        if (st.isTerminal() || st == SessionState.STOPPING) {
                            return null;
                        }
                        if (st == SessionState.STARTING) {
                            throw new SessionBackendException(
                                    what + " failed: the session is still " + s.statusAsString()
                                            + " and cannot be stopped yet. Retrying is safe.",
                                    GlueErrorMapper.cause(e),
                                    sessionId,
                                    GlueErrorMapper.BACKEND,
                                    400,
                                    GlueErrorMapper.errorCode(e),
                                    null,
                                    true);
                        }
                        throw GlueErrorMapper.map(e, what, sessionId);
                    });
                });
    }

    /** DeleteSession; a session already gone is success. */
    public CompletableFuture<Void> delete(String sessionId) {
        return registry.clientsFor(sessionId)
                .thenCompose(aws -> delete(aws, sessionId))
                .thenRun(() -> registry.forget(sessionId));
    }

    CompletableFuture<Void> delete(AwsClients aws, String sessionId) {
        return aws.glue(
                        g -> g.deleteSession(r -> r.id(sessionId).requestOrigin(registry.origin(sessionId))),
                        a -> a.deleteSession(r -> r.id(sessionId).requestOrigin(registry.origin(sessionId))))
                .<Void>thenApply(resp -> null)
                .exceptionallyCompose(e -> GlueErrorMapper.is(e, "EntityNotFoundException")
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(
                                GlueErrorMapper.map(e, "Glue DeleteSession for session " + sessionId, sessionId)));
    }

    /** Maps a Glue session with the region and price of these clients. */
    public SessionInfo info(AwsClients aws, Session s) {
        return SessionMapper.info(s, aws.region(), price());
    }
}
