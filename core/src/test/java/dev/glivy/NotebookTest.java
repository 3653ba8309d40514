package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.DelegatingTransport;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookTest {
    private final FakeSessionTransport fake = new FakeSessionTransport(Clock.systemUTC())
            .startDelay(Duration.ZERO)
            .statementDuration(Duration.ZERO);
    private final SessionRuntime runtime = SessionRuntime.create();
    private final Notebook nb = Notebook.of(InteractiveSession.builder()
            .transport(fake)
            .runtime(runtime)
            .useEnvironment(false)
            .stopOnJvmShutdown(false)
            .polling(p -> p.initialInterval(Duration.ofMillis(1))));

    @AfterEach
    void close() {
        nb.close();
        runtime.close();
    }

    @Test
    void aBadConfigurationMagicIsReportedAtItsOwnCell() {
        assertThatThrownBy(() -> nb.run("%number_of_workers 0"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("%number_of_workers must be between 1 and 1000 but was 0");
        CellResult next = nb.run("%number_of_workers 2");
        assertThat(next.messages()).singleElement().asString().startsWith("Set %number_of_workers 2");
        assertThat(nb.run("x = 1").statement().orElseThrow().succeeded()).isTrue();
        assertThat(nb.session().orElseThrow().config().numberOfWorkers()).contains(2);
    }

    @Test
    void aConfigurationMagicTheTransportRefusesIsReportedAtItsOwnCellNotAtTheNextCodeCell() {
        SessionTransport picky = new DelegatingTransport(fake) {
            @Override
            public List<String> configProblems(SessionConfig config) {
                return config.numberOfWorkers().filter(n -> n > 10).isPresent()
                        ? List.of("%number_of_workers above 10 is refused by this backend")
                        : List.of();
            }
        };
        Notebook book = Notebook.of(InteractiveSession.builder()
                .transport(picky)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .polling(p -> p.initialInterval(Duration.ofMillis(1))));
        try {
            assertThatThrownBy(() -> book.run("%number_of_workers 20"))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("above 10 is refused");
            assertThat(fake.sessionsCreated()).isZero();
            assertThat(book.run("%number_of_workers 5").messages())
                    .singleElement()
                    .asString()
                    .startsWith("Set %number_of_workers 5");
            assertThat(book.run("x = 1").statement().orElseThrow().succeeded()).isTrue();
            assertThat(book.session().orElseThrow().config().numberOfWorkers()).contains(5);
        } finally {
            book.close();
        }
    }

    @Test
    void theSeedNotebookFlowRunsCellByCell() {
        CellResult magics = nb.run("%glue_version 3.0\n%number_of_workers 2\n%worker_type G.2X\n%idle_timeout 1");
        assertThat(magics.messages()).hasSize(4).first().asString().contains("%glue_version 3.0");
        assertThat(nb.session()).isEmpty();
        assertThat(fake.sessionsCreated()).isZero();

        CellResult code = nb.run("# comment\nx = 1");
        assertThat(code.statement().orElseThrow().succeeded()).isTrue();
        InteractiveSession s = nb.session().orElseThrow();
        assertThat(s.config().numberOfWorkers()).contains(2);
        assertThat(s.config().idleTimeout()).contains(Duration.ofMinutes(1));

        SqlResult table = nb.run("%%sql\nselect 1 as one").table().orElseThrow();
        assertThat(table.columns()).isNotEmpty();

        assertThat(nb.run("%status").messages().get(0))
                .contains(s.id().orElseThrow())
                .contains("status");
        assertThat(nb.run("%list_sessions").messages().get(0)).contains("1 session(s)");
        assertThat(nb.run("%session_id").messages().get(0)).contains(s.id().orElseThrow());

        CellResult late = nb.run("%number_of_workers 4");
        assertThat(late.messages().get(0)).contains("applies to the next session");

        assertThat(nb.run("%stop_session").messages().get(0)).startsWith("Stopped session");
        assertThat(s.state()).isEqualTo(SessionState.STOPPED);
        assertThat(nb.session()).isEmpty();

        nb.run("y = 2");
        assertThat(nb.session().orElseThrow().config().numberOfWorkers()).contains(4);
        assertThat(fake.sessionsCreated()).isEqualTo(2);
    }

    @Test
    void reconnectAttachesAndCloseStopsEverySession() {
        nb.run("a = 1");
        InteractiveSession first = nb.session().orElseThrow();
        InteractiveSession other = InteractiveSession.builder()
                .transport(fake)
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false)
                .start();
        String otherId = other.id().orElseThrow();
        CellResult r = nb.run("%reconnect " + otherId);
        assertThat(r.messages().get(0))
                .contains("Attached to session " + otherId)
                .contains("keeps running");
        assertThat(nb.session().orElseThrow().id()).contains(otherId);
        nb.close();
        assertThat(first.state()).isEqualTo(SessionState.STOPPED);
        assertThat(fake.getSession(otherId).join().state()).isEqualTo(SessionState.STOPPED);
        assertThatThrownBy(() -> nb.run("b = 2"))
                .isInstanceOf(SessionStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void badCellsAreRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> nb.run("%number_of_workers two\n%worker_type X"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("%number_of_workers");
        assertThat(fake.sessionsCreated()).isZero();
        assertThat(nb.run("%help").messages().get(0)).contains("%idle_timeout");
        assertThat(nb.run("%stop_session").messages().get(0)).contains("no session");
    }

    @Test
    void listSessionsBuildsNoSessionAndClosesTheTransportItBuiltForTheListing() {
        fake.createSession(dev.glivy.spi.CreateSessionRequest.of(
                        SessionConfig.builder().build(), Language.PYTHON, "elsewhere"))
                .join();
        List<DelegatingTransport> built = new java.util.ArrayList<>();
        Notebook book = Notebook.of(InteractiveSession.builder()
                .transport(() -> {
                    DelegatingTransport t = new DelegatingTransport(fake) {
                        private boolean closed;

                        @Override
                        public java.util.concurrent.CompletableFuture<List<SessionInfo>> listSessions() {
                            assertThat(closed).isFalse();
                            return super.listSessions();
                        }

                        @Override
                        public void close() {
                            closed = true;
                            built.remove(this);
                        }
                    };
                    built.add(t);
                    return t;
                })
                .runtime(runtime)
                .useEnvironment(false)
                .stopOnJvmShutdown(false));
        try {
            assertThat(book.run("%list_sessions").messages())
                    .singleElement()
                    .asString()
                    .startsWith("1 session(s):")
                    .contains("elsewhere");
            assertThat(book.session()).isEmpty();
            assertThat(fake.sessionsCreated()).isEqualTo(1); // only the one above
            assertThat(fake.calls("listSessions")).isEqualTo(1);
            assertThat(built).isEmpty(); // every transport built for the listing was closed again
        } finally {
            book.close();
        }
    }

    @Test
    void failingCodeThrows() {
        assertThatThrownBy(() -> nb.run("fail:boom"))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining("boom");
    }
}
