package dev.glivy.test;

/**
 * How long a session {@link GlivyExtension} injects lives, and so which tests share it.
 *
 * <p>Whatever the scope, the transport (and so local Spark) is shared by the whole test run for each backend and
 * settings, and a session a test left broken (lost, failed, stopped) is replaced before the next test.
 *
 * @since 0.2
 */
public enum SessionScope {
    /** A new session for each test method, closed after it. Most isolated, slowest (about 1 s per test on local Spark). */
    METHOD,
    /** One session per test class, closed after the class's last test. The default. */
    CLASS,
    /**
     * One session for the whole test run (per backend, settings and magics), shared by every class that asks for
     * it, closed when the run ends (JUnit's root store). Fastest; tests see each other's temporary views.
     */
    RUN
}
