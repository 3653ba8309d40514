package dev.glivy.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line per test class that had skipped tests, with the reasons, to the process's own standard error.
 *
 * <p>Registered for every module whose tests see core's test-jar through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. Surefire and failsafe redirect
 * {@code System.out}/{@code System.err} of the tests to {@code target/*-reports/*-output.txt} and keep a skip's
 * reason only in the XML report; the forked JVM's own file descriptor 2 is copied to Maven's console, so the reason
 * (for example "LIVY_URL is not set: ...") is seen where the build runs. One line per class, whatever the number of
 * skipped tests: {@code [skipped] LivyRealIT: 7 of 7 tests: LIVY_URL is not set: ...}.
 */
public final class SkipReporter implements TestExecutionListener {
    private static final int MAX_REASON = 400;

    private final Map<String, ClassSkips> byClass = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    private static final class ClassSkips {
        final String className;
        final Set<String> reasons = new LinkedHashSet<>();
        int skipped;
        int total;

        ClassSkips(String className) {
            this.className = className;
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        record(id, reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(id, result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
        if (isClass(id)) {
            ClassSkips s = byClass.remove(id.getUniqueId());
            if (s != null) {
                report(s);
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        // Classes whose container never reported finishing (should not happen): report what is left.
        byClass.values().forEach(SkipReporter::report);
        byClass.clear();
    }

    private void record(TestIdentifier id, String reason) {
        Optional<TestIdentifier> cls = enclosingClass(id);
        if (cls.isEmpty()) {
            return;
        }
        ClassSkips s = byClass.computeIfAbsent(cls.get().getUniqueId(), k -> new ClassSkips(className(cls.get())));
        synchronized (s) {
            s.reasons.add(clean(reason));
            if (isClass(id)) {
                long tests = countTests(id);
                s.skipped += (int) tests;
                s.total += (int) tests;
            } else if (id.isTest()) {
                s.skipped++;
            } else {
                long tests = countTests(id);
                s.skipped += (int) tests;
            }
            if (s.total == 0) {
                s.total = (int) countTests(cls.get());
            }
        }
    }

    private long countTests(TestIdentifier id) {
        TestPlan p = plan;
        if (p == null) {
            return id.isTest() ? 1 : 0;
        }
        if (id.isTest()) {
            return 1;
        }
        return p.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
    }

    private Optional<TestIdentifier> enclosingClass(TestIdentifier id) {
        TestPlan p = plan;
        TestIdentifier cur = id;
        TestIdentifier top = null;
        while (cur != null) {
            if (isClass(cur)) {
                top = cur; // keep climbing: a @Nested class reports under its outermost class
            }
            cur = p == null ? null : p.getParent(cur).orElse(null);
        }
        if (top == null && id.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            return Optional.of(id);
        }
        return Optional.ofNullable(top);
    }

    private static boolean isClass(TestIdentifier id) {
        Optional<TestSource> src = id.getSource();
        return id.isContainer() && src.isPresent() && src.get() instanceof ClassSource;
    }

    private static String className(TestIdentifier id) {
        return id.getSource()
                .filter(ClassSource.class::isInstance)
                .map(s -> ((ClassSource) s).getClassName())
                .orElse(id.getDisplayName());
    }

    private static String clean(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        String r = reason.strip();
        if (r.startsWith("Assumption failed: ")) {
            r = r.substring("Assumption failed: ".length());
        }
        // AssertJ: "assumption was not met due to: [description] \nExpecting ..."; the description says what was
        // assumed, so it is reported as an assumption.
        boolean assertj = r.startsWith("assumption was not met due to: ");
        if (assertj) {
            r = r.substring("assumption was not met due to: ".length()).strip();
            if (r.startsWith("[") && r.indexOf(']') > 1) {
                r = r.substring(1, r.indexOf(']'));
            }
        }
        r = r.strip();
        int nl = r.indexOf('\n');
        if (nl >= 0) {
            r = r.substring(0, nl).strip();
        }
        if (assertj) {
            r = "assumption not met: " + r;
        }
        return r.length() > MAX_REASON ? r.substring(0, MAX_REASON) + "..." : r;
    }

    private static void report(ClassSkips s) {
        String simple = s.className.substring(s.className.lastIndexOf('.') + 1);
        String counts;
        synchronized (s) {
            counts = s.total > 0 ? s.skipped + " of " + s.total + " tests" : s.skipped + " tests";
            STDERR.println("[skipped] " + simple + ": " + counts + ": " + String.join(" | ", s.reasons));
        }
    }

    /** The forked JVM's real standard error (fd 2), not the stream surefire captures into the report files. */
    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
}
