package dev.glivy.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionState;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.internal.SkipLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension's own tests: each runs small fixture classes (nested here, so the build does not run them on their
 * own) through JUnit's Launcher and checks what they saw. Real time: sessions poll the scripted backend like any
 * backend (a statement takes about one poll interval), hence an IT.
 */
class GlivyExtensionIT {
    static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<InteractiveSession> SESSIONS = new ConcurrentLinkedQueue<>();

    /** Marks a fixture class: it runs only inside {@link #run}, not when a test filter happens to select it. */
    @java.lang.annotation.Inherited
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "glivy.test.fixtures", matches = "on")
    @interface Fixture {}

    /** What a launcher run reported. */
    record Outcome(int succeeded, List<String> failures, List<String> skipped, String stderr) {}

    @BeforeEach
    void reset() {
        SEEN.clear();
        SESSIONS.clear();
        FixtureProvider.CREATED.clear();
        System.setProperty("fixture.greeting", "hello");
    }

    @AfterEach
    void clear() {
        System.clearProperty("fixture.greeting");
    }

    static Outcome run(Map<String, String> config, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder b =
                LauncherDiscoveryRequestBuilder.request().configurationParameters(config);
        for (Class<?> c : classes) {
            b.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest request = b.build();
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] ok = {0};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = SkipLine.output(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setProperty("glivy.test.fixtures", "on");
        try {
            // no auto-registered listeners (core testkit's SkipReporter would print the fixtures' skips as the build's)
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .build());
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public synchronized void executionSkipped(TestIdentifier id, String reason) {
                    skipped.add(id.getDisplayName() + ": " + reason);
                }

                @Override
                public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                        ok[0] += id.isTest() ? 1 : 0;
                    } else {
                        failures.add(id.getDisplayName() + ": "
                                + result.getThrowable().map(Throwable::toString).orElse("?"));
                    }
                }
            });
        } finally {
            System.clearProperty("glivy.test.fixtures");
            SkipLine.output(previous);
        }
        return new Outcome(ok[0], failures, skipped, err.toString(StandardCharsets.UTF_8));
    }

    static Outcome run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    static void see(InteractiveSession s) {
        SEEN.add(s.id().orElseThrow());
        SESSIONS.add(s);
        assertThat(s.execute("greet").text()).isEqualTo("hello");
    }

    // ------------------------------------------------------------------------------------------ scopes

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.METHOD)
    static class PerMethod {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }

        @Test
        void b(InteractiveSession s) {
            see(s);
        }

        @Test
        void c(InteractiveSession s) {
            see(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture")
    static class PerClassOne {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }

        @Test
        void b(InteractiveSession s) {
            see(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture")
    static class PerClassTwo extends PerClassOne {}

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    static class PerRunOne {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }

        @Test
        void b(InteractiveSession s) {
            see(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    static class PerRunTwo extends PerRunOne {}

    @Test
    void methodScopeGivesEachTestItsOwnSessionClosedAfterIt() {
        Outcome o = run(PerMethod.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(3);
        assertThat(new HashSet<>(SEEN)).hasSize(3);
        assertThat(SESSIONS).allSatisfy(s -> assertThat(s.state()).isEqualTo(SessionState.STOPPED));
        assertThat(FixtureProvider.CREATED).hasSize(1);
    }

    @Test
    void classScopeSharesOneSessionPerClassAndOneTransportPerRun() {
        Outcome o = run(PerClassOne.class, PerClassTwo.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(4);
        assertThat(new HashSet<>(SEEN)).hasSize(2);
        assertThat(SESSIONS).allSatisfy(s -> assertThat(s.state()).isEqualTo(SessionState.STOPPED));
        assertThat(FixtureProvider.CREATED).hasSize(1);
        assertThat(FixtureProvider.CREATED.get(0).sessionsCreated()).isEqualTo(2);
        assertThat(FixtureProvider.CREATED.get(0).isClosed())
                .as("shared transport closed at the end of the run")
                .isTrue();
    }

    @Test
    void runScopeSharesOneSessionAcrossClassesUntilTheRunEnds() {
        Outcome o = run(PerRunOne.class, PerRunTwo.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(4);
        assertThat(new HashSet<>(SEEN)).hasSize(1);
        assertThat(SESSIONS.peek().state()).isEqualTo(SessionState.STOPPED);
        assertThat(FixtureProvider.CREATED).hasSize(1);
        assertThat(FixtureProvider.CREATED.get(0).isClosed()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ broken sessions

    @Fixture
    @GlivyTest(transport = "fixture")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class BreaksItsSession {
        InteractiveSession session;
        SessionTransport transport;

        @Test
        @Order(1)
        void killsTheSession() {
            see(session);
            ((ScriptedTransport) transport).killSession(session.id().orElseThrow(), "driver died");
            try {
                session.execute("greet");
            } catch (RuntimeException expected) {
                // the session is FAILED now
            }
            assertThat(session.info().state()).isEqualTo(SessionState.FAILED);
        }

        @Test
        @Order(2)
        void getsAFreshOne() {
            assertThat(session.state().isReady()).isTrue();
            see(session);
        }

        @Test
        @Order(3)
        void closesItsSession() {
            see(session);
            session.close();
        }

        @Test
        @Order(4)
        void getsAnotherFreshOne() {
            see(session);
        }
    }

    @Test
    void aBrokenOrClosedSessionIsReplacedBeforeTheNextTest() {
        Outcome o = run(BreaksItsSession.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(4);
        assertThat(new ArrayList<>(SEEN)).hasSize(4);
        List<String> ids = new ArrayList<>(SEEN);
        assertThat(ids.get(1)).isNotEqualTo(ids.get(0));
        assertThat(ids.get(2)).isEqualTo(ids.get(1));
        assertThat(ids.get(3)).isNotEqualTo(ids.get(2));
    }

    @Fixture
    @GlivyTest(transport = "fixture")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LosesItsSession {
        InteractiveSession session;
        SessionTransport transport;

        @Test
        @Order(1)
        void theBackendForgetsTheSession() {
            see(session);
            ((ScriptedTransport) transport).loseSession(session.id().orElseThrow());
        }

        @Test
        @Order(2)
        void getsAFreshOne() {
            see(session);
        }
    }

    @Test
    void aSessionTheBackendLostIsReplacedBeforeTheNextTest() {
        Outcome o = run(LosesItsSession.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(2);
        List<String> ids = new ArrayList<>(SEEN);
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(FixtureProvider.CREATED.get(0).sessionsCreated()).isEqualTo(2);
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    @Order(1)
    static class RunKiller {
        @Test
        void killsTheRunSession(InteractiveSession s, SessionTransport t) {
            see(s);
            ((ScriptedTransport) t).killSession(s.id().orElseThrow(), "driver died");
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    @Order(2)
    static class RunAfterKillOne {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    @Order(3)
    static class RunAfterKillTwo extends RunAfterKillOne {}

    private static final Map<String, String> CLASSES_IN_ORDER =
            Map.of("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");

    @Test
    void aBrokenRunSessionIsReplacedForTheNextClassAndTheReplacementIsShared() {
        Outcome o = run(CLASSES_IN_ORDER, RunKiller.class, RunAfterKillOne.class, RunAfterKillTwo.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(3);
        List<String> ids = new ArrayList<>(SEEN);
        assertThat(ids.get(1)).isNotEqualTo(ids.get(0));
        assertThat(ids.get(2)).isEqualTo(ids.get(1));
        assertThat(FixtureProvider.CREATED.get(0).sessionsCreated()).isEqualTo(2);
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN, magics = "%idle_timeout 17")
    static class RunWithMagics {
        @Test
        void a(InteractiveSession s) {
            see(s);
            assertThat(s.config().idleTimeout()).hasValue(java.time.Duration.ofMinutes(17));
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN, magics = "%idle_timeout 17")
    static class RunWithSameMagics extends RunWithMagics {}

    @Test
    void runScopeKeepsOneSessionPerMagicsOnOneTransport() {
        Outcome o = run(PerRunOne.class, RunWithMagics.class, RunWithSameMagics.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(4);
        assertThat(new HashSet<>(SEEN)).hasSize(2);
        assertThat(FixtureProvider.CREATED).hasSize(1);
        assertThat(FixtureProvider.CREATED.get(0).sessionsCreated()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------ skipping

    @Fixture
    @GlivyTest(transport = "fixture")
    static class NeedsGreeting {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }

        @Test
        void b(InteractiveSession s) {
            see(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "nosuch")
    static class NeedsMissingModule {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }
    }

    @Test
    void anUnconfiguredBackendSkipsTheClassSayingWhatToSetOnOneStderrLine() {
        System.clearProperty("fixture.greeting");
        Outcome o = run(NeedsGreeting.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isZero();
        assertThat(o.skipped())
                .singleElement()
                .asString()
                .contains("Setting 'fixture.greeting' is required")
                .contains("-Dfixture.greeting or FIXTURE_GREETING")
                .contains("-Dglivy.test.transport=");
        assertThat(o.stderr().lines().toList())
                .singleElement()
                .asString()
                .startsWith("[skipped] NeedsGreeting: glivy-test backend 'fixture'")
                .contains("FIXTURE_GREETING");
        assertThat(SEEN).isEmpty();
    }

    @Test
    void aBackendWhoseModuleIsMissingSkipsNamingTheArtifacts() {
        Outcome o = run(NeedsMissingModule.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.skipped())
                .singleElement()
                .asString()
                .contains("No transport provider named 'nosuch'")
                .contains("found: fixture")
                .contains("dev.glivy:glivy-livy");
        assertThat(o.stderr()).startsWith("[skipped] NeedsMissingModule: ");
    }

    @Test
    void theBackendComesFromTheSystemPropertyWhenTheAnnotationNamesNone() {
        System.setProperty(GlivyExtension.TRANSPORT_PROPERTY, "nosuch-either");
        try {
            Outcome o = run(Unpinned.class);
            assertThat(o.skipped())
                    .singleElement()
                    .asString()
                    .contains("'nosuch-either'")
                    .contains("from glivy.test.transport/GLIVY_TEST_TRANSPORT");
            System.setProperty(GlivyExtension.TRANSPORT_PROPERTY, "fixture");
            assertThat(run(Unpinned.class).succeeded()).isEqualTo(1);
        } finally {
            System.clearProperty(GlivyExtension.TRANSPORT_PROPERTY);
        }
    }

    @Fixture
    @GlivyTest
    static class Unpinned {
        @Test
        void a(InteractiveSession s) {
            see(s);
        }
    }

    // ------------------------------------------------------------------------------------------ injection

    @Fixture
    @GlivyTest(transport = "fixture")
    static class InjectsEverywhere {
        static InteractiveSession beforeAllSession;
        static InteractiveSession staticField;
        final InteractiveSession fromConstructor;
        InteractiveSession field;
        SessionTransport transportField;

        InjectsEverywhere(InteractiveSession s) {
            this.fromConstructor = s;
        }

        @BeforeAll
        static void beforeAll(InteractiveSession s) {
            beforeAllSession = s;
        }

        @Test
        void everyInjectionPointGetsTheClassSession(InteractiveSession param, SessionTransport transport) {
            see(param);
            assertThat(field).isSameAs(param);
            assertThat(staticField).isSameAs(param);
            assertThat(fromConstructor).isSameAs(param);
            assertThat(beforeAllSession).isSameAs(param);
            assertThat(transportField).isSameAs(transport).isInstanceOf(ScriptedTransport.class);
        }
    }

    @Fixture
    @GlivyTest
    static class PinnedTransport {
        @GlivyTransport
        static final ScriptedTransport BACKEND = ScriptedTransport.create();

        static {
            BACKEND.when("greet").thenText("hello");
        }

        @Test
        void usesThePinnedTransport(InteractiveSession s, SessionTransport t) {
            see(s);
            assertThat(t).isSameAs(BACKEND);
            assertThat(s.execute("greet").backend()).isEqualTo(ScriptedTransport.BACKEND);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", magics = "%idle_timeout 17")
    static class WithMagics {
        @Test
        void magicsConfigureTheSession(InteractiveSession s) {
            see(s);
            assertThat(s.config().idleTimeout()).hasValue(java.time.Duration.ofMinutes(17));
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.METHOD)
    static class InjectsPerMethod {
        static final Queue<String> BEFORE_EACH = new ConcurrentLinkedQueue<>();
        InteractiveSession field;

        @BeforeEach
        void beforeEach(InteractiveSession s) {
            BEFORE_EACH.add(s.id().orElseThrow());
        }

        @Test
        void a(InteractiveSession param) {
            see(param);
            assertThat(field).isSameAs(param);
        }

        @Test
        void b(InteractiveSession param) {
            see(param);
            assertThat(field).isSameAs(param);
        }
    }

    @Test
    void methodScopeInjectsTheTestsOwnSessionIntoFieldsBeforeEachAndParameters() {
        InjectsPerMethod.BEFORE_EACH.clear();
        Outcome o = run(InjectsPerMethod.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(2);
        assertThat(new HashSet<>(SEEN)).hasSize(2);
        assertThat(new ArrayList<>(InjectsPerMethod.BEFORE_EACH)).containsExactlyElementsOf(SEEN);
    }

    @Test
    void injectsFieldsConstructorsLifecycleAndTestParameters() {
        Outcome o = run(InjectsEverywhere.class, PinnedTransport.class, WithMagics.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(3);
        assertThat(PinnedTransport.BACKEND.isClosed())
                .as("a pinned transport is the test's")
                .isFalse();
        assertThat(PinnedTransport.BACKEND.sessionsCreated()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ parallel

    static final int PARALLEL = 4;
    static CountDownLatch together = new CountDownLatch(PARALLEL);

    static void parallelBody(InteractiveSession s) throws InterruptedException {
        together.countDown();
        assertThat(together.await(30, TimeUnit.SECONDS))
                .as("all tests running at the same time")
                .isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(s.execute("echo " + i).text()).isEqualTo("echo " + i);
        }
        see(s);
    }

    @Fixture
    @GlivyTest(transport = "fixture")
    static class ParallelShared {
        @Test
        void a(InteractiveSession s) throws InterruptedException {
            parallelBody(s);
        }

        @Test
        void b(InteractiveSession s) throws InterruptedException {
            parallelBody(s);
        }

        @Test
        void c(InteractiveSession s) throws InterruptedException {
            parallelBody(s);
        }

        @Test
        void d(InteractiveSession s) throws InterruptedException {
            parallelBody(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.METHOD)
    static class ParallelPerTest extends ParallelShared {}

    private static final Map<String, String> CONCURRENT = Map.of(
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.default",
            "concurrent",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            String.valueOf(PARALLEL));

    @Test
    void parallelTestsShareTheClassSession() {
        together = new CountDownLatch(PARALLEL);
        Outcome o = run(CONCURRENT, ParallelShared.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(PARALLEL);
        assertThat(new HashSet<>(SEEN)).hasSize(1);
        assertThat(FixtureProvider.CREATED.get(0).executed(SEEN.peek())).hasSize(PARALLEL * 6);
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    static class ParallelRunOne {
        @Test
        void a(InteractiveSession s) throws InterruptedException {
            parallelBody(s);
        }

        @Test
        void b(InteractiveSession s) throws InterruptedException {
            parallelBody(s);
        }
    }

    @Fixture
    @GlivyTest(transport = "fixture", scope = SessionScope.RUN)
    static class ParallelRunTwo extends ParallelRunOne {}

    @Test
    void parallelClassesShareTheRunSession() {
        together = new CountDownLatch(PARALLEL);
        Map<String, String> config = new HashMap<>(CONCURRENT);
        config.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        Outcome o = run(config, ParallelRunOne.class, ParallelRunTwo.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(PARALLEL);
        assertThat(new HashSet<>(SEEN)).hasSize(1);
        assertThat(FixtureProvider.CREATED).hasSize(1);
        assertThat(FixtureProvider.CREATED.get(0).sessionsCreated()).isEqualTo(1);
        assertThat(FixtureProvider.CREATED.get(0).executed(SEEN.peek())).hasSize(PARALLEL * 6);
    }

    @Test
    void parallelTestsWithMethodScopeEachGetTheirOwn() {
        together = new CountDownLatch(PARALLEL);
        Outcome o = run(CONCURRENT, ParallelPerTest.class);
        assertThat(o.failures()).isEmpty();
        assertThat(o.succeeded()).isEqualTo(PARALLEL);
        Set<String> ids = new HashSet<>(SEEN);
        assertThat(ids).hasSize(PARALLEL);
        assertThat(FixtureProvider.CREATED).hasSize(1);
    }
}
