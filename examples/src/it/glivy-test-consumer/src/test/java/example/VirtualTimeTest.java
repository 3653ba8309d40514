package example;

import static dev.glivy.test.GlivyAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionRuntime;
import dev.glivy.StatementResult;
import dev.glivy.test.ManualScheduler;
import dev.glivy.test.ScriptedTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scripted fake on virtual time: five minutes of backend time, no waiting. */
class VirtualTimeTest {
    @Test
    void slowStatementOnVirtualTime() throws Exception {
        ManualScheduler time = new ManualScheduler();
        ScriptedTransport backend = ScriptedTransport.create(time.clock());
        backend.when("slow()").after(Duration.ofMinutes(5)).thenText("done");
        try (SessionRuntime runtime = time.runtime()) {
            InteractiveSession s = InteractiveSession.builder().transport(backend).runtime(runtime)
                    .useEnvironment(false).stopOnJvmShutdown(false).build();
            time.await(s.startAsync(), Duration.ofMinutes(1));
            StatementResult r = time.await(s.executeAsync("slow()"), Duration.ofMinutes(10));
            assertThat(r).succeeded().hasText("done");
            assertEquals(1, backend.submitted().size());
            time.await(s.closeAsync(), Duration.ofMinutes(1));
        }
    }
}
