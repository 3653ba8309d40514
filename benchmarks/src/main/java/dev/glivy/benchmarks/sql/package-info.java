/**
 * SQL and history benchmarks: heap a long-lived session keeps ({@link dev.glivy.benchmarks.sql.HistoryMemoryBenchmark})
 * and the cost of typed SQL on a real Livy, generated wrapper against the native {@code sql} kind
 * ({@link dev.glivy.benchmarks.sql.LivySqlBenchmark}).
 *
 * <p><b>Not API.</b> This module is never published.
 */
@NullMarked
package dev.glivy.benchmarks.sql;

import org.jspecify.annotations.NullMarked;
