package dev.glivy.examples;

import static dev.glivy.test.GlivyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.glivy.InteractiveSession;
import dev.glivy.test.GlivyTest;
import dev.glivy.test.SessionScope;
import java.io.IOException;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The README's "Measured: one local Spark per run, 3 classes x 3 tests": one JUnit run (JUnit's Launcher, inside this
 * test) on local Spark through {@code @GlivyTest}: a warm-up class starts Spark, then three rounds each run a group
 * of 3 classes x 3 tests with {@code scope = RUN} and a group with {@code scope = CLASS} (order alternating per
 * round: RUN first, CLASS first, RUN first), so both scopes run in the same JVM and position effects average out.
 * Each test runs one Scala Spark job and one {@code session.sql}. Reports each group's wall time, the median per
 * scope and their ratio to {@code target/scope-timing.md} and standard error, and checks what the scopes promise:
 * every test passed, all RUN classes shared one session, every CLASS class had its own.
 *
 * <p>Takes minutes (Spark start, 19 classes), so it runs only when asked:
 * {@code mvn -o -pl examples -am verify -Dtest=none -Dit.test=ScopeTimingIT -Dglivy.scope.timing=on
 * -Dinvoker.skip=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "glivy.scope.timing", matches = "on")
class ScopeTimingIT {
    static final int ROUNDS = 3;
    /** Session id seen by each fixture class (simple name to ids). */
    static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();

    /** A fixture class: runs only inside {@link #measure}, never when the build's own run selects it. */
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @EnabledIfSystemProperty(named = "glivy.scope.timing.fixtures", matches = "on")
    @interface Fixture {}

    static void work(InteractiveSession s, int n, Class<?> testClass) {
        assertThat(s.execute("spark.range(0, 200000, 1, 4).selectExpr(\"sum(id) as t\").first().getLong(0) + " + n))
                .succeeded()
                .hasTextContaining(String.valueOf(19999900000L + n));
        assertThat(s.sql("select count(*) as n from range(" + (1000 + n) + ")"))
                .containsExactlyRows(List.of((long) (1000 + n)));
        SEEN.computeIfAbsent(testClass.getSimpleName(), k -> ConcurrentHashMap.newKeySet())
                .add(s.id().orElseThrow());
    }

    @Fixture
    abstract static class ThreeTests {
        InteractiveSession session;

        @Test
        void first() {
            work(session, 1, getClass());
        }

        @Test
        void second() {
            work(session, 2, getClass());
        }

        @Test
        void third() {
            work(session, 3, getClass());
        }
    }

    @Fixture
    @GlivyTest(transport = "local")
    @Order(0)
    static class WarmUp {
        @Test
        void startsSpark(InteractiveSession s) {
            assertThat(s.execute("spark.range(10).count()")).succeeded();
        }
    }

    // Round 1: RUN, then CLASS.
    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(11)
    static class Run1A extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(12)
    static class Run1B extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(13)
    static class Run1C extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(14)
    static class Class1A extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(15)
    static class Class1B extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(16)
    static class Class1C extends ThreeTests {}
    // Round 2: CLASS, then RUN.
    @GlivyTest(transport = "local")
    @Order(21)
    static class Class2A extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(22)
    static class Class2B extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(23)
    static class Class2C extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(24)
    static class Run2A extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(25)
    static class Run2B extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(26)
    static class Run2C extends ThreeTests {}
    // Round 3: RUN, then CLASS.
    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(31)
    static class Run3A extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(32)
    static class Run3B extends ThreeTests {}

    @GlivyTest(transport = "local", scope = SessionScope.RUN)
    @Order(33)
    static class Run3C extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(34)
    static class Class3A extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(35)
    static class Class3B extends ThreeTests {}

    @GlivyTest(transport = "local")
    @Order(36)
    static class Class3C extends ThreeTests {}

