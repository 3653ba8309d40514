/**
 * The local transport: {@link dev.glivy.local.LocalTransport} runs {@link dev.glivy.InteractiveSession} statements
 * (Scala and Spark SQL) on an Apache Spark started inside your JVM in local mode. No cluster, no account: the same
 * session code you run against Livy or AWS Glue, for demos and integration tests.
 */
@NullMarked
package dev.glivy.local;

import org.jspecify.annotations.NullMarked;
