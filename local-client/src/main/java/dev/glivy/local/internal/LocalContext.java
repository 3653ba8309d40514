package dev.glivy.local.internal;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a local session needs from its transport: the shared Spark, the transport's threads, the SQL runner, the
 * interpreter class path and the application class loader, and the clock.
 *
 * @param root the shared Spark
 * @param pool the transport's statement threads
 * @param timer the transport's timer thread (repeats interrupts of cancelled statements)
 * @param sql runs SQL statements
 * @param classpath the Scala interpreter's compile class path
 * @param appLoader the class loader interpreted code sees as parent (the one that loaded Glivy and Spark)
 * @param clock the clock for timestamps
 */
public record LocalContext(
        SparkRoot root,
        ExecutorService pool,
        ScheduledExecutorService timer,
        SqlRunner sql,
        String classpath,
        ClassLoader appLoader,
        Clock clock) {}