    static final List<Class<?>> ORDER = List.of(
            WarmUp.class,
            Run1A.class,
            Run1B.class,
            Run1C.class,
            Class1A.class,
            Class1B.class,
            Class1C.class,
            Class2A.class,
            Class2B.class,
            Class2C.class,
            Run2A.class,
            Run2B.class,
            Run2C.class,
            Run3A.class,
            Run3B.class,
            Run3C.class,
            Class3A.class,
            Class3B.class,
            Class3C.class);

    @Test
    void measure() throws IOException {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(
                        "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
        ORDER.forEach(c -> b.selectors(selectClass(c)));
        LauncherDiscoveryRequest request = b.build();
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        Map<String, Duration> took = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int[] passed = {0};
        System.setProperty("glivy.scope.timing.fixtures", "on");
        try {
            // no auto-registered listeners (core testkit's SkipReporter would print the fixtures' skips as the build's)
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .build());
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionStarted(TestIdentifier id) {
                    startedAt.put(id.getUniqueId(), System.nanoTime());
                }

                @Override
                public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    long end = System.nanoTime();
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failures.add(id.getDisplayName() + ": "
                                + result.getThrowable()
                                        .map(Throwable::toString)
                                        .orElse(String.valueOf(result.getStatus())));
                    } else if (id.isTest()) {
                        passed[0]++;
                    }
                    if (id.isContainer() && id.getSource().orElse(null) instanceof ClassSource c) {
                        took.put(
                                c.getJavaClass().getSimpleName(),
                                Duration.ofNanos(end - startedAt.get(id.getUniqueId())));
                    }
                }
            });
        } finally {
            System.clearProperty("glivy.scope.timing.fixtures");
        }
        assertThat(failures).isEmpty();
        assertThat(passed[0]).isEqualTo(1 + 2 * ROUNDS * 3 * 3);
        assertThat(new ArrayList<>(took.keySet()))
                .as("classes in the given order")
                .containsExactlyElementsOf(
                        ORDER.stream().map(Class::getSimpleName).toList());

        Set<String> runSessions = new HashSet<>();
        Set<String> classSessions = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : SEEN.entrySet()) {
            assertThat(e.getValue()).as("sessions of %s", e.getKey()).hasSize(1);
            (e.getKey().startsWith("Run") ? runSessions : classSessions).addAll(e.getValue());
        }
        assertThat(runSessions).as("one session for every RUN class").hasSize(1);
        assertThat(classSessions).as("a session per CLASS class").hasSize(ROUNDS * 3);

        List<Duration> run = new ArrayList<>();
        List<Duration> cls = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (int round = 1; round <= ROUNDS; round++) {
            Duration r = group(took, "Run" + round);
            Duration c = group(took, "Class" + round);
            run.add(r);
            cls.add(c);
            rows.append("| ")
                    .append(round)
                    .append(" | ")
                    .append(round == 2 ? "CLASS, RUN" : "RUN, CLASS")
                    .append(" | ")
                    .append(seconds(r))
                    .append(" (")
                    .append(parts(took, "Run" + round))
                    .append(") | ")
                    .append(seconds(c))
                    .append(" (")
                    .append(parts(took, "Class" + round))
                    .append(") |\n");
        }
        Duration medianRun = median(run);
        Duration medianClass = median(cls);
        String report = "WarmUp (Spark start + first session): " + seconds(took.get("WarmUp")) + "\n\n"
                + "| round | order | RUN 3x3 (A + B + C) | CLASS 3x3 (A + B + C) |\n|---|---|---|---|\n" + rows
                + "| median | | " + seconds(medianRun) + " | " + seconds(medianClass) + " |\n\n"
                + String.format("CLASS / RUN (medians): %.2f%n", medianClass.toNanos() / (double) medianRun.toNanos());
        Path out = Path.of("target", "scope-timing.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.err.println(report);
    }

    private static Duration group(Map<String, Duration> took, String prefix) {
        return took.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static String parts(Map<String, Duration> took, String prefix) {
        return String.join(
                " + ",
                took.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix))
                        .map(e -> seconds(e.getValue()).replace(" s", ""))
                        .toList());
    }

    private static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
