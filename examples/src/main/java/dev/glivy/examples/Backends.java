package dev.glivy.examples;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.config.WorkerType;
import dev.glivy.glue.GlueTransport;
import dev.glivy.glue.GlueTransportBuilder;
import dev.glivy.livy.LivyTransport;
import dev.glivy.local.LocalTransport;
import java.time.Duration;

/** Picks the transport from the flags: switching backends is this one builder line. */
final class Backends {
    private Backends() {}

    static SessionBuilder builder(ExampleOptions o) {
        SessionBuilder b = InteractiveSession.builder().config(c -> c.idleTimeout(Duration.ofMinutes(15)));
        switch (o.transport()) {
            case "livy":
                return b.transport(LivyTransport.builder()
                        .url(o.require("livy-url", "for --transport livy " + "(or set LIVY_URL)")));
            case "glue":
                GlueTransportBuilder glue = GlueTransport.builder();
                o.get("region").ifPresent(glue::region);
                return b.transport(glue).config(c -> {
                    o.get("role").ifPresent(c::iamRole);
                    c.numberOfWorkers(2).workerType(WorkerType.G_1X);
                });
            default:
                return b.transport(LocalTransport.builder());
        }
    }
}
