package dev.glivy.glue.internal;

import dev.glivy.glue.GlueSessionStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.glue.model.GlueResourceType;
import software.amazon.awssdk.services.glue.model.Session;

/**
 * {@code %status}: GetSession, then best effort GetTags (needs the caller's account, from whoami) and
 * GetDashboardUrl. What cannot be fetched becomes a note instead of a failure, as the kernel degrades on
 * {@code AccessDenied}.
 */
public final class StatusOps {
    private final ClientRegistry registry;
    private final SessionOps sessions;

    /** Status over {@code registry}'s clients. */
    public StatusOps(ClientRegistry registry, SessionOps sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /** The status of a session. */
    public CompletableFuture<GlueSessionStatus> status(String sessionId) {
        return registry.clientsFor(sessionId)
                .thenCompose(aws -> sessions.raw(aws, sessionId).thenCompose(s -> {
                    List<String> notes = Collections.synchronizedList(new ArrayList<>());
                    CompletableFuture<Map<String, String>> tags = aws.whoami()
                            .thenCompose(me -> Reaper.tags(aws, me, sessionId))
                            .exceptionally(e -> {
                                notes.add("tags unavailable: "
                                        + GlueErrorMapper.map(e, "GetTags", sessionId)
                                                .getMessage());
                                return Map.of();
                            });
                    CompletableFuture<@Nullable String> url = dashboardUrl(aws, sessionId)
                            .<@Nullable String>thenApply(u -> u)
                            .exceptionally(e -> {
                                notes.add("dashboard link unavailable: " + GlueErrorMapper.message(e));
                                return null;
                            });
                    return tags.thenCombine(url, (t, u) -> status(aws, s, t, u, notes));
                }));
    }

    private GlueSessionStatus status(
            AwsClients aws, Session s, Map<String, String> tags, @Nullable String url, List<String> notes) {
        List<String> copy;
        synchronized (notes) {
            copy = List.copyOf(notes);
        }
        return GlueSessionStatus.of(
                sessions.info(aws, s),
                registry.options().pricePerDpuHour(),
                tags,
                SessionMapper.redactedArguments(s),
                url,
                copy);
    }

    /** GetDashboardUrl for a session. */
    public CompletableFuture<String> dashboardUrl(String sessionId) {
        return registry.clientsFor(sessionId).thenCompose(aws -> dashboardUrl(aws, sessionId));
    }

    private CompletableFuture<String> dashboardUrl(AwsClients aws, String sessionId) {
        String origin = registry.origin(sessionId);
        return aws.glue(
                        g -> g.getDashboardUrl(r -> r.resourceId(sessionId)
                                .resourceType(GlueResourceType.SESSION)
                                .requestOrigin(origin)),
                        a -> a.getDashboardUrl(r -> r.resourceId(sessionId)
                                .resourceType(GlueResourceType.SESSION)
                                .requestOrigin(origin)))
                .thenApply(r -> r.url())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        GlueErrorMapper.map(e, "Glue GetDashboardUrl for session " + sessionId, sessionId)));
    }
}
