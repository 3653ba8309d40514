package dev.glivy.glue.internal;

import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.config.SessionConfig;
import dev.glivy.glue.GlueCallerIdentity;
import dev.glivy.glue.ReapOptions;
import dev.glivy.glue.ReapReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Session;

/**
 * Stops forgotten sessions: lists sessions tagged {@code created-by=glivy} (server-side filter), keeps the live ones
 * created before the cut-off, confirms each one's tags with GetTags (the list filter's semantics are not relied on)
 * including the owner tag (see {@link #reap(ReapOptions)} for where the owner comes from, with or without STS),
 * then stops them unless it is a dry run. One failure does not stop the others; it is reported.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final ClientRegistry registry;
    private final SessionOps sessions;

    /** A reaper over {@code registry}'s default clients. */
    public Reaper(ClientRegistry registry, SessionOps sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /**
     * Runs one reap. STS is asked who the caller is only when the owner is not given ({@link ReapOptions#owner()},
     * the transport's configured owner) and {@link ReapOptions#ownerOnly()} is on; when STS cannot be reached the
     * owner is the access key id the credentials resolve to (what sessions created without STS are tagged with). The
     * session ARNs GetTags needs come from STS's account when known, else from each session's role ARN (Glue
     * requires a role of the session's own account).
     */
    public CompletableFuture<ReapReport> reap(ReapOptions o) {
        Instant cutoff = registry.options().clock().instant().minus(o.olderThan());
        Map<String, String> required = new LinkedHashMap<>();
        required.put(SessionConfig.CREATED_BY_TAG, SessionConfig.CREATED_BY_VALUE);
        required.putAll(o.tags());
        return registry.clients(registry.defaultSettings()).thenCompose(aws -> aws.whoami()
                .<@Nullable GlueCallerIdentity>thenApply(i -> i)
                .exceptionally(e -> {
                    LOG.debug("STS GetCallerIdentity failed for the reaper: {}", GlueErrorMapper.describe(e));
                    return null;
                })
                .thenCompose(me -> owner(aws, me, o).thenCompose(owner -> sessions.listRaw(
                                aws, Map.of(SessionConfig.CREATED_BY_TAG, SessionConfig.CREATED_BY_VALUE))
                        .thenCompose(all -> {
                            List<Session> live = new ArrayList<>();
                            for (Session s : all) {
                                SessionState st = SessionMapper.state(s.statusAsString());
                                if ((st == SessionState.STARTING || st.isReady())
                                        && s.createdOn() != null
                                        && !s.createdOn().isAfter(cutoff)) {
                                    live.add(s);
                                }
                            }
                            live.sort(Comparator.comparing(Session::createdOn));
                            return confirm(aws, me, live, required, owner);
                        })))
                .thenCompose(candidates -> o.dryRun()
                        ? CompletableFuture.completedFuture(ReapReport.of(true, candidates, List.of(), Map.of()))
                        : stopAll(aws, candidates)));
    }

    /** The owner tag value to match, or {@code null} for any owner. */
    private CompletableFuture<@Nullable String> owner(AwsClients aws, @Nullable GlueCallerIdentity me, ReapOptions o) {
        if (!o.ownerOnly()) {
            return CompletableFuture.completedFuture(null);
        }
        String given = o.owner().orElse(sessions.owner());
        if (given != null) {
            return CompletableFuture.completedFuture(CreateSessionMapper.ownerValue(given));
        }
        if (me != null) {
            return CompletableFuture.completedFuture(CreateSessionMapper.ownerValue(me.userId()));
        }
        return aws.accessKeyId().thenApply(key -> {
            if (key.isEmpty()) {
                throw new IllegalStateException("The reaper cannot tell whose sessions to stop: STS "
                        + "GetCallerIdentity failed and the credentials' access key id is unknown. Pass "
                        + "ReapOptions.builder().owner(...), or ownerOnly(false) with tags(...).");
            }
            LOG.warn(
                    "STS GetCallerIdentity failed; the reaper matches owner=<access key id {}>, the owner of "
                            + "sessions created without STS (sessions tagged with your STS user id are not matched)",
                    SessionOps.masked(key.get()));
            return CreateSessionMapper.ownerValue(key.get());
        });
    }

    private CompletableFuture<List<SessionInfo>> confirm(
            AwsClients aws,
            @Nullable GlueCallerIdentity me,
            List<Session> live,
            Map<String, String> required,
            @Nullable String owner) {
        List<SessionInfo> out = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Session s : live) {
            String arn = me != null ? arn(aws, me, s.id()) : arnFromRole(aws, s);
            if (arn == null) {
                LOG.warn(
                        "Reaper skips Glue session {}: without STS its ARN cannot be derived from role {}",
                        s.id(),
                        s.role());
                continue;
            }
            chain = chain.thenCompose(v -> tags(aws, arn, s.id()).thenAccept(tags -> {
                boolean match =
                        required.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
                if (owner != null) {
                    match &= owner.equals(tags.get(CreateSessionMapper.OWNER_TAG));
                }
                if (match) {
                    out.add(sessions.info(aws, s));
                }
            }));
        }
        return chain.thenApply(v -> out);
    }

    /** {@code arn:<partition>:glue:<region>:<account>:session/<id>} from the session's role ARN, or null. */
    static @Nullable String arnFromRole(AwsClients aws, Session s) {
        String role = s.role();
        if (role == null) {
            return null;
        }
        String[] p = role.split(":", 6);
        if (p.length < 6 || !p[0].equals("arn") || !p[2].equals("iam") || !p[4].matches("\\d{12}")) {
            return null;
        }
        return "arn:" + p[1] + ":glue:" + aws.region() + ":" + p[4] + ":session/" + s.id();
    }

    /** GetTags of a session. */
    public static CompletableFuture<Map<String, String>> tags(AwsClients aws, GlueCallerIdentity me, String id) {
        return tags(aws, arn(aws, me, id), id);
    }

    private static CompletableFuture<Map<String, String>> tags(AwsClients aws, String arn, String id) {
        return aws.glue(g -> g.getTags(r -> r.resourceArn(arn)), a -> a.getTags(r -> r.resourceArn(arn)))
                .thenApply(r -> r.hasTags() ? r.tags() : Map.<String, String>of())
                .exceptionallyCompose(e ->
                        CompletableFuture.failedFuture(GlueErrorMapper.map(e, "Glue GetTags for session " + id, id)));
    }

    /** The ARN of a session: {@code arn:<partition>:glue:<region>:<account>:session/<id>}. */
    static String arn(AwsClients aws, GlueCallerIdentity me, String id) {
        return "arn:" + me.partition() + ":glue:" + aws.region() + ":" + me.account() + ":session/" + id;
    }

    private CompletableFuture<ReapReport> stopAll(AwsClients aws, List<SessionInfo> candidates) {
        List<String> stopped = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (SessionInfo s : candidates) {
            chain = chain.thenCompose(v -> sessions.stop(aws, s.id()).handle((ok, e) -> {
                if (e == null) {
                    stopped.add(s.id());
                    LOG.info(
                            "Reaper stopped Glue session {} (created {})",
                            s.id(),
                            s.createdAt().orElse(null));
                } else {
                    failures.put(s.id(), GlueErrorMapper.message(e));
                }
                return null;
            }));
        }
        return chain.thenApply(v -> ReapReport.of(false, candidates, stopped, failures));
    }
}
