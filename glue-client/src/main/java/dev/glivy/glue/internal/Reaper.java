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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Session;

/**
 * Stops forgotten sessions: lists sessions tagged {@code created-by=glivy} (server-side filter), keeps the live ones
 * created before the cut-off, confirms each one's tags with GetTags (the list filter's semantics are not relied on),
 * then stops them unless it is a dry run. One failure does not stop the others; it is reported.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private final ClientRegistry registry;
    private final SessionOps sessions;

    /** A reaper over {@code registry}'s default clients. */
    public Reaper(ClientRegistry registry, SessionOps sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /** Runs one reap. */
    public CompletableFuture<ReapReport> reap(ReapOptions o) {
        Instant cutoff = registry.options().clock().instant().minus(o.olderThan());
        Map<String, String> required = new LinkedHashMap<>();
        required.put(SessionConfig.CREATED_BY_TAG, SessionConfig.CREATED_BY_VALUE);
        required.putAll(o.tags());
        return registry.clients(registry.defaultSettings()).thenCompose(aws -> aws.whoami()
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        GlueErrorMapper.map(e, "STS GetCallerIdentity (whoami) for the reaper", null)))
                .thenCompose(me -> sessions.listRaw(aws, Map.of(SessionConfig.CREATED_BY_TAG,
                        SessionConfig.CREATED_BY_VALUE)).thenCompose(all -> {
                            List<Session> live = new ArrayList<>();
                            for (Session s : all) {
                                SessionState st = SessionMapper.state(s.statusAsString());
                                if ((st == SessionState.STARTING || st.isReady()) && s.createdOn() != null
                                        && !s.createdOn().isAfter(cutoff)) {
                                    live.add(s);
                                }
                            }
                            live.sort(Comparator.comparing(Session::createdOn));
                            return confirm(aws, me, live, required, o.ownerOnly());
                        })
                        .thenCompose(candidates -> o.dryRun()
                                ? CompletableFuture.completedFuture(ReapReport.of(true, candidates, List.of(),
                                        Map.of()))
                                : stopAll(aws, candidates))));
    }

    private CompletableFuture<List<SessionInfo>> confirm(AwsClients aws, GlueCallerIdentity me, List<Session> live,
            Map<String, String> required, boolean ownerOnly) {
        List<SessionInfo> out = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Session s : live) {
            chain = chain.thenCompose(v -> tags(aws, me, s.id()).thenAccept(tags -> {
                boolean match = required.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
                if (ownerOnly) {
                    match &= CreateSessionMapper.ownerValue(me.userId())
                            .equals(tags.get(CreateSessionMapper.OWNER_TAG));
                }
                if (match) {
                    out.add(sessions.info(aws, s));
                }
            }));
        }
        return chain.thenApply(v -> out);
    }

    /** GetTags of a session. */
    public static CompletableFuture<Map<String, String>> tags(AwsClients aws, GlueCallerIdentity me, String id) {
        String arn = arn(aws, me, id);
        return aws.glue(g -> g.getTags(r -> r.resourceArn(arn)), a -> a.getTags(r -> r.resourceArn(arn)))
                .thenApply(r -> r.hasTags() ? r.tags() : Map.<String, String>of())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        GlueErrorMapper.map(e, "Glue GetTags for session " + id, id)));
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
                    LOG.info("Reaper stopped Glue session {} (created {})", s.id(), s.createdAt().orElse(null));
                } else {
                    failures.put(s.id(), GlueErrorMapper.unwrap(e).getMessage());
                }
                return null;
            }));
        }
        return chain.thenApply(v -> ReapReport.of(false, candidates, stopped, failures));
    }
}
