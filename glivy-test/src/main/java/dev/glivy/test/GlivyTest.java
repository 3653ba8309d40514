package dev.glivy.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class with {@link GlivyExtension}: fields, constructor parameters and test method parameters
 * of type {@link dev.glivy.InteractiveSession} (and {@link dev.glivy.spi.SessionTransport}) receive a started session
 * (and its transport).
 *
 * <pre>{@code
 * @GlivyTest(scope = SessionScope.RUN)
 * class PeopleQueriesTest {
 *     InteractiveSession session;   // injected before each test
 *
 *     @Test
 *     void countsPeople() {
 *         session.execute("Seq((\"ann\", 31)).toDF(\"name\", \"age\").createOrReplaceTempView(\"people\")");
 *         assertThat(session.sql("select count(*) as n from people")).containsExactlyRows(List.of(1L));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Which backend.</b> {@link #transport()} when set; otherwise the system property
 * {@value GlivyExtension#TRANSPORT_PROPERTY}, else the environment variable {@value GlivyExtension#TRANSPORT_ENV},
 * else {@code local}. So one suite runs on every backend: {@code mvn test -Dglivy.test.transport=livy} with
 * {@code LIVY_URL} set. The backend's module must be on the test class path ({@code glivy-local},
 * {@code glivy-livy} or {@code glivy-glue}); see {@link GlivyExtension} for its settings. A class whose backend is
 * not there or not configured is skipped, with one line on standard error saying what to set.
 *
 * @since 0.2
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GlivyExtension.class)
public @interface GlivyTest {
    /** The backend ({@code "local"}, {@code "livy"}, {@code "glue"}); default empty: chosen at run time. */
    String transport() default "";

    /** Which tests share a session. Default {@link SessionScope#CLASS}. */
    SessionScope scope() default SessionScope.CLASS;

    /**
     * Magics applied to every session, one per line, as in a notebook's first cell, for example
     * {@code "%idle_timeout 30\n%spark_conf spark.sql.shuffle.partitions=4"}. Default none.
     */
    String magics() default "";
}
