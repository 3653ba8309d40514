package dev.glivy.local;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import java.time.Duration;

/** Session builders over a shared test transport: no environment, no shutdown hook, quick polling. */
final class LocalSessions {
    private LocalSessions() {}

    static SessionBuilder over(LocalTransport transport) {
        return InteractiveSession.builder()
                .transport(transport)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(500)))
                .statementTimeout(Duration.ofMinutes(2));
    }
}
