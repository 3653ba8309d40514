package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.livy.fake.BadLivyServer;
import dev.glivy.livy.fake.BadLivyServer.Answer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shutdown hook covers a create still in flight, in a real child JVM: the child ({@link ShutdownHookChild})
 * starts a session against a bad Livy whose {@code POST /sessions} creates the session and never answers, then calls
 * {@code System.exit}. The hook aborts the create, finds the session by its name ({@code GET /sessions}) and
 * DELETEs it before the JVM ends.
 */
@DisplayName("Shutdown hook: a JVM exiting while POST /sessions is unanswered still deletes that session")
class LivyShutdownHookIT {

    @Test
    void exitWhileTheCreateIsUnanswered(@TempDir Path dir) throws Exception {
        try (BadLivyServer livy = new BadLivyServer()) {
            livy.answer("POST /sessions", Answer.NEVER);
            Path log = dir.resolve("child.log");
            String java =
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            ShutdownHookChild.class.getName(),
                            livy.url().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                assertThat(BadLivyServer.eventually(Duration.ofSeconds(60), () -> livy.creates() == 1))
                        .as("the child sent its create; its output:%n%s", read(log))
                        .isTrue();
                assertThat(livy.deletes()).isZero();
                try (OutputStream in = child.getOutputStream()) {
                    in.write("exit\n".getBytes(StandardCharsets.UTF_8));
                }
                assertThat(child.waitFor(60, TimeUnit.SECONDS))
                        .as("the child exited; its output:%n%s", read(log))
                        .isTrue();
                assertThat(child.exitValue()).isZero();
            } finally {
                if (child.isAlive()) {
                    child.toHandle().destroyForcibly(); // by its pid: it overstayed
                    child.waitFor(10, TimeUnit.SECONDS);
                }
            }
            String name = livy.requests().isEmpty() ? "" : livy.running().toString();
            assertThat(livy.running())
                    .as("left running %s; child output:%n%s", name, read(log))
                    .isEmpty();
            assertThat(livy.deletes()).isEqualTo(livy.creates()).isEqualTo(1);
            assertThat(livy.deletedNames()).singleElement().asString().startsWith("glivy-");
            List<BadLivyServer.Request> all = livy.requests();
            int post = indexOf(all, "POST", "/sessions");
            int lookup = indexOf(all, "GET", "/sessions");
            int delete = indexOf(all, "DELETE", "/sessions/0");
            assertThat(post).isGreaterThanOrEqualTo(0);
            assertThat(lookup).as("found by its name after the create").isGreaterThan(post);
            assertThat(delete).as("deleted after the lookup").isGreaterThan(lookup);
            assertThat(livy.requests("POST", "/sessions")).hasSize(1);
        }
    }

    private static int indexOf(List<BadLivyServer.Request> all, String method, String path) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).method().equals(method) && all.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
