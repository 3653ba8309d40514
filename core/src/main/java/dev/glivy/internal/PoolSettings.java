package dev.glivy.internal;

import dev.glivy.SessionBuilder;
import dev.glivy.SessionRuntime;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@code SessionPool}'s validated settings, handed from the public builder to {@link DefaultSessionPool}; the
 * meaning and default of each is documented on {@code SessionPool.Builder}.
 *
 * @param runtime the runtime to use, or {@code null} for the shared one
 */
@InternalApi
public record PoolSettings(
        Supplier<SessionBuilder> sessions,
        int maxSessions,
        int minIdle,
        Duration maxIdleTime,
        Duration idleTimeoutMargin,
        Duration leaseTimeout,
        Duration healthCheckAfter,
        Duration returnTimeout,
        Duration closeGrace,
        double maxCostPerHour,
        @Nullable SessionRuntime runtime) {}
