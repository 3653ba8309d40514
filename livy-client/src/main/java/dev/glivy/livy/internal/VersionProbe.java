package dev.glivy.livy.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The server's version, learned once per transport with {@code GET /version} (unless declared on the builder). A
 * failed probe is not remembered, so the next create call asks again.
 */
public final class VersionProbe {
    private final @Nullable LivyVersion declared;
    private final Supplier<CompletableFuture<LivyVersion>> probe;
    private final AtomicReference<@Nullable CompletableFuture<LivyVersion>> cached = new AtomicReference<>();

    /** A probe; {@code declared}, when given, is used without asking the server. */
    public VersionProbe(@Nullable LivyVersion declared, Supplier<CompletableFuture<LivyVersion>> probe) {
        this.declared = declared;
        this.probe = probe;
    }

    /** The version, probing the server on first use. */
    public CompletableFuture<LivyVersion> get() {
        if (declared != null) {
            return CompletableFuture.completedFuture(declared);
        }
        while (true) {
            CompletableFuture<LivyVersion> f = cached.get();
            if (f != null && !f.isCompletedExceptionally()) {
                return f;
            }
            CompletableFuture<LivyVersion> fresh = new CompletableFuture<>();
            if (cached.compareAndSet(f, fresh)) {
                probe.get().whenComplete((v, e) -> {
                    if (e != null) {
                        fresh.completeExceptionally(e);
                    } else {
                        fresh.complete(v);
                    }
                });
                return fresh;
            }
        }
    }

    /** The version if already known (declared or probed), else {@code null}. */
    public @Nullable LivyVersion known() {
        if (declared != null) {
            return declared;
        }
        CompletableFuture<LivyVersion> f = cached.get();
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }
}
