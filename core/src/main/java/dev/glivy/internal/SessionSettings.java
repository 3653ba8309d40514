package dev.glivy.internal;

import dev.glivy.Language;
import dev.glivy.SessionListener;
import dev.glivy.SessionRuntime;
import dev.glivy.config.PollingPolicy;
import dev.glivy.config.RetryPolicy;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Timeouts;
import dev.glivy.spi.SessionTransport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code SessionBuilder.build()} resolved for one session.
 *
 * @param transport the backend
 * @param ownsTransport whether closing the session closes the transport
 * @param runtime the scheduler, executor and clock
 * @param sharedRuntime whether {@code runtime} is the reference-counted default to release on close
 * @param config the effective configuration
 * @param language the default statement language
 * @param timeouts deadlines
 * @param polling poll schedule
 * @param retry retry policy
 * @param listeners listeners, in registration order
 * @param recreateLost whether a lost session is recreated for the next statement
 * @param stopOnShutdown whether a JVM shutdown hook stops the session
 * @param attachId an existing session to attach to instead of creating one
 * @param warnings unsupported-setting warnings to deliver at start
 * @param maxInFlight the most statements submitted and not yet finished at once
 * @param historySize the most recent statements {@code history()} keeps
 */
public record SessionSettings(
        SessionTransport transport,
        boolean ownsTransport,
        SessionRuntime runtime,
        boolean sharedRuntime,
        SessionConfig config,
        Language language,
        Timeouts timeouts,
        PollingPolicy polling,
        RetryPolicy retry,
        List<SessionListener> listeners,
        boolean recreateLost,
        boolean stopOnShutdown,
        @Nullable String attachId,
        List<String> warnings,
        int maxInFlight,
        int historySize) {}
