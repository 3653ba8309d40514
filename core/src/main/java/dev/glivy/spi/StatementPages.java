package dev.glivy.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Walks statement pages for {@link SessionTransport#listStatements(String)}'s default; no retries. */
final class StatementPages {
    private StatementPages() {}

    static CompletableFuture<Void> collect(SessionTransport t, String sessionId, @Nullable String token,
            List<RemoteStatement> out) {
        return t.listStatements(sessionId, token).thenCompose(page -> {
            out.addAll(page.statements());
            return page.nextToken().map(next -> collect(t, sessionId, next, out))
                    .orElseGet(() -> CompletableFuture.completedFuture(null));
        });
    }
}
