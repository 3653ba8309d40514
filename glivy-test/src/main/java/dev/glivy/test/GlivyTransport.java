package dev.glivy.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static} field of type {@link dev.glivy.spi.SessionTransport} (for example a
 * {@link ScriptedTransport}) whose value {@link GlivyExtension} uses for the class's sessions instead of choosing a
 * backend by name:
 *
 * <pre>{@code
 * @GlivyTest
 * class ReportTest {
 *     @GlivyTransport
 *     static final ScriptedTransport BACKEND = ScriptedTransport.create();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Ownership:</b> the extension never closes this transport; the sessions it made on it are closed as their
 * {@link SessionScope} says.
 *
 * @since 0.2
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GlivyTransport {}
