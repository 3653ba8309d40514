/**
 * The Apache Livy transport: {@link dev.glivy.livy.LivyTransport} runs Glivy sessions on a Livy server (0.5 or later)
 * over its REST API, with {@link dev.glivy.livy.LivyAuth} for Basic, bearer-token or Kerberos (SPNEGO)
 * authentication.
 *
 * <pre>{@code
 * try (InteractiveSession s = InteractiveSession.builder()
 *         .transport(LivyTransport.builder().url("http://127.0.0.1:8998"))
 *         .start()) {
 *     String count = s.execute("spark.range(10).count()").text();
 * }
 * }</pre>
 */
@NullMarked
package dev.glivy.livy;

import org.jspecify.annotations.NullMarked;
